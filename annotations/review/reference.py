"""Compare an article's quotes with its gold reference: matching, differing (boundaries, speaker), missing.

A quote and a gold quote pair up one-to-one, best content overlap first, when
the Jaccard overlap of their content characters is at least 0.5 (the rule
evaluate_quotes scores the suggester by).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotations.models import Quote

MATCHING, BOUNDARIES, SPEAKER, NOT_IN_REFERENCE = "matching", "boundaries", "speaker", "not-in-reference"


@dataclass
class Comparison:
    verdicts: dict[int, list[str]] = field(default_factory=dict)  # quote pk -> what differs, or ["matching"]
    missing: list[Quote] = field(default_factory=list)  # gold quotes no quote matches
    reference: dict[int, Quote] = field(default_factory=dict)  # quote pk -> the gold quote it matched


def _characters(quote: Quote) -> set[int]:
    return {i for part in quote.parts.all() for i in range(part.start, part.end)}


def compare_with_reference(quotes: Iterable[Quote], gold: Iterable[Quote]) -> Comparison:
    """Rejected quotes take no part: rejecting is how an editor says a suggestion is not a quote."""
    quotes = [quote for quote in quotes if quote.status != Quote.Status.REJECTED]
    gold = list(gold)
    chars = {quote.pk: _characters(quote) for quote in [*quotes, *gold]}
    pairs = []
    for g in gold:
        for q in quotes:
            union = len(chars[g.pk] | chars[q.pk])
            overlap = len(chars[g.pk] & chars[q.pk]) / union if union else 0.0
            if overlap >= 0.5:
                pairs.append((overlap, g, q))
    comparison = Comparison()
    matched_gold: set[int] = set()
    for _, g, q in sorted(pairs, key=lambda pair: -pair[0]):
        if g.pk in matched_gold or q.pk in comparison.verdicts:
            continue
        matched_gold.add(g.pk)
        comparison.reference[q.pk] = g
        differs = []
        if chars[g.pk] != chars[q.pk]:
            differs.append(BOUNDARIES)
        if g.speaker_id != q.speaker_id:
            differs.append(SPEAKER)
        comparison.verdicts[q.pk] = differs or [MATCHING]
    for q in quotes:
        comparison.verdicts.setdefault(q.pk, [NOT_IN_REFERENCE])
    comparison.missing = [g for g in gold if g.pk not in matched_gold]
    return comparison
