from __future__ import annotations

import pytest

from annotations.nlp.names import normalise_name, strip_titles


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("spokesperson Dmitry Peskov", "Dmitry Peskov"),
        ("Russian President Vladimir Putin", "Vladimir Putin"),
        ("U.S. State Department spokesperson Ned Price", "Ned Price"),
        ("presidential candidate Sen. Lindsey Graham (R-SC)", "Lindsey Graham"),
        ("Joel Pollak of Breitbart California", "Joel Pollak"),
        ("the Kremlin", "Kremlin"),
        ("the U.S. State Department", "U.S. State Department"),
        ("Price", "Price"),
    ],
)
def test_it_strips_titles_and_roles(mention, name):
    assert strip_titles(mention) == name


def test_it_normalises_case_accents_punctuation_and_spaces():
    assert normalise_name("  Zelenskyy’s  ÉLYSÉE-Palace ") == "zelenskyy s elysee palace"
