"""Work and effort: articles by status, decisions per editor and day, and seconds per decision."""

from __future__ import annotations

from django.urls import reverse

from tests.insight.corpus import reviewed_corpus

URL = reverse("annotations:effort")


def test_it_counts_articles_by_status_and_decisions_per_editor_per_day(editor_client):
    reviewed_corpus()
    effort = editor_client.get(URL).context["effort"]
    assert [(row.label, row.value) for row in effort.statuses.rows] == [
        ("New", 1),
        ("Suggested", 0),
        ("In review", 1),
        ("Done", 1),
    ]
    # ed1 on Monday: 3 suggestions and one quote by hand; ed2: "ten" on Monday, 2 suggestions and one by hand Tuesday
    assert effort.table == [("2026-03-02", "ed1", 4), ("2026-03-02", "ed2", 1), ("2026-03-03", "ed2", 3)]
    assert [(row.label, row.value) for row in effort.per_day.rows] == [("2026-03-02", 5), ("2026-03-03", 3)]
    assert [(row.label, row.value) for row in effort.per_editor.rows] == [("ed1", 4), ("ed2", 4)]


def test_it_measures_the_time_the_suggester_saves(editor_client):
    reviewed_corpus()
    response = editor_client.get(URL)
    effort = response.context["effort"]
    # unchanged: 4 s and 6 s; by hand: 30 s and 40 s
    assert (effort.confirm_median, effort.add_median, effort.saved_per_quote) == (5.0, 35.0, 30.0)
    assert [(row.label, row.value) for row in effort.seconds.rows] == [
        ("Confirm a right suggestion", 5.0),
        ("Correct a suggestion", 15.0),
        ("Reject a suggestion", 2.5),
        ("Add a quote by hand", 35.0),
    ]
    html = response.content.decode()
    assert "<strong>30.0 s</strong> per quote" in html
    csv = editor_client.get(URL, {"csv": "seconds"}).content.decode().splitlines()
    assert csv[1:] == [
        "Confirm a right suggestion,5",
        "Correct a suggestion,15",
        "Reject a suggestion,2.50",
        "Add a quote by hand,35",
    ]


def test_it_says_when_there_is_nothing_to_measure_yet(editor_client):
    response = editor_client.get(URL)
    assert response.context["effort"].saved_per_quote is None
    assert "Not measured yet" in response.content.decode()
