"""A text the quote finder cannot read is reported, and the rest of the batch still gets its quotes."""

from __future__ import annotations

import json
import logging
from io import StringIO

import pytest
import spacy
from django.core.management import call_command

from annotations.nlp import COMPONENT_NAME, suggest
from annotations.nlp import component as quote_finder

GOOD = '"The harbour will reopen in May," said Mayor Anna Berg.'
BAD = 'UNREADABLE "The ferry is late," the captain said.'


@pytest.fixture
def one_text_fails(monkeypatch):
    real = quote_finder.find_attributions

    def find_attributions(doc):
        if doc.text.startswith("UNREADABLE"):
            raise ValueError("a parse the rules cannot walk")
        return real(doc)

    monkeypatch.setattr(quote_finder, "find_attributions", find_attributions)


def quote_finder_alone():
    # spaCy 3.8's nlp.set_error_handler stops at the parser of the shipped models
    # (a Cython component without the attribute), so it is shown on a pipeline
    # of the quote finder alone.
    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT_NAME)
    return nlp


def test_it_reports_a_text_it_cannot_read_and_goes_on_with_the_batch(nlp, one_text_fails, caplog):
    failures = []
    with caplog.at_level(logging.WARNING, logger="annotations.nlp"):
        found = list(suggest(nlp, [GOOD, BAD, GOOD], batch_size=2, on_failure=lambda n, why: failures.append((n, why))))
    assert [len(suggestions) for suggestions in found] == [1, 0, 1]
    assert failures == [(1, "ValueError: a parse the rules cannot walk")]
    assert "could not read the text beginning 'UNREADABLE" in caplog.text


def test_it_honours_the_error_handler_set_on_the_pipeline(one_text_fails):
    nlp = quote_finder_alone()
    seen = []
    nlp.set_error_handler(lambda name, component, docs, error: seen.append((name, docs[0].text, str(error))))
    docs = list(nlp.pipe([BAD, GOOD]))
    assert seen == [(COMPONENT_NAME, BAD, "a parse the rules cannot walk")]
    assert [doc.text for doc in docs] == [BAD, GOOD]
    assert len(docs[0].spans["quotes"]) == 0


def test_it_raises_under_spacys_default_handler(one_text_fails):
    with pytest.raises(ValueError, match="cannot walk"):
        list(quote_finder_alone().pipe([GOOD, BAD]))


def test_evaluate_quotes_names_the_text_it_could_not_read_and_scores_the_rest(tmp_path, one_text_fails):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for name, text in (("good", GOOD), ("bad", BAD)):
        (tmp_path / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "attributions" / f"{name}_a.ann").write_text("", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("evaluate_quotes", str(tmp_path), "--json", stdout=out, stderr=err)
    assert "bad: the suggester could not read it (ValueError: a parse the rules cannot walk)" in err.getvalue()
    assert json.loads(out.getvalue())["all"]["predicted"] == 1
