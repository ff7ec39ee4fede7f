"""Where two attributions read the same words: the one place that decides which stand.

Gold annotations almost never overlap each other's content, so two readings
of the same words are mostly one right and one wrong. The decisions:

- A quotation belongs to the first rule that claims it (`Found.owner_of`).
- A verb whose clause holds only quotations another attribution claimed is a
  second reading of them, and dropped, unless one attribution reports the
  other ("the Kremlin said Putin told Xi that ...": both stand).
- Two suggestions over the same extent: the surer one stands.
- An indirect reading inside another's content, with its speaker, is a
  second reading ("said [Clinton plans [to raise taxes]]"): the outer one
  stands. In PolNeAR's gold, 18 of 19,832 contents overlap another.
"""

from __future__ import annotations

from collections.abc import Sequence

from .context import Attribution, Context, Found, Range, covered_quotations

# Verbs whose report inside another report is one more quote, not a second reading of the same words.
REPORTS_OF_REPORTS = frozenset({"say", "tell", "promise"})


def _overlaps(parts: Sequence[Range], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in parts)


def nested(ctx: Context, parts: Sequence[Range], cue: int, other: Attribution) -> bool:
    """True when one attribution reports the other.

    Either the other's cue lies in this clause ("the Kremlin said Putin told Xi
    that ..."), or this cue lies in what an "according to" reports ("According
    to X, Lukashenko promised that ...").
    """
    if other.cue is None:
        return False
    if _overlaps(parts, *other.cue):
        return True
    return ctx.doc[other.cue[0]].lower_ == "according" and _overlaps(other.parts, cue, cue + 1)


def second_reading(found: Found, parts: Sequence[Range], cue: int) -> bool:
    """True when every quotation in parts is already claimed, and neither attribution reports the other."""
    taken = covered_quotations(found.ctx, parts)
    return bool(taken) and not any(nested(found.ctx, parts, cue, found.owner_of[q]) for q in taken)


def one_per_extent(attributions: Sequence[Attribution]) -> list[Attribution]:
    """Of the attributions with the same extent (first part start .. last part end), the surest; the first on a tie."""
    best: dict[Range, Attribution] = {}
    for attribution in sorted(attributions, key=lambda a: -a.confidence):
        best.setdefault((attribution.parts[0][0], attribution.parts[-1][1]), attribution)
    kept = {id(attribution) for attribution in best.values()}
    return [attribution for attribution in attributions if id(attribution) in kept]


def _inside(inner: Attribution, outer: Attribution) -> bool:
    return all(any(s <= start and end <= e for s, e in outer.parts) for start, end in inner.parts)


def _second_reading_inside(ctx: Context, inner: Attribution, outer: Attribution) -> bool:
    """True when an indirect reading lies inside another's content with its speaker: "said [Clinton plans [to ...]]".

    It stands when its speaker is outside the other's content (the other ran
    too far: "Putin said ... while calling on the army to ..."), when its cue
    is a noun or a passive, or when it is a report of a report ("According to
    X, [Lukashenko promised that ...]").
    """
    if inner is outer or inner.kind != "indirect" or inner.source is None or not _inside(inner, outer):
        return False
    if not _overlaps(outer.parts, *inner.source) or inner.cue is None:
        return False
    cue = ctx.doc[inner.cue[0]]
    # A noun or a passive names its speaker apart from the clause: "rejected [the mayor's claim that ...]".
    if cue.pos_ not in ("VERB", "AUX") or cue.tag_ == "VBN":
        return False
    return cue.lemma_.lower() not in REPORTS_OF_REPORTS


def without_nested(ctx: Context, attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions less second readings inside another's content (_second_reading_inside)."""
    return [a for a in attributions if not any(_second_reading_inside(ctx, a, other) for other in attributions)]
