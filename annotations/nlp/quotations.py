"""Attributing quotations by what stands around them.

A cue right before or after, the verb a quotation hangs from, the attribution
it resumes, or the speaker last introduced.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Token

from .context import Attribution, Context, Range, merge, trim, within_paragraph
from .lexicon import CONTENT_VERBS, QUOTE_ONLY_VERBS, SPEECH_VERBS
from .sources import is_cue, subject_of

_MAX_ATTRIBUTION_TOKENS = 14
# "X," said Anna Holm, a 59-year-old ferry captain from Eastport, ... "Y.": how far the speaker's description may run.
_MAX_RESUMING_GAP = 60
# A quotation shorter than this with no cue is taken for scare quotes or a title.
_MIN_SPEECH_TOKENS = 5


def _window_cue(ctx: Context, start: int, end: int, *, quote_only: bool) -> Token | None:
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


def attribution_after(ctx: Context, index: int) -> Token | None:
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
    subject = subject_of(ctx, cue)
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


def attribution_before(ctx: Context, index: int) -> Token | None:
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
    if not (doc[last].text in (":", ",") or is_cue(doc[last])):
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


def governing_cue(ctx: Context, index: int, *, any_verb: bool) -> tuple[Token, Token] | None:
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
        if _is_reporting(head, any_verb) and subject_of(ctx, head) is not None:
            return head, node
        node = head
    return None


def governed_parts(ctx: Context, cue: Token, child: Token, index: int) -> list[Range]:
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
    parts = [part for part in (trim(doc, start, end),) if part]
    parts = [clipped for part in parts if (clipped := within_paragraph(ctx, part, quotation[0][0]))]
    return merge(parts + list(quotation))


def find_speaker_cues(ctx: Context) -> list[int]:
    """The positions of every reporting verb outside quotations that has a speaker, in order."""
    return [
        token.i
        for token in ctx.doc
        if ctx.quotation_of[token.i] == -1 and _is_reporting(token, False) and subject_of(ctx, token) is not None
    ]


def speaker_before(ctx: Context, cues: Sequence[int], index: int) -> Token | None:
    """The last reporting verb before a quotation, in its paragraph or the paragraph before.

    A quotation with no attribution of its own goes on from the speaker last
    introduced: "Lindqvist agreed. 'The harbour board is running out of time.'"
    """
    start = ctx.quotation_ranges[index][0][0]
    position = bisect_left(cues, start) - 1
    if position < 0:
        return None
    cue = ctx.doc[cues[position]]
    if ctx.paragraph_of[start] - ctx.paragraph_of[cue.i] > 1:
        return None
    return cue


def resumes(ctx: Context, index: int, previous: Attribution) -> bool:
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


def is_speech(ctx: Context, index: int) -> bool:
    parts = ctx.quotation_ranges[index]
    words = sum(1 for start, end in parts for i in range(start, end) if not ctx.doc[i].is_punct)
    return words >= _MIN_SPEECH_TOKENS


def opens_paragraph(ctx: Context, index: int) -> bool:
    start = ctx.quotation_ranges[index][0][0]
    return start == 0 or ctx.paragraph_of[start - 1] != ctx.paragraph_of[start]
