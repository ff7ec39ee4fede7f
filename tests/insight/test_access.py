"""Every insight page for every role: editors, fact-checkers and researchers read; anonymous visitors log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.insight.corpus import news_corpus, reviewed_corpus

PAGES = ["dashboard", "quality", "effort", "search", "speaker_list", "speaker_detail"]


def url_for(name: str, speaker_pk: int) -> str:
    if name == "speaker_detail":
        return reverse("annotations:speaker_detail", args=[speaker_pk])
    if name == "search":
        return reverse("annotations:search") + "?q=bridge"
    return reverse(f"annotations:{name}")


@pytest.mark.parametrize("role", ["editor", "fact_checker", "researcher"])
@pytest.mark.parametrize("page", PAGES)
def test_it_lets_every_role_read(db, client, request, role, page):
    corpus = news_corpus()
    client.force_login(request.getfixturevalue(role))
    response = client.get(url_for(page, corpus["ann"].pk))
    assert response.status_code == 200
    assert b"<h1>" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_it_sends_anonymous_visitors_to_log_in(client, page):
    response = client.get(url_for(page, 1))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("page", ["dashboard", "quality", "effort"])
def test_it_refuses_to_change_anything(editor_client, page):
    reviewed_corpus()
    assert editor_client.post(url_for(page, 1)).status_code == 405


def test_it_links_the_insight_pages_from_every_page(editor_client):
    html = editor_client.get(reverse("annotations:article_list")).content.decode()
    for name in ("search", "speaker_list", "dashboard"):
        assert f'href="{reverse(f"annotations:{name}")}"' in html
