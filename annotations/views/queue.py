"""The review queue: articles to review, filtered and counted, and "next article"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from annotations import review, roles
from annotations.forms import QueueFilterForm
from annotations.models import Article


@require_GET
@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    filters = QueueFilterForm(request.GET or None)
    articles = filters.filter(Article.objects.select_related("outlet", "opened_by").with_quote_counts().newest_first())
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "annotations/article_list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "can_edit_quotes": roles.can_edit_quotes(request.user),
        },
    )


@require_POST
@login_required
def queue_next(request: HttpRequest) -> HttpResponse:
    if not roles.can_edit_quotes(request.user):
        raise PermissionDenied("Only editors take articles from the queue.")
    article = review.next_article_for(editor=request.user)
    if article is None:
        messages.info(request, "Nothing left to review: every article is done or open with another editor.")
        return redirect("annotations:article_list")
    return redirect("annotations:article_detail", article_id=article.pk)
