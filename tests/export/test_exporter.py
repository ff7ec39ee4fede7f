"""Which articles, quotes and claims an export holds, what each record carries, and what it costs in queries."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.corpus.exporter import ExportError, ExportFilters, export_records, find_speaker
from annotations.models import Quote
from tests.factories import TEXT, make_article, make_claim, make_outlet, make_quote, make_speaker, make_user

pytestmark = pytest.mark.django_db


def exported(**filters) -> dict[str, list[str]]:
    """Each exported article's title with the content of its quotes."""
    return {
        record.title: [" / ".join(part.text_in(record.text) for part in quote.parts) for quote in record.quotes]
        for record in export_records(ExportFilters(**filters))
    }


def test_it_exports_confirmed_editorial_quotes_and_leaves_out_suggestions_rejections_and_gold():
    article = make_article(title="Minsk")
    make_quote(article, '"We are ready,"', status=Quote.Status.CONFIRMED, origin="en_core_web_sm-3.8.0+quotes")
    make_quote(article, '"Minsk is the place."', status=Quote.Status.SUGGESTED, origin="en_core_web_sm-3.8.0+quotes")
    make_quote(article, "the talks would go ahead", status=Quote.Status.CONFIRMED, origin=Quote.GOLD_ORIGIN)
    make_quote(make_article(TEXT + " Later.", title="Only suggested"), "We are ready", status=Quote.Status.SUGGESTED)
    assert exported() == {"Minsk": ['"We are ready,"']}
    assert exported(origin="gold") == {"Minsk": ["the talks would go ahead"]}
    assert exported(status="suggested") == {"Minsk": ['"Minsk is the place."'], "Only suggested": ["We are ready"]}


def test_it_dumps_every_quote_and_every_article_with_status_all_and_origin_all():
    article = make_article(title="Minsk")
    make_quote(article, '"We are ready,"', status=Quote.Status.REJECTED, origin=Quote.GOLD_ORIGIN)
    make_article(TEXT + " Unquoted.", title="Unquoted")
    assert exported(status="all", origin="all") == {"Minsk": ['"We are ready,"'], "Unquoted": []}
    assert exported(status="all") == {}


def test_it_keeps_an_article_with_a_claim_but_no_exported_quote():
    article = make_article(title="Checked")
    quote = make_quote(article, '"We are ready,"', status=Quote.Status.SUGGESTED)
    make_claim(article, quote=quote, start=0, end=6, verdict="false")
    (record,) = export_records(ExportFilters())
    assert record.quotes == []
    (claim,) = record.claims
    # The quote was left out, so the claim keeps its span but not the link to it.
    assert (claim.quote, claim.span.start, claim.span.end, claim.verdict) == (None, 0, 6, "false")


def test_it_filters_by_outlet_dates_speaker_article_ids_and_text():
    wire, daily = make_outlet("Wire", "wire.example"), make_outlet("Daily", "daily.example")
    peskov, price = make_speaker("Dmitry Peskov"), make_speaker("Ned Price", aliases=("Price",))
    march = make_article(title="March", outlet=wire, published_at=datetime(2024, 3, 5, tzinfo=UTC))
    april = make_article(TEXT + " Spring.", title="April", outlet=daily, published_at=datetime(2024, 4, 5, tzinfo=UTC))
    for article in (march, april):
        make_quote(article, '"We are ready,"', status=Quote.Status.CONFIRMED, speaker=peskov)
        make_quote(article, '"Minsk is the place."', status=Quote.Status.CONFIRMED, speaker=price)
    assert set(exported(outlet="daily.example")) == {"April"}
    assert set(exported(outlet="Wire")) == {"March"}
    assert set(exported(since=date(2024, 4, 1))) == {"April"}
    assert set(exported(until=date(2024, 3, 31))) == {"March"}
    assert exported(speaker=price.pk) == {"March": ['"Minsk is the place."'], "April": ['"Minsk is the place."']}
    assert set(exported(article_ids=(april.pk,))) == {"April"}
    assert set(exported(text="spring")) == {"April"}
    assert find_speaker("price") == price
    assert find_speaker(str(peskov.pk)) == peskov
    with pytest.raises(ExportError, match="no speaker named"):
        find_speaker("Nobody")


