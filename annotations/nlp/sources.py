"""Cues and sources: the verb that reports speech, and who it says spoke ("according to X" included)."""

from __future__ import annotations

from spacy.tokens import Token

from .context import Attribution, Context, Range, trim, within_paragraph
from .lexicon import SPEECH_VERBS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "oprd", "dative"})
# A cue verb in one of these roles borrows its subject from its head
# ("..., adding that ...", "declined to comment but said ...").
# "began by saying ..." and "released a statement saying ..." borrow through the
# preposition or the document noun.
_INHERITS_SUBJECT = frozenset({"advcl", "conj", "xcomp", "acl", "relcl", "pcomp", "prep", "dobj"})


def is_cue(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def cue_range(token: Token) -> Range:
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return (token.i, end)


def subject_of(ctx: Context, token: Token) -> Token | None:
    """The speaker for a cue verb: its own subject, or the one it borrows from its head.

    Subjects inside quotation marks belong to the quotation, not to the cue.
    """
    cue = token
    paragraph = ctx.paragraph_of[cue.i]
    for _ in range(4):
        if (
            token.i != cue.i
            and ((cue.tag_ == "VBG" and cue.dep_ == "advcl") or (cue.dep_ == "conj" and cue.head.i == token.i))
            and token.dep_ == "ccomp"
            and token.head.lemma_.lower() in SPEECH_VERBS
        ):
            # "Putin said the operation aims to ... while calling on the army to ...":
            # the speaker goes on speaking, the reported clause does not.
            token = token.head
        subjects = [
            child
            for child in token.children
            if child.dep_ in SUBJECT_DEPS and ctx.quotation_of[child.i] == -1 and ctx.paragraph_of[child.i] == paragraph
        ]
        if subjects:
            # "LONDON (Reuters) - Donald Trump said": of two subjects, the one nearer the verb.
            return min(subjects, key=lambda child: abs(child.i - token.i))
        if token.dep_ not in _INHERITS_SUBJECT or token.head.i == token.i:
            break
        token = token.head
    return _inverted_subject(ctx, cue)


def _inverted_subject(ctx: Context, cue: Token) -> Token | None:
    """ "...," wrote a Trump supporter: after a quotation the parser may take the speaker for an object."""
    before = cue.i - 1
    while before >= 0 and (ctx.doc[before].is_space or ctx.doc[before].text == ","):
        before -= 1
    if before < 0 or ctx.quotation_of[before] == -1:
        return None
    for child in cue.rights:
        if child.dep_ in _INVERTED_SUBJECT_DEPS and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child if ctx.quotation_of[child.i] == -1 else None
    return None


_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
_CLAUSE_SEPARATORS = frozenset({",", "-", "–", "—"})


def phrase(ctx: Context, head: Token) -> Range | None:
    start, end = head.left_edge.i, head.right_edge.i + 1
    paragraph = ctx.paragraph_of[head.i]
    # A speaker phrase never reaches into a quotation, nor out of its paragraph.
    for i in range(head.i, end):
        if ctx.quotation_of[i] != -1 or ctx.paragraph_of[i] != paragraph:
            end = i
            break
    for i in range(head.i, start - 1, -1):
        if ctx.quotation_of[i] != -1 or ctx.paragraph_of[i] != paragraph:
            start = i + 1
            break
    # "The report, which some councillors dismissed as ...": the speaker is the
    # noun phrase, not what a relative clause says about it. A clause without a
    # relative word or comma ("all she could do") is more often a misparse.
    for i in range(head.i + 1, end):
        clause_start = ctx.doc[i].left_edge
        if ctx.doc[i].dep_ == "relcl" and (
            clause_start.tag_ in _RELATIVE_TAGS or ctx.doc[clause_start.i - 1].text in _CLAUSE_SEPARATORS
        ):
            end = min(end, clause_start.i)
            break
    if head.i < start or head.i >= end:
        return None
    return trim(ctx.doc, start, end)


def source_of(ctx: Context, cue: Token) -> Range | None:
    subject = subject_of(ctx, cue)
    if subject is None or ctx.quotation_of[subject.i] != -1:
        return None
    return phrase(ctx, subject)


def according_to(ctx: Context, token: Token) -> Attribution | None:
    """ "According to X, CLAUSE" and "CLAUSE, according to X"."""
    to = next((child for child in token.children if child.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((child for child in to.children if child.dep_ == "pobj"), None)
    source = phrase(ctx, pobj) if pobj is not None else None
    head = token.head
    if head.i == token.i:
        return None
    phrase_start, phrase_end = token.left_edge.i, token.right_edge.i + 1
    parts = [
        clipped
        for part in (
            trim(ctx.doc, head.left_edge.i, phrase_start),
            trim(ctx.doc, phrase_end, head.right_edge.i + 1),
        )
        if part and (clipped := within_paragraph(ctx, part, token.i))
    ]
    if not parts:
        return None
    return Attribution(parts, "indirect", 0.6, cue=(token.i, to.i + 1), source=source)
