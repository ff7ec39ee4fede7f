"""Citron's annotation JSON (github.com/bbc/citron, docs/data_format.md): one document per file.

    {"text": ..., "quotes": [{"cue": SPAN, "sources": [SPAN], "contents": [SPAN],
                              "coreferences": [SPAN], "confidence": float, "id": ...}],
     "coreference_groups": [[SPAN, ...]]}

SPAN is {"start", "end", "text"}. Quotebook adds "kind" and "speaker" (the
speaker's name) to each quote, as `suggest_quotes --format citron-jsonl`
does; Citron ignores them. Quotes read from Citron are confirmed, origin
"import". A file of JSON lines (one document per line, as suggest_quotes
writes) is read too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from annotations.formats.common import (
    NESTED_TOO_DEEPLY,
    check_span_text,
    kind_from_marks,
    read_text,
    span_from_json,
    span_json,
)
from annotations.formats.records import KINDS, ArticleRecord, QuoteRecord, RecordError, Span


def encode(record: ArticleRecord) -> bytes:
    text = record.text
    names = {speaker.key: speaker.name for speaker in record.speakers}
    quotes = []
    for quote in record.quotes:
        item: dict[str, Any] = {
            "cue": span_json(text, quote.cue),
            "sources": [span_json(text, span) for span in ([quote.mention] if quote.mention else [])]
            + [span_json(text, span) for span in quote.more_mentions],
            "contents": [span_json(text, part) for part in quote.parts],
        }
        if quote.confidence is not None:
            item["confidence"] = quote.confidence
        if quote.key is not None:
            item["id"] = quote.key
        item["kind"] = quote.kind
        item["speaker"] = names.get(quote.speaker) if quote.speaker else quote.speaker_name
        quotes.append(item)
    return json.dumps({"text": text, "quotes": quotes}, ensure_ascii=False, indent=1).encode("utf-8")


def decode(data: bytes, *, name: str = "") -> Iterator[ArticleRecord | RecordError]:
    try:
        raw = read_text(data)
    except RecordError as error:
        yield error
        return
    if not raw.strip():
        yield RecordError("the file is empty")
        return
    try:
        documents = [(None, json.loads(raw))]
    except RecursionError:
        yield RecordError(NESTED_TOO_DEEPLY)
        return
    except json.JSONDecodeError as whole_error:
        lines = [(n, line) for n, line in enumerate(raw.split("\n"), 1) if line.strip()]
        if len(lines) < 2:
            yield RecordError(f"invalid JSON: {whole_error.msg} (line {whole_error.lineno})")
            return
        documents = []
        for number, line in lines:
            try:
                documents.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                problem = RecordError(f"invalid JSON: {error.msg} (column {error.colno})", line=number)
                documents.append((number, problem))
            except RecursionError:
                documents.append((number, RecordError(NESTED_TOO_DEEPLY, line=number)))
    for number, document in documents:
        if isinstance(document, RecordError):
            yield document
            continue
        try:
            yield document_from_json(document, line=number)
        except RecordError as error:
            yield error


def document_from_json(document: Any, *, line: int | None = None) -> ArticleRecord:
    if not isinstance(document, dict):
        raise RecordError('expected a JSON object with "text" and "quotes"', line=line)
    text = document.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError('the document has no text ("text" is required)', line=line)
    quotes = document.get("quotes") or []
    if not isinstance(quotes, list):
        raise RecordError('"quotes" must be a list', line=line)
    record = ArticleRecord(text=text, title=str(document.get("title") or "").strip())
    record.quotes = [_quote(text, quote, number, line=line) for number, quote in enumerate(quotes, 1)]
    problems = record.problems()
    if problems:
        raise RecordError("; ".join(problems), line=line)
    return record


def _spans(text: str, values: Any, label: str, *, line: int | None) -> list[Span]:
    if values is None:
        return []
    if not isinstance(values, list):
        raise RecordError(f"{label} must be a list of spans", line=line)
    spans = []
    for value in values:
        span = span_from_json(value, label, line=line)
        problem = span.problem(text, label)
        if problem:
            raise RecordError(problem, line=line)
        check_span_text(text, value, span, label, line=line)
        spans.append(span)
    return spans


def _quote(text: str, value: Any, number: int, *, line: int | None) -> QuoteRecord:
    if not isinstance(value, dict):
        raise RecordError(f"quote {number} is not an object", line=line)
    label = f"quote {number}'s"
    contents = _spans(text, value.get("contents"), f"{label} content", line=line)
    if not contents:
        raise RecordError(f"quote {number} has no contents", line=line)
    cue = _spans(text, [value["cue"]] if value.get("cue") else [], f"{label} cue", line=line)
    sources = _spans(text, value.get("sources"), f"{label} source", line=line)
    coreferences = _spans(text, value.get("coreferences"), f"{label} coreference", line=line)
    # The first source is the mention the speaker is linked by; the others are kept beside it.
    mention = sources[0] if sources else None
    # A name to link the speaker by: Quotebook's own "speaker", else the coreference Citron resolved a pronoun to.
    name = value.get("speaker") if isinstance(value.get("speaker"), str) else None
    if not name and coreferences:
        name = coreferences[0].text_in(text)
    if not name and mention:
        name = mention.text_in(text)
    kind = value.get("kind") if value.get("kind") in KINDS else kind_from_marks(text, contents)
    confidence = value.get("confidence")
    if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, int | float)):
        raise RecordError(f"{label} confidence must be a number", line=line)
    return QuoteRecord(
        parts=sorted(contents, key=lambda span: span.start),
        kind=kind,
        status="confirmed",
        cue=cue[0] if cue else None,
        mention=mention,
        more_mentions=sources[1:],
        speaker_name=name,
        confidence=float(confidence) if confidence is not None else None,
        key=str(value["id"]) if value.get("id") is not None else None,
    )
