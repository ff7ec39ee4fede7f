"""Review actions: one view per action on a quote or on the article, each a thin call into annotations.review.

A quote action answers an htmx request with the quote's card and, out of band,
the highlighted text, the progress counter and the undo control; an action on
the article answers with the whole review area.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from annotations import review
from annotations.forms import (
    BulkConfirmForm,
    BulkThresholdForm,
    KindForm,
    LinkSpeakerForm,
    NewQuoteForm,
    NewSpeakerForm,
    QuoteActionForm,
    QuotePartForm,
    QuoteSpanForm,
    RemovePartForm,
)
from annotations.models import Quote, Speaker
from annotations.views.common import (
    TEMPLATE,
    answer,
    answer_error,
    form_error_text,
    get_article_for_editor,
    may_review,
    parse_span,
    review_context,
)

QuoteAction = Callable[[Quote, dict[str, Any]], str]


def _quote_action(request: HttpRequest, article_id: int, quote_id: int, form_class, action: QuoteAction):
    """Validate the form, run `action` on the quote, answer with its card; `action` returns the notice."""
    article = get_article_for_editor(request, article_id)
    card = {"partial": "quote-update", "quote_id": quote_id, "anchor": f"quote-{quote_id}"}
    quote = Quote.objects.filter(pk=quote_id, article=article).first()
    if quote is None:
        return answer_error(request, article, review.QuoteGone(), **card)
    form = form_class(request.POST)
    if not form.is_valid():
        return answer(request, article, status=400, error=form_error_text(form), card_form=form, **card)
    try:
        notice = action(quote, form.cleaned_data)
    except (review.ReviewError, ValidationError) as error:
        return answer_error(request, article, error, card_form=form, **card)
    return answer(request, article, notice=notice, **card)


def _span(text: str, data: dict[str, Any]) -> tuple[int, int]:
    return parse_span(text, data["start"], data["end"], snap=bool(data.get("snap")))


@require_POST
@login_required
def quote_confirm(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def confirm(quote: Quote, data: dict[str, Any]) -> str:
        review.quote_confirm(quote=quote, editor=request.user, version=data["version"], seconds=data["seconds"])
        return "Quote confirmed."

    return _quote_action(request, article_id, quote_id, QuoteActionForm, confirm)


@require_POST
@login_required
def quote_reject(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def reject(quote: Quote, data: dict[str, Any]) -> str:
        review.quote_reject(quote=quote, editor=request.user, version=data["version"], seconds=data["seconds"])
        return "Quote rejected."

    return _quote_action(request, article_id, quote_id, QuoteActionForm, reject)


@require_POST
@login_required
def quote_set_kind(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def set_kind(quote: Quote, data: dict[str, Any]) -> str:
        review.quote_set_kind(
            quote=quote, editor=request.user, version=data["version"], kind=data["kind"], seconds=data["seconds"]
        )
        return f"Kind set to {Quote.Kind(data['kind']).label.lower()}."

    return _quote_action(request, article_id, quote_id, KindForm, set_kind)


@require_POST
@login_required
def quote_set_span(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def set_span(quote: Quote, data: dict[str, Any]) -> str:
        start, end = _span(quote.article.text, data)
        review.quote_set_span(
            quote=quote,
            editor=request.user,
            version=data["version"],
            role=data["role"],
            start=start,
            end=end,
            seconds=data["seconds"],
        )
        return f"{review.SPAN_ROLES[data['role']].capitalize()} set."

    return _quote_action(request, article_id, quote_id, QuoteSpanForm, set_span)


@require_POST
@login_required
def quote_add_part(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def add_part(quote: Quote, data: dict[str, Any]) -> str:
        start, end = _span(quote.article.text, data)
        review.quote_add_part(
            quote=quote, editor=request.user, version=data["version"], start=start, end=end, seconds=data["seconds"]
        )
        return "Content part added."

    return _quote_action(request, article_id, quote_id, QuotePartForm, add_part)


@require_POST
@login_required
def quote_remove_part(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def remove_part(quote: Quote, data: dict[str, Any]) -> str:
        review.quote_remove_part(
            quote=quote, editor=request.user, version=data["version"], part_id=data["part"], seconds=data["seconds"]
        )
        return "Content part removed."

    return _quote_action(request, article_id, quote_id, RemovePartForm, remove_part)


@require_POST
@login_required
def quote_link_speaker(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def link(quote: Quote, data: dict[str, Any]) -> str:
        if data["speaker"] is not None:
            speaker = Speaker.objects.filter(pk=data["speaker"]).first()
            if speaker is None:
                raise review.ReviewError(f"There is no speaker with id {data['speaker']}: search again.")
        else:
            # Without JavaScript there is no list to pick from: the typed name must match a name or alias.
            speaker = review.speaker_by_name(data["q"])
            if speaker is None:
                raise review.ReviewError(f"No speaker is called “{data['q']}”: create one below.")
        review.quote_link_speaker(
            quote=quote, editor=request.user, version=data["version"], speaker=speaker, seconds=data["seconds"]
        )
        return f"Linked to {speaker.name}."

    return _quote_action(request, article_id, quote_id, LinkSpeakerForm, link)


@require_POST
@login_required
def quote_new_speaker(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def create_and_link(quote: Quote, data: dict[str, Any]) -> str:
        # One transaction: a refused link (say, a stale version) must not leave the new speaker behind.
        with transaction.atomic():
            speaker, created = review.speaker_find_or_create(name=data["name"], kind=data["kind"], editor=request.user)
            review.quote_link_speaker(
                quote=quote, editor=request.user, version=data["version"], speaker=speaker, seconds=data["seconds"]
            )
        return f"Created {speaker.name} and linked it." if created else f"{speaker.name} exists already: linked it."

    return _quote_action(request, article_id, quote_id, NewSpeakerForm, create_and_link)


@require_POST
@login_required
def quote_add(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_editor(request, article_id)
    form = NewQuoteForm(request.POST)
    if not form.is_valid():
        return answer(request, article, partial="review", status=400, error=form_error_text(form))
    try:
        start, end = _span(article.text, form.cleaned_data)
        quote = review.quote_add(
            article=article, editor=request.user, start=start, end=end, kind=form.cleaned_data["kind"]
        )
    except (review.ReviewError, ValidationError) as error:
        return answer_error(request, article, error, partial="review")
    return answer(
        request, article, partial="review", notice="Quote added.", anchor=f"quote-{quote.pk}", focus_quote=quote.pk
    )


@require_GET
@login_required
def bulk_preview(request: HttpRequest, article_id: int) -> HttpResponse:
    """The direct suggestions a bulk confirm would confirm, listed for the editor to check first."""
    article = get_article_for_editor(request, article_id)
    form = BulkThresholdForm(request.GET)
    if not form.is_valid():
        return answer(request, article, partial="bulk-preview", status=400, error=form_error_text(form), bulk_form=form)
    candidates = list(review.bulk_candidates(article, form.cleaned_data["threshold"]))
    for quote in candidates:
        quote.article = article
    extra = {"bulk_form": form, "bulk_candidates": candidates, "bulk_threshold": form.cleaned_data["threshold"]}
    template = f"{TEMPLATE}#bulk-preview" if request.htmx else TEMPLATE
    return render(request, template, review_context(request, article, **extra))


@require_POST
@login_required
def bulk_confirm(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_editor(request, article_id)
    form = BulkConfirmForm(request.POST)
    if not form.is_valid():
        return answer(request, article, partial="review", status=400, error=form_error_text(form))
    try:
        quotes = review.quotes_bulk_confirm(
            article=article,
            editor=request.user,
            threshold=form.cleaned_data["threshold"],
            versions=form.cleaned_data["versions"],
        )
    except review.ReviewError as error:
        return answer_error(request, article, error, partial="review")
    return answer(
        request, article, partial="review", notice=f"Confirmed {len(quotes)} quote{'s' * (len(quotes) != 1)}."
    )


@require_POST
@login_required
def undo(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_editor(request, article_id, may=may_review)
    try:
        action = review.undo_last(article=article, editor=request.user)
    except (review.ReviewError, ValidationError) as error:
        return answer_error(request, article, error, partial="review")
    article.refresh_from_db(fields=["status"])
    return answer(request, article, partial="review", notice=f"Undid {action.label}.")


@require_POST
@login_required
def article_done(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_editor(request, article_id)
    article.status = review.article_done(article=article, editor=request.user).status
    return answer(request, article, partial="review", notice="Article marked done.")
