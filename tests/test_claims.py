"""Claims on the review page: added from a quote or a selection, listed and edited; fact-checkers too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations import review
from annotations.models import Claim
from tests.factories import TEXT, make_article, make_claim, make_quote

HX = {"HX-Request": "true"}


def claim_data(**fields) -> dict:
    return {"statement": "Talks will be held in Minsk.", "verdict": "unverifiable", "rationale": "", **fields}


@pytest.fixture
def article(db):
    return make_article()


def test_it_adds_a_claim_from_a_quote_over_htmx(editor_client, editor, article):
    quote = make_quote(article, '"Minsk is the place."')
    response = editor_client.post(
        reverse("annotations:claim_add", args=[article.pk]), claim_data(quote=quote.pk), headers=HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="claims"') and "Talks will be held in Minsk." in html
    claim = Claim.objects.get()
    assert (claim.quote, claim.reviewed_by, claim.verdict) == (quote, editor, "unverifiable")


def test_it_adds_a_claim_from_a_selection_and_highlights_it(editor_client, article):
    start = TEXT.index("the talks")
    response = editor_client.post(
        reverse("annotations:claim_add", args=[article.pk]), claim_data(start=start, end=start + 9), headers=HX
    )
    assert response.status_code == 200
    assert 'class="hl-claim hl-unverifiable"' in response.content.decode()
    assert Claim.objects.get().span_text == "the talks"


def test_it_lets_fact_checkers_add_and_edit_claims_but_not_quotes(client, fact_checker, article):
    client.force_login(fact_checker)
    page = client.get(reverse("annotations:article_detail", args=[article.pk])).content.decode()
    assert 'id="claim-form"' in page and 'data-action="confirm"' not in page
    response = client.post(reverse("annotations:claim_add", args=[article.pk]), claim_data())
    assert response.status_code == 302
    claim = Claim.objects.get()
    response = client.post(
        reverse("annotations:claim_edit", args=[article.pk, claim.pk]),
        claim_data(version=1, verdict="false", rationale="Moved to Istanbul."),
        headers=HX,
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.verdict, claim.rationale, claim.version) == ("false", "Moved to Istanbul.", 2)


def test_it_refuses_a_stale_claim_edit_and_shows_the_current_claim(editor_client, editor, article):
    claim = make_claim(article)
    review.claim_edit(claim=claim, editor=editor, version=1, statement="Now.", verdict="true", rationale="")
    response = editor_client.post(
        reverse("annotations:claim_edit", args=[article.pk, claim.pk]), claim_data(version=1), headers=HX
    )
    html = response.content.decode()
    assert response.status_code == 409 and "Someone else changed this claim" in html
    assert f'data-claim-id="{claim.pk}" data-version="2"' in html
    assert Claim.objects.get(pk=claim.pk).statement == "Now."


def test_it_rerenders_the_claim_form_with_its_errors(editor_client, article):
    data = claim_data(statement="", review_url="not a url", end=len(TEXT) + 4, start=0)
    response = editor_client.post(reverse("annotations:claim_add", args=[article.pk]), data, headers=HX)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html and "Enter a valid URL." in html
    assert not Claim.objects.exists()


def test_it_refuses_a_claim_span_outside_the_text(editor_client, article):
    data = claim_data(start=0, end=len(TEXT) + 4)
    response = editor_client.post(reverse("annotations:claim_add", args=[article.pk]), data, headers=HX)
    assert response.status_code == 422 and "runs past the end" in response.content.decode()
    assert not Claim.objects.exists()


def test_it_refuses_a_claim_on_another_articles_quote(editor_client, article):
    other = make_quote(make_article(title="Other"), '"We are ready,"')
    response = editor_client.post(
        reverse("annotations:claim_add", args=[article.pk]), claim_data(quote=other.pk), headers=HX
    )
    assert response.status_code == 404 and not Claim.objects.exists()


def test_it_undoes_an_added_claim_and_an_edit(editor, article):
    claim = review.claim_add(article=article, editor=editor, statement="First.")
    review.claim_edit(claim=claim, editor=editor, version=1, statement="Second.", verdict="false", rationale="")
    review.undo_last(article=article, editor=editor)
    assert Claim.objects.get().statement == "First."
    review.undo_last(article=article, editor=editor)
    assert not Claim.objects.exists()


def test_it_refuses_claim_changes_to_researchers(client, researcher, article):
    claim = make_claim(article)
    client.force_login(researcher)
    assert client.post(reverse("annotations:claim_add", args=[article.pk]), claim_data()).status_code == 403
    response = client.post(reverse("annotations:claim_edit", args=[article.pk, claim.pk]), claim_data(version=1))
    assert response.status_code == 403
    assert client.post(reverse("annotations:undo", args=[article.pk])).status_code == 403
    assert Claim.objects.get().statement == claim.statement


def test_it_prefills_the_claim_form_from_a_card_link_without_javascript(editor_client, article):
    quote = make_quote(article, '"Minsk is the place."')
    response = editor_client.get(reverse("annotations:article_detail", args=[article.pk]), {"claim_quote": quote.pk})
    assert f'name="quote" value="{quote.pk}"' in response.content.decode()
