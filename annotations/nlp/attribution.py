"""Finding who said what in a parsed Doc: cues, speakers and what they said.

Works on token indices ([start, end) ranges) so the component can build Spans
once at the end. Every step is a bounded walk over the dependency tree or one
pass over the tokens, so the cost stays small next to the parser's.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .contents import (
    FINITE_TAGS,
    before_next_report,
    clause_parts,
    object_parts,
    passive_parts,
    without,
    without_asides,
)
from .context import Attribution, build_context, covered_quotations, merge, outside_quotations
from .lexicon import CONTENT_VERBS, INFINITIVE_VERBS, OBJECT_VERBS, PREPOSITION_VERBS, SPEECH_VERBS
from .noun_cues import noun_attributions
from .quotations import (
    attribution_after,
    attribution_before,
    find_speaker_cues,
    governed_parts,
    governing_cue,
    is_speech,
    nested,
    opens_paragraph,
    resumes,
    speaker_before,
)
from .scare_quotes import SCARE_CONFIDENCE, scare_quotes_only
from .signatures import colon_paragraphs, colon_speaker, signature
from .sources import according_to, cue_range, source_of


def find_attributions(doc: Doc) -> tuple[list[Attribution], list[int]]:
    """Every attribution in doc, and for each token the quotation it lies in (-1: none)."""
    ctx = build_context(doc)
    attributions: list[Attribution] = []
    used_cues: set[int] = set()
    claimed: set[int] = set()
    # The attribution that claimed each quotation in step 1.
    claimer: dict[int, Attribution] = {}

    # 1. Cue verbs whose reported clause holds a quotation, or is one.
    for token in doc:
        if token.lower_ == "according" and ctx.quotation_of[token.i] == -1:
            found = according_to(ctx, token)
            if found is not None:
                found.quotations = [q for q in covered_quotations(ctx, found.parts) if q not in claimed]
                if found.quotations:
                    found.kind = "mixed" if outside_quotations(ctx, found.parts) else "direct"
                    found.confidence = 0.8
                claimed.update(found.quotations)
                claimer.update((q, found) for q in found.quotations)
                attributions.append(found)
                used_cues.add(token.i)
            continue
        if ctx.quotation_of[token.i] != -1 or token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_.lower()
        if (
            lemma not in SPEECH_VERBS
            and lemma not in CONTENT_VERBS
            and lemma not in OBJECT_VERBS
            and lemma not in INFINITIVE_VERBS
            and lemma not in PREPOSITION_VERBS
        ):
            continue
        passive = passive_parts(ctx, token) if lemma in OBJECT_VERBS and token.tag_ == "VBN" else None
        if passive is not None:
            parts, source = passive
            by_object = True
        else:
            parts = clause_parts(ctx, token) if lemma in SPEECH_VERBS else []
            by_object = not parts
            source = source_of(ctx, token)
        if by_object and not parts and source is not None and token.tag_ in FINITE_TAGS:
            parts = object_parts(ctx, token)
        parts = without(ctx, before_next_report(ctx, parts, token), (source, cue_range(token)))
        parts = without_asides(ctx, parts)
        if not parts:
            continue
        covered = [q for q in covered_quotations(ctx, parts) if q not in claimed]
        if covered:
            if outside_quotations(ctx, parts):
                kind, confidence = "mixed", 0.75
                parts = merge(parts + [part for q in covered for part in ctx.quotation_ranges[q]])
            else:
                kind, confidence = "direct", 0.9
                parts = [part for q in covered for part in ctx.quotation_ranges[q]]
            claimed.update(covered)
        elif (taken := covered_quotations(ctx, parts)) and not any(
            nested(ctx, parts, token.i, claimer[q]) for q in taken if q in claimer
        ):
            # Every quotation in the clause is already another attribution's, and neither
            # reports the other: a second reading of the same words.
            continue
        else:
            kind, confidence = "indirect", 0.6 if source else 0.4
            if by_object:
                confidence -= 0.1
        attributions.append(Attribution(parts, kind, confidence, cue_range(token), source, covered))
        claimer.update((q, attributions[-1]) for q in covered)
        used_cues.add(token.i)

    # 2. Quotations attributed by a cue next to them rather than by the parse.
    by_cue: dict[int, Attribution] = {}
    for attribution in attributions:
        if attribution.cue:
            by_cue[attribution.cue[0]] = attribution
    owner_of: dict[int, Attribution] = {q: a for a in attributions for q in a.quotations}
    speaker_cues: list[int] | None = None
    for index in range(len(ctx.quotations)):
        if not ctx.quotation_ranges[index] or index in claimed:
            continue
        # "“...” ― Esther Tapia", "Philip Bump: '...'": a name with no verb, the first that fits.
        for finder, confidence in ((signature, 0.8), (colon_speaker, 0.75)):
            signed = finder(ctx, index)
            if signed is not None:
                signed_cue, name = signed
                attribution = Attribution(
                    list(ctx.quotation_ranges[index]), "direct", confidence, signed_cue, name, [index]
                )
                attributions.append(attribution)
                claimed.add(index)
                owner_of[index] = attribution
                break
        if index in claimed:
            continue
        cue = attribution_after(ctx, index)
        governing = None
        if cue is None:
            governing = governing_cue(ctx, index, any_verb=False)
            if governing is None and is_speech(ctx, index):
                governing = governing_cue(ctx, index, any_verb=True)
        if governing is not None:
            cue, child = governing
            if cue.i not in by_cue:
                parts = governed_parts(ctx, cue, child, index)
                covered = [q for q in covered_quotations(ctx, parts) if q not in claimed]
                if index in covered:
                    kind = "mixed" if outside_quotations(ctx, parts) else "direct"
                    attribution = Attribution(parts, kind, 0.7, cue_range(cue), source_of(ctx, cue), covered)
                    attributions.append(attribution)
                    by_cue[cue.i] = attribution
                    used_cues.add(cue.i)
                    claimed.update(covered)
                    for q in covered:
                        owner_of[q] = attribution
                    continue
        cue = cue or attribution_before(ctx, index)
        if cue is not None:
            existing = by_cue.get(cue.i)
            if existing is not None and existing.kind in ("direct", "mixed"):
                # "X," he said, "Y.": a second part of the same quotation.
                existing.parts.extend(ctx.quotation_ranges[index])
                existing.parts.sort()
                existing.quotations.append(index)
            else:
                if existing is not None:
                    attributions.remove(existing)
                existing = Attribution(
                    list(ctx.quotation_ranges[index]),
                    "direct",
                    0.85,
                    cue_range(cue),
                    source_of(ctx, cue),
                    [index],
                )
                attributions.append(existing)
                by_cue[cue.i] = existing
                used_cues.add(cue.i)
            claimed.add(index)
            owner_of[index] = existing
            continue
        previous = next((owner_of[q] for q in range(index - 1, max(index - 3, -1), -1) if q in owner_of), None)
        if previous is not None and previous.kind == "direct" and resumes(ctx, index, previous):
            # "X," Carson said. "Y.": the speaker goes on after the attribution.
            previous.parts.extend(ctx.quotation_ranges[index])
            previous.quotations.append(index)
            owner_of[index] = previous
            claimed.add(index)
            continue
        if not is_speech(ctx, index):
            continue
        if (
            previous is not None
            and previous.source is not None
            and previous.confidence > 0.5
            and opens_paragraph(ctx, index)
        ):
            # A paragraph that is all quotation goes on with the previous speaker:
            # one quote, one more part. A speaker only carried over is not sure enough.
            previous.parts.extend(ctx.quotation_ranges[index])
            previous.quotations.append(index)
            owner_of[index] = previous
            claimed.add(index)
            continue
        if speaker_cues is None:
            speaker_cues = find_speaker_cues(ctx)
        carried = speaker_before(ctx, speaker_cues, index)
        if carried is not None:
            attribution = Attribution(
                list(ctx.quotation_ranges[index]), "direct", 0.5, cue_range(carried), source_of(ctx, carried), [index]
            )
        else:
            attribution = Attribution(list(ctx.quotation_ranges[index]), "direct", 0.35, None, None, [index])
        attributions.append(attribution)
        owner_of[index] = attribution
        claimed.add(index)

    # 3. "AP: Trump chair routed money to lobbyists", "Q: And the wall?": a paragraph led by a name and a colon.
    attributions.extend(colon_paragraphs(ctx, claimed))
    # 4. Nouns as cues: "her claim that ...", "Sanders's criticism of the banks".
    attributions.extend(noun_attributions(ctx))

    for attribution in attributions:
        if attribution.confidence > SCARE_CONFIDENCE and scare_quotes_only(ctx, attribution):
            attribution.confidence = SCARE_CONFIDENCE
    attributions.sort(key=lambda a: a.parts[0])
    return attributions, ctx.quotation_of
