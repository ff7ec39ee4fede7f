"""Scare quotes are not taken for speech, speakers stop before a relative clause, and a name in apposition wins."""

from __future__ import annotations

SCARE = (
    'The city\'s parking study, which several traders dismissed as a "fairy tale," '
    "proposes a levy on out-of-town shoppers."
)


def _quotes(nlp, text):
    """Each suggestion as plain values: spans do not outlive their Doc."""
    doc = nlp(text)
    return [
        {
            "text": quote.text,
            "kind": quote._.kind,
            "confidence": quote._.confidence,
            "cue": quote._.cue.text if quote._.cue is not None else None,
            "speaker": quote._.speaker.text if quote._.speaker is not None else None,
            "speaker_name": quote._.speaker_name,
        }
        for quote in doc.spans["quotes"]
    ]


def test_a_scare_quote_inside_the_subject_is_not_speech_of_the_verb_after_it(nlp):
    quotes = _quotes(nlp, SCARE)
    assert quotes
    for quote in quotes:
        if '"fairy tale,"' in quote["text"]:
            assert quote["confidence"] < 0.5
            assert quote["cue"] != "proposes"


def test_a_speaker_mention_stops_before_a_relative_clause(nlp):
    quotes = _quotes(nlp, SCARE)
    speakers = [quote["speaker"] for quote in quotes if quote["speaker"]]
    assert speakers
    assert not any("which" in speaker for speaker in speakers)
    for quote in quotes:
        if quote["cue"] == "proposes":
            assert quote["speaker"] == "The city's parking study"


def test_a_short_quoted_title_after_a_preposition_gets_low_confidence(nlp):
    text = 'The senator appeared on the "Evening Hour" programme, and later told reporters that the vote was close.'
    quotes = _quotes(nlp, text)
    assert quotes
    for quote in quotes:
        if '"Evening Hour"' in quote["text"]:
            assert quote["confidence"] < 0.5


def test_a_quotation_after_a_speech_verb_stays_sure(nlp):
    (quote,) = _quotes(nlp, '"We will not pay a cent more," the fishermen\'s union said on Monday.')
    assert quote["kind"] == "direct"
    assert quote["confidence"] >= 0.8


def test_a_proper_name_in_apposition_beats_the_common_noun(nlp):
    (quote,) = _quotes(nlp, "The carrier, Skyline Air, said on Monday that it would cut three routes.")
    assert quote["speaker_name"] == "Skyline Air"


def test_a_person_named_after_their_role_is_filed_under_the_name(nlp):
    (quote,) = _quotes(nlp, "The airline's spokeswoman, Clara Vik, said the flights would resume on Friday.")
    assert quote["speaker_name"] == "Clara Vik"


def test_a_person_named_before_their_role_keeps_the_name(nlp):
    (quote,) = _quotes(nlp, "Clara Vik, the airline's spokeswoman, said the flights would resume on Friday.")
    assert quote["speaker_name"] == "Clara Vik"
