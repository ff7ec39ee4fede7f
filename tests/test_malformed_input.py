"""Hostile and malformed input on the review pages: a 4xx in words, never a 500, never a half-saved record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import MAX_STATEMENT_CHARS, Claim, Quote
from tests.factories import TEXT, make_article, make_quote, make_speaker

HX = {"HX-Request": "true"}


@pytest.fixture
def quote(db) -> Quote:
    return make_quote(make_article(), '"We are ready,"', confidence=0.9)


def quote_url(name: str, quote: Quote) -> str:
    return reverse(f"annotations:{name}", args=[quote.article_id, quote.pk])


@pytest.mark.parametrize("value", ["²", "١٢", "𝟙", "1e3", "-1", "99999999999999999999999"])
def test_it_ignores_a_claim_quote_that_is_not_an_ascii_id(editor_client, quote, value):
    response = editor_client.get(reverse("annotations:article_detail", args=[quote.article_id]), {"claim_quote": value})
    assert response.status_code == 200
    assert response.context["claim_form"].initial.get("quote") is None


def test_it_ties_the_claim_form_to_a_quote_given_by_a_plain_id(editor_client, quote):
    response = editor_client.get(
        reverse("annotations:article_detail", args=[quote.article_id]), {"claim_quote": str(quote.pk)}
    )
    assert response.context["claim_form"].initial["quote"] == quote.pk


@pytest.mark.parametrize("checked", ["²:1", "1:²", "١:1", ":", "abc", "1:1:1"])
def test_it_refuses_a_bulk_confirm_with_a_malformed_quote_with_a_400_in_words(editor_client, quote, checked):
    response = editor_client.post(
        reverse("annotations:bulk_confirm", args=[quote.article_id]),
        {"threshold": "0.5", "quotes": [checked]},
        headers=HX,
    )
    assert response.status_code == 400
    assert "is not a quote in the list" in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.SUGGESTED


def test_it_answers_the_speaker_search_with_a_malformed_quote_id(editor_client, quote):
    make_speaker("Dmitry Peskov")
    response = editor_client.get(reverse("annotations:speaker_search"), {"q": "pesk", "quote": "²"})
    assert response.status_code == 200
    assert "Dmitry Peskov" in response.content.decode()


@pytest.mark.parametrize("where", ["speaker_search", "article_list"])
def test_it_refuses_a_nul_character_in_a_search_with_a_400(editor_client, quote, where):
    response = editor_client.get(reverse(f"annotations:{where}"), {"q": "Pes\x00kov"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end"),
    [(len(TEXT) - 3, len(TEXT) + 40), (10**6, 10**6 + 5), (0, 10**12)],
)
def test_it_refuses_an_out_of_range_span_even_when_asked_to_snap(editor_client, quote, start, end):
    data = {"version": 1, "role": "cue", "start": start, "end": end, "snap": "1"}
    response = editor_client.post(quote_url("quote_set_span", quote), data, headers=HX)
    assert response.status_code == 422
    assert "runs past the end of the article" in response.content.decode()
    quote.refresh_from_db()
    assert (quote.version, quote.cue_start) == (1, None)


def test_it_refuses_a_new_quote_outside_the_text_even_when_asked_to_snap(editor_client, quote):
    url = reverse("annotations:quote_add", args=[quote.article_id])
    data = {"start": len(TEXT) - 2, "end": len(TEXT) + 10, "snap": "1", "kind": "direct"}
    response = editor_client.post(url, data, headers=HX)
    assert response.status_code == 422
    assert "runs past the end of the article" in response.content.decode()
    assert Quote.objects.count() == 1


def test_it_refuses_an_added_part_outside_the_text_even_when_asked_to_snap(editor_client, quote):
    data = {"version": 1, "start": len(TEXT), "end": len(TEXT) + 1, "snap": "1"}
    response = editor_client.post(quote_url("quote_add_part", quote), data, headers=HX)
    assert response.status_code == 422
    assert quote.parts.count() == 1


def test_it_refuses_a_claim_statement_over_its_length_limit(editor_client, quote):
    url = reverse("annotations:claim_add", args=[quote.article_id])
    response = editor_client.post(url, {"statement": "x" * 1_000_000, "verdict": "false"}, headers=HX)
    assert response.status_code == 400
    assert f"at most {MAX_STATEMENT_CHARS:,}".replace(",", "") in response.content.decode().replace(",", "")
    assert not Claim.objects.exists()


def test_it_refuses_an_over_long_claim_in_the_editorial_path_too(editor, quote):
    from django.core.exceptions import ValidationError

    from annotations import review

    with pytest.raises(ValidationError):
        review.claim_add(article=quote.article, editor=editor, statement="x" * (MAX_STATEMENT_CHARS + 1))
    assert not Claim.objects.exists()


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_it_shows_html_in_every_text_field_as_text_on_the_review_and_speaker_pages(editor_client):
    article = make_article(f"{PAYLOAD} said the talks would go ahead.", title=PAYLOAD, byline=PAYLOAD)
    speaker = make_speaker(PAYLOAD, aliases=(PAYLOAD + "!",), description=PAYLOAD)
    quote = make_quote(article, PAYLOAD, speaker=speaker, proposed_speaker_name=PAYLOAD)
    article.claims.create(statement=PAYLOAD, rationale=PAYLOAD, quote=quote)
    pages = [
        reverse("annotations:article_detail", args=[article.pk]),
        reverse("annotations:speaker_detail", args=[speaker.pk]),
        reverse("annotations:article_list") + "?q=" + PAYLOAD,
        reverse("annotations:speaker_search") + "?q=" + PAYLOAD,
    ]
    for page in pages:
        html = editor_client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert "&lt;script&gt;alert" in html, page


@pytest.mark.parametrize(
    "path",
    [
        "/articles/99999999999999999999/",
        "/articles/{article}/quotes/99999999999999999999/confirm/",
        "/speakers/99999999999999999999/",
        "/articles/²/",
    ],
)
def test_it_answers_ids_out_of_any_range_with_a_404(editor_client, quote, path):
    method = editor_client.post if path.endswith("confirm/") else editor_client.get
    response = method(path.format(article=quote.article_id), {"version": 1})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": "99999999999999999999"}, "Someone else changed this quote meanwhile"),
        ({"version": "1", "seconds": "nan"}, "Enter a number"),
        ({"version": "1", "seconds": "inf"}, "Enter a number"),
        ({"version": "0"}, "greater than or equal to 1"),
    ],
)
def test_it_refuses_a_malformed_version_or_stopwatch_in_words(editor_client, quote, data, message):
    response = editor_client.post(quote_url("quote_confirm", quote), data, headers=HX)
    assert response.status_code in (400, 409)
    assert message in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.SUGGESTED


def test_it_answers_a_request_for_an_unknown_host_with_the_400_page(client):
    response = client.get("/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert b"Bad request" in response.content
