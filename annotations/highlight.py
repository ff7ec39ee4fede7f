"""Cut an article's text into blocks of highlighted segments, each segment knowing which spans cover it.

Quotes may overlap (a cue inside a content part, a confirmed quote inside a
rejected one), so the text is cut at every span boundary and each segment
carries all the marks over it. The text is also cut into blocks (at line
breaks, and at a space every few hundred characters) with ids that depend on
the text alone: an action answers with only the blocks its spans touch.

Blocks are rendered to HTML here rather than in the template: a long article
has thousands of segments, and a template loop over them was most of the
page's time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from annotations.models import Claim, Quote

CONTENT, CUE, MENTION, CLAIM, GOLD = "content", "cue", "mention", "claim", "gold"
# Where quotes overlap, the segment looks like the most decided quote over it: a confirmed quote inside a
# rejected one is drawn confirmed, never struck through.
STATUS_RANK = {Quote.Status.CONFIRMED: 0, Quote.Status.SUGGESTED: 1, Quote.Status.REJECTED: 2}
BLOCK_SIZE = 400

Span = tuple[int, int]


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
        roles = {f"hl-{mark.role}" for mark in self.marks}
        roles |= {f"hl-{mark.status}" for mark in self.marks if mark.role == CLAIM}  # the claim's verdict
        quote_marks = [mark for mark in self.marks if mark.role in (CONTENT, CUE, MENTION)]
        content = [mark for mark in quote_marks if mark.role == CONTENT] or quote_marks
        if content:
            roles.add(f"hl-{min(content, key=lambda mark: STATUS_RANK.get(mark.status, 3)).status}")
        return " ".join(sorted(roles))

    @property
    def quote_ids(self) -> str:
        rank: dict[int, int] = {}
        for mark in self.marks:
            if mark.quote_id is not None and mark.role not in (CLAIM, GOLD):
                rank[mark.quote_id] = min(rank.get(mark.quote_id, 9), STATUS_RANK.get(mark.status, 3))
        # The most decided quote first: a click on the segment focuses the quote it looks like.
        return " ".join(str(pk) for pk in sorted(rank, key=lambda pk: (rank[pk], pk)))

    def html(self) -> str:
        text = escape(self.text)
        if not self.marks:
            return text
        quotes = self.quote_ids
        data = f' data-quotes="{quotes}"' if quotes else ""
        return f'<span class="{self.css_classes}" data-start="{self.start}"{data}>{text}</span>'


@dataclass
class Block:
    start: int
    end: int
    segments: list[Segment]

    @property
    def html(self) -> SafeString:
        return mark_safe("".join(segment.html() for segment in self.segments))  # noqa: S308 - escaped above


def block_bounds(text: str, size: int = BLOCK_SIZE) -> list[Span]:
    """[start, end) of each block: a block ends after a line break, or at the first space past `size` characters."""
    bounds = []
    start = 0
    while start < len(text):
        newline = text.find("\n", start, start + size)
        if newline >= 0:
            end = newline + 1
        else:
            space = text.find(" ", start + size)
            end = len(text) if space < 0 else space + 1
        bounds.append((start, end))
        start = end
    return bounds


def blocks_touching(text: str, spans: Iterable[Span]) -> list[Span]:
    """The blocks any of the spans overlaps (or touches at an edge, where a moved boundary was)."""
    spans = list(spans)
    return [(s, e) for s, e in block_bounds(text) if any(a <= e and s <= b for a, b in spans)]


def quote_spans(quote: Quote) -> list[Span]:
    spans = [(part.start, part.end) for part in quote.parts.all()]
    if quote.cue_start is not None:
        spans.append((quote.cue_start, quote.cue_end))
    if quote.mention_start is not None:
        spans.append((quote.mention_start, quote.mention_end))
    return spans


def quote_marks(quote: Quote, *, role: str | None = None) -> Iterable[tuple[int, int, Mark]]:
    """The spans of a quote as marks; `role=GOLD` marks a reference quote's content only."""
    for part in quote.parts.all():
        yield part.start, part.end, Mark(role or CONTENT, quote.pk, quote.status)
    if role is not None:
        return
    if quote.cue_start is not None:
        yield quote.cue_start, quote.cue_end, Mark(CUE, quote.pk, quote.status)
    if quote.mention_start is not None:
        yield quote.mention_start, quote.mention_end, Mark(MENTION, quote.pk, quote.status)


def row_marks(quotes: Iterable[tuple], parts: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, Mark]]:
    """Marks from plain rows: (pk, status, cue_start, cue_end, mention_start, mention_end) per quote and
    (quote_id, start, end) per part. A long article's page reads these rather than a model per quote."""
    status = {}
    marks = []
    for pk, state, cue_start, cue_end, mention_start, mention_end in quotes:
        status[pk] = state
        if cue_start is not None:
            marks.append((cue_start, cue_end, Mark(CUE, pk, state)))
        if mention_start is not None:
            marks.append((mention_start, mention_end, Mark(MENTION, pk, state)))
    marks += [(start, end, Mark(CONTENT, pk, status[pk])) for pk, start, end in parts if pk in status]
    return marks


def highlight_blocks(
    text: str,
    quotes: Iterable[Quote],
    claims: Iterable[Claim] = (),
    *,
    gold: Iterable[Quote] = (),
    marks: Iterable[tuple[int, int, Mark]] = (),
    only: Sequence[Span] | None = None,
) -> list[Block]:
    """The text's blocks (or only the blocks `only` names) with the marks of quotes, claims and gold over them."""
    spans = [span for quote in quotes for span in quote_marks(quote)] + list(marks)
    spans += [span for quote in gold for span in quote_marks(quote, role=GOLD)]
    spans += [
        (claim.start, claim.end, Mark(CLAIM, claim.quote_id, claim.verdict))
        for claim in claims
        if claim.start is not None
    ]

    # Spans are validated on save; clamping keeps a page readable if the text was edited in the database by hand.
    spans = [(max(0, s), min(len(text), e), m) for s, e, m in spans if s < e and s < len(text)]
    bounds = block_bounds(text) if only is None else list(only)
    cuts = sorted(
        {0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans} | {b for bound in bounds for b in bound}
    )
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, (start, end, _) in enumerate(spans):
        opening.setdefault(start, []).append(index)
        closing.setdefault(end, []).append(index)
    # One sweep over the cuts, keeping the spans open at each: linear in spans, not spans × segments.
    open_spans: dict[int, Mark] = {}
    segments: dict[int, Segment] = {}
    for start, end in zip(cuts, cuts[1:], strict=False):
        for index in closing.get(start, ()):
            open_spans.pop(index, None)
        for index in opening.get(start, ()):
            open_spans[index] = spans[index][2]
        segments[start] = Segment(text[start:end], start, [open_spans[i] for i in sorted(open_spans)])
    # Blocks and segments both run in text order, and every block edge is a cut: walk them together.
    ordered = [segments[start] for start in sorted(segments)]
    blocks, index = [], 0
    for block_start, block_end in sorted(bounds):
        while index < len(ordered) and ordered[index].start < block_start:
            index += 1
        inside = []
        while index < len(ordered) and ordered[index].start < block_end:
            inside.append(ordered[index])
            index += 1
        blocks.append(Block(block_start, block_end, inside))
    return blocks
