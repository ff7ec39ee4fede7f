from __future__ import annotations

import pytest

from annotations.models import Article, Quote
from annotations.suggest import suggest_articles
from tests.factories import make_article, make_quote, make_speaker

TEXT = (
    "Harbour master Lena Dahl said the dredging would start in March.\n"
    '"It will take six weeks," Dahl said.\n'
    '"The ferries will keep running," she said.'
)


@pytest.mark.django_db
def test_it_stores_suggestions_with_parts_cue_mention_and_origin():
    article = make_article(TEXT)
    created = suggest_articles([article])
    quotes = list(Quote.objects.filter(article=article).prefetch_related("parts").order_by("pk"))
    assert created == len(quotes) == 3
    ferries = next(q for q in quotes if "ferries" in q.content_text)
    assert ferries.status == Quote.Status.SUGGESTED
    assert ferries.kind == Quote.Kind.DIRECT
    assert ferries.cue_text == "said"
    assert ferries.mention_text == "she"
    assert ferries.proposed_speaker_name == "Lena Dahl"
    assert ferries.speaker is None
    assert "quotebook_quotes" in ferries.origin
    assert ferries.suggested["speaker_name"] == "Lena Dahl"
    assert 0 <= ferries.confidence <= 1
    article.refresh_from_db()
    assert article.status == Article.Status.SUGGESTED
    assert article.suggester_version == ferries.origin


@pytest.mark.django_db
def test_it_links_a_known_speaker_by_name_or_alias():
    dahl = make_speaker("Lena Dahl", aliases=("L. Dahl",))
    article = make_article(TEXT)
    suggest_articles([article])
    assert Quote.objects.filter(article=article, speaker=dahl).count() == 3
    assert not Quote.objects.filter(article=article).exclude(proposed_speaker_name="").exists()


@pytest.mark.django_db
def test_it_adds_nothing_when_run_twice():
    article = make_article(TEXT)
    first = suggest_articles([article])
    again = suggest_articles([article])
    assert first == 3
    assert again == 0
    assert Quote.objects.filter(article=article).count() == 3


@pytest.mark.django_db
def test_it_never_touches_or_overlaps_what_an_editor_reviewed():
    article = make_article(TEXT)
    confirmed = make_quote(article, '"It will take six', status=Quote.Status.CONFIRMED, origin=Quote.MANUAL_ORIGIN)
    rejected = make_quote(article, '"The ferries will keep running,"', status=Quote.Status.REJECTED, origin="x")
    suggest_articles([article])
    assert Quote.objects.filter(article=article).count() == 3
    confirmed.refresh_from_db()
    rejected.refresh_from_db()
    assert (confirmed.status, confirmed.version) == (Quote.Status.CONFIRMED, 1)
    assert (rejected.status, rejected.version) == (Quote.Status.REJECTED, 1)


@pytest.mark.django_db
def test_it_leaves_an_article_in_review_in_review():
    article = make_article(TEXT, status=Article.Status.IN_REVIEW)
    suggest_articles([article])
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


@pytest.mark.django_db
def test_it_suggests_beside_the_gold_reference_layer_but_not_twice():
    article = make_article(TEXT)
    gold = make_quote(article, '"It will take six weeks,"', status=Quote.Status.CONFIRMED, origin=Quote.GOLD_ORIGIN)
    assert suggest_articles([article]) == 3
    assert suggest_articles([article]) == 0
    suggested = Quote.objects.filter(article=article, status=Quote.Status.SUGGESTED)
    assert any(q.content_text == gold.content_text for q in suggested.prefetch_related("parts"))
    gold.refresh_from_db()
    assert (gold.status, gold.version) == (Quote.Status.CONFIRMED, 1)


def _article_quoting(times: int) -> Article:
    said = [f'"The harbour will reopen in week {n}," Dahl said.' for n in range(times)]
    return make_article("Harbour master Lena Dahl spoke on Monday.\n" + "\n".join(said))


@pytest.mark.django_db
@pytest.mark.parametrize("times", [3, 30])
def test_it_stores_an_articles_suggestions_in_queries_independent_of_how_many(django_assert_num_queries, times):
    dahl = make_speaker("Lena Dahl")
    article = _article_quoting(times)
    suggest_articles([article])  # the pipeline loads outside the count
    Quote.objects.all().delete()
    # Lookups, the speaker's lock, quotes, parts, their history rows, the article: not one per suggestion.
    with django_assert_num_queries(12):
        created = suggest_articles([article])
    assert created == times
    assert Quote.objects.filter(article=article, speaker=dahl).count() == times


@pytest.mark.django_db
def test_every_stored_suggestion_and_part_has_its_creation_in_the_history():
    article = _article_quoting(4)
    suggest_articles([article])
    quotes = list(Quote.objects.filter(article=article).prefetch_related("parts"))
    parts = [part for quote in quotes for part in quote.parts.all()]
    assert len(quotes) == 4 and len(parts) >= 4
    for quote in quotes:
        created = quote.history.get(history_type="+")
        assert (created.status, created.origin, created.speaker_id) == (quote.status, quote.origin, quote.speaker_id)
        assert created.history_change_reason is None
    for part in parts:
        created = part.history.get(history_type="+")
        assert (created.quote_id, created.start, created.end) == (part.quote_id, part.start, part.end)
