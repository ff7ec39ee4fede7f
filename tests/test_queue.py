"""The review queue: filters, counts, and "next article" sending editors to different articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annotations import review
from annotations.models import Article
from annotations.roles import EDITORS
from tests.factories import make_article, make_outlet, make_user


def titles(response) -> list[str]:
    return [article.title for article in response.context["page"].object_list]


def test_it_filters_by_status_outlet_date_and_text(editor_client):
    wire = make_outlet()
    make_article(title="Minsk talks", outlet=wire, status="suggested", published_at=datetime(2025, 3, 1, tzinfo=UTC))
    make_article("Nothing about it.", title="Budget", status="done", published_at=datetime(2025, 5, 1, tzinfo=UTC))
    make_article("Peskov said so.", title="Kremlin", status="suggested")
    queue = reverse("annotations:article_list")
    assert set(titles(editor_client.get(queue))) == {"Minsk talks", "Budget", "Kremlin"}
    assert set(titles(editor_client.get(queue, {"status": "suggested"}))) == {"Minsk talks", "Kremlin"}
    assert titles(editor_client.get(queue, {"outlet": wire.pk})) == ["Minsk talks"]
    assert titles(editor_client.get(queue, {"published_from": "2025-04-01"})) == ["Budget"]
    assert titles(editor_client.get(queue, {"published_to": "2025-04-01"})) == ["Minsk talks"]
    assert titles(editor_client.get(queue, {"q": "SAID SO"})) == ["Kremlin"]


def test_it_keeps_filters_across_pages(editor_client):
    for i in range(51):
        make_article(f"Text {i}.", title=f"Article {i}", status="suggested")
    response = editor_client.get(reverse("annotations:article_list"), {"status": "suggested"})
    assert 'href="?status=suggested&amp;page=2"' in response.content.decode()


def test_it_sends_next_to_the_oldest_article_nobody_else_has_open(editor_client, editor):
    other = make_user("other", role=EDITORS)
    oldest = make_article("One.", title="Oldest")
    taken = make_article("Two.", title="Taken")
    newest = make_article("Three.", title="Newest")
    done = make_article("Four.", title="Done", status="done")
    Article.objects.filter(pk=done.pk).update(created_at=timezone.now() - timedelta(days=9))
    Article.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - timedelta(days=3))
    Article.objects.filter(pk=taken.pk).update(created_at=timezone.now() - timedelta(days=5))
    review.article_open(article=taken, editor=other)
    response = editor_client.post(reverse("annotations:queue_next"))
    assert response["Location"] == reverse("annotations:article_detail", args=[oldest.pk])
    # the editor now has it open; another editor pressing "next" gets the following one
    assert review.next_article_for(editor=other).pk == taken.pk  # their own open article is not skipped
    third = make_user("third", role=EDITORS)
    assert review.next_article_for(editor=third).pk == newest.pk


def test_it_hands_on_an_article_its_editor_left_long_ago(editor):
    other = make_user("other", role=EDITORS)
    article = make_article()
    review.article_open(article=article, editor=other)
    assert review.next_article_for(editor=editor) is None
    later = timezone.now() + review.OPEN_FOR + timedelta(minutes=1)
    assert review.next_article_for(editor=editor, now=later).pk == article.pk


def test_it_says_when_the_queue_is_empty(editor_client):
    response = editor_client.post(reverse("annotations:queue_next"), follow=True)
    assert "Nothing left to review" in response.content.decode()


def test_it_shows_next_article_to_editors_only(client, editor, researcher):
    client.force_login(researcher)
    assert 'data-action="next-article"' not in client.get(reverse("annotations:article_list")).content.decode()
    client.force_login(editor)
    assert 'data-action="next-article"' in client.get(reverse("annotations:article_list")).content.decode()


@pytest.mark.django_db
def test_it_ignores_invalid_filters_rather_than_failing(editor_client):
    make_article(title="Kept")
    response = editor_client.get(reverse("annotations:article_list"), {"published_from": "yesterday", "outlet": "x"})
    assert response.status_code == 200 and titles(response) == ["Kept"]
