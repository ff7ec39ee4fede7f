from __future__ import annotations

from annotations.nlp.quotes import find_quotations


def texts(text: str) -> list[list[str]]:
    return [[text[start:end] for start, end in quotation.parts] for quotation in find_quotations(text)]


def test_it_pairs_straight_marks():
    assert texts('The mayor said "the bridge stays shut" on Monday.') == [['"the bridge stays shut"']]


def test_it_pairs_curly_marks():
    assert texts("“We will rebuild,” she said.") == [["“We will rebuild,”"]]


def test_it_pairs_doubled_apostrophes():
    assert texts("''We will rebuild,'' she said.") == [["''We will rebuild,''"]]


def test_it_keeps_a_quotation_over_paragraphs_as_one():
    text = "“The harbour needs dredging.\n\n“The council has known for years.”"
    assert texts(text) == [["“The harbour needs dredging.", "“The council has known for years.”"]]


def test_it_closes_an_unclosed_quotation_at_the_paragraph_end():
    assert texts('"Nobody closed this\n\nNext paragraph.') == [['"Nobody closed this']]


def test_it_ignores_a_lone_mark_and_apostrophes():
    assert texts('"') == []
    assert texts("It's the Joneses' car.") == []


def test_it_takes_a_closing_mark_that_opens_a_paragraph_for_an_opening_one():
    text = "Readers wrote in.\n\n”He represents our greatest shame.” ― Sonya Herridge\n"
    assert texts(text) == [["”He represents our greatest shame.”"]]
