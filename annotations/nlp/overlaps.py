"""Where two attributions read the same words: the one place that decides which stand.

Gold annotations almost never overlap each other's content, so two readings
of the same words are mostly one right and one wrong. The decisions:

- A quotation belongs to the first rule that claims it (`Found.owner_of`).
- A verb whose clause holds only quotations another attribution claimed is a
  second reading of them, and dropped, unless one attribution reports the
  other ("the Kremlin said Putin told Xi that ...": both stand).
- Two suggestions over the same extent: the surer one stands.
"""

from __future__ import annotations

from collections.abc import Sequence

from .context import Attribution, Context, Found, Range, covered_quotations


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
