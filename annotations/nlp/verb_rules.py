"""Attribution rules that start from a cue: one function per pattern, each with its confidence.

A verb rule reads what one cue verb reports and who reports it, as a Reading;
`report_of_verb` tries them in order, tidies the first reading found and
decides its kind. A reading that holds a quotation is a direct or mixed quote,
whichever rule found it; the rules differ in how sure an indirect one is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from .contents import (
    FINITE_TAGS,
    before_next_report,
    clause_parts,
    is_infinitive,
    object_parts,
    passive_parts,
    without,
    without_asides,
)
from .context import Attribution, Found, Range, covered_quotations, merge, outside_quotations, trim, within_paragraph
from .lexicon import CONTENT_VERBS, INFINITIVE_VERBS, OBJECT_VERBS, PREPOSITION_VERBS, SPEECH_VERBS
from .overlaps import second_reading
from .sources import according_to, cue_range, phrase, source_of

# Every lemma some verb rule reads: the cheap test before any rule runs.
CUE_LEMMAS: frozenset[str] = (
    SPEECH_VERBS | CONTENT_VERBS | OBJECT_VERBS | INFINITIVE_VERBS | frozenset(PREPOSITION_VERBS)
)

DIRECT_CONFIDENCE = 0.9
MIXED_CONFIDENCE = 0.75
# "According to X" with a quotation in what X said.
ACCORDING_TO_QUOTATION_CONFIDENCE = 0.8

CLAUSE_CONFIDENCE = 0.6
CLAUSE_WITHOUT_SPEAKER_CONFIDENCE = 0.4
# What a verb says of its object is more often an action than a report: "criticized the plan".
OBJECT_CONFIDENCE = 0.5
PASSIVE_CONFIDENCE = 0.5
# "is expected to ...": nobody named, as a clause without a speaker.
PASSIVE_WITHOUT_SPEAKER_CONFIDENCE = 0.4


@dataclass
class Reading:
    """What a cue verb reports (token ranges), who reports it, and how sure an indirect reading is."""

    parts: list[Range]
    source: Range | None
    confidence: float


def passive_by_agent(found: Found, cue: Token) -> Reading | None:
    """ "claims consistently rejected by Moscow": the verb's subject is what was said, its agent who said it."""
    if cue.lemma_.lower() not in OBJECT_VERBS or cue.tag_ != "VBN":
        return None
    passive = passive_parts(found.ctx, cue)
    if passive is None:
        return None
    parts, source = passive
    return Reading(parts, source, PASSIVE_CONFIDENCE)


def passive_with_infinitive(found: Found, cue: Token) -> Reading | None:
    """ "[The ferry] is expected [to sail in May]": what is expected or said of the subject, by someone unnamed."""
    if cue.lemma_.lower() not in SPEECH_VERBS or cue.tag_ != "VBN":
        return None
    if not any(child.dep_ == "auxpass" for child in cue.children):
        return None
    subject = next((child for child in cue.lefts if child.dep_ == "nsubjpass"), None)
    infinitive = next((child for child in cue.rights if is_infinitive(child)), None)
    if subject is None or infinitive is None:
        return None
    parts = [
        clipped
        for start, end in (
            (subject.left_edge.i, subject.right_edge.i + 1),
            (infinitive.left_edge.i, infinitive.right_edge.i + 1),
        )
        if (part := trim(found.ctx.doc, start, end)) and (clipped := within_paragraph(found.ctx, part, cue.i))
    ]
    if len(parts) != 2:
        return None
    return Reading(parts, None, PASSIVE_WITHOUT_SPEAKER_CONFIDENCE)


def clause_complement(found: Found, cue: Token) -> Reading | None:
    """ "The ministry said [the new rules would take effect in June]": a speech verb's clause."""
    if cue.lemma_.lower() not in SPEECH_VERBS:
        return None
    parts = clause_parts(found.ctx, cue)
    if not parts:
        return None
    source = source_of(found.ctx, cue)
    return Reading(parts, source, CLAUSE_CONFIDENCE if source else CLAUSE_WITHOUT_SPEAKER_CONFIDENCE)


def _perfect(verb: Token) -> bool:
    """ "has called for the complete repeal": a participle after "have" says it happened too."""
    return verb.tag_ == "VBN" and any(child.dep_ == "aux" and child.lemma_.lower() == "have" for child in verb.children)


