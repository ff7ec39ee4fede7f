"""The speaker list and a speaker's page, against the hand-counted news corpus."""

from __future__ import annotations

from django.urls import reverse

from tests.insight.corpus import news_corpus

LIST = reverse("annotations:speaker_list")


def rows(response) -> list[tuple[str, int]]:
    return [(speaker.name, speaker.confirmed_count) for speaker in response.context["page"]]


def test_it_lists_speakers_by_confirmed_quotes_with_kind_and_aliases(editor_client):
    news_corpus()
    response = editor_client.get(LIST)
    # gold, suggested and rejected quotes are not counted: Ann 4, Bo 2, then ties by name
    assert rows(response) == [("Ann Lee", 4), ("Bo Chen", 2), ("City Council", 1), ("Cy Diaz", 1)]
    html = response.content.decode()
    assert "Organisation" in html and "<td>Lee</td>" in html


def test_it_sorts_by_name_and_finds_by_name_or_alias(editor_client):
    news_corpus()
    assert [name for name, _ in rows(editor_client.get(LIST, {"sort": "name"}))] == [
        "Ann Lee",
        "Bo Chen",
        "City Council",
        "Cy Diaz",
    ]
    assert rows(editor_client.get(LIST, {"q": "lee"})) == [("Ann Lee", 4)]
    assert rows(editor_client.get(LIST, {"q": "c"})) == [("Bo Chen", 2), ("City Council", 1), ("Cy Diaz", 1)]
    assert rows(editor_client.get(LIST, {"q": "nobody"})) == []
    # an unknown sort falls back to the default rather than failing
    assert rows(editor_client.get(LIST, {"sort": "shoe size"}))[0] == ("Ann Lee", 4)


def test_it_answers_htmx_with_the_table_alone(editor_client):
    news_corpus()
    partial = editor_client.get(LIST, {"q": "chen"}, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="speakers"') and "Bo Chen" in partial and "<form" not in partial


def charts_of(response) -> dict[str, list[tuple[str, float]]]:
    return {chart.key: [(row.label, row.value) for row in chart.rows] for chart in response.context["charts"]}


def test_it_shows_a_speakers_confirmed_quotes_outlets_company_and_claims(editor_client):
    corpus = news_corpus()
    response = editor_client.get(reverse("annotations:speaker_detail", args=[corpus["ann"].pk]))
    html = response.content.decode()
    confirmed = [quote.content_text for quote in response.context["page"]]
    # newest article first; the undated one last; the gold "the bridge is safe" never
    assert confirmed == [
        '"ferries keep running"',
        '"the bridge opens in May"',
        '"tolls stay low"',
        '"the tunnel waits"',
    ]
    assert "the bridge is safe" not in html
    charts = charts_of(response)
    assert charts["months"] == [("Mar 2026", 3)]
    assert charts["outlets"] == [("Wire", 3), ("Daily", 1)]
    # Bo shares the bridge article, Cy the ferries article; the council's only quote there is a suggestion
    assert charts["alongside"] == [("Bo Chen", 1), ("Cy Diaz", 1)]
    assert charts["verdicts"] == [("False", 1)]
    assert [claim.statement for claim in response.context["claims"]] == ["The bridge opens in May."]
    assert "Also known as: Lee" in html


def test_it_keeps_unconfirmed_suggestions_apart_and_labelled(editor_client):
    corpus = news_corpus()
    response = editor_client.get(reverse("annotations:speaker_detail", args=[corpus["council"].pk]))
    assert [quote.content_text for quote in response.context["page"]] == ['"fees will rise"']
    assert [quote.content_text for quote in response.context["suggested"]] == ['"repairs start soon"']
    html = response.content.decode()
    assert "Unconfirmed suggestions (1)" in html and "Unconfirmed suggestion</span>" in html
    assert html.index("repairs start soon") > html.index("Unconfirmed suggestions (1)")


def test_it_never_shows_a_rejected_quote_on_the_speaker_page(editor_client):
    corpus = news_corpus()
    html = editor_client.get(reverse("annotations:speaker_detail", args=[corpus["bo"].pk])).content.decode()
    assert "bridge tolls rise" not in html


def test_it_gives_the_speaker_charts_as_csv_and_404_for_an_unknown_speaker(editor_client):
    corpus = news_corpus()
    url = reverse("annotations:speaker_detail", args=[corpus["ann"].pk])
    assert editor_client.get(url, {"csv": "outlets"}).content.decode().splitlines()[1:] == [
        "Wire,3,0.7500",
        "Daily,1,0.2500",
    ]
    assert editor_client.get(reverse("annotations:speaker_detail", args=[9999])).status_code == 404
