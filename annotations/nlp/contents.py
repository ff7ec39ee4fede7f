"""Reported contents: what a cue verb says was said.

From its clause, its object or infinitive, or the subject of a passive; cut
where another report starts, and less the speaker, the cue and any aside.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .context import Context, Range, is_quote_mark, trim, within_paragraph
from .lexicon import INFINITIVE_VERBS, NOT_OBJECT_SPEECH_VERBS, OBJECT_VERBS, PREPOSITION_VERBS, SPEECH_VERBS
from .sources import SUBJECT_DEPS, phrase

_CLAUSE_DEPS = frozenset({"ccomp"})
_ADVERBIAL_MARKS = frozenset(
    {"after", "before", "because", "when", "while", "since", "as", "although", "though", "until", "once", "unless"}
)


def _is_adverbial(clause: Token) -> bool:
    """A clause the parser took for a complement but that says when or why ("a day after Moscow launched")."""
    return any(child.dep_ == "mark" and child.lower_ in _ADVERBIAL_MARKS for child in clause.children)


# Verbs with the person addressed as object, where the parser may hang the
# "that" clause on that object: "told [a meeting of leaders] [that few people ...]".
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "remind", "assure", "warn", "notify", "convince", "persuade"})


def _extent(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _that_clauses_of_addressee(cue: Token) -> list[Token]:
    """Clauses opened by the complementizer "that" that the parser took for relative clauses of the object."""
    found = []
    for child in cue.children:
        if child.dep_ != "dobj":
            continue
        for token in child.subtree:
            if token.dep_ == "relcl" and any(
                mark.dep_ == "mark" and mark.lower_ == "that" and mark.i == token.left_edge.i for mark in token.children
            ):
                found.append(token)
                break
    return found


def clause_parts(ctx: Context, cue: Token) -> list[Range]:
    """What a cue verb reports: its clausal complement, or the clause it interrupts."""
    doc = ctx.doc
    parts: list[Range] = []
    for child in cue.children:
        if child.dep_ in _CLAUSE_DEPS and not _is_adverbial(child):
            trimmed = trim(doc, child.left_edge.i, child.right_edge.i + 1)
            if trimmed:
                parts.append(trimmed)
    if not parts and cue.lemma_.lower() in _ADDRESSEE_VERBS:
        parts = [part for clause in _that_clauses_of_addressee(cue) if (part := trim(doc, *_extent(clause)))]
    if parts:
        return [clipped for part in parts if (clipped := within_paragraph(ctx, part, cue.i))]
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        # "Xi respected Russia's actions, the Kremlin said": the parser hangs
        # the attribution off the reported clause.
        head = cue.head
        aside_start = cue.left_edge.i
        aside_end = cue.right_edge.i + 1
        before = trim(doc, head.left_edge.i, aside_start)
        after = trim(doc, aside_end, head.right_edge.i + 1)
        # Words after the attribution are only reported speech when they are a
        # quotation resumed ("X," he said, "Y."), not "..., a day after ...".
        # "Now, she said, the Christians and Muslims don't mix": the reported verb
        # comes after the attribution, so the words after it are what was said.
        if after and ctx.quotation_of[after[0]] == -1 and head.i < aside_end:
            after = None
        parts = [part for part in (before, after) if part]
    return [clipped for part in parts if (clipped := within_paragraph(ctx, part, cue.i))]


# An object or infinitive is only taken for what was said after a verb that
# states something happened ("criticized", "urges"), not "will support", "to defend".
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBG"})
_OBJECT_TAIL_DEPS = frozenset({"oprd", "xcomp", "ccomp"})
_OBJECT_TAIL_PREPOSITIONS = frozenset({"of", "for", "as"})


def is_infinitive(token: Token) -> bool:
    return token.dep_ == "xcomp" and any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def object_parts(ctx: Context, cue: Token) -> list[Range]:
    """What a verb reports through its object or infinitive rather than a clause.

    "urged voters [to stay home]", "called on [the army to lay down its arms]",
    "accused [Russia of amassing troops]", "criticized [the plan]", and a
    speech verb's object: "noted [Bill Clinton's comments]".
    """
    lemma = cue.lemma_.lower()
    rights = list(cue.rights)
    start = end = None
    infinitive = next((child for child in rights if is_infinitive(child)), None)
    if infinitive is not None and lemma in INFINITIVE_VERBS:
        start, end = infinitive.left_edge.i, infinitive.right_edge.i + 1
        on = next((child for child in rights if child.dep_ == "prep" and child.lower_ == "on"), None)
        if lemma == "call" and on is not None and on.i < infinitive.i:
            start = min((child.left_edge.i for child in on.children if child.dep_ == "pobj"), default=start)
    elif lemma == "call" and (
        target := next((child for child in rights if child.dep_ == "prep" and child.lower_ in ("for", "on")), None)
    ):
        objects = [child for child in target.children if child.dep_ == "pobj"]
        if objects:
            start, end = objects[0].left_edge.i, objects[0].right_edge.i + 1
    elif lemma in PREPOSITION_VERBS and (
        target := next(
            (child for child in rights if child.dep_ == "prep" and child.lower_ in PREPOSITION_VERBS[lemma]), None
        )
    ):
        objects = [child for child in target.children if child.dep_ in ("pobj", "pcomp")]
        if objects:
            start, end = objects[0].left_edge.i, objects[0].right_edge.i + 1
    elif lemma in OBJECT_VERBS or (lemma in SPEECH_VERBS and lemma not in NOT_OBJECT_SPEECH_VERBS):
        found = next((child for child in rights if child.dep_ == "dobj"), None)
        if found is None:
            return []
        start, end = found.left_edge.i, found.right_edge.i + 1
        if found.tag_ in ("WDT", "WP"):
            start = end
        for child in rights:
            if child.i <= found.i:
                continue
            if child.dep_ in _OBJECT_TAIL_DEPS or (child.dep_ == "prep" and child.lower_ in _OBJECT_TAIL_PREPOSITIONS):
                end = child.right_edge.i + 1
            elif not child.is_punct:
                break
    if start is None or end is None:
        return []
    part = trim(ctx.doc, start, end)
    clipped = within_paragraph(ctx, part, cue.i) if part else None
    return [clipped] if clipped else []


def passive_parts(ctx: Context, cue: Token) -> tuple[list[Range], Range] | None:
    """ "claims consistently rejected by Moscow": the content is what the verb is said of, the source its agent."""
    agent = next((child for child in cue.children if child.dep_ == "agent"), None)
    source = next((child for child in agent.children if child.dep_ == "pobj"), None) if agent is not None else None
    if source is None or ctx.quotation_of[source.i] != -1:
        return None
    subject = next((child for child in cue.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.i < cue.i:
        start, end = subject.left_edge.i, subject.right_edge.i + 1
    elif cue.dep_ == "acl" and cue.head.i < cue.i:
        start, end = cue.head.left_edge.i, cue.head.i + 1
    else:
        return None
    content = trim(ctx.doc, start, end)
    speaker = phrase(ctx, source)
    if content is None or speaker is None or not (content := within_paragraph(ctx, content, cue.i)):
        return None
    return [content], speaker


def before_next_report(ctx: Context, parts: list[Range], cue: Token) -> list[Range]:
    """The parts cut where another attribution starts: "said X, adding 'Y'" reports two things, not one."""
    doc = ctx.doc
    kept: list[Range] = []
    for start, end in parts:
        for i in range(start + 1, end):
            token = doc[i]
            if (
                token.dep_ in ("advcl", "conj")
                and token.pos_ == "VERB"
                and ctx.quotation_of[i] == -1
                and token.lemma_.lower() in SPEECH_VERBS
                and (token.tag_ == "VBG" or (token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ")))
                and token.left_edge.i > start
            ):
                stop = token.left_edge.i
                while stop > start and (doc[stop - 1].dep_ == "cc" or doc[stop - 1].is_punct):
                    stop -= 1
                cut = trim(doc, start, stop)
                if cut is not None:
                    kept.append(cut)
                return kept
        kept.append((start, end))
    return kept


def without(ctx: Context, parts: list[Range], removed: Sequence[Range | None]) -> list[Range]:
    """The parts less the speaker and the cue, when the parser put them inside the reported clause."""
    for gap in removed:
        if gap is None:
            continue
        kept: list[Range] = []
        for start, end in parts:
            if gap[0] < end and start < gap[1]:
                kept.extend(piece for piece in (trim(ctx.doc, start, gap[0]), trim(ctx.doc, gap[1], end)) if piece)
            else:
                kept.append((start, end))
        parts = kept
    return parts


def without_asides(ctx: Context, parts: list[Range]) -> list[Range]:
    """The parts less a trailing aside on the reported words.

    ', which raised concerns ...', ' - the Founding Father who ...': said about the words, not in them.
    """
    doc = ctx.doc
    kept: list[Range] = []
    for start, end in parts:
        for i in range(start + 1, end - 1):
            separator = doc[i].text in (",", "-", "–", "—") and ctx.quotation_of[i] == -1
            # '... "far too high," which ...': the comma inside the closing mark.
            closing = is_quote_mark(doc[i]) and ctx.quotation_of[i] != -1 and doc[i - 1].text == ","
            if not (separator or closing):
                continue
            following = doc[i + 1]
            aside = following.lower_ in ("which", "who") or (
                following.head.dep_ == "appos" and following.head.head.i < i and following.head.left_edge.i == i + 1
            )
            if aside and ctx.quotation_of[i + 1] == -1:
                trimmed = trim(doc, start, i + 1 if closing else i)
                if trimmed is not None and any(ctx.quotation_of[k] != -1 for k in range(*trimmed)):
                    end = trimmed[1]
                break
        kept.append((start, end))
    return kept
