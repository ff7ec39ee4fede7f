"""The article page: the review desk for editors, read-only for everyone else (speakers live in insight)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from annotations import review, roles
from annotations.forms import NewClaimForm, parse_id
from annotations.models import Article
from annotations.views.common import TEMPLATE, review_context


@require_GET
@login_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=article_id)
    if roles.can_edit_quotes(request.user):
        review.article_open(article=article, editor=request.user)
    # The gold reference stays off the desk unless the editor asks to compare with it.
    extra = {"compare": request.GET.get("compare") == "reference", "all_cards": "all" in request.GET}
    claim_quote = parse_id(request.GET.get("claim_quote"))
    if claim_quote is not None:
        # "Add claim" without JavaScript: the claim form arrives tied to that quote.
        extra["claim_form"] = NewClaimForm(initial={"quote": claim_quote}, auto_id="new_claim_%s")
    return render(request, TEMPLATE, review_context(request, article, **extra))
