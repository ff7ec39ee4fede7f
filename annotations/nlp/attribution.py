"""Finding who said what in a parsed Doc: cues, speakers and what they said.

Works on token indices ([start, end) ranges) so the component can build Spans
once at the end. Every step is a bounded walk over the dependency tree or one
pass over the tokens, so the cost stays small next to the parser's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import (
    CLAIM_NOUNS,
    CONTENT_VERBS,
    INFINITIVE_VERBS,
    OBJECT_VERBS,
    PREPOSITION_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
    STANCE_NOUNS,
)
from .quotes import Quotation, find_quotations

Range = tuple[int, int]

_CLAUSE_DEPS = frozenset({"ccomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "oprd", "dative"})
# A cue verb in one of these roles borrows its subject from its head
# ("..., adding that ...", "declined to comment but said ...").
# "began by saying ..." and "released a statement saying ..." borrow through the
# preposition or the document noun.
_INHERITS_SUBJECT = frozenset({"advcl", "conj", "xcomp", "acl", "relcl", "pcomp", "prep", "dobj"})
_ADVERBIAL_MARKS = frozenset(
    {"after", "before", "because", "when", "while", "since", "as", "although", "though", "until", "once", "unless"}
)
_MAX_ATTRIBUTION_TOKENS = 14
# "X," said Robert Stone, a 59-year-old from Hilton Head, ... "Y.": how far the speaker's description may run.
_MAX_RESUMING_GAP = 60
# A quotation shorter than this with no cue is taken for scare quotes or a title.
_MIN_SPEECH_TOKENS = 5


@dataclass
class Attribution:
    parts: list[Range]
    kind: str
    confidence: float
    cue: Range | None = None
    source: Range | None = None
    quotations: list[int] = field(default_factory=list)


@dataclass
class _Context:
    doc: Doc
    quotation_of: list[int]
    paragraph_of: list[int]
    quotations: list[Quotation]
    quotation_ranges: list[list[Range]]


def _is_quote_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "„", "«", "»", "''", "``")


def _token_ranges(doc: Doc, quotations: Sequence[Quotation]) -> list[list[Range]]:
    ranges = []
    for quotation in quotations:
        parts = []
        for start, end in quotation.parts:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                parts.append((span.start, span.end))
        ranges.append(parts)
    return ranges


def _context(doc: Doc) -> _Context:
    quotations = find_quotations(doc.text)
    ranges = _token_ranges(doc, quotations)
    quotation_of = [-1] * len(doc)
    for index, parts in enumerate(ranges):
        for start, end in parts:
            for i in range(start, end):
                quotation_of[i] = index
    paragraph_of = []
    paragraph = 0
    for token in doc:
        paragraph_of.append(paragraph)
        if "\n" in token.text or "\n" in token.whitespace_:
            paragraph += 1
    return _Context(doc, quotation_of, paragraph_of, quotations, ranges)


def _trim(doc: Doc, start: int, end: int) -> Range | None:
    """Drop spaces and punctuation at the edges, keeping quotation marks."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and not _is_quote_mark(doc[start]))):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and not _is_quote_mark(doc[end - 1]))):
        end -= 1
    return (start, end) if start < end else None


def _is_cue(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def _cue_range(token: Token) -> Range:
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return (token.i, end)


def _subject(ctx: _Context, token: Token) -> Token | None:
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
            if child.dep_ in _SUBJECT_DEPS
            and ctx.quotation_of[child.i] == -1
            and ctx.paragraph_of[child.i] == paragraph
        ]
        if subjects:
            # "LONDON (Reuters) - Donald Trump said": of two subjects, the one nearer the verb.
            return min(subjects, key=lambda child: abs(child.i - token.i))
        if token.dep_ not in _INHERITS_SUBJECT or token.head.i == token.i:
            break
        token = token.head
    return _inverted_subject(ctx, cue)


def _inverted_subject(ctx: _Context, cue: Token) -> Token | None:
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


