"""The Django admin an admin lives in: articles with their quotes as text."""

from __future__ import annotations

from django.urls import reverse


def test_it_shows_an_articles_quotes_as_text_in_the_admin(client, admin_user, seed_article):
    client.force_login(admin_user)
    response = client.get(reverse("admin:annotations_article_change", args=[seed_article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Diplomacy by the barrel of a gun" in html
    assert "spokesperson Dmitry Peskov" in html
    # quoted articles keep their text: it is shown, not offered for editing
    assert 'name="text"' not in html