def test_it_carries_everything_a_restore_needs_in_each_record():
    editor = make_user("ed")
    speaker = make_speaker("Dmitry Peskov", aliases=("Peskov",), wikidata_id="Q2284", description="spokesperson")
    outlet = make_outlet()
    article = make_article(title="Minsk", outlet=outlet, url="https://wire.example/a", byline="Jane Roe")
    reviewed = datetime(2024, 3, 6, 9, 30, tzinfo=UTC)
    quote = make_quote(
        article,
        ('"We are ready,"', '"Minsk is the place."'),
        status=Quote.Status.CONFIRMED,
        kind=Quote.Kind.DIRECT,
        speaker=speaker,
        mention_start=TEXT.index("he said"),
        mention_end=TEXT.index("he said") + 2,
        cue_start=TEXT.index("he said") + 3,
        cue_end=TEXT.index("he said") + 7,
        confidence=0.9,
        origin="manual",
        reviewed_by=editor,
        reviewed_at=reviewed,
        review_seconds=4.5,
    )
    make_claim(article, quote=quote, verdict="true", reviewed_by=editor, reviewed_at=reviewed)
    (record,) = export_records(ExportFilters())
    assert (record.key, record.url, record.byline, record.outlet.domain) == (
        str(article.pk),
        "https://wire.example/a",
        "Jane Roe",
        "wire.example",
    )
    (exported_quote,) = record.quotes
    assert [part.text_in(TEXT) for part in exported_quote.parts] == ['"We are ready,"', '"Minsk is the place."']
    assert exported_quote.mention.text_in(TEXT) == "he"
    assert exported_quote.cue.text_in(TEXT) == "said"
    assert (exported_quote.speaker, exported_quote.reviewed_by, exported_quote.reviewed_at) == (
        str(speaker.pk),
        "ed",
        reviewed,
    )
    assert (exported_quote.review_seconds, exported_quote.confidence, exported_quote.origin) == (4.5, 0.9, "manual")
    (exported_speaker,) = record.speakers
    assert (exported_speaker.name, exported_speaker.wikidata_id, exported_speaker.aliases) == (
        "Dmitry Peskov",
        "Q2284",
        ["Peskov"],
    )
    (claim,) = record.claims
    assert (claim.quote, claim.verdict, claim.reviewed_by) == (exported_quote.key, "true", "ed")
    assert record.problems() == []


def corpus(n_articles: int) -> None:
    editor = make_user(f"ed{n_articles}")
    outlet = make_outlet(f"Outlet {n_articles}", f"o{n_articles}.example")
    for i in range(n_articles):
        speaker = make_speaker(f"Speaker {n_articles}-{i}", aliases=(f"Alias {i}",))
        article = make_article(TEXT + f" {n_articles}-{i}", outlet=outlet)
        for part in ('"We are ready,"', '"Minsk is the place."'):
            quote = make_quote(article, part, status=Quote.Status.CONFIRMED, speaker=speaker, reviewed_by=editor)
        make_claim(article, quote=quote, reviewed_by=editor)


@pytest.mark.parametrize("n_articles", [2, 40])
def test_it_exports_in_the_same_number_of_queries_whatever_the_number_of_articles(n_articles):
    corpus(n_articles)
    with CaptureQueriesContext(connection) as queries:
        records = list(export_records(ExportFilters(), chunk_size=100))
    assert len(records) == n_articles
    assert all(len(record.quotes) == 2 and record.speakers[0].aliases for record in records)
    # articles with outlets; quotes with reviewers; parts; further mentions; speakers; aliases; claims with reviewers
    assert len(queries) == 7
