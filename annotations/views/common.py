"""What the review views share: access in one place, the page's context, and how an outcome is answered.

An htmx request gets the fragment of the review page that changed (a partial
of the same template) with its status; a plain request gets the whole page,
redirected after a success so a reload never repeats a POST.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_htmx.http import trigger_client_event

from annotations import review, roles
from annotations.forms import BulkThresholdForm, EditClaimForm, NewClaimForm, NewQuoteForm, parse_id
from annotations.highlight import highlight_segments
from annotations.models import Article, Claim, Quote, Speaker, check_span

__all__ = ["answer", "answer_error", "get_article_for_editor", "parse_id", "parse_span", "review_context"]

TEMPLATE = "annotations/article_detail.html"


def parse_span(text: str, start: int, end: int, *, snap: bool) -> tuple[int, int]:
    """The span an editor selected, inside the article or refused (ValidationError), widened to words with snap.

    Refused, never clamped: a selection outside the text means the page and the article disagree.
    """
    check_span(text, start, end, "selection")
    return review.snap_to_words(text, start, end) if snap else (start, end)


def get_article_for_editor(
    request: HttpRequest, article_id: int, *, may: Callable[[Any], bool] = roles.can_edit_quotes
) -> Article:
    """The article, if the user may change it: 403 for readers, 404 for an unknown article."""
    if not may(request.user):
        raise PermissionDenied("Your role lets you read articles, not change them.")
    return get_object_or_404(Article.objects.select_related("outlet"), pk=article_id)


def may_review(user) -> bool:
    return roles.can_edit_quotes(user) or roles.can_edit_claims(user)


def review_context(request: HttpRequest, article: Article, **extra: Any) -> dict[str, Any]:
    """Everything the review page shows, in a fixed number of queries whatever the number of quotes."""
    quotes = list(Quote.objects.filter(article=article).for_display().in_text_order())
    claims = list(Claim.objects.filter(article=article).order_by("start", "pk"))
    for item in (*quotes, *claims):
        item.article = article  # spans read the text without a query each
    by_status = dict.fromkeys(Quote.Status.values, 0)
    for quote in quotes:
        by_status[quote.status] += 1
    can_edit_quotes = roles.can_edit_quotes(request.user)
    can_edit_claims = roles.can_edit_claims(request.user)
    context = {
        "article": article,
        "quotes": quotes,
        "claims": claims,
        "segments": highlight_segments(article.text, quotes, claims),
        "progress": {
            "total": len(quotes),
            "reviewed": len(quotes) - by_status[Quote.Status.SUGGESTED],
            **by_status,
        },
        "can_edit_quotes": can_edit_quotes,
        "can_edit_claims": can_edit_claims,
        "last_action": (
            review.last_action(article=article, editor=request.user) if can_edit_quotes or can_edit_claims else None
        ),
        "bulk_form": BulkThresholdForm(),
        "new_quote_form": NewQuoteForm(),
        "claim_form": NewClaimForm(auto_id="new_claim_%s"),
        "kinds": Quote.Kind.choices,
        "speaker_kinds": Speaker.Kind.choices,
        "verdicts": Claim.Verdict.choices,
    }
    context.update(extra)
    if can_edit_claims:
        # One edit form per claim, each with its own ids; the bound one after an invalid edit keeps the input.
        for claim in claims:
            if claim.pk == context.get("edit_claim_id") and context.get("edit_form") is not None:
                claim.edit_form = context["edit_form"]
            else:
                claim.edit_form = EditClaimForm(
                    initial={field: getattr(claim, field) for field in EditClaimForm.base_fields},
                    auto_id=f"claim{claim.pk}_%s",
                )
    if "quote_id" in extra:
        # The card an action answers with: the quote as it is now, or a note that it is gone.
        current = next((quote for quote in quotes if quote.pk == extra["quote_id"]), None)
        context["quote"] = current or Quote(pk=extra["quote_id"], article=article)
        context["gone"] = current is None
    return context


def status_for(error: Exception) -> int:
    if isinstance(error, review.StaleQuote | review.StaleClaim):
        return 409
    if isinstance(error, review.QuoteGone):
        return 404
    if isinstance(error, ValidationError):
        return 422
    return 400


def message_for(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, review.ReviewError):
        return error.message
    return str(error)


def form_error_text(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def answer(
    request: HttpRequest,
    article: Article,
    *,
    partial: str,
    status: int = 200,
    error: str = "",
    notice: str = "",
    anchor: str = "",
    focus_quote: int | None = None,
    **extra: Any,
) -> HttpResponse:
    """The outcome of an action: the changed fragment for htmx, else the page (redirected after success)."""
    if request.htmx:
        context = review_context(request, article, error=error, target=partial, **extra)
        response = render(request, f"{TEMPLATE}#{partial}", context, status=status)
        if notice:
            trigger_client_event(response, "quotebook:notice", {"message": notice})
        if focus_quote is not None:
            trigger_client_event(response, "quotebook:focus", {"quote": focus_quote})
        return response
    if status < 400:
        if notice:
            messages.success(request, notice)
        url = reverse("annotations:article_detail", args=[article.pk])
        return redirect(f"{url}#{anchor}" if anchor else url)
    context = review_context(request, article, error=error, target=partial, **extra)
    return render(request, TEMPLATE, context, status=status)


def answer_error(request: HttpRequest, article: Article, error: Exception, *, partial: str, **extra: Any):
    return answer(request, article, partial=partial, status=status_for(error), error=message_for(error), **extra)
