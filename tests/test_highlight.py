"""Cutting an article's text at every span boundary, each piece knowing the spans over it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotations.highlight import CLAIM, Mark, highlight_segments
from annotations.models import Claim


def claim(start: int, end: int, pk: int) -> Claim:
    return Claim(pk=pk, quote_id=pk, start=start, end=end, verdict="false")


def test_it_marks_overlapping_spans_on_the_shared_piece():
    segments = highlight_segments("abcdefghij", [], [claim(2, 6, 1), claim(4, 8, 2)])
    assert [(s.text, [m.quote_id for m in s.marks]) for s in segments] == [
        ("ab", []),
        ("cd", [1]),
        ("ef", [1, 2]),
        ("gh", [2]),
        ("ij", []),
    ]


spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=12)


@given(text=st.text(max_size=40), bounds=spans)
def test_it_keeps_the_whole_text_and_marks_exactly_the_covering_spans(text, bounds):
    claims = [claim(s, e, i + 1) for i, (s, e) in enumerate(bounds)]
    segments = highlight_segments(text, [], claims)
    assert "".join(segment.text for segment in segments) == text
    for segment in segments:
        end = segment.start + len(segment.text)
        expected = [
            Mark(CLAIM, c.quote_id, "false")
            for c in claims
            if c.start < c.end and c.start <= segment.start and end <= c.end
        ]
        assert segment.marks == expected
