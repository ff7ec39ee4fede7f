"""Claims on the review page: add one from a quote or a selection, edit one; fact-checkers may too."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from annotations import review, roles
from annotations.forms import EditClaimForm, NewClaimForm
from annotations.models import Claim, Quote
from annotations.views.common import answer, answer_error, form_error_text, get_article_for_editor


@require_POST
@login_required
def claim_add(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_editor(request, article_id, may=roles.can_edit_claims)
    form = NewClaimForm(request.POST, auto_id="new_claim_%s")
    claims = {"partial": "claims-update", "anchor": "claims", "claim_form": form}
    if not form.is_valid():
        return answer(request, article, status=400, error=form_error_text(form), **claims)
    data = form.cleaned_data
    quote = None
    if data["quote"] is not None:
        quote = Quote.objects.filter(pk=data["quote"], article=article).first()
        if quote is None:
            return answer_error(request, article, review.QuoteGone(), **claims)
    try:
        review.claim_add(
            article=article,
            editor=request.user,
            statement=data["statement"],
            verdict=data["verdict"],
            rationale=data["rationale"],
            review_url=data["review_url"],
            quote=quote,
            start=data["start"],
            end=data["end"],
        )
    except ValidationError as error:
        return answer_error(request, article, error, **claims)
    claims["claim_form"] = NewClaimForm(auto_id="new_claim_%s")
    return answer(request, article, notice="Claim added.", **claims)


@require_POST
@login_required
def claim_edit(request: HttpRequest, article_id: int, claim_id: int) -> HttpResponse:
    article = get_article_for_editor(request, article_id, may=roles.can_edit_claims)
    form = EditClaimForm(request.POST, auto_id=f"claim{claim_id}_%s")
    claims = {"partial": "claims-update", "anchor": f"claim-{claim_id}", "edit_claim_id": claim_id, "edit_form": form}
    claim = Claim.objects.filter(pk=claim_id, article=article).first()
    if claim is None:
        return answer(request, article, status=404, error="This claim no longer exists.", **claims)
    if not form.is_valid():
        return answer(request, article, status=400, error=form_error_text(form), **claims)
    data = form.cleaned_data
    try:
        review.claim_edit(
            claim=claim,
            editor=request.user,
            version=data["version"],
            statement=data["statement"],
            verdict=data["verdict"],
            rationale=data["rationale"],
            review_url=data["review_url"],
        )
    except ValidationError as error:
        return answer_error(request, article, error, **claims)
    except review.ReviewError as error:
        # A stale edit shows the claim as it is now, so the editor re-applies the change knowingly.
        return answer_error(request, article, error, **{**claims, "edit_form": None})
    return answer(request, article, notice="Claim saved.", **{**claims, "edit_claim_id": None, "edit_form": None})
