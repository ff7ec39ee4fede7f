"""The read-only pages: login, article list, article, speaker."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import Quote
from tests.factories import make_article, make_quote

PAGES = [
    reverse("annotations:article_list"),
    reverse("annotations:article_detail", args=[1]),
    reverse("annotations:speaker_detail", args=[1]),
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_it_sends_anonymous_visitors_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_logs_in_and_lands_on_the_article_list(client, editor):
    response = client.post(reverse("login"), {"username": "editor", "password": "pw"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("annotations:article_list")
    assert b"Articles" in response.content


def test_it_lists_articles_with_counts_by_status(editor_client):
    article = make_article(title="Talks in Minsk")
    make_quote(article, "Peskov said", status=Quote.Status.CONFIRMED)
    make_quote(article, '"We are ready,"', status=Quote.Status.SUGGESTED)
    make_quote(article, '"Minsk is the place."', status=Quote.Status.SUGGESTED)
    response = editor_client.get(reverse("annotations:article_list"))
    row = response.context["page"].object_list[0]
    assert (row.suggested_count, row.confirmed_count, row.rejected_count) == (2, 1, 0)
    assert "Talks in Minsk" in response.content.decode()


def test_it_shows_the_seed_quotes_highlighted_with_their_speakers(editor_client, seed_article):
    response = editor_client.get(reverse("annotations:article_detail", args=[seed_article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for quote in seed_article.quotes.all():
        assert f'id="quote-{quote.pk}"' in html
        if quote.speaker:
            assert quote.speaker.name in html
    assert 'class="hl-confirmed hl-content"' in html
    assert "Ned Price" in html and "Dmitry Peskov" in html
    # the text is shown whole, however the highlights cut it
    segments = response.context["segments"]
    assert "".join(segment.text for segment in segments) == seed_article.text


def test_it_answers_404_for_an_unknown_article(editor_client):
    assert editor_client.get(reverse("annotations:article_detail", args=[999])).status_code == 404
