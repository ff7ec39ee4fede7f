"""Scare quotes and titles: short quoted phrases nobody spoke, which the suggester down-weights."""

from __future__ import annotations

from .context import Attribution, Context
from .sources import is_cue

# A quoted phrase of at most this many words with no verb, set inside a noun
# phrase or after a word that leads into it ("dismissed as a "wish list"", "the
# "Never Trump" movement", "told "Good Morning America""), is a scare quote or a
# title rather than words someone spoke.
_MAX_SCARE_WORDS = 4
_SCARE_DEPS = frozenset({"pobj", "dobj", "compound", "attr", "appos", "nmod", "amod", "oprd", "conj", "npadvmod"})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
# What the suggester says of a scare quote it still attributes: less than even odds.
SCARE_CONFIDENCE = 0.45


def _is_scare_quote(ctx: Context, index: int) -> bool:
    parts = ctx.quotation_ranges[index]
    if len(parts) != 1:
        return False
    doc = ctx.doc
    start, end = parts[0]
    words = [doc[i] for i in range(start, end) if not (doc[i].is_punct or doc[i].is_space)]
    if not words or len(words) > _MAX_SCARE_WORDS:
        return False
    if any(word.pos_ in ("VERB", "AUX") for word in words) or any(doc[i].text in ("?", "!") for i in range(start, end)):
        return False
    top = next((word for word in words if not start <= word.head.i < end), None)
    if top is None or top.dep_ not in _SCARE_DEPS or top.head.i == top.i:
        return False
    if top.dep_ in _MODIFIER_DEPS and top.head.i >= end:
        # "the "Never Trump" movement": a modifier of the noun after it.
        return True
    before = start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or ctx.paragraph_of[before] != ctx.paragraph_of[start]:
        return False
    previous = doc[before]
    # The phrase goes on into the quotation; after a speech verb it is what was said ("said "No way"").
    return not previous.is_punct and not is_cue(previous)


def scare_quotes_only(ctx: Context, attribution: Attribution) -> bool:
    """True when all an attribution's quotations are scare quotes, with few words around them and no verb."""
    if not attribution.quotations or not all(_is_scare_quote(ctx, q) for q in attribution.quotations):
        return False
    doc = ctx.doc
    outside = [
        doc[i]
        for start, end in attribution.parts
        for i in range(start, end)
        if ctx.quotation_of[i] == -1 and not (doc[i].is_punct or doc[i].is_space)
    ]
    return len(outside) <= 3 and not any(token.pos_ in ("VERB", "AUX") for token in outside)