def _with_do(verb: Token) -> bool:
    """ "did not mention his rival", "does support the plan": a bare verb after "do" says it happened (or not)."""
    return verb.tag_ == "VB" and any(child.dep_ == "aux" and child.lemma_.lower() == "do" for child in verb.children)


def object_content(found: Found, cue: Token) -> Reading | None:
    """ "Sanders urged [voters to stay home]", "criticized [the plan]": an object or infinitive as content.

    Only after a verb that states something happened ("urges", "has called
    for", "did not mention", not "will support") and with a speaker.
    """
    if cue.tag_ not in FINITE_TAGS and not _perfect(cue) and not _with_do(cue):
        return None
    source = source_of(found.ctx, cue)
    if source is None:
        return None
    parts = object_parts(found.ctx, cue)
    if not parts:
        return None
    return Reading(parts, source, OBJECT_CONFIDENCE)


# Tried in order; the first that reads anything decides what the verb reports.
VERB_RULES: tuple[Callable[[Found, Token], Reading | None], ...] = (
    passive_by_agent,
    passive_with_infinitive,
    clause_complement,
    object_content,
)


def is_cue_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in CUE_LEMMAS


def report_of_verb(found: Found, cue: Token) -> None:
    """The attribution a cue verb makes, by the first verb rule that reads it, if any."""
    ctx = found.ctx
    reading = next((reading for rule in VERB_RULES if (reading := rule(found, cue)) is not None), None)
    if reading is None:
        return
    parts = without(ctx, before_next_report(ctx, reading.parts, cue), (reading.source, cue_range(cue)))
    parts = without_asides(ctx, parts)
    if not parts:
        return
    covered = found.unclaimed(covered_quotations(ctx, parts))
    if covered:
        if outside_quotations(ctx, parts):
            kind, confidence = "mixed", MIXED_CONFIDENCE
            parts = merge(parts + [part for q in covered for part in ctx.quotation_ranges[q]])
        else:
            kind, confidence = "direct", DIRECT_CONFIDENCE
            parts = [part for q in covered for part in ctx.quotation_ranges[q]]
    elif second_reading(found, parts, cue.i):
        return
    else:
        kind, confidence = "indirect", reading.confidence
    found.add(Attribution(parts, kind, confidence, cue_range(cue), reading.source, covered))


def according_to_phrase(found: Found, token: Token) -> None:
    """ "According to the ministry, the talks failed", "The talks failed, according to the ministry"."""
    attribution = according_to(found.ctx, token)
    if attribution is None:
        return
    attribution.quotations = found.unclaimed(covered_quotations(found.ctx, attribution.parts))
    if attribution.quotations:
        attribution.kind = "mixed" if outside_quotations(found.ctx, attribution.parts) else "direct"
        attribution.confidence = ACCORDING_TO_QUOTATION_CONFIDENCE
    found.add(attribution)


# "In a new poll, Clinton leads": documents whose findings a clause reports.
FINDING_NOUNS = frozenset({"poll", "survey", "study", "report", "statement", "letter", "memo", "filing", "release"})
IN_A_DOCUMENT_CONFIDENCE = 0.5


def in_a_document(found: Found, token: Token) -> None:
    """ "In a new Quinnipiac poll, Clinton leads Trump by five points": the clause after is what the document says."""
    ctx = found.ctx
    head = token.head
    document = next((child for child in token.children if child.dep_ == "pobj"), None)
    if (
        token.dep_ != "prep"
        or document is None
        or document.lemma_.lower() not in FINDING_NOUNS
        or head.pos_ not in ("VERB", "AUX")
        or is_cue_verb(head)
        or head.i < token.i
    ):
        return
    phrase_start, phrase_end = token.left_edge.i, token.right_edge.i + 1
    parts = [
        clipped
        for part in (trim(ctx.doc, head.left_edge.i, phrase_start), trim(ctx.doc, phrase_end, head.right_edge.i + 1))
        if part and (clipped := within_paragraph(ctx, part, token.i))
    ]
    source = phrase(ctx, document)
    if not parts or source is None or covered_quotations(ctx, parts):
        return
    found.add(Attribution(parts, "indirect", IN_A_DOCUMENT_CONFIDENCE, (token.i, token.i + 1), source))
