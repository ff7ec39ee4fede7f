"""List pages cost the same number of queries whatever the number of quotes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import Quote, QuotePart
from tests.factories import make_article, make_speaker

WORDS = " ".join(f"word{i}" for i in range(400))


def add_quotes(article, speaker, count: int) -> None:
    for i in range(count):
        quote = Quote.objects.create(
            article=article,
            speaker=speaker,
            mention_start=i * 8,
            mention_end=i * 8 + 5,
            cue_start=i * 8 + 6,
            cue_end=i * 8 + 7,
        )
        QuotePart.objects.create(quote=quote, start=i * 8, end=i * 8 + 7)


@pytest.mark.parametrize("n_quotes", [1, 50])
def test_it_renders_the_article_page_in_constant_queries(editor_client, django_assert_num_queries, n_quotes):
    article = make_article(WORDS)
    add_quotes(article, make_speaker(), n_quotes)
    # session, user, article, the editor's permissions (user, groups), opening it (mark open; status to
    # in review, its history row), quotes with speakers, parts, claims, the editor's last action for undo
    with django_assert_num_queries(12):
        response = editor_client.get(reverse("annotations:article_detail", args=[article.pk]))
    assert len(response.context["quotes"]) == n_quotes


@pytest.mark.parametrize("n_quotes", [1, 50])
def test_it_renders_the_article_list_in_constant_queries(editor_client, django_assert_num_queries, n_quotes):
    for _ in range(3):
        add_quotes(make_article(WORDS), None, n_quotes)
    # session, user, the editor's permissions (user, groups), count for the paginator,
    # the page of articles with counts, the outlets for the filter
    with django_assert_num_queries(7):
        response = editor_client.get(reverse("annotations:article_list"))
    assert len(response.context["page"].object_list) == 3


@pytest.mark.parametrize("n_quotes", [1, 50])
def test_it_renders_the_speaker_page_in_constant_queries(editor_client, django_assert_num_queries, n_quotes):
    speaker = make_speaker(aliases=("Peskov",))
    add_quotes(make_article(WORDS), speaker, n_quotes)
    # session, user, speaker, aliases, count, quotes with articles, parts
    with django_assert_num_queries(7):
        editor_client.get(reverse("annotations:speaker_detail", args=[speaker.pk]))
