"""Pairing quotation marks in raw text, paragraph by paragraph.

Newsroom convention: a quotation running over several paragraphs opens each
paragraph with a mark and closes only in the last one. Marks are paired on the
characters, before and independently of spaCy's tokens, so a quotation the
sentence splitter cuts in two is still one quotation.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING_MARKS = "“„«"
CLOSING_MARKS = "”»"
STRAIGHT_MARK = '"'
QUOTATION_MARKS = OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK

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


def _is_opening(text: str, i: int) -> bool:
    char = text[i]
    if char in OPENING_MARKS:
        return True
    if char != STRAIGHT_MARK:
        return False
    before_ok = i == 0 or text[i - 1] in _BEFORE_OPENING or text[i - 1] in OPENING_MARKS
    after_ok = i + 1 < len(text) and not text[i + 1].isspace()
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
    """Every quotation in text, in order; runs in one pass over the characters."""
    quotations: list[Quotation] = []
    parts: list[tuple[int, int]] = []
    opened_at: int | None = None
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if opened_at is None:
            if char in QUOTATION_MARKS and _is_opening(text, i):
                opened_at = i
            i += 1
            continue
        if char == "\n":
            end = _paragraph_end(text, opened_at)
            if end > opened_at + 1:
                parts.append((opened_at, end))
            following = _next_paragraph_start(text, i)
            if following < n and _is_opening(text, following) and parts:
                # The quotation goes on in the next paragraph.
                opened_at = following
                i = following + 1
                continue
            if parts:
                quotations.append(Quotation(tuple(parts), closed=False))
            parts, opened_at = [], None
            i += 1
            continue
        if char in CLOSING_MARKS or (char == STRAIGHT_MARK and not _is_opening(text, i)):
            parts.append((opened_at, i + 1))
            quotations.append(Quotation(tuple(parts), closed=True))
            parts, opened_at = [], None
        elif char in OPENING_MARKS or char == STRAIGHT_MARK:
            # Two openings in a row: the first mark was stray; start again here.
            opened_at = i
        i += 1
    if opened_at is not None:
        end = _paragraph_end(text, opened_at)
        if end > opened_at + 1:
            parts.append((opened_at, end))
    if parts:
        quotations.append(Quotation(tuple(parts), closed=False))
    return quotations
