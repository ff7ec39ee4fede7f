"""Pairing quotation marks in raw text, paragraph by paragraph.

Newsroom convention: a quotation running over several paragraphs opens each
paragraph with a mark and closes only in the last one. Marks are paired on the
characters, before and independently of spaCy's tokens, so a quotation the
sentence splitter cuts in two is still one quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_MARKS = "“„«"
CLOSING_MARKS = "”»"
STRAIGHT_MARK = '"'
QUOTATION_MARKS = OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK
# Some papers (The New York Times among them) print quotation marks as two apostrophes.
DOUBLED_APOSTROPHE = "''"

# The characters that can change what find_quotations knows; it skips from one to the next.
_MARK_OR_BREAK = re.compile("[" + re.escape(QUOTATION_MARKS + DOUBLED_APOSTROPHE[0]) + "\n]")

# What may come right before an opening straight mark.
_BEFORE_OPENING = set(" \t\n\r([{—–-/")


@dataclass(frozen=True)
class Quotation:
    """Text between quotation marks: one part per paragraph, each [start, end) with its marks."""

    parts: tuple[tuple[int, int], ...]
    closed: bool

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _mark_length(text: str, i: int) -> int:
    """Length of the quotation mark at i: 2 for the '' some papers print, 1 for a mark, 0 for none."""
    if text.startswith(DOUBLED_APOSTROPHE, i):
        return 2
    return 1 if text[i] in QUOTATION_MARKS else 0


def _is_opening(text: str, i: int) -> bool:
    """True when the mark at i opens a quotation; straight marks are told apart by their neighbours."""
    char = text[i]
    if char in OPENING_MARKS:
        return True
    length = _mark_length(text, i)
    if char in CLOSING_MARKS and (i == 0 or text[i - 1] == "\n") and i + 1 < len(text) and not text[i + 1].isspace():
        # A paragraph that opens with a closing mark: a typesetting slip for an opening one.
        return True
    if char in CLOSING_MARKS or not length:
        return False
    before_ok = i == 0 or text[i - 1] in _BEFORE_OPENING or text[i - 1] in OPENING_MARKS
    after_ok = i + length < len(text) and not text[i + length].isspace()
    return before_ok and after_ok


def _paragraph_end(text: str, i: int) -> int:
    """End of the paragraph's words at or after i, trailing spaces left out."""
    end = text.find("\n", i)
    end = len(text) if end == -1 else end
    while end > i and text[end - 1].isspace():
        end -= 1
    return end


def _next_paragraph_start(text: str, i: int) -> int:
    """Index of the first non-space character after the newline at or after i (len(text) if none)."""
    newline = text.find("\n", i)
    if newline == -1:
        return len(text)
    j = newline
    while j < len(text) and text[j].isspace():
        j += 1
    return j


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in text, in order; runs in one pass over its marks and line breaks."""
    quotations: list[Quotation] = []
    parts: list[tuple[int, int]] = []
    opened_at: int | None = None
    i = 0
    n = len(text)
    while i < n:
        # Any other character leaves everything as it is: go straight to the next one that may not.
        found = _MARK_OR_BREAK.search(text, i)
        if found is None:
            break
        i = found.start()
        char = text[i]
        length = _mark_length(text, i)
        if opened_at is None:
            if length and _is_opening(text, i):
                opened_at = i
            i += max(length, 1)
            continue
        if char == "\n":
            end = _paragraph_end(text, opened_at)
            if end > opened_at + 1:
                parts.append((opened_at, end))
            following = _next_paragraph_start(text, i)
            if following < n and _is_opening(text, following) and parts:
                # The quotation goes on in the next paragraph.
                opened_at = following
                i = following + _mark_length(text, following)
                continue
            if parts:
                quotations.append(Quotation(tuple(parts), closed=False))
            parts, opened_at = [], None
            i += 1
            continue
        if length and (char in CLOSING_MARKS or (char not in OPENING_MARKS and not _is_opening(text, i))):
            parts.append((opened_at, i + length))
            quotations.append(Quotation(tuple(parts), closed=True))
            parts, opened_at = [], None
        elif length:
            # Two openings in a row: the first mark was stray; start again here.
            opened_at = i
        i += max(length, 1)
    if opened_at is not None:
        end = _paragraph_end(text, opened_at)
        if end > opened_at + 1:
            parts.append((opened_at, end))
    if parts:
        quotations.append(Quotation(tuple(parts), closed=False))
    return quotations
