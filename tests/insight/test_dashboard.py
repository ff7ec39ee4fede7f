"""The dashboard's counts against the hand-counted news corpus (see corpus.news_corpus)."""

from __future__ import annotations

from django.urls import reverse

from tests.insight.corpus import news_corpus

URL = reverse("annotations:dashboard")


def charts_of(response) -> dict[str, list[tuple[str, float]]]:
    return {chart.key: [(row.label, row.value) for row in chart.rows] for chart in response.context["charts"]}


def test_it_counts_confirmed_quotes_by_speaker_outlet_week_kind_gender_and_claims_by_verdict(editor_client):
    news_corpus()
    response = editor_client.get(URL)
    assert response.status_code == 200
    # 9 confirmed editorial quotes; the suggestion, the rejected quote and the gold quote are not counted
    assert response.context["confirmed"] == 9
    assert response.context["suggested"] == 1
    charts = charts_of(response)
    assert charts["speakers"] == [("Ann Lee", 4), ("Bo Chen", 2), ("City Council", 1), ("Cy Diaz", 1)]
    assert charts["outlets"] == [("Wire", 5), ("Daily", 4)]
    # the undated article's quote is left out of the weeks
    assert charts["weeks"] == [("2026-03-02", 5), ("2026-03-09", 3)]
    assert charts["kinds"] == [("Person", 7), ("No speaker linked", 1), ("Organisation", 1)]
    assert charts["gender"] == [("Female", 4), ("Male", 2)]
    assert charts["verdicts"] == [("False", 1), ("Mostly true", 1), ("True", 1)]
    html = response.content.decode()
    assert "1 quote from people whose gender is not recorded" in html
    assert "<svg" in html and 'class="bar"' in html


def test_it_filters_by_outlet_and_dates(editor_client):
    corpus = news_corpus()
    response = editor_client.get(URL, {"outlet": corpus["wire"].pk})
    assert response.context["confirmed"] == 5
    assert charts_of(response)["speakers"] == [("Ann Lee", 3), ("Bo Chen", 1), ("Cy Diaz", 1)]
    assert charts_of(response)["verdicts"] == [("False", 1), ("Mostly true", 1)]
    response = editor_client.get(URL, {"since": "2026-03-03", "until": "2026-03-10"})
    assert response.context["confirmed"] == 5
    charts = charts_of(response)
    assert charts["speakers"] == [("Ann Lee", 1), ("Bo Chen", 1), ("City Council", 1), ("Cy Diaz", 1)]
    assert charts["weeks"] == [("2026-03-02", 2), ("2026-03-09", 3)]


def test_it_says_what_is_wrong_with_a_reversed_date_range_and_counts_everything(editor_client):
    news_corpus()
    response = editor_client.get(URL, {"since": "2026-03-10", "until": "2026-03-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    assert response.context["confirmed"] == 9


def test_it_gives_every_chart_as_csv(editor_client):
    corpus = news_corpus()
    response = editor_client.get(URL, {"csv": "speakers", "outlet": corpus["wire"].pk})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Quotes per speaker (top 20),quotes,share"
    assert lines[1:] == ["Ann Lee,3,0.6000", "Bo Chen,1,0.2000", "Cy Diaz,1,0.2000"]
    for key in ("outlets", "weeks", "kinds", "gender", "verdicts"):
        assert editor_client.get(URL, {"csv": key}).status_code == 200
    assert editor_client.get(URL, {"csv": "nonsense"}).status_code == 404


def test_it_links_each_speaker_bar_to_the_speaker_page(editor_client):
    corpus = news_corpus()
    html = editor_client.get(URL).content.decode()
    assert reverse("annotations:speaker_detail", args=[corpus["ann"].pk]) in html


def test_it_shows_an_empty_corpus_without_charts_to_draw(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 200
    assert response.context["confirmed"] == 0
    assert "Nothing to count yet." in response.content.decode()
