"""Pages for reading the annotated corpus: an article (the review page, read-only for readers)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from annotations import review, roles
from annotations.forms import NewClaimForm
from annotations.models import Article
from annotations.views.common import TEMPLATE, parse_id, review_context


@require_GET
@login_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=article_id)
    if roles.can_edit_quotes(request.user):
        review.article_open(article=article, editor=request.user)
    extra = {}
    claim_quote = parse_id(request.GET.get("claim_quote", ""))
    if claim_quote is not None:
        # "Add claim" on a card without JavaScript: the claim form arrives tied to that quote.
        extra["claim_form"] = NewClaimForm(initial={"quote": claim_quote}, auto_id="new_claim_%s")
    return render(request, TEMPLATE, review_context(request, article, **extra))
