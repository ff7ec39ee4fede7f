"""Naming the speaker behind a pronoun, a relative pronoun or a list, within one article."""

from __future__ import annotations

from spacy.language import Language


def names(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    return [(quote._.speaker.text, quote._.speaker_name) for quote in doc.spans["quotes"] if quote._.speaker]


def test_she_is_not_a_man_the_article_has_called_he(nlp):
    text = (
        "Maria Olsen said she would run again. Jonas Ek said his plan was ready. "
        '"We will open the harbour in May," she said.'
    )
    assert names(nlp, text)[-1] == ("she", "Maria Olsen")


def test_a_pronoun_prefers_the_person_the_sentence_was_about(nlp):
    text = (
        "Council leader Maria Olsen met the ferry captain, Anna Berg, on Monday. "
        'Olsen said the meeting went well. "We agreed on the timetable," she said.'
    )
    assert names(nlp, text)[-1] == ("she", "Maria Olsen")


def test_they_is_the_group_that_spoke_before(nlp):
    text = "The fishermen said the harbour was unsafe. They also said the fees were too high."
    assert names(nlp, text) == [("The fishermen", "fishermen"), ("They", "fishermen")]


def test_it_is_the_organisation_that_spoke_before(nlp):
    text = "The ministry said the rules would change. It added that nothing was decided yet."
    assert names(nlp, text)[-1] == ("It", "ministry")


def test_a_list_of_speakers_is_named_in_full(nlp):
    text = "Norway, Sweden and their allies said the harbour should stay open."
    assert names(nlp, text) == [("Norway, Sweden and their allies", "Norway, Sweden and allies")]
