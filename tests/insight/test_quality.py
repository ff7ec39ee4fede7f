"""Suggestion quality from editors' decisions, against the hand-counted reviewed corpus."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.insight.corpus import reviewed_corpus

URL = reverse("annotations:quality")


def counts(tally) -> tuple:
    return (
        tally.reviewed,
        tally.unchanged,
        tally.corrected,
        tally.aspects["boundaries"],
        tally.aspects["speaker"],
        tally.aspects["kind"],
        tally.rejected,
        tally.added,
    )


def test_it_counts_confirmed_corrected_rejected_and_added_overall(editor_client):
    reviewed_corpus()
    quality = editor_client.get(URL).context["quality"]
    # reviewed: 4 in S1 (one still suggested is not) + 2 in S2; unchanged "one two three four", "alpha beta";
    # corrected: boundaries of "five six seven", speaker and kind of "eight nine"; rejected "ten", "gamma delta";
    # added by hand: "E said" and "zeta eta"; gold "epsilon" and the unreviewed "eleven" count nowhere
    assert counts(quality.overall) == (6, 2, 2, 1, 1, 1, 2, 2)
    assert quality.overall.precision == pytest.approx(4 / 6)
    assert quality.overall.recall == pytest.approx(4 / 6)
    assert quality.overall.f1 == pytest.approx(4 / 6)
    assert quality.overall.exact_precision == pytest.approx(2 / 6)
    assert quality.overall.exact_recall == pytest.approx(2 / 6)


def test_it_compares_suggester_versions_outlets_and_kinds(editor_client):
    reviewed_corpus()
    quality = editor_client.get(URL).context["quality"]
    by_version = {tally.label: tally for tally in quality.by_version}
    assert counts(by_version["quotebook 0.2"]) == (4, 1, 2, 1, 1, 1, 1, 1)
    assert (by_version["quotebook 0.2"].precision, by_version["quotebook 0.2"].recall) == (0.75, 0.75)
    assert counts(by_version["quotebook 0.3"]) == (2, 1, 0, 0, 0, 0, 1, 1)
    assert (by_version["quotebook 0.3"].precision, by_version["quotebook 0.3"].recall) == (0.5, 0.5)
    assert {tally.label: counts(tally) for tally in quality.by_outlet} == {
        "Wire": (4, 1, 2, 1, 1, 1, 1, 1),
        "Daily": (2, 1, 0, 0, 0, 0, 1, 1),
    }
    # by the kind suggested: "eight nine" was suggested indirect and counts there though an editor made it mixed
    assert {tally.label: counts(tally) for tally in quality.by_kind} == {
        "Direct": (3, 1, 1, 1, 0, 0, 1, 1),
        "Indirect": (3, 1, 1, 0, 1, 1, 1, 1),
    }


def test_it_filters_by_outlet(editor_client):
    corpus = reviewed_corpus()
    quality = editor_client.get(URL, {"outlet": corpus["daily"].pk}).context["quality"]
    assert counts(quality.overall) == (2, 1, 0, 0, 0, 0, 1, 1)


def test_it_explains_each_number_and_shows_them(editor_client):
    reviewed_corpus()
    html = editor_client.get(URL).content.decode()
    assert "How each number is counted" in html
    assert "confirmed ÷ (confirmed + rejected)" in html
    assert "<strong>0.667</strong>" in html  # overall F1
    assert "quotebook 0.3" in html


def test_it_has_nothing_to_measure_before_any_review(editor_client):
    response = editor_client.get(URL)
    assert response.context["quality"].overall.f1 is None
    assert "No suggestion has been reviewed yet." in response.content.decode()