def _phrase(ctx: _Context, head: Token) -> Range | None:
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
    return _trim(ctx.doc, start, end)


def _source(ctx: _Context, cue: Token) -> Range | None:
    subject = _subject(ctx, cue)
    if subject is None or ctx.quotation_of[subject.i] != -1:
        return None
    return _phrase(ctx, subject)


def _is_adverbial(clause: Token) -> bool:
    """A clause the parser took for a complement but that says when or why ("a day after Moscow launched")."""
    return any(child.dep_ == "mark" and child.lower_ in _ADVERBIAL_MARKS for child in clause.children)


def _clause_parts(ctx: _Context, cue: Token) -> list[Range]:
    """What a cue verb reports: its clausal complement, or the clause it interrupts."""
    doc = ctx.doc
    parts: list[Range] = []
    for child in cue.children:
        if child.dep_ in _CLAUSE_DEPS and not _is_adverbial(child):
            trimmed = _trim(doc, child.left_edge.i, child.right_edge.i + 1)
            if trimmed:
                parts.append(trimmed)
    if parts:
        return [clipped for part in parts if (clipped := _within_paragraph(ctx, part, cue.i))]
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        # "Xi respected Russia's actions, the Kremlin said": the parser hangs
        # the attribution off the reported clause.
        head = cue.head
        aside_start = cue.left_edge.i
        aside_end = cue.right_edge.i + 1
        before = _trim(doc, head.left_edge.i, aside_start)
        after = _trim(doc, aside_end, head.right_edge.i + 1)
        # Words after the attribution are only reported speech when they are a
        # quotation resumed ("X," he said, "Y."), not "..., a day after ...".
        # "Now, she said, the Christians and Muslims don't mix": the reported verb
        # comes after the attribution, so the words after it are what was said.
        if after and ctx.quotation_of[after[0]] == -1 and head.i < aside_end:
            after = None
        parts = [part for part in (before, after) if part]
    return [clipped for part in parts if (clipped := _within_paragraph(ctx, part, cue.i))]


# An object or infinitive is only taken for what was said after a verb that
# states something happened ("criticized", "urges"), not "will support", "to defend".
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBG"})
_OBJECT_TAIL_DEPS = frozenset({"oprd", "xcomp", "ccomp"})
_OBJECT_TAIL_PREPOSITIONS = frozenset({"of", "for", "as"})


def _is_infinitive(token: Token) -> bool:
    return token.dep_ == "xcomp" and any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def _object_parts(ctx: _Context, cue: Token) -> list[Range]:
    """What a verb reports through its object or infinitive rather than a clause.

    "urged voters [to stay home]", "called on [the army to lay down its arms]",
    "accused [Russia of amassing troops]", "criticized [the plan]".
    """
    lemma = cue.lemma_.lower()
    rights = list(cue.rights)
    start = end = None
    infinitive = next((child for child in rights if _is_infinitive(child)), None)
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
    elif lemma in OBJECT_VERBS:
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
    part = _trim(ctx.doc, start, end)
    clipped = _within_paragraph(ctx, part, cue.i) if part else None
    return [clipped] if clipped else []


def _passive(ctx: _Context, cue: Token) -> tuple[list[Range], Range] | None:
    """ "claims consistently rejected by Moscow": the content is what the verb is said of, the source its agent."""
    agent = next((child for child in cue.children if child.dep_ == "agent"), None)
    source = next((child for child in agent.children if child.dep_ == "pobj"), None) if agent is not None else None
    if source is None or ctx.quotation_of[source.i] != -1:
        return None
    subject = next((child for child in cue.children if child.dep_ in _SUBJECT_DEPS), None)
    if subject is not None and subject.i < cue.i:
        start, end = subject.left_edge.i, subject.right_edge.i + 1
    elif cue.dep_ == "acl" and cue.head.i < cue.i:
        start, end = cue.head.left_edge.i, cue.head.i + 1
    else:
        return None
    content = _trim(ctx.doc, start, end)
    speaker = _phrase(ctx, source)
    if content is None or speaker is None or not (content := _within_paragraph(ctx, content, cue.i)):
        return None
    return [content], speaker


