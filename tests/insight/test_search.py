"""Search: words, filters, the quote in context, claims, htmx partials, and shareable URLs."""

from __future__ import annotations

from django.db import connection
from django.urls import reverse

from annotations.models import Quote, QuotePart
from tests.factories import make_article, make_quote
from tests.insight.corpus import news_corpus

URL = reverse("annotations:search")


def found(response) -> list[str]:
    return sorted(quote.context.quoted for quote in response.context["page"])


def test_it_finds_quotes_by_their_words_leaving_out_rejected_and_gold_quotes(editor_client):
    news_corpus()
    response = editor_client.get(URL, {"q": "bridge"})
    # "the bridge is safe" is gold and "bridge tolls rise" was rejected
    assert found(response) == ['"the bridge opens in May"', '"we need the bridge"']
    assert response.context["claim_count"] == 1  # "The bridge opens in May." (the gold quote's claim is left out)


def test_it_needs_every_word(editor_client):
    news_corpus()
    assert found(editor_client.get(URL, {"q": "bridge May"})) == ['"the bridge opens in May"']
    assert found(editor_client.get(URL, {"q": "bridge harbour"})) == []


def test_it_finds_rejected_quotes_only_when_asked(editor_client):
    news_corpus()
    assert found(editor_client.get(URL, {"q": "tolls", "status": "rejected"})) == ['"bridge tolls rise"']
    assert found(editor_client.get(URL, {"q": "tolls"})) == ['"tolls stay low"']


def test_it_filters_by_speaker_name_or_alias_outlet_date_kind_and_verdict(editor_client):
    corpus = news_corpus()
    by_alias = found(editor_client.get(URL, {"speaker": "lee"}))
    assert by_alias == ['"ferries keep running"', '"the bridge opens in May"', '"the tunnel waits"', '"tolls stay low"']
    assert found(editor_client.get(URL, {"speaker": "Chen", "outlet": corpus["daily"].pk})) == ['"the harbour is full"']
    assert found(editor_client.get(URL, {"since": "2026-03-09"})) == [
        '"fees will rise"',
        '"nobody asked us"',
        '"the harbour is full"',
    ]
    assert found(editor_client.get(URL, {"kind": "indirect"})) == ['"the budget is tight"']
    assert found(editor_client.get(URL, {"verdict": "false"})) == ['"the bridge opens in May"']
    response = editor_client.get(URL, {"status": "suggested"})
    assert found(response) == ['"repairs start soon"']
    assert "Unconfirmed suggestion" in response.content.decode()


def test_it_searches_claims_by_statement_and_rationale(editor_client):
    news_corpus()
    response = editor_client.get(URL, {"q": "June"})
    assert [claim.statement for claim in response.context["claims"]] == ["The bridge opens in May."]
    response = editor_client.get(URL, {"verdict": "mostly_true"})
    assert [claim.statement for claim in response.context["claims"]] == ["Ferries run every day."]


def test_it_shows_the_quote_in_its_sentence_and_links_it_in_its_article(editor_client):
    news_corpus()
    response = editor_client.get(URL, {"q": "harbour"})
    quote = response.context["page"][0]
    assert (quote.context.before, quote.context.quoted) == ("Bo Chen said ", '"the harbour is full"')
    assert quote.context.after.startswith(". The council said")
    html = response.content.decode()
    assert f"{reverse('annotations:article_detail', args=[quote.article_id])}#quote-{quote.pk}" in html
    assert "<mark>&quot;the harbour is full&quot;</mark>" in html


def test_it_answers_htmx_with_the_results_alone_and_plain_requests_with_the_page(editor_client):
    news_corpus()
    partial = editor_client.get(URL, {"q": "bridge"}, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="results"')
    assert "<form" not in partial and "<html" not in partial
    page = editor_client.get(URL, {"q": "bridge"}).content.decode()
    # the form keeps what was asked, so the URL can be shared and the page works without JavaScript
    assert 'name="q"' in page and 'value="bridge"' in page and 'method="get"' in page


def test_it_asks_for_words_or_a_filter_before_searching(editor_client):
    news_corpus()
    response = editor_client.get(URL)
    assert response.context["page"] is None
    assert "Type words" in response.content.decode()


def test_it_refuses_a_bad_filter_with_a_message_not_an_error(editor_client):
    response = editor_client.get(URL, {"since": "not a date", "status": "lost"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_it_matches_word_stems_best_first_on_postgresql_and_words_as_written_on_sqlite(editor_client):
    article = make_article('Lee said "talks talks talks". Chen said "the talk is over, and talking helps".')
    make_quote(article, '"the talk is over, and talking helps"', status=Quote.Status.CONFIRMED)
    make_quote(article, '"talks talks talks"', status=Quote.Status.CONFIRMED)
    ranked = [q.context.quoted for q in editor_client.get(URL, {"q": "talking"}).context["page"]]
    if connection.vendor == "postgresql":
        # "talking" stems to "talk": both match, the quote saying it three times first
        assert ranked == ['"talks talks talks"', '"the talk is over, and talking helps"']
    else:
        assert ranked == ['"the talk is over, and talking helps"']


def test_it_keeps_a_quotes_words_current_when_its_parts_change(editor_client):
    article = make_article('Lee said "the ferry is late" and "the bus is early".')
    quote = make_quote(article, '"the ferry is late"', status=Quote.Status.CONFIRMED)
    start = article.text.index('"the bus')
    QuotePart.objects.filter(quote=quote).update(start=start, end=start + len('"the bus is early"'))
    assert found(editor_client.get(URL, {"q": "bus"})) == ['"the bus is early"']
    assert found(editor_client.get(URL, {"q": "ferry"})) == []
