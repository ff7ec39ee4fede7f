"""List pages cost the same number of queries whatever the number of quotes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.models import Quote, QuotePart
from annotations.views.common import CARDS_PER_PAGE
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


@pytest.mark.parametrize(("n_quotes", "queries"), [(1, 9), (50, 9), (CARDS_PER_PAGE + 5, 11)])
def test_it_renders_the_article_page_in_constant_queries(editor_client, django_assert_num_queries, n_quotes, queries):
    article = make_article(WORDS * 2)
    add_quotes(article, make_speaker(), n_quotes)
    # session, user, article, the editor's permissions (their own and their groups', one query), marking it
    # open (no status change, no history row: looking is not editing), the cards' quotes with speakers and their
    # parts (the highlights too, when every quote has its card), claims, the editor's last action for undo; past
    # a page of cards, the quotes' and parts' spans as rows for the highlights
    with django_assert_num_queries(queries):
        response = editor_client.get(reverse("annotations:article_detail", args=[article.pk]))
    assert len(response.context["quotes"]) == min(n_quotes, CARDS_PER_PAGE)
    assert response.context["progress"]["total"] == n_quotes
    # Looking again a moment later leaves the open marker as it is: no write.
    with django_assert_num_queries(queries - 1):
        editor_client.get(reverse("annotations:article_detail", args=[article.pk]))


@pytest.mark.parametrize("n_quotes", [1, 50])
def test_it_renders_the_article_list_in_constant_queries(editor_client, django_assert_num_queries, n_quotes):
    for _ in range(3):
        add_quotes(make_article(WORDS), None, n_quotes)
    # session, user, the editor's permissions, count for the paginator,
    # the page of articles with counts, the outlets for the filter
    with django_assert_num_queries(6):
        response = editor_client.get(reverse("annotations:article_list"))
    assert len(response.context["page"].object_list) == 3


def htmx_requests(article, quote, claim, n_quotes: int, others: list[int]) -> dict[str, tuple[str, str, dict]]:
    quote_url = lambda name: reverse(f"annotations:{name}", args=[article.pk, quote.pk])  # noqa: E731
    article_url = lambda name: reverse(f"annotations:{name}", args=[article.pk])  # noqa: E731
    return {
        "confirm": ("post", quote_url("quote_confirm"), {"version": 1}),
        "reject": ("post", quote_url("quote_reject"), {"version": 2}),
        "kind": ("post", quote_url("quote_set_kind"), {"version": 3, "kind": "mixed"}),
        "span": ("post", quote_url("quote_set_span"), {"version": 4, "role": "cue", "start": 0, "end": 5}),
        "add part": ("post", quote_url("quote_add_part"), {"version": 5, "start": 3000, "end": 3005}),
        "speaker": ("post", quote_url("quote_link_speaker"), {"version": 6, "q": f"Dmitry Peskov {n_quotes}"}),
        "new speaker": (
            "post",
            quote_url("quote_new_speaker"),
            {"version": 7, "name": f"Ned {n_quotes}", "kind": "person"},
        ),
        "stale": ("post", quote_url("quote_confirm"), {"version": 1}),
        "bad span": ("post", quote_url("quote_set_span"), {"version": 8, "role": "cue", "start": 0, "end": 99999}),
        "undo": ("post", article_url("undo"), {}),
        "add quote": ("post", article_url("quote_add"), {"start": 3010, "end": 3015, "kind": "direct"}),
        "bulk preview": ("get", article_url("bulk_preview"), {"threshold": "0.5"}),
        "bulk confirm": ("post", article_url("bulk_confirm"), {"threshold": "0.5", "quotes": []}),
        "claim": ("post", article_url("claim_add"), {"statement": "S.", "verdict": "true", "quote": quote.pk}),
        "edit claim": (
            "post",
            reverse("annotations:claim_edit", args=[article.pk, claim.pk]),
            {"statement": "T.", "verdict": "false", "version": 1},
        ),
        "done": ("post", article_url("article_done"), {}),
        "speaker search": ("get", reverse("annotations:speaker_search"), {"q": "pesk", "quote": quote.pk}),
        "move": ("post", quote_url("quote_move"), {"version": 9, "role": "content", "edge": "end", "step": "-1"}),
        "split": ("post", quote_url("quote_split"), {"version": 10}),
        "join": ("post", quote_url("quote_join"), {"version": 11, "other": others[0], "other_version": 1}),
        "link same": (
            "post",
            quote_url("quote_link_same"),
            {"speaker": quote.speaker_id, "quotes": [f"{others[1]}:1"]},
        ),
        "reject preview": ("get", article_url("bulk_reject_preview"), {"below": "0.95"}),
        "bulk reject": ("post", article_url("bulk_reject"), {"below": "0.95", "quotes": [f"{others[2]}:1"]}),
        "undo bulk": ("post", article_url("undo"), {}),
    }


def count_htmx_queries(client, n_quotes: int) -> dict[str, int]:
    article = make_article(WORDS)
    # the quote every action is on, and n_quotes others still suggested for the bulk list
    add_quotes(article, make_speaker(f"Dmitry Peskov {n_quotes}", aliases=("Peskov",)), n_quotes + 1)
    Quote.objects.filter(article=article).update(confidence=0.9)
    quote, *others = Quote.objects.filter(article=article).order_by("pk")[:4]
    others = [other.pk for other in others] or [0, 0, 0]
    claim = article.claims.create(statement="A claim.")
    counts, answers = {}, {}
    for label, (method, path, data) in htmx_requests(article, quote, claim, n_quotes, others).items():
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(path, data, headers={"HX-Request": "true"})
        answers[label] = response.status_code
        counts[label] = len(queries)
    refused = {"stale": 409, "bad span": 422, "bulk confirm": 400}
    assert answers == {label: refused.get(label, 200) for label in answers}
    return counts


def test_it_answers_every_htmx_action_in_queries_independent_of_the_number_of_quotes(editor_client):
    few, many = count_htmx_queries(editor_client, 3), count_htmx_queries(editor_client, 50)
    assert few == many


# SQLite takes at most 999 parameters a query, so Django splits the history rows of more than ~45 quotes
# into several INSERTs there; PostgreSQL takes them in one.
@pytest.mark.parametrize("n_quotes", [1, 40])
def test_it_bulk_confirms_in_constant_queries(editor_client, django_assert_num_queries, n_quotes):
    article = make_article(WORDS)
    add_quotes(article, None, n_quotes)
    Quote.objects.filter(article=article).update(confidence=0.95)
    checked = [f"{pk}:1" for pk in Quote.objects.filter(article=article).values_list("pk", flat=True)]
    # session, user, permissions, article, the quotes' spans and parts; savepoint, lock the quotes, their
    # parts, the update, the history rows, the article into review and its history row, the action log, release;
    # then what changed: the cards and the quotes near them (quotes, parts), claims, progress, undo
    with django_assert_num_queries(20):
        response = editor_client.post(
            reverse("annotations:bulk_confirm", args=[article.pk]),
            {"threshold": "0.9", "quotes": checked, "without_speaker": "1"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    assert Quote.objects.filter(article=article, status="confirmed").count() == n_quotes
