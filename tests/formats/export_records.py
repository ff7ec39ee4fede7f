"""Records to export in the format tests: a quote in two parts, a linked speaker, claims with verdicts."""

from __future__ import annotations

from datetime import UTC, datetime

from annotations.formats.records import ArticleRecord, ClaimRecord, OutletRecord, QuoteRecord, Span, SpeakerRecord

TEXT = '"We are ready," Peskov said. "Minsk is the place." The Kremlin said talks would go ahead.'


def span_of(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece))


def article(text: str = TEXT, **fields) -> ArticleRecord:
    if "quotes" not in fields:
        fields["quotes"] = [two_part_quote(text), indirect_quote(text)]
    fields.setdefault(
        "speakers",
        [
            SpeakerRecord(key="4", name="Dmitry Peskov", wikidata_id="Q2284", aliases=["Peskov"]),
            SpeakerRecord(key="9", name="Kremlin", kind="organisation"),
        ],
    )
    if "claims" not in fields:
        fields["claims"] = [
            ClaimRecord(
                statement="Russia is ready to hold talks in Minsk.",
                verdict="mostly_true",
                rationale="Delegations met there.",
                review_url="https://checks.example/minsk",
                span=span_of(text, "Minsk is the place."),
                quote="31",
                reviewed_by="checker",
                reviewed_at=datetime(2024, 3, 7, 12, 0, tzinfo=UTC),
            ),
            ClaimRecord(statement="Not looked at yet.", verdict="unrated"),
        ]
    fields.setdefault("key", "17")
    fields.setdefault("title", "Talks in Minsk")
    return ArticleRecord(
        text=text,
        url="https://wire.example/minsk",
        outlet=OutletRecord(name="Wire", domain="wire.example"),
        published_at=datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
        **fields,
    )


def two_part_quote(text: str = TEXT) -> QuoteRecord:
    return QuoteRecord(
        key="31",
        parts=[span_of(text, '"We are ready,"'), span_of(text, '"Minsk is the place."')],
        kind="direct",
        cue=span_of(text, "said"),
        mention=span_of(text, "Peskov"),
        speaker="4",
        origin="manual",
    )


def indirect_quote(text: str = TEXT) -> QuoteRecord:
    return QuoteRecord(
        key="32",
        parts=[span_of(text, "talks would go ahead")],
        kind="indirect",
        cue=Span(text.rindex("said"), text.rindex("said") + 4),
        mention=span_of(text, "The Kremlin"),
        speaker="9",
        origin="import",
    )
