from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from annotations.models import Article, Quote
from tests.factories import make_article, make_quote

TEXT = 'Harbour master Lena Dahl said the dredging would start in March.\n"It will take six weeks," Dahl said.'


def suggest(*args: str) -> str:
    out = io.StringIO()
    call_command("suggest_articles", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_by_default_it_suggests_the_articles_still_new():
    waiting = make_article(TEXT)
    done = make_article(TEXT + " More.", status=Article.Status.DONE)
    assert "Queued 1 articles" in suggest()
    waiting.refresh_from_db()
    assert waiting.status == Article.Status.SUGGESTED and waiting.quotes.count() == 2
    assert not done.quotes.exists()


@pytest.mark.django_db
def test_it_never_touches_a_quote_an_editor_decided_on_or_added(editor):
    article = make_article(TEXT, status=Article.Status.IN_REVIEW)
    rejected = make_quote(article, '"It will take six weeks,"', status=Quote.Status.REJECTED, reviewed_by=editor)
    manual = make_quote(article, "the dredging would start in March", origin=Quote.MANUAL_ORIGIN)
    suggest("--ids", str(article.pk))
    suggest("--ids", str(article.pk))
    rejected.refresh_from_db()
    manual.refresh_from_db()
    assert rejected.status == Quote.Status.REJECTED and manual.status == Quote.Status.SUGGESTED
    assert article.quotes.count() == 2  # nothing suggested over them, nothing twice


@pytest.mark.django_db
def test_outdated_means_suggested_by_an_older_version():
    old = make_article(TEXT, status=Article.Status.SUGGESTED, suggester_version="en_core_web_sm-3.7.0+old-0.1")
    never = make_article(TEXT + " Again.")
    assert "Queued 1 articles" in suggest("--outdated")
    old.refresh_from_db()
    assert old.suggester_version != "en_core_web_sm-3.7.0+old-0.1" and old.quotes.exists()
    assert not never.quotes.exists()
    assert "Queued 0 articles" in suggest("--outdated")


@pytest.mark.django_db
def test_the_admin_action_suggests_quotes_now(client, admin_user, django_capture_on_commit_callbacks):
    article = make_article(TEXT)
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:annotations_article_changelist"),
            {"action": "suggest_now", "_selected_action": [article.pk]},
            follow=True,
        )
    assert "Suggestions queued for 1 article(s)" in response.content.decode()
    assert article.quotes.filter(status=Quote.Status.SUGGESTED).count() == 2
