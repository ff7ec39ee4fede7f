"""brat standoff as PolNeAR writes it: the article's text, and an .ann file of Source/Cue/Content spans
tied together by Attribution events.

    T1	Source 89 106	The New York Post
    T2	Cue 107 114	reports
    T3	Content 115 200;210 290	that Hillary Clinton ...
    T4	Attribution 107 114	reports
    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1

A discontinuous span ("115 200;210 290") becomes a quote's parts; the kind
comes from the quotation marks in its content. Quotes read from brat are
confirmed, origin "import".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotations.formats.common import kind_from_marks, read_text
from annotations.formats.records import ArticleRecord, QuoteRecord, RecordError, Span

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?$")
_EVENT = re.compile(r"^(E\d+)\t(\S.*)$")
_OTHER = re.compile(r"^[A-Z#*]\d*\t")


def decode(text_data: bytes, ann_data: bytes | None, *, name: str = "") -> Iterator[ArticleRecord | RecordError]:
    """One record from a text and its .ann (None: the text alone); errors carry the .ann's line."""
    try:
        text = read_text(text_data)
    except RecordError as error:
        yield error
        return
    if not text.strip():
        yield RecordError("the text file is empty")
        return
    record = ArticleRecord(text=text, title=_title(name))
    if ann_data is not None:
        try:
            record.quotes = list(_attributions(text, read_text(ann_data)))
        except RecordError as error:
            yield error
            return
    yield record


def _title(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].removesuffix(".txt")
    return stem.replace("_", " ").strip() or "Untitled"


def _spans(spec: str, text: str, number: int) -> list[Span]:
    spans = []
    for piece in spec.split(";"):
        start, end = (int(value) for value in piece.split())
        span = Span(start, end)
        problem = span.problem(text, "span")
        if problem:
            raise RecordError(problem, line=number)
        spans.append(span)
    return spans


def _attributions(text: str, ann: str) -> Iterator[QuoteRecord]:
    bounds: dict[str, list[Span]] = {}
    events: list[tuple[int, list[tuple[str, str]]]] = []
    continuing = False
    for number, line in enumerate(ann.split("\n"), 1):
        if match := _TEXT_BOUND.match(line):
            identifier, _label, spec, _covered = match.groups()
            bounds[identifier] = _spans(spec, text, number)
            continuing = True
        elif match := _EVENT.match(line.rstrip()):
            roles = []
            for argument in match.group(2).split():
                role, _, target = argument.partition(":")
                if not target:
                    raise RecordError(f"event argument {argument!r} is not ROLE:ID", line=number)
                roles.append((role.rstrip("0123456789"), target, number))
            events.append((number, roles))
            continuing = False
        elif _OTHER.match(line) or not line.strip():
            continuing = continuing and not _OTHER.match(line)
        elif not continuing:
            # brat writes a span's covered text verbatim, newlines and all: such lines follow a T line.
            raise RecordError(f"not a brat standoff line: {line[:60]!r}", line=number)
    for number, roles in events:
        found: dict[str, list[Span]] = {"Content": [], "Source": [], "Cue": []}
        for role, target, _ in roles:
            if target not in bounds:
                raise RecordError(f"refers to {target}, which is not defined", line=number)
            if role in found:
                found[role].extend(bounds[target])
        if not found["Content"]:
            continue
        parts = sorted(set(found["Content"]), key=lambda span: span.start)
        yield QuoteRecord(
            parts=parts,
            kind=kind_from_marks(text, parts),
            status="confirmed",
            cue=_enclosing(found["Cue"]),
            mention=_enclosing(found["Source"]),
            speaker_name=" ".join(span.text_in(text) for span in sorted(found["Source"], key=lambda s: s.start))
            or None,
        )


def _enclosing(spans: list[Span]) -> Span | None:
    """One span for a quote's cue or mention: a discontinuous one ("has ... said") from its first start to last end."""
    if not spans:
        return None
    return Span(min(span.start for span in spans), max(span.end for span in spans))


def encode(record: ArticleRecord) -> tuple[str, str]:
    """The text and its .ann: a Source, Cue and Content per quote, and the Attribution event joining them."""
    text = record.text
    lines: list[str] = []
    number = 0

    def bound(label: str, spans: list[Span]) -> str:
        nonlocal number
        number += 1
        spec = ";".join(f"{span.start} {span.end}" for span in spans)
        covered = " ".join(span.text_in(text) for span in spans).replace("\n", " ")
        lines.append(f"T{number}\t{label} {spec}\t{covered}")
        return f"T{number}"

    for event, quote in enumerate(record.quotes, 1):
        roles = []
        anchor = quote.cue or quote.parts[0]
        roles.append(f"Attribution:{bound('Attribution', [anchor])}")
        roles.append(f"Content:{bound('Content', sorted(quote.parts, key=lambda span: span.start))}")
        if quote.cue:
            roles.append(f"Cue:{bound('Cue', [quote.cue])}")
        if quote.mention:
            roles.append(f"Source:{bound('Source', [quote.mention, *quote.more_mentions])}")
        lines.append(f"E{event}\t" + " ".join(roles))
    return text, "\n".join(lines) + ("\n" if lines else "")