def _before_next_report(ctx: _Context, parts: list[Range], cue: Token) -> list[Range]:
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
                cut = _trim(doc, start, stop)
                if cut is not None:
                    kept.append(cut)
                return kept
        kept.append((start, end))
    return kept


def _without(ctx: _Context, parts: list[Range], removed: Sequence[Range | None]) -> list[Range]:
    """The parts less the speaker and the cue, when the parser put them inside the reported clause."""
    for gap in removed:
        if gap is None:
            continue
        kept: list[Range] = []
        for start, end in parts:
            if gap[0] < end and start < gap[1]:
                kept.extend(piece for piece in (_trim(ctx.doc, start, gap[0]), _trim(ctx.doc, gap[1], end)) if piece)
            else:
                kept.append((start, end))
        parts = kept
    return parts


def _without_asides(ctx: _Context, parts: list[Range]) -> list[Range]:
    """The parts less a trailing aside on the reported words.

    ', which raised concerns ...', ' - the Founding Father who ...': said about the words, not in them.
    """
    doc = ctx.doc
    kept: list[Range] = []
    for start, end in parts:
        for i in range(start + 1, end - 1):
            separator = doc[i].text in (",", "-", "–", "—") and ctx.quotation_of[i] == -1
            # '... "far too high," which ...': the comma inside the closing mark.
            closing = _is_quote_mark(doc[i]) and ctx.quotation_of[i] != -1 and doc[i - 1].text == ","
            if not (separator or closing):
                continue
            following = doc[i + 1]
            aside = following.lower_ in ("which", "who") or (
                following.head.dep_ == "appos" and following.head.head.i < i and following.head.left_edge.i == i + 1
            )
            if aside and ctx.quotation_of[i + 1] == -1:
                trimmed = _trim(doc, start, i + 1 if closing else i)
                if trimmed is not None and any(ctx.quotation_of[k] != -1 for k in range(*trimmed)):
                    end = trimmed[1]
                break
        kept.append((start, end))
    return kept


def _within_paragraph(ctx: _Context, part: Range, anchor: int) -> Range | None:
    """The part cut to the paragraph of the anchor token: the parser sometimes runs a headline into the text."""
    paragraph = ctx.paragraph_of[anchor]
    start, end = part
    while start < end and ctx.paragraph_of[start] < paragraph:
        start += 1
    while end > start and ctx.paragraph_of[end - 1] > paragraph:
        end -= 1
    return _trim(ctx.doc, start, end) if start < end else None


