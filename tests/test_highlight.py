"""Cutting an article's text into blocks and segments, each piece knowing the spans over it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotations.highlight import CLAIM, Mark, block_bounds, blocks_touching, highlight_blocks
from annotations.models import Claim, Quote
from tests.factories import make_article, make_quote


def claim(start: int, end: int, pk: int) -> Claim:
    return Claim(pk=pk, quote_id=pk, start=start, end=end, verdict="false")


def segments_of(text, quotes=(), claims=()):
    return [segment for block in highlight_blocks(text, quotes, claims) for segment in block.segments]


def test_it_marks_overlapping_spans_on_the_shared_piece():
    segments = segments_of("abcdefghij", [], [claim(2, 6, 1), claim(4, 8, 2)])
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
    segments = segments_of(text, [], claims)
    assert "".join(segment.text for segment in segments) == text
    for segment in segments:
        end = segment.start + len(segment.text)
        expected = [
            Mark(CLAIM, c.quote_id, "false")
            for c in claims
            if c.start < c.end and c.start <= segment.start and end <= c.end
        ]
        assert segment.marks == expected


@given(text=st.text(alphabet="ab \n", max_size=2000))
def test_it_cuts_blocks_that_cover_the_text_end_to_end(text):
    bounds = block_bounds(text, size=50)
    assert "".join(text[s:e] for s, e in bounds) == text
    assert all(s < e for s, e in bounds)


def test_it_names_only_the_blocks_a_span_touches():
    text = ("word " * 100 + "\n") * 3
    bounds = block_bounds(text)
    assert len(bounds) >= 3
    middle = bounds[1]
    assert blocks_touching(text, [(middle[0] + 2, middle[0] + 6)]) == [middle]


def test_it_draws_a_confirmed_quote_inside_a_rejected_one_as_confirmed(db):
    article = make_article()
    outer = make_quote(article, "Peskov said the talks would go ahead.", status=Quote.Status.REJECTED)
    inner = make_quote(article, "the talks would go ahead", status=Quote.Status.CONFIRMED)
    for quote in (outer, inner):
        quote.article = article
    segments = segments_of(article.text, [outer, inner])
    shared = next(s for s in segments if s.text == "the talks would go ahead")
    assert shared.css_classes == "hl-confirmed hl-content"
    assert shared.quote_ids == f"{inner.pk} {outer.pk}"  # a click focuses the quote the segment looks like
    alone = next(s for s in segments if s.text == "Peskov said ")
    assert alone.css_classes == "hl-content hl-rejected"


def test_it_escapes_the_text_it_renders():
    html = highlight_blocks("<b>x</b> & y", [], [claim(0, 3, 1)])[0].html
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
