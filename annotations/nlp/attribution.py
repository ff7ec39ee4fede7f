"""Finding who said what in a parsed Doc: cues, speakers and what they said.

The rules run in three rounds, each a loop over small named functions:
cues in reading order (verb_rules), then each quotation no cue's clause took
in (quotation_rules), then patterns of the whole article (a name and a colon
leading a paragraph, nouns as cues). overlaps.py decides which of two readings
of the same words stands.

Works on token indices ([start, end) ranges) so the component can build Spans
once at the end. Every step is a bounded walk over the dependency tree or one
pass over the tokens, so the cost stays small next to the parser's.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .context import (
    Attribution,
    Context,
    Found,
    build_context,
    covered_quotations,
    outside_quotations,
    to_the_marks,
)
from .noun_cues import noun_attributions
from .overlaps import one_per_extent, without_nested
from .quotation_rules import QUOTATION_RULES
from .scare_quotes import SCARE_CONFIDENCE, scare_quotes_only
from .signatures import colon_paragraphs
from .verb_rules import according_to_phrase, in_a_document, is_cue_verb, report_of_verb


def find_attributions(doc: Doc) -> tuple[list[Attribution], list[int]]:
    """Every attribution in doc, and for each token the quotation it lies in (-1: none)."""
    ctx = build_context(doc)
    found = Found(ctx)
    for token in doc:
        if ctx.quotation_of[token.i] != -1:
            continue
        if token.lower_ == "according":
            according_to_phrase(found, token)
        elif token.lower_ == "in":
            in_a_document(found, token)
        elif is_cue_verb(token):
            report_of_verb(found, token)
    for index, ranges in enumerate(ctx.quotation_ranges):
        if not ranges or index in found.owner_of:
            continue
        for rule in QUOTATION_RULES:
            if rule(found, index):
                break
    attributions = found.attributions + colon_paragraphs(ctx) + noun_attributions(ctx)
    for attribution in attributions:
        if attribution.confidence > SCARE_CONFIDENCE and scare_quotes_only(ctx, attribution):
            attribution.confidence = SCARE_CONFIDENCE
    attributions.sort(key=lambda a: a.parts[0])
    kept = without_nested(ctx, one_per_extent(attributions))
    for attribution in kept:
        quoting_whole(ctx, attribution)
    return kept, ctx.quotation_of


def quoting_whole(ctx: Context, attribution: Attribution) -> None:
    """A paraphrase with quoted words in it takes them to their closing mark, and is a mixed quote.

    Also when another attribution claimed the quotation: "the Kremlin said Putin
    told Xi that ... \"genocide,\"" quotes the fragment twice. Run after the
    overlaps are decided, so which readings stand does not change.
    """
    if attribution.kind == "direct":
        return
    attribution.parts = to_the_marks(ctx, attribution.parts)
    if covered_quotations(ctx, attribution.parts) and outside_quotations(ctx, attribution.parts):
        attribution.kind = "mixed"
