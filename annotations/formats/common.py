"""What several codecs share: reading bytes as text, spans as JSON, kinds from quotation marks, dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from annotations.formats.records import RecordError, Span

QUOTATION_MARKS = frozenset('"“”„«»')
_OPENING = frozenset('"“„«‘')
_CLOSING = frozenset('"”»’')

# json.loads recurses once per level: a hostile file nests thousands deep to exhaust the stack.
NESTED_TOO_DEEPLY = "the JSON is nested too deeply to read (arrays or objects inside each other thousands deep)"


def read_text(data: bytes, *, line: int | None = None) -> str:
    """data as UTF-8 (a byte-order mark dropped), or a RecordError saying where it stops being UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordError(f"not valid UTF-8 (byte {error.start})", line=line) from error


def kind_from_marks(text: str, parts: list[Span]) -> str:
    """direct when every part is enclosed in quotation marks, mixed when some marks, indirect when none."""
    pieces = [part.text_in(text).strip() for part in parts]
    if not any(char in QUOTATION_MARKS for piece in pieces for char in piece):
        return "indirect"
    return "direct" if all(_enclosed(piece) for piece in pieces) else "mixed"


def _enclosed(piece: str) -> bool:
    piece = piece.rstrip(".,;:")
    return len(piece) >= 2 and piece[0] in _OPENING and piece[-1] in _CLOSING


def span_json(text: str, span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text_in(text)}


def span_from_json(value: Any, label: str, *, line: int | None = None) -> Span | None:
    """A {"start", "end"} object (or [start, end]) as a Span; its "text", if given, is checked by the caller."""
    if value is None:
        return None
    if isinstance(value, list | tuple) and len(value) == 2:
        start, end = value
    elif isinstance(value, dict) and "start" in value and "end" in value:
        start, end = value["start"], value["end"]
    else:
        raise RecordError(f"the {label} is not a span: expected {{'start': int, 'end': int}}", line=line)
    if type(start) is not int or type(end) is not int:
        raise RecordError(f"the {label} needs whole-number offsets, got {start!r} and {end!r}", line=line)
    return Span(start, end)


def check_span_text(text: str, value: Any, span: Span | None, label: str, *, line: int | None = None) -> None:
    """A span that carries its own words must point at those words in text."""
    if span is None or not isinstance(value, dict) or "text" not in value:
        return
    if span.problem(text, label) is None and span.text_in(text) != value["text"]:
        raise RecordError(
            f"the {label} [{span.start}, {span.end}) says {value['text'][:40]!r} but the text there is "
            f"{span.text_in(text)[:40]!r}",
            line=line,
        )


def parse_datetime(value: Any, label: str, *, line: int | None = None) -> datetime | None:
    """ISO 8601 (a date alone means its midnight); naive values are left for the importer to place."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"{label} is not an ISO 8601 date: {value!r}", line=line)
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise RecordError(f"{label} is not an ISO 8601 date: {value!r}", line=line) from error


def format_datetime(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
