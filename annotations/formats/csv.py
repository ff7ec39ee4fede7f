"""CSV for spreadsheets: one quote per row, UTF-8, a header first.

Spreadsheets run a cell that starts with = + - or @ as a formula (and a tab or
carriage return can hide one), so such cells get a leading apostrophe, which
spreadsheets show as text: the OWASP advice against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from annotations.formats.records import ArticleRecord, QuoteRecord

COLUMNS = [
    "article_id",
    "title",
    "url",
    "outlet",
    "published_at",
    "quote_id",
    "quote",
    "kind",
    "status",
    "origin",
    "confidence",
    "speaker",
    "speaker_id",
    "speaker_wikidata_id",
    "mention",
    "cue",
    "claims",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Quote parts interrupted by the attribution are joined as an editor reads them.
PART_SEPARATOR = " … "


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made text; numbers and empty cells unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _rows(rows: Iterable[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def encode_header() -> str:
    return _rows([COLUMNS])


def _claim_counts(record: ArticleRecord) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for claim in record.claims:
        counts[claim.quote] = counts.get(claim.quote, 0) + 1
    return counts


def _row(record: ArticleRecord, quote: QuoteRecord, claims: int) -> list[object]:
    text = record.text
    speaker = next((speaker for speaker in record.speakers if speaker.key == quote.speaker), None)
    return [
        record.key or "",
        record.title,
        record.url or "",
        record.outlet.name if record.outlet else "",
        record.published_at.isoformat() if record.published_at else "",
        quote.key or "",
        PART_SEPARATOR.join(part.text_in(text) for part in quote.parts),
        quote.kind,
        quote.status,
        quote.origin,
        "" if quote.confidence is None else quote.confidence,
        speaker.name if speaker else (quote.speaker_name or ""),
        speaker.key if speaker else "",
        speaker.wikidata_id if speaker else "",
        quote.mention.text_in(text) if quote.mention else "",
        quote.cue.text_in(text) if quote.cue else "",
        claims,
    ]


def encode_article(record: ArticleRecord) -> str:
    """The article's quotes as rows, in text order; an article without quotes gives no row."""
    claims = _claim_counts(record)
    quotes = sorted(record.quotes, key=lambda quote: min((part.start for part in quote.parts), default=0))
    return _rows(_row(record, quote, claims.get(quote.key, 0) if quote.key else 0) for quote in quotes)
