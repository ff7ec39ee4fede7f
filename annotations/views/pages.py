"""Pages for reading the annotated corpus: the article list, an article, a speaker."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from annotations.highlight import highlight_segments
from annotations.models import Article, Quote, Speaker


@require_GET
@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.select_related("outlet").with_quote_counts().newest_first()
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "annotations/article_list.html", {"page": page})


@require_GET
@login_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=article_id)
    quotes = list(Quote.objects.filter(article=article).for_display().in_text_order())
    for quote in quotes:
        quote.article = article  # spans read the text without a query per quote
    return render(
        request,
        "annotations/article_detail.html",
        {"article": article, "quotes": quotes, "segments": highlight_segments(article.text, quotes)},
    )


@require_GET
@login_required
def speaker_detail(request: HttpRequest, speaker_id: int) -> HttpResponse:
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), pk=speaker_id)
    quotes = (
        Quote.objects.filter(speaker=speaker)
        .exclude(status=Quote.Status.REJECTED)
        .select_related("article", "article__outlet")
        .prefetch_related(Prefetch("parts"))
        .order_by("-article__published_at", "article_id", "pk")
    )
    page = Paginator(quotes, 50).get_page(request.GET.get("page"))
    return render(request, "annotations/speaker_detail.html", {"speaker": speaker, "page": page})
