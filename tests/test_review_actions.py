"""Editorial actions as functions: what each changes, what each refuses, and that undo puts it back."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from annotations import review
from annotations.models import Article, Quote, QuotePart, ReviewAction, Speaker
from tests.factories import TEXT, make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db


def state(quote: Quote) -> tuple:
    quote = Quote.objects.get(pk=quote.pk)
    parts = tuple(quote.parts.values_list("start", "end"))
    return (quote.status, quote.kind, quote.speaker_id, quote.cue_start, quote.mention_start, parts, quote.version)


def test_it_confirms_bumps_the_version_and_records_who_and_how_long(editor):
    quote = make_quote(make_article(), '"We are ready,"', confidence=0.9)
    review.quote_confirm(quote=quote, editor=editor, version=1, seconds=4.5)
    quote.refresh_from_db()
    assert (quote.status, quote.version, quote.reviewed_by, quote.review_seconds) == ("confirmed", 2, editor, 4.5)
    assert quote.reviewed_at is not None
    latest = quote.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (editor, "confirm")


def test_it_adds_up_the_seconds_of_several_actions_on_one_quote(editor):
    quote = make_quote(make_article(), '"We are ready,"')
    review.quote_set_kind(quote=quote, editor=editor, version=1, kind="mixed", seconds=2)
    review.quote_reject(quote=quote, editor=editor, version=2, seconds=3)
    assert Quote.objects.get(pk=quote.pk).review_seconds == 5


def test_it_caps_a_decisions_seconds_at_an_hour(editor):
    quote = make_quote(make_article(), '"We are ready,"')
    review.quote_reject(quote=quote, editor=editor, version=1, seconds=100_000)
    assert Quote.objects.get(pk=quote.pk).review_seconds == review.MAX_REVIEW_SECONDS


def test_it_refuses_a_stale_version_and_changes_nothing(editor):
    quote = make_quote(make_article(), '"We are ready,"')
    review.quote_confirm(quote=quote, editor=editor, version=1)
    before = state(quote)
    with pytest.raises(review.StaleQuote) as refused:
        review.quote_reject(quote=quote, editor=editor, version=1)
    assert refused.value.quote.status == "confirmed" and refused.value.quote.version == 2
    assert state(quote) == before
    assert ReviewAction.objects.count() == 1


def test_it_says_a_deleted_quote_no_longer_exists(editor):
    quote = make_quote(make_article(), '"We are ready,"')
    Quote.objects.filter(pk=quote.pk).delete()
    with pytest.raises(review.QuoteGone, match="no longer exists"):
        review.quote_confirm(quote=quote, editor=editor, version=1)


@pytest.mark.parametrize(
    ("role", "field"),
    [("mention", "mention_start"), ("cue", "cue_start")],
)
def test_it_moves_the_mention_and_the_cue(editor, role, field):
    article = make_article()
    quote = make_quote(article, '"We are ready,"')
    start = TEXT.index("he said")
    end = start + (2 if role == "mention" else 7)
    review.quote_set_span(quote=quote, editor=editor, version=1, role=role, start=start, end=end)
    assert getattr(Quote.objects.get(pk=quote.pk), field) == start


def test_it_replaces_the_content_part_the_selection_overlaps(editor):
    article = make_article()
    quote = make_quote(article, ('"We are ready,"', '"Minsk is the place."'))
    start = TEXT.index("Minsk is")
    review.quote_set_span(quote=quote, editor=editor, version=1, role="content", start=start, end=start + 5)
    parts = list(QuotePart.objects.filter(quote=quote).values_list("start", "end"))
    assert parts == [(TEXT.index('"We'), TEXT.index('"We') + 15), (start, start + 5)]


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 5), (9, 3), (0, len(TEXT) + 1), (-1, 4)],
    ids=["empty", "reversed", "past the end", "negative"],
)
def test_it_refuses_a_bad_span_and_saves_nothing(editor, start, end):
    quote = make_quote(make_article(), '"We are ready,"')
    before = state(quote)
    for role in review.SPAN_ROLES:
        with pytest.raises(ValidationError):
            review.quote_set_span(quote=quote, editor=editor, version=1, role=role, start=start, end=end)
    assert state(quote) == before
    assert not ReviewAction.objects.exists()


def test_it_adds_and_removes_content_parts_but_keeps_one(editor):
    quote = make_quote(make_article(), '"We are ready,"')
    start = TEXT.index('"Minsk')
    review.quote_add_part(quote=quote, editor=editor, version=1, start=start, end=len(TEXT))
    assert quote.parts.count() == 2
    with pytest.raises(ValidationError, match="overlaps"):
        review.quote_add_part(quote=quote, editor=editor, version=2, start=start + 1, end=start + 4)
    first, second = quote.parts.all()
    review.quote_remove_part(quote=quote, editor=editor, version=2, part_id=first.pk)
    with pytest.raises(ValidationError, match="at least one"):
        review.quote_remove_part(quote=quote, editor=editor, version=3, part_id=second.pk)
    assert list(quote.parts.values_list("pk", flat=True)) == [second.pk]


def test_it_sets_the_kind_and_refuses_an_unknown_one(editor):
    quote = make_quote(make_article(), '"We are ready,"')
    review.quote_set_kind(quote=quote, editor=editor, version=1, kind="indirect")
    with pytest.raises(ValidationError):
        review.quote_set_kind(quote=quote, editor=editor, version=2, kind="sung")
    assert Quote.objects.get(pk=quote.pk).kind == "indirect"


def test_it_links_an_existing_speaker_instead_of_creating_a_duplicate(editor):
    peskov = make_speaker("Dmitry Peskov", aliases=("Dmitri Peskov",))
    for name in ("dmitry  PESKOV", "Dmitri Peskov"):
        speaker, created = review.speaker_find_or_create(name=name, kind="person", editor=editor)
        assert (speaker, created) == (peskov, False)
    speaker, created = review.speaker_find_or_create(name="Ned Price", kind="person", editor=editor)
    assert created and speaker.history.latest().history_user == editor
    assert Speaker.objects.count() == 2


def test_it_adds_a_missed_quote_confirmed_and_manual(editor):
    article = make_article()
    start = TEXT.index('"Minsk')
    quote = review.quote_add(article=article, editor=editor, start=start, end=len(TEXT))
    assert (quote.status, quote.origin, quote.reviewed_by) == ("confirmed", "manual", editor)
    assert quote.content_text == '"Minsk is the place."'


def test_it_adds_no_quote_for_a_bad_span(editor):
    article = make_article()
    with pytest.raises(ValidationError):
        review.quote_add(article=article, editor=editor, start=10, end=len(TEXT) + 5)
    assert not Quote.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "snapped"),
    [
        (TEXT.index("eskov"), TEXT.index("eskov") + 3, "Peskov"),
        (TEXT.index(" the talks"), TEXT.index(" the talks") + 8, "the talks"),
        (TEXT.index("We are") + 1, TEXT.index("ready") + 2, "We are ready"),
        (TEXT.index("Minsk"), TEXT.index("Minsk") + 5, "Minsk"),
    ],
)
def test_it_snaps_a_selection_to_whole_words(start, end, snapped):
    new_start, new_end = review.snap_to_words(TEXT, start, end)
    assert TEXT[new_start:new_end] == snapped


@given(st.text(min_size=1, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_it_snaps_inside_the_text_and_never_cuts_a_word(text, start, end):
    new_start, new_end = review.snap_to_words(text, min(start, end), max(start, end))
    assert 0 <= new_start <= new_end <= len(text)
    if new_start < new_end:
        assert not (new_start > 0 and text[new_start - 1].isalnum() and text[new_start].isalnum())
        assert not (new_end < len(text) and text[new_end].isalnum() and text[new_end - 1].isalnum())
        assert not text[new_start].isspace() and not text[new_end - 1].isspace()


def bulk_article():
    article = make_article()
    high = make_quote(article, '"We are ready,"', confidence=0.95)
    low = make_quote(article, '"Minsk is the place."', confidence=0.5)
    indirect = make_quote(article, "the talks would go ahead", confidence=0.99, kind=Quote.Kind.INDIRECT)
    return article, high, low, indirect


def test_it_lists_only_suggested_direct_quotes_at_or_above_the_threshold():
    article, high, _low, _indirect = bulk_article()
    assert list(review.bulk_candidates(article, 0.95)) == [high]


def test_it_bulk_confirms_the_checked_quotes_with_history(editor):
    article, high, low, indirect = bulk_article()
    review.quotes_bulk_confirm(
        article=article, editor=editor, threshold=0.9, versions={high.pk: 1}, without_speaker=True
    )
    statuses = dict(Quote.objects.values_list("pk", "status"))
    assert statuses == {high.pk: "confirmed", low.pk: "suggested", indirect.pk: "suggested"}
    latest = Quote.objects.get(pk=high.pk).history.latest()
    assert (latest.history_user, latest.status) == (editor, "confirmed")


@pytest.mark.parametrize("which", ["stale", "below", "indirect"])
def test_it_refuses_the_whole_bulk_confirm_when_one_quote_does_not_qualify(editor, which):
    article, high, low, indirect = bulk_article()
    versions = {high.pk: 1, **{"stale": {low.pk: 7}, "below": {low.pk: 1}, "indirect": {indirect.pk: 1}}[which]}
    with pytest.raises(review.ReviewError):
        review.quotes_bulk_confirm(article=article, editor=editor, threshold=0.9, versions=versions)
    assert set(Quote.objects.values_list("status", flat=True)) == {"suggested"}


def test_it_undoes_each_kind_of_quote_change(editor):
    article = make_article()
    speaker = make_speaker()
    quote = make_quote(article, '"We are ready,"')
    original = state(quote)
    mention = TEXT.index("he said")
    steps = [
        lambda v: review.quote_confirm(quote=quote, editor=editor, version=v),
        lambda v: review.quote_set_kind(quote=quote, editor=editor, version=v, kind="mixed"),
        lambda v: review.quote_link_speaker(quote=quote, editor=editor, version=v, speaker=speaker),
        lambda v: review.quote_set_span(
            quote=quote, editor=editor, version=v, role="mention", start=mention, end=mention + 2
        ),
        lambda v: review.quote_set_span(quote=quote, editor=editor, version=v, role="content", start=0, end=6),
        lambda v: review.quote_add_part(quote=quote, editor=editor, version=v, start=mention + 9, end=len(TEXT)),
    ]
    states = []
    for version, step in enumerate(steps, start=1):
        states.append(state(quote))
        step(version)
    for expected in reversed(states):
        review.undo_last(article=article, editor=editor)
        assert state(quote)[:-1] == expected[:-1]
    assert state(quote)[:-1] == original[:-1]
    assert state(quote)[-1] == 1 + 2 * len(steps)  # undo is a change too: it bumps the version
    assert Quote.objects.get(pk=quote.pk).history.latest().history_change_reason.startswith("undo")
    with pytest.raises(review.NothingToUndo):
        review.undo_last(article=article, editor=editor)


def test_it_undoes_an_added_quote_by_deleting_it(editor):
    article = make_article()
    review.quote_add(article=article, editor=editor, start=0, end=6)
    review.undo_last(article=article, editor=editor)
    assert not Quote.objects.exists() and not QuotePart.objects.exists()


def test_it_undoes_a_bulk_confirm_as_one_action(editor):
    article, high, low, _indirect = bulk_article()
    low.confidence = 0.92
    low.save()
    review.quotes_bulk_confirm(
        article=article, editor=editor, threshold=0.9, versions={high.pk: 1, low.pk: 1}, without_speaker=True
    )
    review.undo_last(article=article, editor=editor)
    assert set(Quote.objects.values_list("status", flat=True)) == {"suggested"}


def test_it_refuses_to_undo_what_another_editor_changed_since(editor, admin_user):
    article = make_article()
    quote = make_quote(article, '"We are ready,"')
    review.quote_confirm(quote=quote, editor=editor, version=1)
    review.quote_reject(quote=quote, editor=admin_user, version=2)
    with pytest.raises(review.StaleQuote):
        review.undo_last(article=article, editor=editor)
    assert Quote.objects.get(pk=quote.pk).status == "rejected"
    assert ReviewAction.objects.filter(editor=editor, undone_at__isnull=True).exists()


def test_it_undoes_only_the_editors_own_actions(editor, admin_user):
    article = make_article()
    first = make_quote(article, '"We are ready,"')
    second = make_quote(article, '"Minsk is the place."')
    review.quote_confirm(quote=first, editor=editor, version=1)
    review.quote_reject(quote=second, editor=admin_user, version=1)
    review.undo_last(article=article, editor=editor)
    assert dict(Quote.objects.values_list("pk", "status")) == {first.pk: "suggested", second.pk: "rejected"}


def test_it_marks_an_article_done_and_undoes_it(editor):
    article = make_article(status=Article.Status.IN_REVIEW)
    review.article_done(article=article, editor=editor)
    assert Article.objects.get(pk=article.pk).status == "done"
    review.undo_last(article=article, editor=editor)
    assert Article.objects.get(pk=article.pk).status == "in_review"


def test_it_marks_an_opened_article_without_changing_its_status_or_history(editor):
    article = make_article(status=Article.Status.SUGGESTED)
    review.article_open(article=article, editor=editor)
    article = Article.objects.get(pk=article.pk)
    assert (article.status, article.opened_by) == ("suggested", editor)
    assert article.history.count() == 1


def test_it_puts_an_article_in_review_at_the_first_action(editor):
    article = make_article(status=Article.Status.SUGGESTED)
    quote = make_quote(article, '"We are ready,"')
    review.quote_confirm(quote=quote, editor=editor, version=1)
    article = Article.objects.get(pk=article.pk)
    assert article.status == "in_review"
    assert article.history.latest().history_user == editor
