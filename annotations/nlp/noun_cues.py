"""Nouns as cues: "her claim that ...", "Sanders's criticism of the banks"."""

from __future__ import annotations

from .context import Attribution, Context, covered_quotations, trim, within_paragraph
from .lexicon import CLAIM_NOUNS, STANCE_NOUNS
from .sources import phrase


def noun_attributions(ctx: Context) -> list[Attribution]:
    """ "her claim that she never sent ...", "Sanders's criticism of the banks": a noun as cue.

    The speaker is the noun's possessor, or who it is "by" or "from"; without
    one there is nothing to attribute. Contents with quotations are left to the
    quotation rules.
    """
    doc = ctx.doc
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or ctx.quotation_of[token.i] != -1:
            continue
        lemma = token.lemma_.lower()
        if lemma not in CLAIM_NOUNS and lemma not in STANCE_NOUNS:
            continue
        content = None
        for child in token.rights:
            if (
                lemma in CLAIM_NOUNS
                and child.dep_ in ("acl", "ccomp")
                and any(mark.dep_ == "mark" and mark.lower_ == "that" for mark in child.children)
            ):
                content = child
                break
            if lemma in STANCE_NOUNS and child.dep_ == "prep" and child.lower_ in ("of", "for", "on"):
                content = next((pobj for pobj in child.children if pobj.dep_ == "pobj"), None)
                break
        if content is None:
            continue
        speaker = next((child for child in token.lefts if child.dep_ == "poss"), None)
        if speaker is None:
            by = next(
                (child for child in token.rights if child.dep_ == "prep" and child.lower_ in ("by", "from")), None
            )
            speaker = next((pobj for pobj in by.children if pobj.dep_ == "pobj"), None) if by is not None else None
        if speaker is None or ctx.quotation_of[speaker.i] != -1:
            continue
        part = trim(doc, content.left_edge.i, content.right_edge.i + 1)
        part = within_paragraph(ctx, part, token.i) if part else None
        source = phrase(ctx, speaker)
        if part is None or source is None or covered_quotations(ctx, [part]):
            continue
        found.append(Attribution([part], "indirect", 0.45, (token.i, token.i + 1), source, []))
    return found
