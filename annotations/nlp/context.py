"""What every attribution rule shares: the Attribution, the Context and [start, end) token ranges.

The Context is the parsed Doc with, for each token, the quotation and the
paragraph it lies in. Ranges are trimmed, cut to a paragraph and merged here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .quotes import Quotation, find_quotations

Range = tuple[int, int]


@dataclass
class Attribution:
    parts: list[Range]
    kind: str
    confidence: float
    cue: Range | None = None
    source: Range | None = None
    quotations: list[int] = field(default_factory=list)


@dataclass
class Context:
    doc: Doc
    quotation_of: list[int]
    paragraph_of: list[int]
    quotations: list[Quotation]
    quotation_ranges: list[list[Range]]


@dataclass
class Found:
    """The attributions found so far in one Doc, as the rules run one after another.

    owner_of: the attribution that claimed each quotation; a claimed quotation
    is not attributed again. by_cue: the attribution of each cue token, so a
    quotation next to a cue that already reports one joins it.
    """

    ctx: Context
    attributions: list[Attribution] = field(default_factory=list)
    owner_of: dict[int, Attribution] = field(default_factory=dict)
    by_cue: dict[int, Attribution] = field(default_factory=dict)
    # Every reporting verb with a speaker, in order: found once, when a quotation first needs it.
    speaker_cues: list[int] | None = None

    def add(self, attribution: Attribution, *, by_cue: bool = True) -> Attribution:
        self.attributions.append(attribution)
        self.claim(attribution, attribution.quotations)
        if by_cue and attribution.cue:
            self.by_cue[attribution.cue[0]] = attribution
        return attribution

    def claim(self, attribution: Attribution, quotations: Sequence[int]) -> None:
        for index in quotations:
            self.owner_of[index] = attribution

    def extend(self, attribution: Attribution, index: int) -> None:
        """One more part for an attribution: the quotation index goes on with the same speaker."""
        attribution.parts.extend(self.ctx.quotation_ranges[index])
        attribution.quotations.append(index)
        self.owner_of[index] = attribution

    def unclaimed(self, quotations: Sequence[int]) -> list[int]:
        return [index for index in quotations if index not in self.owner_of]


def is_quote_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "„", "«", "»", "''", "``")


def _token_ranges(doc: Doc, quotations: Sequence[Quotation]) -> list[list[Range]]:
    ranges = []
    for quotation in quotations:
        parts = []
        for start, end in quotation.parts:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                parts.append((span.start, span.end))
        ranges.append(parts)
    return ranges


def build_context(doc: Doc) -> Context:
    quotations = find_quotations(doc.text)
    ranges = _token_ranges(doc, quotations)
    quotation_of = [-1] * len(doc)
    for index, parts in enumerate(ranges):
        for start, end in parts:
            for i in range(start, end):
                quotation_of[i] = index
    paragraph_of = []
    paragraph = 0
    for token in doc:
        paragraph_of.append(paragraph)
        if "\n" in token.text or "\n" in token.whitespace_:
            paragraph += 1
    return Context(doc, quotation_of, paragraph_of, quotations, ranges)


def trim(doc: Doc, start: int, end: int) -> Range | None:
    """Drop spaces and punctuation at the edges, keeping quotation marks."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and not is_quote_mark(doc[start]))):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not is_quote_mark(doc[end - 1]))):
        end -= 1
    return (start, end) if start < end else None


def within_paragraph(ctx: Context, part: Range, anchor: int) -> Range | None:
    """The part cut to the paragraph of the anchor token: the parser sometimes runs a headline into the text."""
    paragraph = ctx.paragraph_of[anchor]
    start, end = part
    while start < end and ctx.paragraph_of[start] < paragraph:
        start += 1
    while end > start and ctx.paragraph_of[end - 1] > paragraph:
        end -= 1
    return trim(ctx.doc, start, end) if start < end else None


def covered_quotations(ctx: Context, parts: Sequence[Range]) -> list[int]:
    found = []
    for start, end in parts:
        for i in range(start, end):
            index = ctx.quotation_of[i]
            if index != -1 and index not in found:
                found.append(index)
    return found


def outside_quotations(ctx: Context, parts: Sequence[Range]) -> bool:
    """True when the clause holds words outside any quotation marks."""
    doc = ctx.doc
    for start, end in parts:
        for i in range(start, end):
            token = doc[i]
            if ctx.quotation_of[i] == -1 and not (token.is_punct or token.is_space):
                if token.lower_ == "that" and token.dep_ == "mark":
                    continue
                return True
    return False


def to_the_marks(ctx: Context, parts: list[Range]) -> list[Range]:
    """Parts whose first or last word lies inside a quotation, run out to its marks.

    The parse ends a clause at its last word and leaves a closing '," ' or '."'
    behind ("... against \"genocide,\" the Kremlin said"); a quoted fragment is
    reported whole, its marks with it, as PolNeAR's contents have it.
    """
    if not parts:
        return parts
    (start, first_end), (last_start, end) = parts[0], parts[-1]
    first, last = _quoted_range(ctx, start), _quoted_range(ctx, end - 1)
    start = min(start, first[0]) if first else start
    end = max(end, last[1]) if last else end
    if len(parts) == 1:
        return [(start, end)]
    return [(start, first_end), *parts[1:-1], (last_start, end)]


def _quoted_range(ctx: Context, token: int) -> Range | None:
    """The stretch of quotation (marks included) that the token lies in, if any."""
    index = ctx.quotation_of[token]
    if index == -1:
        return None
    return next(((s, e) for s, e in ctx.quotation_ranges[index] if s <= token < e), None)


def merge(parts: list[Range]) -> list[Range]:
    """Parts sorted, with overlapping ones joined: a clause the parser cut short takes in its whole quotation."""
    merged: list[Range] = []
    for start, end in sorted(parts):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def without_complementizer(doc: Doc, parts: Sequence[Range]) -> tuple[Range, ...]:
    """The parts with the complementizer that opens the first left out: "said [that] prices rose".

    Only the subordinating "that" (dep mark), never a demonstrative ("that deal").
    """
    start, end = parts[0]
    token = doc[start]
    if token.lower_ == "that" and token.dep_ == "mark" and (rest := trim(doc, start + 1, end)) is not None:
        return (rest, *parts[1:])
    return tuple(parts)


def disjoint(parts: Sequence[Range]) -> tuple[Range, ...]:
    """Parts sorted, those sharing anything joined; parts that only touch stay apart.

    A quote's parts never overlap (the database refuses it), yet two rules can
    give one passage twice, a clause within it and the whole ("are said to be
    urging ..."): the last step before a quote is stored or written.
    """
    joined: list[Range] = []
    for start, end in sorted(parts):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)
