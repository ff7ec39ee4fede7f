"""Attribution rules that start from a quotation no cue verb's clause took in.

One function per pattern, tried in order (QUOTATION_RULES); each returns True
when it attributed the quotation, or decided nobody did.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .context import Attribution, Found, Range, covered_quotations, is_quote_mark, outside_quotations, trim
from .quotations import (
    attribution_after,
    attribution_before,
    find_speaker_cues,
    governed_parts,
    governing_cue,
    is_speech,
    opens_paragraph,
    resumes,
    speaker_before,
)
from .signatures import colon_speaker, signature
from .sources import cue_range, source_of

TRANSCRIPT_CONFIDENCE = 0.8
SIGNATURE_CONFIDENCE = 0.8
COLON_SPEAKER_CONFIDENCE = 0.75
GOVERNING_VERB_CONFIDENCE = 0.7
ADJACENT_CUE_CONFIDENCE = 0.85
# Without a cue of its own a quotation is only doubtfully the last speaker's, or nobody's.
LAST_SPEAKER_CONFIDENCE = 0.5
NO_SPEAKER_CONFIDENCE = 0.35
# A speaker only carried over is not sure enough to carry on further.
_CARRIES_ON_ABOVE = 0.5


def _quotation(found: Found, index: int) -> list[tuple[int, int]]:
    return list(found.ctx.quotation_ranges[index])


# "WALLACE:", "SEN. GRAHAM:": how many words a transcript's speaker may have.
_MAX_TURN_NAME = 4


def _after_opening_mark(found: Found, start: int, end: int) -> int:
    doc = found.ctx.doc
    while start < end and (is_quote_mark(doc[start]) or doc[start].is_space):
        start += 1
    return start


def _turn(found: Found, start: int, end: int) -> tuple[Range, Range, Range] | None:
    """The speaker, colon and words of a transcript line "WALLACE: Let's start ...", in [start, end)."""
    doc = found.ctx.doc
    start = _after_opening_mark(found, start, end)
    colon = next((i for i in range(start, min(start + _MAX_TURN_NAME + 1, end)) if doc[i].text == ":"), None)
    if colon is None or colon == start:
        return None
    if not all(doc[i].text.isupper() or doc[i].text == "." for i in range(start, colon)):
        return None
    words = trim(doc, colon + 1, end)
    return ((start, colon), (colon, colon + 1), words) if words else None


def transcript_lines(found: Found, index: int) -> bool:
    """'"WALLACE: Let's start ...' / '"PENCE: Well, look, ...': one quote per turn, its speaker before the colon.

    A line without a name goes on with the turn before it.
    """
    ranges = found.ctx.quotation_ranges[index]
    if _turn(found, *ranges[0]) is None:
        return False
    current = None
    for start, end in ranges:
        turn = _turn(found, start, end)
        if turn is not None:
            name, colon, words = turn
            current = found.add(
                Attribution([words], "direct", TRANSCRIPT_CONFIDENCE, colon, name, [index]), by_cue=False
            )
        elif (words := trim(found.ctx.doc, _after_opening_mark(found, start, end), end)) is not None:
            current.parts.append(words)
    return True


def signed_with_dash(found: Found, index: int) -> bool:
    """ "“We will rebuild.” ― Esther Tapia": a dash and a name, no verb."""
    signed = signature(found.ctx, index)
    if signed is None:
        return False
    cue, name = signed
    found.add(Attribution(_quotation(found, index), "direct", SIGNATURE_CONFIDENCE, cue, name, [index]), by_cue=False)
    return True


def name_and_colon(found: Found, index: int) -> bool:
    """ "Philip Bump: 'Two weeks ago ...'": a name and a colon, no verb, before the quotation."""
    signed = colon_speaker(found.ctx, index)
    if signed is None:
        return False
    cue, name = signed
    found.add(
        Attribution(_quotation(found, index), "direct", COLON_SPEAKER_CONFIDENCE, cue, name, [index]), by_cue=False
    )
    return True


def _governing(found: Found, index: int) -> tuple[Token, Token] | None:
    """The verb a quotation with no cue right after it hangs from: a reporting verb, or any verb for speech."""
    governing = governing_cue(found.ctx, index, any_verb=False)
    if governing is None and is_speech(found.ctx, index):
        governing = governing_cue(found.ctx, index, any_verb=True)
    return governing


def governing_verb(found: Found, index: int) -> bool:
    """ "Jacobs called Merkel 'the Chancellor of the Free World'": the verb the quotation hangs from.

    The quote takes in what the verb says around the quotation.
    """
    ctx = found.ctx
    if attribution_after(ctx, index) is not None:
        return False
    governing = _governing(found, index)
    if governing is None:
        return False
    cue, child = governing
    if cue.i in found.by_cue:
        return False
    parts = governed_parts(ctx, cue, child, index)
    covered = found.unclaimed(covered_quotations(ctx, parts))
    if index not in covered:
        return False
    kind = "mixed" if outside_quotations(ctx, parts) else "direct"
    found.add(Attribution(parts, kind, GOVERNING_VERB_CONFIDENCE, cue_range(cue), source_of(ctx, cue), covered))
    return True


def adjacent_cue(found: Found, index: int) -> bool:
    """'"The harbour will reopen," said Mayor Anna Berg.': the cue right after or before the quotation.

    A quotation whose cue already reports a quote is that quote's next part
    ('"X," he said, "Y."'); one whose cue only had an indirect reading
    replaces it.
    """
    ctx = found.ctx
    cue = attribution_after(ctx, index)
    if cue is None:
        governing = _governing(found, index)
        cue = governing[0] if governing is not None else attribution_before(ctx, index)
    if cue is None:
        return False
    existing = found.by_cue.get(cue.i)
    if existing is not None and existing.kind in ("direct", "mixed"):
        found.extend(existing, index)
        existing.parts.sort()
        return True
    if existing is not None:
        found.attributions.remove(existing)
    found.add(
        Attribution(
            _quotation(found, index), "direct", ADJACENT_CUE_CONFIDENCE, cue_range(cue), source_of(ctx, cue), [index]
        )
    )
    return True


def _previous(found: Found, index: int) -> Attribution | None:
    """The attribution of one of the two quotations before this one, the nearer first."""
    return next((found.owner_of[q] for q in range(index - 1, max(index - 3, -1), -1) if q in found.owner_of), None)


def resumed_quotation(found: Found, index: int) -> bool:
    """'"X," Carson said. "Y."': the speaker goes on after the attribution, one quote of two parts."""
    previous = _previous(found, index)
    if previous is None or previous.kind != "direct" or not resumes(found.ctx, index, previous):
        return False
    found.extend(previous, index)
    return True


def paragraph_goes_on(found: Found, index: int) -> bool:
    """A paragraph that is all quotation goes on with the previous speaker, a sure one: one more part.

    'Dahl said: "The dredging starts in March."' / '"It will take six weeks."'
    """
    previous = _previous(found, index)
    if (
        previous is None
        or previous.source is None
        or previous.confidence <= _CARRIES_ON_ABOVE
        or not is_speech(found.ctx, index)
        or not opens_paragraph(found.ctx, index)
    ):
        return False
    found.extend(previous, index)
    return True


def last_speaker(found: Found, index: int) -> bool:
    """ "Lindqvist agreed. 'The harbour board is running out of time.'": the speaker last introduced.

    With no speaker in reach the quotation is still suggested, with no speaker
    and a low confidence. A short quotation with no cue (a scare quote, a
    title) is nobody's.
    """
    ctx = found.ctx
    if not is_speech(ctx, index):
        return True
    if found.speaker_cues is None:
        found.speaker_cues = find_speaker_cues(ctx)
    carried = speaker_before(ctx, found.speaker_cues, index)
    if carried is not None:
        attribution = Attribution(
            _quotation(found, index),
            "direct",
            LAST_SPEAKER_CONFIDENCE,
            cue_range(carried),
            source_of(ctx, carried),
            [index],
        )
    else:
        attribution = Attribution(_quotation(found, index), "direct", NO_SPEAKER_CONFIDENCE, None, None, [index])
    found.add(attribution, by_cue=False)
    return True


QUOTATION_RULES: tuple[Callable[[Found, int], bool], ...] = (
    transcript_lines,
    signed_with_dash,
    name_and_colon,
    governing_verb,
    adjacent_cue,
    resumed_quotation,
    paragraph_goes_on,
    last_speaker,
)
