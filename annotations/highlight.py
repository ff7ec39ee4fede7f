"""Cut an article's text into segments, each knowing which quote spans cover it.

Quotes may overlap (a suggestion beside the gold quote it duplicates, a cue
inside a content part), so the text is cut at every span boundary and each
segment carries all the marks over it; the template styles the combination.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotations.models import Claim, Quote

CONTENT, CUE, MENTION, CLAIM = "content", "cue", "mention", "claim"


@dataclass(frozen=True)
class Mark:
    role: str
    quote_id: int | None
    status: str


@dataclass
class Segment:
    text: str
    start: int
    marks: list[Mark] = field(default_factory=list)

    @property
    def css_classes(self) -> str:
        classes = sorted({f"hl-{mark.role}" for mark in self.marks} | {f"hl-{mark.status}" for mark in self.marks})
        return " ".join(classes)

    @property
    def quote_ids(self) -> str:
        return " ".join(sorted({str(mark.quote_id) for mark in self.marks if mark.quote_id is not None}))


def quote_marks(quote: Quote) -> Iterable[tuple[int, int, Mark]]:
    for part in quote.parts.all():
        yield part.start, part.end, Mark(CONTENT, quote.pk, quote.status)
    if quote.cue_start is not None:
        yield quote.cue_start, quote.cue_end, Mark(CUE, quote.pk, quote.status)
    if quote.mention_start is not None:
        yield quote.mention_start, quote.mention_end, Mark(MENTION, quote.pk, quote.status)


def highlight_segments(text: str, quotes: Iterable[Quote], claims: Iterable[Claim] = ()) -> list[Segment]:
    spans = [span for quote in quotes for span in quote_marks(quote)]
    spans += [
        (claim.start, claim.end, Mark(CLAIM, claim.quote_id, claim.verdict))
        for claim in claims
        if claim.start is not None
    ]
    # Spans are validated on save; clamping keeps a page readable if the text was edited in the database by hand.
    spans = [(max(0, s), min(len(text), e), m) for s, e, m in spans if s < e and s < len(text)]
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, (start, end, _) in enumerate(spans):
        opening.setdefault(start, []).append(index)
        closing.setdefault(end, []).append(index)
    # One sweep over the cuts, keeping the spans open at each: linear in spans, not spans × segments.
    open_spans: dict[int, Mark] = {}
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        for index in closing.get(start, ()):
            open_spans.pop(index, None)
        for index in opening.get(start, ()):
            open_spans[index] = spans[index][2]
        segments.append(Segment(text[start:end], start, [open_spans[i] for i in sorted(open_spans)]))
    return segments
