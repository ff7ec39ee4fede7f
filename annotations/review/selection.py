"""What an editor's selection and stopwatch mean: whole words, and seconds within reason."""

from __future__ import annotations

import re

# Editors wander off mid-quote; a decision's effort is capped so one coffee break does not skew the figures.
MAX_REVIEW_SECONDS = 3600.0

WORD = re.compile(r"\w", re.UNICODE)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and trim the whitespace around it, as an editor's selection means."""
    start = min(max(0, start), len(text))
    end = min(max(start, end), len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    while start > 0 and WORD.match(text[start - 1]) and WORD.match(text[start]):
        start -= 1
    while end < len(text) and WORD.match(text[end]) and WORD.match(text[end - 1]):
        end += 1
    return start, end


def clamp_seconds(seconds: float | None) -> float | None:
    if seconds is None:
        return None
    return min(max(0.0, float(seconds)), MAX_REVIEW_SECONDS)


TOKEN = re.compile(r"\S+")
# Far enough to cross any word; the search never scans the whole of a long article.
REACH = 300


def boundary_stops(text: str, position: int, edge: str) -> list[int]:
    """Where a span's start (or end) may rest near `position`: at each word's edge, and inside the quotation
    marks or punctuation around it, as a reference quote may include them or not."""
    lo = text.rfind(" ", 0, max(0, position - REACH)) + 1
    hi = text.find(" ", min(len(text), position + REACH))
    hi = len(text) if hi < 0 else hi
    stops = []
    for match in TOKEN.finditer(text, lo, hi):
        token, base = match.group(), match.start()
        letters = [i for i, char in enumerate(token) if char.isalnum()]
        if edge == "start":
            stops.append(base)
            if letters and letters[0] > 0:
                stops.append(base + letters[0])
        else:
            stops.append(match.end())
            if letters and letters[-1] + 1 < len(token):
                stops.append(base + letters[-1] + 1)
    return sorted(set(stops))


def step_boundary(text: str, position: int, *, edge: str, step: int) -> int:
    """Move a span's start or end to the next stop left (step < 0) or right: a word's edge, or just inside
    the punctuation that clings to it. Past the last stop it goes to the text's end (or start)."""
    stops = boundary_stops(text, position, edge)
    if step > 0:
        return next((stop for stop in stops if stop > position), len(text))
    return next((stop for stop in reversed(stops) if stop < position), 0)


# What parts one phrase from the next: clause punctuation, quotation marks, brackets, dashes, sentence ends.
PHRASE_BREAKS = frozenset(',;:()[]—–…"“”«»„.!?')
# What may close a phrase and belong to it: a quotation's closing mark, a bracket, a sentence's full stop.
PHRASE_CLOSERS = frozenset(')]"”».!?…')
# Words that open a clause of their own, which a quote so often runs on into:
# "... and to denazify Ukraine [while calling on the army ...]", "... at the United Nations[, where both ...]".
CLAUSE_WORDS = frozenset(
    {"while", "whereas", "although", "though", "because", "unless", "until", "where", "which", "who", "whom"}
    | {"whose", "when", "but"}
)


def phrase_stops(text: str, position: int, edge: str) -> list[int]:
    """Where a span's start (or end) may rest near `position` when it moves a phrase at a time: next to a
    comma, colon, dash, bracket or quotation mark, at a sentence's or paragraph's edge, or before a word
    that opens a clause ("while", "which", "because")."""
    lo = text.rfind(" ", 0, max(0, position - REACH)) + 1
    hi = text.find(" ", min(len(text), position + REACH))
    hi = len(text) if hi < 0 else hi
    tokens = [(match.start(), match.end()) for match in TOKEN.finditer(text, lo, hi)]
    stops = set()
    for index, (start, end) in enumerate(tokens):
        token = text[start:end]
        letters = [i for i, char in enumerate(token) if char.isalnum()]
        if not letters:
            continue
        lead, trail = token[: letters[0]], token[letters[-1] + 1 :]
        word = token[letters[0] : letters[-1] + 1].lower()
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if edge == "start":
            opens = (
                (before is None and start == 0)
                or (before is not None and _breaks_after(text, before, start))
                or bool(set(lead) & PHRASE_BREAKS)
                or word in CLAUSE_WORDS
            )
            if opens:
                stops.update({start, start + letters[0]})
        else:
            closes = (
                (after is None and end == len(text))
                or bool(set(trail) & PHRASE_BREAKS)
                or (after is not None and _breaks_before(text, end, after))
            )
            if closes:
                stops.add(start + letters[-1] + 1)
                if set(trail) & PHRASE_CLOSERS:
                    stops.add(end)
    return sorted(stops)


def _breaks_after(text: str, before: tuple[int, int], start: int) -> bool:
    """True when a phrase ends between the token `before` and the one at `start`."""
    token = text[before[0] : before[1]]
    trail = token[len(token.rstrip("".join(PHRASE_BREAKS))) :]
    return bool(trail) or "\n" in text[before[1] : start]


def _breaks_before(text: str, end: int, after: tuple[int, int]) -> bool:
    """True when a phrase starts between the token ending at `end` and the token `after`."""
    token = text[after[0] : after[1]]
    lead = token[: len(token) - len(token.lstrip("".join(PHRASE_BREAKS)))]
    word = "".join(char for char in token if char.isalnum()).lower()
    return bool(lead) or word in CLAUSE_WORDS or "\n" in text[end : after[0]]


def step_phrase(text: str, position: int, *, edge: str, step: int) -> int:
    """Move a span's start or end to the next phrase stop left (step < 0) or right (see phrase_stops)."""
    stops = phrase_stops(text, position, edge)
    if step > 0:
        return next((stop for stop in stops if stop > position), len(text))
    return next((stop for stop in reversed(stops) if stop < position), 0)


SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")


def sentence_after(text: str, position: int) -> tuple[int, int] | None:
    """The sentence starting at or after `position` (whole, to its closing punctuation), or None past the end."""
    start = min(max(0, position), len(text))
    # Continue from the end of the sentence `position` is inside of, unless it sits at a sentence's start.
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return None
    match = SENTENCE_END.search(text, start)
    end = match.end() if match else len(text)
    newline = text.find("\n", start, end)
    if newline >= 0:
        end = newline
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def sentence_at(text: str, position: int) -> tuple[int, int] | None:
    """The whole sentence around `position`."""
    position = min(max(0, position), len(text))
    previous = 0
    for match in SENTENCE_END.finditer(text, 0, position):
        previous = match.end()
    newline = text.rfind("\n", 0, position)
    return sentence_after(text, max(previous, newline + 1))


def next_uncovered_sentence(text: str, after: int, covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first sentence from `after` on that no covered span overlaps: where a missed quote most likely is."""
    span = sentence_at(text, after) if after > 0 else sentence_after(text, 0)
    # The sentence holding the focused quote is covered by it; the search moves on from there.
    while span is not None:
        start, end = span
        if not any(s < end and start < e for s, e in covered):
            return span
        span = sentence_after(text, end)
    return None
