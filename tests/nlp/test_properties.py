from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.nlp import suggest

NASTY = st.sampled_from(
    ["", '"', "“", "”", "''", "\n\n", " said ", " according to ", "he", ". ", "\x00", "\u202e", "\r", "\t", ",", ":"]
)
TEXTS = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=25).map("".join)


def check(doc) -> None:
    text = doc.text
    for quote in doc.spans["quotes"]:
        assert 0 <= quote.start_char < quote.end_char <= len(text)
        spans = [*quote._.content_parts, quote._.cue, quote._.speaker]
        for span in spans:
            if span is not None:
                assert span.doc is doc
                assert 0 <= span.start_char < span.end_char <= len(text)
                assert span.start < span.end
        assert quote._.content_parts
        assert 0.0 <= quote._.confidence <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_it_never_crashes_and_keeps_every_span_inside_the_text(nlp, text):
    check(nlp(text))


def test_it_survives_the_nasty_cases(nlp):
    nasty = [
        "",
        '"',
        "“",
        '"""""',
        "“ ” “ ”",
        "\x00\x01\x02 said \x1f",
        "a" * 100_000,
        ("word " * 20_000),
        '"' + "quoted without end " * 3000,
        "He said. " * 500,
        "\n\n\n\n",
    ]
    for doc in nlp.pipe(nasty, batch_size=4):
        check(doc)


def test_it_cuts_a_text_longer_than_max_length_and_keeps_offsets(nlp):
    paragraph = '"The harbour will reopen in May," said Mayor Anna Berg.\n\n'
    text = paragraph * 40
    old = nlp.max_length
    nlp.max_length = 1000
    try:
        (found,) = suggest(nlp, [text])
    finally:
        nlp.max_length = old
    assert len(found) == 40
    for suggestion in found:
        start, end = suggestion.parts[0]
        assert text[start:end] == '"The harbour will reopen in May,"'
        assert text[suggestion.speaker[0] : suggestion.speaker[1]] == "Mayor Anna Berg"
