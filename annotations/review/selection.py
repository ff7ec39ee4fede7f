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
