"""The corrections an editor makes from the keyboard: word-by-word boundaries, split, join, a sentence as a
new quote, a speaker linked once for every quote naming it alike, and the guards before bulk and done."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from annotations import review
from annotations.forms import parse_id
from annotations.models import Article, Quote, ReviewAction, SpeakerAlias
from tests.factories import TEXT, make_article, make_quote, make_speaker

HX = {"HX-Request": "true"}


def quote_url(name: str, quote: Quote) -> str:
    return reverse(f"annotations:{name}", args=[quote.article_id, quote.pk])


def article_url(name: str, article: Article) -> str:
    return reverse(f"annotations:{name}", args=[article.pk])


@pytest.mark.parametrize(
    ("edge", "step", "expected"),
    [
        ("start", -1, 'ahead. "We are ready,"'),
        ("start", 1, 'We are ready,"'),
        ("end", 1, '"We are ready," he'),
        ("end", -1, '"We are ready'),
    ],
)
def test_it_moves_a_content_boundary_one_word(editor_client, edge, step, expected):
    article = make_article()
    quote = make_quote(article, '"We are ready,"')
    data = {"version": 1, "role": "content", "edge": edge, "step": step}
    response = editor_client.post(quote_url("quote_move", quote), data, headers=HX)
    assert response.status_code == 200
    assert Quote.objects.get(pk=quote.pk).content_text == expected
    # the answer is the card, the block under the quote, the counter and undo: a few KB, not the article
    assert 'id="article-text"' not in response.content.decode()


LONG = (
    "The Kremlin said Xi was ready for close coordination at the United Nations, where both hold a veto, "
    'and Putin said the operation aims to "demilitarize" Ukraine while calling on the army to lay down its arms.'
)


RAN_ON = 'the operation aims to "demilitarize" Ukraine while calling on the army to lay down its arms'


@pytest.mark.parametrize(
    ("content", "edge", "step", "expected"),
    [
        # the end goes back to before the comma of the clause the quote ran on into
        (
            "Xi was ready for close coordination at the United Nations, where both hold a veto",
            "end",
            -1,
            "Xi was ready for close coordination at the United Nations",
        ),
        # ... and to before a word that opens a clause of its own
        (RAN_ON, "end", -1, 'the operation aims to "demilitarize" Ukraine'),
        # forward to the sentence's end, its full stop left out first
        ('the operation aims to "demilitarize" Ukraine', "end", 1, RAN_ON),
        # the start, to the quotation mark ahead
        ('the operation aims to "demilitarize" Ukraine', "start", 1, '"demilitarize" Ukraine'),
    ],
)
def test_it_moves_a_content_boundary_a_phrase_at_a_time(editor_client, content, edge, step, expected):
    quote = make_quote(make_article(LONG), content)
    data = {"version": 1, "role": "content", "edge": edge, "step": step, "unit": "phrase"}
    response = editor_client.post(quote_url("quote_move", quote), data, headers=HX)
    assert response.status_code == 200
    assert Quote.objects.get(pk=quote.pk).content_text == expected
    assert "phrase edge" in json.loads(response["HX-Trigger"])["quotebook:notice"]["message"]
    # only what changed: the card and the blocks it touches, never the article
    assert 'id="article-text"' not in response.content.decode()


def test_phrase_stops_are_punctuation_quotation_marks_and_clause_words():
    text = 'He said, "We will go," while they waited (for now). Then: silence.'
    starts = [text[stop:].split()[0] for stop in review.phrase_stops(text, 20, "start")]
    ends = [text[:stop].split()[-1] for stop in review.phrase_stops(text, 20, "end")]
    assert starts == ["He", '"We', "We", "while", "(for", "for", "Then:", "silence."]
    assert ends == ["said", "go", 'go,"', "waited", "now", "now).", "Then", "silence", "silence."]


def test_it_moves_the_cue_and_refuses_a_missing_mention(editor_client):
    article = make_article()
    cue = TEXT.index("said the")
    quote = make_quote(article, "the talks would go ahead", cue_start=cue, cue_end=cue + 4)
    editor_client.post(quote_url("quote_move", quote), {"version": 1, "role": "cue", "edge": "end", "step": 1})
    assert Quote.objects.get(pk=quote.pk).cue_text == "said the"
    response = editor_client.post(
        quote_url("quote_move", quote), {"version": 2, "role": "mention", "edge": "start", "step": -1}, headers=HX
    )
    assert response.status_code == 400 and "has no speaker mention" in response.content.decode()


def test_it_never_shrinks_a_span_to_nothing(editor):
    text = "one two"
    assert review.step_boundary(text, 4, edge="start", step=1) == 7
    article = make_article(text)
    quote = make_quote(article, "two")
    with pytest.raises(review.ReviewError):
        review.quote_move_boundary(quote=quote, editor=editor, version=1, role="content", edge="start", step=1)
    assert Quote.objects.get(pk=quote.pk).version == 1


def test_it_splits_a_two_part_quote_and_focuses_the_new_one(editor_client):
    article = make_article()
    quote = make_quote(article, ('"We are ready,"', '"Minsk is the place."'), speaker=make_speaker())
    response = editor_client.post(quote_url("quote_split", quote), {"version": 1}, headers=HX)
    assert response.status_code == 200
    new = Quote.objects.exclude(pk=quote.pk).get()
    assert (Quote.objects.get(pk=quote.pk).content_text, new.content_text) == (
        '"We are ready,"',
        '"Minsk is the place."',
    )
    assert new.speaker.name == "Dmitry Peskov"
    assert f'"quote": {new.pk}' in response["HX-Trigger"]
    assert 'hx-swap-oob="beforeend:#quote-list"' in response.content.decode()
    # undo puts the one quote back
    editor_client.post(article_url("undo", article), headers=HX)
    assert Quote.objects.get().content_text == '"We are ready," … "Minsk is the place."'


def test_it_joins_the_next_quote_into_the_focused_one(editor, editor_client):
    article = make_article()
    first = make_quote(article, '"We are ready,"')
    second = make_quote(article, '"Minsk is the place."')
    data = {"version": 1, "other": second.pk, "other_version": 1}
    response = editor_client.post(quote_url("quote_join", first), data, headers=HX)
    assert response.status_code == 200
    assert Quote.objects.get(pk=first.pk).content_text == '"We are ready," … "Minsk is the place."'
    assert Quote.objects.get(pk=second.pk).status == "rejected"
    review.undo_last(article=article, editor=editor)
    assert Quote.objects.get(pk=first.pk).content_text == '"We are ready,"'
    assert Quote.objects.get(pk=second.pk).status == "suggested"


def test_it_adds_the_next_sentence_no_quote_covers_when_nothing_is_selected(editor_client):
    article = make_article()
    quote = make_quote(article, "the talks would go ahead")
    data = {"after": quote.parts.get().end, "kind": "direct"}
    response = editor_client.post(article_url("quote_add", article), data, headers=HX)
    assert response.status_code == 200
    added = Quote.objects.exclude(pk=quote.pk).get()
    assert added.content_text == '"We are ready," he said.'
    assert f'"quote": {added.pk}' in response["HX-Trigger"]


def test_it_offers_to_link_every_quote_naming_the_speaker_alike_and_keeps_the_alias(editor_client):
    text = 'Price said "no." Later Price said "never." A spokesman, Price, said "not now."'
    article = make_article(text)
    quotes = []
    for content in ('"no."', '"never."', '"not now."'):
        mention = text.rfind("Price", 0, text.index(content))
        quotes.append(make_quote(article, content, mention_start=mention, mention_end=mention + 5))
    price = make_speaker("Ned Price")
    response = editor_client.post(
        quote_url("quote_link_speaker", quotes[0]), {"version": 1, "speaker": price.pk}, headers=HX
    )
    html = response.content.decode()
    notice = json.loads(response["HX-Trigger"])["quotebook:notice"]["message"]
    assert "Link 2 more quotes" in html and "“Price” kept as an alias" in notice
    assert SpeakerAlias.objects.filter(speaker=price, name="Price").exists()
    offered = [f"{q.pk}:1" for q in quotes[1:]]
    for value in offered:
        assert f'value="{value}"' in html
    response = editor_client.post(
        quote_url("quote_link_same", quotes[0]), {"speaker": price.pk, "quotes": offered}, headers=HX
    )
    assert response.status_code == 200
    assert set(Quote.objects.values_list("speaker__name", flat=True)) == {"Ned Price"}
    assert ReviewAction.objects.filter(kind="link_speakers").count() == 1


def test_it_never_offers_pronouns_nor_records_them_as_aliases(editor):
    text = '"Yes," he said. "No," he said.'
    article = make_article(text)
    first = make_quote(article, '"Yes,"', mention_start=7, mention_end=9)
    make_quote(article, '"No,"', mention_start=22, mention_end=24)
    first.article = article
    speaker = make_speaker("Ned Price")
    assert review.quotes_naming_alike(first, speaker) == []
    assert review.record_aliases(first, speaker, editor=editor) == []


def test_it_creates_a_speaker_from_the_proposed_name_properly_capitalised(editor_client):
    article = make_article()
    quote = make_quote(article, '"We are ready,"', proposed_speaker_name="ned price")
    data = {"version": 1, "name": "ned price", "kind": "person"}
    editor_client.post(quote_url("quote_new_speaker", quote), data, headers=HX)
    assert Quote.objects.get(pk=quote.pk).speaker.name == "Ned Price"


def test_it_lists_unreviewed_suggestions_before_marking_done(editor_client):
    article = make_article()
    waiting = make_quote(article, '"We are ready,"')
    response = editor_client.post(article_url("article_done", article), headers=HX)
    html = response.content.decode()
    assert "1 suggestion still to review" in html and f'data-focus="{waiting.pk}"' in html
    assert Article.objects.get(pk=article.pk).status == "new"
    response = editor_client.post(article_url("article_done", article), {"anyway": "1"}, headers=HX)
    assert Article.objects.get(pk=article.pk).status == "done"


def test_it_lists_quotes_without_a_speaker_unticked_and_confirms_them_only_when_told(editor_client):
    article = make_article()
    linked = make_quote(article, '"We are ready,"', confidence=0.95, speaker=make_speaker())
    unlinked = make_quote(article, '"Minsk is the place."', confidence=0.95, proposed_speaker_name="Ned Price")
    html = editor_client.get(article_url("bulk_preview", article), {"threshold": "0.9"}, headers=HX).content.decode()
    assert f'value="{linked.pk}:1" checked' in html and "Dmitry Peskov" in html
    assert f'value="{unlinked.pk}:1">' in html and "no linked speaker (proposed: Ned Price)" in html
    both = {"threshold": "0.9", "quotes": [f"{linked.pk}:1", f"{unlinked.pk}:1"]}
    refused = editor_client.post(article_url("bulk_confirm", article), both, headers=HX)
    assert refused.status_code == 400 and set(Quote.objects.values_list("status", flat=True)) == {"suggested"}
    editor_client.post(article_url("bulk_confirm", article), {**both, "without_speaker": "1"}, headers=HX)
    assert set(Quote.objects.values_list("status", flat=True)) == {"confirmed"}


def test_it_previews_then_rejects_suggestions_below_a_confidence(editor_client):
    article = make_article()
    low = make_quote(article, '"We are ready,"', confidence=0.3)
    high = make_quote(article, '"Minsk is the place."', confidence=0.8)
    html = editor_client.get(article_url("bulk_reject_preview", article), {"below": "0.5"}, headers=HX).content.decode()
    assert f'value="{low.pk}:1" checked' in html and f'value="{high.pk}:' not in html
    assert set(Quote.objects.values_list("status", flat=True)) == {"suggested"}
    response = editor_client.post(
        article_url("bulk_reject", article), {"below": "0.5", "quotes": [f"{low.pk}:1"]}, headers=HX
    )
    assert response.status_code == 200
    assert dict(Quote.objects.values_list("pk", "status")) == {low.pk: "rejected", high.pk: "suggested"}


def test_it_compares_quotes_with_the_reference(editor_client):
    article = make_article()
    price = make_speaker("Ned Price")
    make_quote(article, '"We are ready,"', origin=Quote.GOLD_ORIGIN, speaker=price, status="confirmed")
    make_quote(article, '"Minsk is the place."', origin=Quote.GOLD_ORIGIN, speaker=price, status="confirmed")
    make_quote(article, "the talks would go ahead", origin=Quote.GOLD_ORIGIN, status="confirmed")
    same = make_quote(article, '"We are ready,"', speaker=price)
    wider = make_quote(article, '"Minsk is the place.', speaker=make_speaker())
    url = reverse("annotations:article_detail", args=[article.pk])
    plain = editor_client.get(url)
    assert plain.context["progress"]["total"] == 2  # gold is never counted
    response = editor_client.get(url, {"compare": "reference"})
    verdicts = {quote.pk: quote.reference for quote in response.context["quotes"]}
    assert verdicts == {same.pk: ["matching"], wider.pk: ["boundaries", "speaker"]}
    assert [quote.content_text for quote in response.context["missing"]] == ["the talks would go ahead"]


@pytest.mark.parametrize(("value", "parsed"), [("12", 12), (" 7 ", 7), ("²", None), ("-1", None), ("", None)])
def test_it_parses_ids_from_outside_as_ascii_digits_only(value, parsed):
    assert parse_id(value) == parsed


def test_it_refuses_a_superscript_id_in_a_bulk_list_with_400(editor_client):
    article = make_article()
    response = editor_client.post(
        article_url("bulk_confirm", article), {"threshold": "0.9", "quotes": ["²:1"]}, headers=HX
    )
    assert response.status_code == 400