def _according_to(ctx: _Context, token: Token) -> Attribution | None:
    """ "According to X, CLAUSE" and "CLAUSE, according to X"."""
    to = next((child for child in token.children if child.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((child for child in to.children if child.dep_ == "pobj"), None)
    source = _phrase(ctx, pobj) if pobj is not None else None
    head = token.head
    if head.i == token.i:
        return None
    phrase_start, phrase_end = token.left_edge.i, token.right_edge.i + 1
    parts = [
        clipped
        for part in (
            _trim(ctx.doc, head.left_edge.i, phrase_start),
            _trim(ctx.doc, phrase_end, head.right_edge.i + 1),
        )
        if part and (clipped := _within_paragraph(ctx, part, token.i))
    ]
    if not parts:
        return None
    return Attribution(parts, "indirect", 0.6, cue=(token.i, to.i + 1), source=source)


def _overlaps(parts: Sequence[Range], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in parts)


def _covered_quotations(ctx: _Context, parts: Sequence[Range]) -> list[int]:
    found = []
    for start, end in parts:
        for i in range(start, end):
            index = ctx.quotation_of[i]
            if index != -1 and index not in found:
                found.append(index)
    return found


def _outside_quotations(ctx: _Context, parts: Sequence[Range]) -> bool:
    """True when the clause holds words outside any quotation marks."""
    doc = ctx.doc
    for start, end in parts:
        for i in range(start, end):
            token = doc[i]
            if ctx.quotation_of[i] == -1 and not (token.is_punct or token.is_space):
                if token.lower_ == "that" and token.dep_ == "mark":
                    continue
                return True
    return False


def _window_cue(ctx: _Context, start: int, end: int, *, quote_only: bool) -> Token | None:
    """The first cue verb with a speaker among doc[start:end], outside quotations."""
    doc = ctx.doc
    for i in range(start, end):
        token = doc[i]
        if ctx.quotation_of[i] != -1:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and (lemma in SPEECH_VERBS or (quote_only and lemma in QUOTE_ONLY_VERBS)):
            return token
    return None


def _attribution_after(ctx: _Context, index: int) -> Token | None:
    """ "...," spokesperson Dmitry Peskov said: the cue right after a quotation."""
    doc = ctx.doc
    end = ctx.quotation_ranges[index][-1][1]
    if end >= len(doc):
        return None
    paragraph = ctx.paragraph_of[end - 1]
    limit = end
    while (
        limit < len(doc)
        and limit - end < _MAX_ATTRIBUTION_TOKENS
        and ctx.quotation_of[limit] == -1
        and ctx.paragraph_of[limit] == paragraph
        and not (doc[limit].is_sent_start and doc[limit].i > end and doc[limit - 1].text in ".?!")
    ):
        limit += 1
    cue = _window_cue(ctx, end, limit, quote_only=True)
    if cue is None:
        return None
    # Only words of the attribution itself may stand between the quotation and its cue.
    subject = _subject(ctx, cue)
    opening = ctx.quotation_ranges[index][0][0]
    if subject is not None and subject.left_edge.i < opening and end <= subject.right_edge.i + 1:
        # "The report, which critics dismissed as a "wish list," recommends ...": the
        # quotation is part of who speaks, not what the verb after it reports.
        return None
    if subject is not None and subject.i > cue.i:
        return cue
    first_word = next((i for i in range(end, cue.i) if not (doc[i].is_punct or doc[i].is_space)), cue.i)
    if subject is not None and subject.left_edge.i <= first_word:
        return cue
    if first_word == cue.i:
        return cue
    return None


_DASHES = frozenset({"―", "—", "–", "-", "--"})
_MAX_SIGNATURE_TOKENS = 8


def _signature(ctx: _Context, index: int) -> tuple[Range, Range] | None:
    """ "“...” ― Esther Tapia": a quotation signed with a dash and a name ending the paragraph, or on the next line."""
    doc = ctx.doc
    i = ctx.quotation_ranges[index][-1][1]
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or doc[i].text not in _DASHES or ctx.quotation_of[i] != -1:
        return None
    dash = i
    paragraph = ctx.paragraph_of[dash]
    end = dash + 1
    while end < len(doc) and ctx.paragraph_of[end] == paragraph and ctx.quotation_of[end] == -1:
        end += 1
    name = _trim(doc, dash + 1, end)
    if name is None or name[1] - name[0] > _MAX_SIGNATURE_TOKENS:
        return None
    if not any(doc[k].pos_ == "PROPN" for k in range(*name)):
        return None
    return (dash, dash + 1), name


def _colon_speaker(ctx: _Context, index: int) -> tuple[Range, Range] | None:
    """ "Philip Bump: 'Two weeks ago ...'": a name and a colon, no verb, introduce the quotation."""
    doc = ctx.doc
    colon = ctx.quotation_ranges[index][0][0] - 1
    while colon >= 0 and doc[colon].is_space:
        colon -= 1
    if colon <= 0 or doc[colon].text != ":" or ctx.quotation_of[colon] != -1:
        return None
    start = colon
    while (
        start > 0
        and colon - start < _MAX_SIGNATURE_TOKENS
        and ctx.quotation_of[start - 1] == -1
        and ctx.paragraph_of[start - 1] == ctx.paragraph_of[colon]
        and doc[start - 1].text not in (".", "?", "!", ":", ";")
    ):
        start -= 1
    name = _trim(doc, start, colon)
    if name is None or (
        start > 0
        and ctx.paragraph_of[start - 1] == ctx.paragraph_of[colon]
        and doc[start - 1].text not in (".", "?", "!")
    ):
        return None
    words = [doc[i] for i in range(*name)]
    if any(word.pos_ in ("VERB", "AUX") for word in words) or not any(word.pos_ == "PROPN" for word in words):
        return None
    return (colon, colon + 1), name


def _noun_attributions(ctx: _Context) -> list[Attribution]:
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
        part = _trim(doc, content.left_edge.i, content.right_edge.i + 1)
        part = _within_paragraph(ctx, part, token.i) if part else None
        source = _phrase(ctx, speaker)
        if part is None or source is None or _covered_quotations(ctx, [part]):
            continue
        found.append(Attribution([part], "indirect", 0.45, (token.i, token.i + 1), source, []))
    return found


def _colon_paragraphs(ctx: _Context, claimed: set[int]) -> list[Attribution]:
    """Paragraphs that open with a short name and a colon, no verb: the rest of the paragraph is what it said."""
    doc = ctx.doc
    found = []
    starts = [0] + [i for i in range(1, len(doc)) if ctx.paragraph_of[i] != ctx.paragraph_of[i - 1]]
    for start in starts:
        while start < len(doc) and doc[start].is_space:
            start += 1
        colon = next(
            (
                i
                for i in range(start, min(start + _MAX_SIGNATURE_TOKENS + 1, len(doc)))
                if doc[i].text == ":" and ctx.paragraph_of[i] == ctx.paragraph_of[start]
            ),
            None,
        )
        if colon is None or colon == start or any(ctx.quotation_of[i] != -1 for i in range(start, colon + 1)):
            continue
        words = [doc[i] for i in range(start, colon)]
        if any(word.pos_ in ("VERB", "AUX") for word in words) or not any(word.pos_ == "PROPN" for word in words):
            continue
        end = colon + 1
        while end < len(doc) and ctx.paragraph_of[end] == ctx.paragraph_of[colon]:
            end += 1
        content = _trim(doc, colon + 1, end)
        name = _trim(doc, start, colon)
        if content is None or name is None or ctx.quotation_of[content[0]] != -1:
            continue
        if _covered_quotations(ctx, [content]):
            continue
        found.append(Attribution([content], "indirect", 0.45, (colon, colon + 1), name, []))
    return found


def _attribution_before(ctx: _Context, index: int) -> Token | None:
    """Peskov said: "..." — the cue right before a quotation, ending in a colon or comma."""
    doc = ctx.doc
    start = ctx.quotation_ranges[index][0][0]
    last = start - 1
    while last >= 0 and doc[last].is_space:
        last -= 1
    if last < 0 or ctx.quotation_of[last] != -1:
        return None
    # A colon may introduce a quotation set out in its own paragraph.
    if ctx.paragraph_of[last] != ctx.paragraph_of[start] and doc[last].text != ":":
        return None
    if not (doc[last].text in (":", ",") or _is_cue(doc[last])):
        return None
    first = last
    while first > 0 and last - first < _MAX_ATTRIBUTION_TOKENS and ctx.quotation_of[first - 1] == -1:
        if ctx.paragraph_of[first - 1] != ctx.paragraph_of[last] or doc[first - 1].text in (".", "?", "!"):
            break
        first -= 1
    cue = None
    for i in range(last, first - 1, -1):
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and (lemma in SPEECH_VERBS or lemma in QUOTE_ONLY_VERBS):
            cue = token
            break
    return cue


# How far up the tree a quotation may hang below the verb that reports it:
# "pledged to make Apple 'build ...'" is two steps.
_MAX_GOVERNING_STEPS = 4
_NOT_CONTENT_DEPS = frozenset({"punct", "advmod", "prt", "cc", "conj", "npadvmod", "advcl", "mark", "aux", "neg"})


def _is_reporting(token: Token, any_verb: bool) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if any_verb:
        return lemma not in ("be", "have")
    return lemma in SPEECH_VERBS or lemma in CONTENT_VERBS or lemma in QUOTE_ONLY_VERBS


def _governing_cue(ctx: _Context, index: int, *, any_verb: bool) -> tuple[Token, Token] | None:
    """The verb a quotation hangs from inside its sentence, and the verb's child on the way down.

    "Jacobs called Merkel 'the Chancellor of the Free World'": the quotation is
    the object of a verb whose subject said it.
    """
    doc = ctx.doc
    start, end = ctx.quotation_ranges[index][0]
    top = next(
        (
            doc[i]
            for i in range(start, end)
            if not doc[i].is_punct and not doc[i].is_space and not start <= doc[i].head.i < end
        ),
        None,
    )
    if top is None:
        return None
    node = top
    for _ in range(_MAX_GOVERNING_STEPS):
        head = node.head
        if head.i == node.i or ctx.quotation_of[head.i] != -1 or ctx.paragraph_of[head.i] != ctx.paragraph_of[start]:
            return None
        if _is_reporting(head, any_verb) and _subject(ctx, head) is not None:
            return head, node
        node = head
    return None


def _governed_parts(ctx: _Context, cue: Token, child: Token, index: int) -> list[Range]:
    """The quotation with what the verb says around it: "Trump of buying influence 'in a pattern of sleaze'"."""
    doc = ctx.doc
    start = child.left_edge.i
    for right in cue.rights:
        if right.i < child.i and right.dep_ not in _NOT_CONTENT_DEPS:
            start = min(start, right.left_edge.i)
            break
    start = max(start, cue.i + 1)
    end = child.right_edge.i + 1
    quotation = ctx.quotation_ranges[index]
    parts = [part for part in (_trim(doc, start, end),) if part]
    parts = [clipped for part in parts if (clipped := _within_paragraph(ctx, part, quotation[0][0]))]
    return _merge(parts + list(quotation))


def _speaker_cues(ctx: _Context) -> list[int]:
    """The positions of every reporting verb outside quotations that has a speaker, in order."""
    return [
        token.i
        for token in ctx.doc
        if ctx.quotation_of[token.i] == -1 and _is_reporting(token, False) and _subject(ctx, token) is not None
    ]


def _speaker_before(ctx: _Context, cues: Sequence[int], index: int) -> Token | None:
    """The last reporting verb before a quotation, in its paragraph or the paragraph before.

    A quotation with no attribution of its own goes on from the speaker last
    introduced: "Bystrom agreed. 'Mainstream Republicans are running out of time.'"
    """
    start = ctx.quotation_ranges[index][0][0]
    position = bisect_left(cues, start) - 1
    if position < 0:
        return None
    cue = ctx.doc[cues[position]]
    if ctx.paragraph_of[start] - ctx.paragraph_of[cue.i] > 1:
        return None
    return cue


def _nested(ctx: _Context, parts: Sequence[Range], cue: int, other: Attribution) -> bool:
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


def _merge(parts: list[Range]) -> list[Range]:
    """Parts sorted, with overlapping ones joined: a clause the parser cut short takes in its whole quotation."""
    merged: list[Range] = []
    for start, end in sorted(parts):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _resumes(ctx: _Context, index: int, previous: Attribution) -> bool:
    """True when only the previous quotation's attribution stands between it and this one."""
    if previous.cue is None:
        return False
    gap_start = max(end for _, end in previous.parts)
    gap_end = ctx.quotation_ranges[index][0][0]
    if not gap_start <= previous.cue[0] < gap_end or gap_end - gap_start > _MAX_RESUMING_GAP:
        return False
    if ctx.paragraph_of[gap_start - 1] != ctx.paragraph_of[gap_end]:
        return False
    before = gap_end - 1
    while before > gap_start and ctx.doc[before].is_space:
        before -= 1
    if not (ctx.doc[before].text in (".", ",", ":", ";") or ctx.doc[gap_end].is_sent_start):
        return False
    # The attribution is one sentence: a full stop inside the gap means other news came between.
    return not any(ctx.doc[i].text in (".", "?", "!") for i in range(gap_start, before))


def _is_speech(ctx: _Context, index: int) -> bool:
    parts = ctx.quotation_ranges[index]
    words = sum(1 for start, end in parts for i in range(start, end) if not ctx.doc[i].is_punct)
    return words >= _MIN_SPEECH_TOKENS


# A quoted phrase of at most this many words with no verb, set inside a noun
# phrase or after a word that leads into it ("dismissed as a "wish list"", "the
# "Never Trump" movement", "told "Good Morning America""), is a scare quote or a
# title rather than words someone spoke.
_MAX_SCARE_WORDS = 4
_SCARE_DEPS = frozenset({"pobj", "dobj", "compound", "attr", "appos", "nmod", "amod", "oprd", "conj", "npadvmod"})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
# What the suggester says of a scare quote it still attributes: less than even odds.
_SCARE_CONFIDENCE = 0.45


def _is_scare_quote(ctx: _Context, index: int) -> bool:
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
    return not previous.is_punct and not _is_cue(previous)


def _scare_quotes_only(ctx: _Context, attribution: Attribution) -> bool:
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


def _opens_paragraph(ctx: _Context, index: int) -> bool:
    start = ctx.quotation_ranges[index][0][0]
    return start == 0 or ctx.paragraph_of[start - 1] != ctx.paragraph_of[start]


def find_attributions(doc: Doc) -> tuple[list[Attribution], list[int]]:
    """Every attribution in doc, and for each token the quotation it lies in (-1: none)."""
    ctx = _context(doc)
    attributions: list[Attribution] = []
    used_cues: set[int] = set()
    claimed: set[int] = set()
    # The attribution that claimed each quotation in step 1.
    claimer: dict[int, Attribution] = {}

    # 1. Cue verbs whose reported clause holds a quotation, or is one.
    for token in doc:
        if token.lower_ == "according" and ctx.quotation_of[token.i] == -1:
            found = _according_to(ctx, token)
            if found is not None:
                found.quotations = [q for q in _covered_quotations(ctx, found.parts) if q not in claimed]
                if found.quotations:
                    found.kind = "mixed" if _outside_quotations(ctx, found.parts) else "direct"
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
        passive = _passive(ctx, token) if lemma in OBJECT_VERBS and token.tag_ == "VBN" else None
        if passive is not None:
            parts, source = passive
            by_object = True
        else:
            parts = _clause_parts(ctx, token) if lemma in SPEECH_VERBS else []
            by_object = not parts
            source = _source(ctx, token)
        if by_object and not parts and source is not None and token.tag_ in _FINITE_TAGS:
            parts = _object_parts(ctx, token)
        parts = _without(ctx, _before_next_report(ctx, parts, token), (source, _cue_range(token)))
        parts = _without_asides(ctx, parts)
        if not parts:
            continue
        covered = [q for q in _covered_quotations(ctx, parts) if q not in claimed]
        if covered:
            if _outside_quotations(ctx, parts):
                kind, confidence = "mixed", 0.75
                parts = _merge(parts + [part for q in covered for part in ctx.quotation_ranges[q]])
            else:
                kind, confidence = "direct", 0.9
                parts = [part for q in covered for part in ctx.quotation_ranges[q]]
            claimed.update(covered)
        elif (taken := _covered_quotations(ctx, parts)) and not any(
            _nested(ctx, parts, token.i, claimer[q]) for q in taken if q in claimer
        ):
            # Every quotation in the clause is already another attribution's, and neither
            # reports the other: a second reading of the same words.
            continue
        else:
            kind, confidence = "indirect", 0.6 if source else 0.4
            if by_object:
                confidence -= 0.1
        attributions.append(Attribution(parts, kind, confidence, _cue_range(token), source, covered))
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
        signed = _signature(ctx, index)
        if signed is not None:
            cue_range, name = signed
            attribution = Attribution(list(ctx.quotation_ranges[index]), "direct", 0.8, cue_range, name, [index])
            attributions.append(attribution)
            claimed.add(index)
            owner_of[index] = attribution
            continue
        signed = _colon_speaker(ctx, index)
        if signed is not None:
            cue_range, name = signed
            attribution = Attribution(list(ctx.quotation_ranges[index]), "direct", 0.75, cue_range, name, [index])
            attributions.append(attribution)
            claimed.add(index)
            owner_of[index] = attribution
            continue
        cue = _attribution_after(ctx, index)
        governing = None
        if cue is None:
            governing = _governing_cue(ctx, index, any_verb=False)
            if governing is None and _is_speech(ctx, index):
                governing = _governing_cue(ctx, index, any_verb=True)
        if governing is not None:
            cue, child = governing
            if cue.i not in by_cue:
                parts = _governed_parts(ctx, cue, child, index)
                covered = [q for q in _covered_quotations(ctx, parts) if q not in claimed]
                if index in covered:
                    kind = "mixed" if _outside_quotations(ctx, parts) else "direct"
                    attribution = Attribution(parts, kind, 0.7, _cue_range(cue), _source(ctx, cue), covered)
                    attributions.append(attribution)
                    by_cue[cue.i] = attribution
                    used_cues.add(cue.i)
                    claimed.update(covered)
                    for q in covered:
                        owner_of[q] = attribution
                    continue
        cue = cue or _attribution_before(ctx, index)
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
                    _cue_range(cue),
                    _source(ctx, cue),
                    [index],
                )
                attributions.append(existing)
                by_cue[cue.i] = existing
                used_cues.add(cue.i)
            claimed.add(index)
            owner_of[index] = existing
            continue
        previous = next((owner_of[q] for q in range(index - 1, max(index - 3, -1), -1) if q in owner_of), None)
        if previous is not None and previous.kind == "direct" and _resumes(ctx, index, previous):
            # "X," Carson said. "Y.": the speaker goes on after the attribution.
            previous.parts.extend(ctx.quotation_ranges[index])
            previous.quotations.append(index)
            owner_of[index] = previous
            claimed.add(index)
            continue
        if not _is_speech(ctx, index):
            continue
        if (
            previous is not None
            and previous.source is not None
            and previous.confidence > 0.5
            and _opens_paragraph(ctx, index)
        ):
            # A paragraph that is all quotation goes on with the previous speaker:
            # one quote, one more part. A speaker only carried over is not sure enough.
            previous.parts.extend(ctx.quotation_ranges[index])
            previous.quotations.append(index)
            owner_of[index] = previous
            claimed.add(index)
            continue
        if speaker_cues is None:
            speaker_cues = _speaker_cues(ctx)
        carried = _speaker_before(ctx, speaker_cues, index)
        if carried is not None:
            attribution = Attribution(
                list(ctx.quotation_ranges[index]), "direct", 0.5, _cue_range(carried), _source(ctx, carried), [index]
            )
        else:
            attribution = Attribution(list(ctx.quotation_ranges[index]), "direct", 0.35, None, None, [index])
        attributions.append(attribution)
        owner_of[index] = attribution
        claimed.add(index)

    # 3. "AP: Trump chair routed money to lobbyists", "Q: And the wall?": a paragraph led by a name and a colon.
    attributions.extend(_colon_paragraphs(ctx, claimed))
    # 4. Nouns as cues: "her claim that ...", "Sanders's criticism of the banks".
    attributions.extend(_noun_attributions(ctx))

    for attribution in attributions:
        if attribution.confidence > _SCARE_CONFIDENCE and _scare_quotes_only(ctx, attribution):
            attribution.confidence = _SCARE_CONFIDENCE
    attributions.sort(key=lambda a: a.parts[0])
    return attributions, ctx.quotation_of
