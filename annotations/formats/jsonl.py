"""JSON Lines: one article per line, with its quotes, speakers and claims; the export's header line first.

The schema (version 1) is written down in the README under "JSONL schema
(version 1)". A file made by hand needs only "text" on each line; everything
else is optional. Offsets are Python str indices of "text".
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from annotations.formats.common import (
    NESTED_TOO_DEEPLY,
    check_span_text,
    format_datetime,
    parse_datetime,
    read_text,
    span_from_json,
    span_json,
)
from annotations.formats.records import (
    IMPORT_ORIGIN,
    SCHEMA_VERSION,
    ArticleRecord,
    ClaimRecord,
    OutletRecord,
    QuoteRecord,
    RecordError,
    SpeakerRecord,
)

ARTICLE_KEYS = frozenset(
    {"id", "text", "title", "url", "outlet", "published_at", "byline", "language", "status", "suggester_version"}
    | {"quotes", "speakers", "claims"}
)
HEADER_KEY = "quotebook_export"
# A line is read into memory whole before it is parsed; past this many bytes it is
# refused unread. The article text alone may be 500,000 characters (up to 2 MB of
# UTF-8, more when escaped), and its quotes and claims repeat some of it.
MAX_LINE_BYTES = 16 * 1024 * 1024
_SKIP_CHUNK = 1024 * 1024


def encode_header(**meta: Any) -> str:
    """The first line of an export: {"quotebook_export": {"schema_version": 1, ...meta}}."""
    body = {"schema_version": SCHEMA_VERSION}
    body.update({key: format_datetime(value) if hasattr(value, "isoformat") else value for key, value in meta.items()})
    return json.dumps({HEADER_KEY: body}, ensure_ascii=False)


def encode_article(record: ArticleRecord) -> str:
    text = record.text
    line: dict[str, Any] = {"id": record.key, "title": record.title, "url": record.url}
    line["outlet"] = {"name": record.outlet.name, "domain": record.outlet.domain} if record.outlet else None
    line.update(
        published_at=format_datetime(record.published_at),
        byline=record.byline,
        language=record.language,
        status=record.status,
        suggester_version=record.suggester_version,
        text=text,
        speakers=[
            {
                "id": speaker.key,
                "name": speaker.name,
                "kind": speaker.kind,
                "description": speaker.description,
                "wikidata_id": speaker.wikidata_id,
                "gender": speaker.gender,
                "aliases": list(speaker.aliases),
            }
            for speaker in record.speakers
        ],
        quotes=[
            {
                "id": quote.key,
                "kind": quote.kind,
                "status": quote.status,
                "contents": [span_json(text, part) for part in quote.parts],
                "cue": span_json(text, quote.cue),
                "mention": span_json(text, quote.mention),
                **(
                    {"more_mentions": [span_json(text, span) for span in quote.more_mentions]}
                    if quote.more_mentions
                    else {}
                ),
                "speaker": quote.speaker,
                "speaker_name": quote.speaker_name,
                "confidence": quote.confidence,
                "origin": quote.origin,
                "reviewed_by": quote.reviewed_by,
                "reviewed_at": format_datetime(quote.reviewed_at),
                "review_seconds": quote.review_seconds,
                "suggested": quote.suggested,
            }
            for quote in record.quotes
        ],
        claims=[
            {
                "statement": claim.statement,
                "verdict": claim.verdict,
                "rationale": claim.rationale,
                "review_url": claim.review_url,
                "span": span_json(text, claim.span),
                "quote": claim.quote,
                "reviewed_by": claim.reviewed_by,
                "reviewed_at": format_datetime(claim.reviewed_at),
            }
            for claim in record.claims
        ],
    )
    return json.dumps(line, ensure_ascii=False)


def decode(data: bytes, *, unknown_keys: set[str] | None = None) -> Iterator[ArticleRecord | RecordError]:
    """One record (or RecordError with its line number) per non-blank line; a header line is checked and skipped.

    Keys this schema does not know are added to unknown_keys (when given), so a
    caller can report them once rather than once per line.
    """
    for _number, result in decode_numbered(data, unknown_keys=unknown_keys):
        yield result


def decode_numbered(
    data: bytes, *, unknown_keys: set[str] | None = None, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int | None, ArticleRecord | RecordError]]:
    """decode(), each result with the line it came from."""
    return decode_stream(io.BytesIO(data), unknown_keys=unknown_keys, max_line_bytes=max_line_bytes)


def decode_stream(
    stream: BinaryIO, *, unknown_keys: set[str] | None = None, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[tuple[int | None, ArticleRecord | RecordError]]:
    """decode_numbered() reading a binary file line by line: memory stays flat however big the file,
    and a line longer than max_line_bytes is refused with its number without being read whole."""
    empty = True
    for number, raw in _lines(stream, max_line_bytes):
        if raw is None:
            empty = False
            yield number, RecordError(f"the line is longer than {max_line_bytes:,} bytes", line=number)
            continue
        if not raw.strip():
            continue
        empty = False
        try:
            line = json.loads(read_text(raw, line=number))
        except RecordError as error:
            yield number, error
            continue
        except json.JSONDecodeError as error:
            yield number, RecordError(f"invalid JSON: {error.msg} (column {error.colno})", line=number)
            continue
        except RecursionError:
            yield number, RecordError(NESTED_TOO_DEEPLY, line=number)
            continue
        if not isinstance(line, dict):
            yield number, RecordError("expected a JSON object", line=number)
            continue
        if HEADER_KEY in line:
            version = (line[HEADER_KEY] or {}).get("schema_version") if isinstance(line[HEADER_KEY], dict) else None
            if version != SCHEMA_VERSION:
                message = f"schema version {version!r} is not one this Quotebook reads ({SCHEMA_VERSION})"
                yield number, RecordError(message, line=number)
                return
            continue
        if unknown_keys is not None:
            unknown_keys.update(set(line) - ARTICLE_KEYS)
        try:
            yield number, article_from_json(line, line=number)
        except RecordError as error:
            yield number, error
    if empty:
        yield None, RecordError("the file is empty")


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line of stream; None for a line over limit bytes, passed over in chunks kept nowhere."""
    number, chunk_size = 0, min(limit + 1, _SKIP_CHUNK)
    while raw := stream.readline(limit + 1):
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw
            continue
        while (chunk := stream.readline(chunk_size)) and not chunk.endswith(b"\n"):
            pass
        yield number, None


