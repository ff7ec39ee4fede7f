from __future__ import annotations

import pytest

from annotations.speakers import full_name_in_text, link_speaker, match_mention, normalise_name
from tests.factories import make_speaker

ARTICLE = "U.S. State Department spokesperson Ned Price said talks were off. Price said more."


def test_it_folds_accents_case_punctuation_and_spacing_out_of_names():
    assert normalise_name("  ÉLYSÉE  Palace ") == "elysee palace"
    assert normalise_name("Dmitry PESKOV") == normalise_name("dmitry peskov")
    assert normalise_name("U.S. State Department") == "u s state department"


def test_it_finds_the_full_name_of_a_surname_in_the_article():
    assert full_name_in_text("Price", ARTICLE) == "Ned Price"
    assert full_name_in_text("Smith", ARTICLE) is None


def test_it_matches_a_mention_by_full_name_title_or_surname():
    candidates = {"ned price": ["price"], "dmitry peskov": ["peskov"], "kremlin": ["kremlin"]}
    assert match_mention("spokesperson Ned Price", candidates) == "price"
    assert match_mention("Price", candidates, article_text=ARTICLE) == "price"
    assert match_mention("Price", candidates) is None
    assert match_mention("the Kremlin", candidates) == "kremlin"
    assert match_mention("Someone Else", candidates) is None


def test_it_returns_none_when_a_name_is_ambiguous():
    assert match_mention("Ned Price", {"ned price": ["one", "two"]}) is None


@pytest.mark.django_db
def test_it_links_by_name_alias_and_surname_and_never_creates_a_speaker():
    price = make_speaker("Ned Price")
    kremlin = make_speaker("Kremlin", kind="organisation", aliases=("the Kremlin", "Moscow"))
    assert link_speaker("U.S. State Department spokesperson Ned Price") == price
    assert link_speaker("Price", article_text=ARTICLE) == price
    assert link_speaker("moscow") == kremlin
    assert link_speaker("Dmitry Peskov") is None
    assert link_speaker("") is None
