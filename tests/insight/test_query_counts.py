"""The insight pages cost the same number of queries at two corpus sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.insight.corpus import news_corpus, reviewed_corpus

# Every page: the session and the user; then its own queries.
PAGES = {
    # confirmed quotes by speaker and by outlet and week, suggestions counted, claims by verdict, outlets for the filter
    "dashboard": (reverse("annotations:dashboard"), {}, 2 + 2 + 1 + 1 + 1),
    # the quotes' count, page, their articles, parts; the claims' page and count; outlets for the filter
    "search": (reverse("annotations:search"), {"q": "bridge"}, 2 + 4 + 2 + 1),
    # the speakers' count, page, aliases
    "speaker list": (reverse("annotations:speaker_list"), {}, 2 + 3),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("copies", [1, 6])
def test_it_renders_each_page_in_constant_queries(editor_client, django_assert_num_queries, page, copies):
    news_corpus(copies)
    url, params, expected = PAGES[page]
    with django_assert_num_queries(expected):
        assert editor_client.get(url, params).status_code == 200


@pytest.mark.parametrize("copies", [1, 6])
def test_it_renders_a_speaker_page_in_constant_queries(editor_client, django_assert_num_queries, copies):
    corpus = news_corpus(copies)
    # the council, with confirmed quotes and suggestions: speaker, aliases; four charts; confirmed count,
    # page, articles, parts; claims; suggestions: count, page, articles, parts
    with django_assert_num_queries(2 + 2 + 4 + 4 + 1 + 4):
        editor_client.get(reverse("annotations:speaker_detail", args=[corpus["council"].pk]))


@pytest.mark.parametrize("page", ["quality", "effort"])
@pytest.mark.parametrize("copies", [1, 4])
def test_it_measures_quality_and_effort_in_constant_queries(editor_client, django_assert_num_queries, page, copies):
    for copy in range(copies):
        reviewed_corpus(tag=str(copy))
    # quality: outlets, parts of confirmed suggestions, reviewed suggestions, quotes added by hand;
    # effort: outlets, articles by status, decisions per day, then the same three as quality
    expected = {"quality": 2 + 4, "effort": 2 + 6}[page]
    with django_assert_num_queries(expected):
        assert editor_client.get(reverse(f"annotations:{page}")).status_code == 200