def _text(value: Any, label: str, *, line: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"{label} must be a string, got {type(value).__name__}", line=line)
    return value


def _list(value: Any, label: str, *, line: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{label} must be a list", line=line)
    return value


def _key(value: Any) -> str | None:
    return None if value is None else str(value)


def _outlet(value: Any, *, line: int) -> OutletRecord | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        # A domain has a dot and no spaces; anything else is a name.
        value = value.strip()
        if "." in value and " " not in value:
            return OutletRecord(name=value, domain=value.lower())
        return OutletRecord(name=value)
    if isinstance(value, dict) and isinstance(value.get("name") or value.get("domain"), str):
        domain = _text(value.get("domain"), "outlet domain", line=line).strip().lower()
        return OutletRecord(name=_text(value.get("name"), "outlet name", line=line) or domain, domain=domain)
    raise RecordError("outlet must be a domain, a name, or {'name': ..., 'domain': ...}", line=line)


def _span(text: str, value: Any, label: str, *, line: int):
    span = span_from_json(value, label, line=line)
    if span is not None:
        problem = span.problem(text, label)
        if problem:
            raise RecordError(problem, line=line)
        check_span_text(text, value, span, label, line=line)
    return span


def _number(value: Any, label: str, *, line: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"{label} must be a number", line=line)
    return float(value)


def article_from_json(obj: dict[str, Any], *, line: int | None = None) -> ArticleRecord:
    """An ArticleRecord from one decoded JSON object; RecordError naming the first problem it finds."""
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError('the article has no text ("text" is required)', line=line)
    speakers = [_speaker(value, line=line) for value in _list(obj.get("speakers"), "speakers", line=line)]
    quotes = _list(obj.get("quotes"), "quotes", line=line)
    quotes = [_quote(text, value, number, line=line) for number, value in enumerate(quotes, 1)]
    claims = _list(obj.get("claims"), "claims", line=line)
    claims = [_claim(text, value, number, line=line) for number, value in enumerate(claims, 1)]
    record = ArticleRecord(
        text=text,
        title=_text(obj.get("title"), "title", line=line).strip(),
        url=_text(obj.get("url"), "url", line=line).strip() or None,
        outlet=_outlet(obj.get("outlet"), line=line),
        published_at=parse_datetime(obj.get("published_at"), "published_at", line=line),
        byline=_text(obj.get("byline"), "byline", line=line),
        language=_text(obj.get("language"), "language", line=line) or "en",
        status=_text(obj.get("status"), "status", line=line) or None,
        suggester_version=_text(obj.get("suggester_version"), "suggester_version", line=line),
        quotes=quotes,
        claims=claims,
        speakers=speakers,
        key=_key(obj.get("id")),
    )
    problems = record.problems()
    if problems:
        raise RecordError("; ".join(problems), line=line)
    return record


def _speaker(value: Any, *, line: int | None) -> SpeakerRecord:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
        raise RecordError("every speaker needs a name", line=line)
    aliases = _list(value.get("aliases"), "a speaker's aliases", line=line)
    if not all(isinstance(alias, str) for alias in aliases):
        raise RecordError("a speaker's aliases must be strings", line=line)
    return SpeakerRecord(
        key=_key(value.get("id")) or value["name"],
        name=value["name"].strip(),
        kind=_text(value.get("kind"), "speaker kind", line=line) or "person",
        description=_text(value.get("description"), "speaker description", line=line),
        wikidata_id=_text(value.get("wikidata_id"), "wikidata_id", line=line),
        gender=_text(value.get("gender"), "gender", line=line),
        aliases=aliases,
    )


def _quote(text: str, value: Any, number: int, *, line: int | None) -> QuoteRecord:
    if not isinstance(value, dict):
        raise RecordError(f"quote {number} is not an object", line=line)
    label = f"quote {number}'s"
    contents = _list(value.get("contents"), f"{label} contents", line=line)
    suggested = value.get("suggested")
    if suggested is not None and not isinstance(suggested, dict):
        raise RecordError(f"{label} suggestion snapshot must be an object", line=line)
    return QuoteRecord(
        parts=[_span(text, part, f"{label} content", line=line) for part in contents],
        kind=_text(value.get("kind"), f"{label} kind", line=line) or "direct",
        status=_text(value.get("status"), f"{label} status", line=line) or "confirmed",
        cue=_span(text, value.get("cue"), f"{label} cue", line=line),
        mention=_span(text, value.get("mention"), f"{label} mention", line=line),
        more_mentions=[
            span
            for value in _list(value.get("more_mentions"), f"{label} more_mentions", line=line)
            if (span := _span(text, value, f"{label} mention", line=line)) is not None
        ],
        speaker=_key(value.get("speaker")),
        speaker_name=_text(value.get("speaker_name"), f"{label} speaker_name", line=line) or None,
        confidence=_number(value.get("confidence"), f"{label} confidence", line=line),
        origin=_text(value.get("origin"), f"{label} origin", line=line) or IMPORT_ORIGIN,
        reviewed_by=_text(value.get("reviewed_by"), f"{label} reviewed_by", line=line) or None,
        reviewed_at=parse_datetime(value.get("reviewed_at"), f"{label} reviewed_at", line=line),
        review_seconds=_number(value.get("review_seconds"), f"{label} review_seconds", line=line),
        suggested=suggested,
        key=_key(value.get("id")),
    )


def _claim(text: str, value: Any, number: int, *, line: int | None) -> ClaimRecord:
    if not isinstance(value, dict) or not isinstance(value.get("statement"), str) or not value["statement"].strip():
        raise RecordError(f"claim {number} needs a statement", line=line)
    label = f"claim {number}'s"
    return ClaimRecord(
        statement=value["statement"],
        verdict=_text(value.get("verdict"), f"{label} verdict", line=line) or "unrated",
        rationale=_text(value.get("rationale"), f"{label} rationale", line=line),
        review_url=_text(value.get("review_url"), f"{label} review_url", line=line),
        span=_span(text, value.get("span"), f"{label} span", line=line),
        quote=_key(value.get("quote")),
        reviewed_by=_text(value.get("reviewed_by"), f"{label} reviewed_by", line=line) or None,
        reviewed_at=parse_datetime(value.get("reviewed_at"), f"{label} reviewed_at", line=line),
    )
