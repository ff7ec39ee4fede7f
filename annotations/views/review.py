"""Review actions: one view per action on a quote or on the article, each a thin call into annotations.review.

Every action answers an htmx request with only what it changed (see
views.common.answer_change): the cards, the text blocks their spans touch,
the progress counter and the undo button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from annotations import review
from annotations.forms import (
    BulkConfirmForm,
    BulkRejectForm,
    BulkThresholdForm,
    DoneForm,
    JoinForm,
    KindForm,
    LinkSameForm,
    LinkSpeakerForm,
    MoveForm,
    NewQuoteForm,
    NewSpeakerForm,
    QuoteActionForm,
    QuotePartForm,
    QuoteSpanForm,
    RejectBelowForm,
    RemovePartForm,
    parse_id,
)
from annotations.models import Article, Claim, Quote, Speaker
from annotations.views.common import (
    CARDS_PER_PAGE,
    TEMPLATE,
    Change,
    answer,
    answer_change,
    base_context,
    form_error_text,
    get_article_for_editor,
    may_review,
    message_for,
    parse_span,
    quotes_with_spans,
    review_context,
    status_for,
)

QuoteAction = Callable[[Quote, dict[str, Any], Change], str]
FAILURES = (review.ReviewError, ValidationError)


def _quote_action(
    request: HttpRequest,
    article_id: int,
    quote_id: int,
    form_class,
    action: QuoteAction,
    *,
    look: bool = True,
    moves: bool = False,
) -> HttpResponse:
    """Validate the form, run `action` on the quote, answer with what changed; `action` returns the notice.

    `look`: the action changes how the quote's highlights look (its status);
    `moves`: it moves spans. Either way the blocks under its spans are sent
    again, those it was over before and those it is over now.
    """
    article = get_article_for_editor(request, article_id)
    change = Change(quotes=[quote_id])
    quote = Quote.objects.editorial().filter(pk=quote_id, article=article).prefetch_related("parts").first()
    if quote is None:
        return _refused(request, article, change, review.QuoteGone())
    quote.article = article
    change.statuses[quote.pk] = quote.status
    if look or moves:
        change.touch([quote])
    form = form_class(request.POST)
    if not form.is_valid():
        return answer_change(request, article, change, status=400, error=form_error_text(form))
    try:
        notice = action(quote, form.cleaned_data, change)
    except FAILURES as error:
        return _refused(request, article, change, error)
    return answer_change(request, article, change, notice=notice, anchor=f"quote-{change.focus or quote_id}")


def _refused(request: HttpRequest, article, change: Change, error: Exception) -> HttpResponse:
    return answer_change(request, article, change, status=status_for(error), error=message_for(error))


@require_GET
@login_required
def quote_detail(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    """Every correction of one quote as plain forms: the review page's keys, for a browser without JavaScript."""
    article = get_article_for_editor(request, article_id)
    quote = get_object_or_404(Quote.objects.editorial().for_display(), pk=quote_id, article=article)
    quote.article = article
    context = {**base_context(request, article), "quote": quote}
    return render(request, "annotations/quote_edit.html", context)


@require_GET
@login_required
def quote_cards(request: HttpRequest, article_id: int) -> HttpResponse:
    """The next page of cards in text order, for a long article's list as the editor reaches its end."""
    article = get_object_or_404(Article, pk=article_id)
    start = parse_id(request.GET.get("from")) or 0
    page = list(
        Quote.objects.editorial()
        .filter(article=article)
        .for_display()
        .in_text_order()[start : start + CARDS_PER_PAGE + 1]
    )
    cards = page[:CARDS_PER_PAGE]
    for quote in cards:
        quote.article = article
    more = start + len(cards) if len(page) > CARDS_PER_PAGE else None
    context = {**base_context(request, article), "cards": cards, "more_from": more}
    return render(request, f"{TEMPLATE}#card-page", context)


def _span(text: str, data: dict[str, Any]) -> tuple[int, int]:
    return parse_span(text, data["start"], data["end"], snap=bool(data.get("snap")))


@require_POST
@login_required
def quote_confirm(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def confirm(quote: Quote, data: dict[str, Any], change: Change) -> str:
        review.quote_confirm(quote=quote, editor=request.user, version=data["version"], seconds=data["seconds"])
        return "Quote confirmed."

    return _quote_action(request, article_id, quote_id, QuoteActionForm, confirm)


@require_POST
@login_required
def quote_reject(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def reject(quote: Quote, data: dict[str, Any], change: Change) -> str:
        review.quote_reject(quote=quote, editor=request.user, version=data["version"], seconds=data["seconds"])
        return "Quote rejected."

    return _quote_action(request, article_id, quote_id, QuoteActionForm, reject)


@require_POST
@login_required
def quote_set_kind(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def set_kind(quote: Quote, data: dict[str, Any], change: Change) -> str:
        review.quote_set_kind(
            quote=quote, editor=request.user, version=data["version"], kind=data["kind"], seconds=data["seconds"]
        )
        return f"Kind set to {Quote.Kind(data['kind']).label.lower()}."

    return _quote_action(request, article_id, quote_id, KindForm, set_kind, look=False)


@require_POST
@login_required
def quote_set_span(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def set_span(quote: Quote, data: dict[str, Any], change: Change) -> str:
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

    return _quote_action(request, article_id, quote_id, QuoteSpanForm, set_span, moves=True)


@require_POST
@login_required
def quote_move(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def move(quote: Quote, data: dict[str, Any], change: Change) -> str:
        review.quote_move_boundary(
            quote=quote,
            editor=request.user,
            version=data["version"],
            role=data["role"],
            edge=data["edge"],
            step=data["step"],
            unit=data["unit"] or "word",
            seconds=data["seconds"],
        )
        span = review.SPAN_ROLES[data["role"]].capitalize()
        if data["unit"] == "phrase":
            return f"{span} {data['edge']} moved to the {'previous' if data['step'] < 0 else 'next'} phrase edge."
        return f"{span} {data['edge']} moved a word {'left' if data['step'] < 0 else 'right'}."

    return _quote_action(request, article_id, quote_id, MoveForm, move, moves=True)


@require_POST
@login_required
def quote_add_part(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def add_part(quote: Quote, data: dict[str, Any], change: Change) -> str:
        start, end = _span(quote.article.text, data)
        review.quote_add_part(
            quote=quote, editor=request.user, version=data["version"], start=start, end=end, seconds=data["seconds"]
        )
        return "Content part added."

    return _quote_action(request, article_id, quote_id, QuotePartForm, add_part, moves=True)


@require_POST
@login_required
def quote_remove_part(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def remove_part(quote: Quote, data: dict[str, Any], change: Change) -> str:
        review.quote_remove_part(
            quote=quote, editor=request.user, version=data["version"], part_id=data["part"], seconds=data["seconds"]
        )
        return "Content part removed."

    return _quote_action(request, article_id, quote_id, RemovePartForm, remove_part, moves=True)


@require_POST
@login_required
def quote_split(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def split(quote: Quote, data: dict[str, Any], change: Change) -> str:
        _, new = review.quote_split(quote=quote, editor=request.user, version=data["version"], seconds=data["seconds"])
        change.created.append(new.pk)
        change.focus = new.pk
        return "Split in two: the later parts are a quote of their own."

    return _quote_action(request, article_id, quote_id, QuoteActionForm, split, moves=True)


@require_POST
@login_required
def quote_join(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def join(quote: Quote, data: dict[str, Any], change: Change) -> str:
        other = Quote.objects.editorial().filter(pk=data["other"], article_id=quote.article_id).first()
        if other is None:
            raise review.QuoteGone()
        change.quotes.append(other.pk)
        change.touch(quotes_with_spans(quote.article, [other.pk]))
        review.quote_join(
            quote=quote,
            editor=request.user,
            version=data["version"],
            other=other,
            other_version=data["other_version"],
            seconds=data["seconds"],
        )
        return "Joined with the next quote, which is marked rejected."

    return _quote_action(request, article_id, quote_id, JoinForm, join, moves=True)


def _offer_same_name(quote: Quote, speaker: Speaker, change: Change, *, editor) -> str:
    """After a link (`quote` as the link left it): keep the names as aliases, and offer the quotes naming the
    speaker alike."""
    aliases = review.record_aliases(quote, speaker, editor=editor)
    alike = review.quotes_naming_alike(quote, speaker)
    if alike:
        name = alike[0].proposed_speaker_name or alike[0].mention_text
        change.extra["offer"] = {"quote": quote.pk, "speaker": speaker, "quotes": alike, "name": name}
    said = f" “{'”, “'.join(aliases)}” kept as {'an alias' if len(aliases) == 1 else 'aliases'}." if aliases else ""
    more = f" {len(alike)} more quote{'s' * (len(alike) != 1)} name them alike: L links them." if alike else ""
    return said + more


@require_POST
@login_required
def quote_link_speaker(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def link(quote: Quote, data: dict[str, Any], change: Change) -> str:
        if data["speaker"] is not None:
            speaker = Speaker.objects.filter(pk=data["speaker"]).first()
            if speaker is None:
                raise review.ReviewError(f"There is no speaker with id {data['speaker']}: search again.")
        else:
            # Without JavaScript there is no list to pick from: the typed name must match a name or alias.
            speaker = review.speaker_by_name(data["q"])
            if speaker is None:
                raise review.ReviewError(f"No speaker is called “{data['q']}”: create one below.")
        with transaction.atomic():
            linked = review.quote_link_speaker(
                quote=quote, editor=request.user, version=data["version"], speaker=speaker, seconds=data["seconds"]
            )
            more = _offer_same_name(linked, speaker, change, editor=request.user)
        return f"Linked to {speaker.name}.{more}"

    return _quote_action(request, article_id, quote_id, LinkSpeakerForm, link, look=False)


@require_POST
@login_required
def quote_new_speaker(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    def create_and_link(quote: Quote, data: dict[str, Any], change: Change) -> str:
        # One transaction: a refused link (say, a stale version) must not leave the new speaker behind.
        with transaction.atomic():
            speaker, created = review.speaker_find_or_create(
                name=review.proper_name(data["name"]), kind=data["kind"], editor=request.user
            )
            linked = review.quote_link_speaker(
                quote=quote, editor=request.user, version=data["version"], speaker=speaker, seconds=data["seconds"]
            )
            more = _offer_same_name(linked, speaker, change, editor=request.user)
        done = f"Created {speaker.name} and linked it." if created else f"{speaker.name} exists already: linked it."
        return done + more

    return _quote_action(request, article_id, quote_id, NewSpeakerForm, create_and_link, look=False)


@require_POST
@login_required
def quote_link_same(request: HttpRequest, article_id: int, quote_id: int) -> HttpResponse:
    """The offer after a link, taken: the listed quotes get the same speaker."""
    article = get_article_for_editor(request, article_id)
    form = LinkSameForm(request.POST)
    change = Change(quotes=[quote_id])
    if not form.is_valid():
        return answer_change(request, article, change, status=400, error=form_error_text(form))
    speaker = Speaker.objects.filter(pk=form.cleaned_data["speaker"]).first()
    change.quotes += list(form.cleaned_data["versions"])
    try:
        if speaker is None:
            raise review.ReviewError("That speaker no longer exists: it was merged or removed.")
        quotes = review.quotes_link_speaker(
            article=article, editor=request.user, speaker=speaker, versions=form.cleaned_data["versions"]
        )
    except FAILURES as error:
        return _refused(request, article, change, error)
    count = len(quotes)
    return answer_change(
        request, article, change, notice=f"Linked {count} more quote{'s' * (count != 1)} to {speaker.name}."
    )


@require_POST
@login_required
def quote_add(request: HttpRequest, article_id: int) -> HttpResponse:
    """A quote the suggester missed: a selection, or from the keyboard the next sentence no quote covers."""
    article = get_article_for_editor(request, article_id)
    form = NewQuoteForm(request.POST)
    if not form.is_valid():
        return answer_change(request, article, Change(), status=400, error=form_error_text(form))
    data = form.cleaned_data
    if data["start"] is None:
        covered = [
            (part.start, part.end)
            for quote in quotes_with_spans(article, _live_quote_ids(article))
            for part in quote.parts.all()
        ]
        found = review.next_uncovered_sentence(article.text, data["after"] or 0, covered)
        if found is None:
            error = "No sentence after this quote is left without a quote: select the words instead."
            return answer_change(request, article, Change(), status=400, error=error)
    try:
        start, end = _span(article.text, data) if data["start"] is not None else found
        quote = review.quote_add(
            article=article, editor=request.user, start=start, end=end, kind=data["kind"], seconds=data["seconds"]
        )
    except FAILURES as error:
        return _refused(request, article, Change(), error)
    change = Change(created=[quote.pk], spans=[(start, end)], focus=quote.pk)
    return answer_change(request, article, change, notice="Quote added.", anchor=f"quote-{quote.pk}")


def _live_quote_ids(article) -> list[int]:
    return list(
        Quote.objects.editorial()
        .filter(article=article)
        .exclude(status=Quote.Status.REJECTED)
        .values_list("pk", flat=True)
    )


def _bulk_preview(request: HttpRequest, article_id: int, form_class, candidates, mode: str) -> HttpResponse:
    """The quotes a bulk action would change, listed for the editor to check first."""
    article = get_article_for_editor(request, article_id)
    form = form_class(request.GET)
    extra: dict[str, Any] = {"bulk_form": BulkThresholdForm(), "reject_form": RejectBelowForm(), "bulk_mode": mode}
    extra["reject_form" if mode == "reject" else "bulk_form"] = form
    if not form.is_valid():
        context = {**base_context(request, article), **extra, "error": form_error_text(form), "target": "bulk-preview"}
        return render(request, f"{TEMPLATE}#bulk-preview" if request.htmx else TEMPLATE, context, status=400)
    value = next(iter(form.cleaned_data.values()))
    quotes = list(candidates(article, value))
    for quote in quotes:
        quote.article = article
        # A quote with no linked speaker is listed unticked: confirming it is the editor's explicit choice.
        quote.ticked = mode == "reject" or quote.speaker_id is not None
    extra.update({"bulk_candidates": quotes, "bulk_value": value})
    if request.htmx:
        return render(request, f"{TEMPLATE}#bulk-preview", {**base_context(request, article), **extra})
    return render(request, TEMPLATE, review_context(request, article, **extra))


@require_GET
@login_required
def bulk_preview(request: HttpRequest, article_id: int) -> HttpResponse:
    return _bulk_preview(request, article_id, BulkThresholdForm, review.bulk_candidates, "confirm")


@require_GET
@login_required
def bulk_reject_preview(request: HttpRequest, article_id: int) -> HttpResponse:
    return _bulk_preview(request, article_id, RejectBelowForm, review.reject_candidates, "reject")


def _bulk(request: HttpRequest, article_id: int, form_class, act, verb: str) -> HttpResponse:
    article = get_article_for_editor(request, article_id)
    form = form_class(request.POST)
    change = Change(extra={"clear_bulk": True})
    if not form.is_valid():
        return answer_change(request, article, Change(), status=400, error=form_error_text(form))
    before = quotes_with_spans(article, form.cleaned_data["versions"])
    change.quotes = [quote.pk for quote in before]
    change.touch(before)
    try:
        quotes = act(article, form.cleaned_data)
    except FAILURES as error:
        return _refused(request, article, Change(), error)
    return answer_change(request, article, change, notice=f"{verb} {len(quotes)} quote{'s' * (len(quotes) != 1)}.")


@require_POST
@login_required
def bulk_confirm(request: HttpRequest, article_id: int) -> HttpResponse:
    def confirm(article, data):
        return review.quotes_bulk_confirm(
            article=article,
            editor=request.user,
            threshold=data["threshold"],
            versions=data["versions"],
            without_speaker=data["without_speaker"],
        )

    return _bulk(request, article_id, BulkConfirmForm, confirm, "Confirmed")


@require_POST
@login_required
def bulk_reject(request: HttpRequest, article_id: int) -> HttpResponse:
    def reject(article, data):
        return review.quotes_bulk_reject(
            article=article, editor=request.user, below=data["below"], versions=data["versions"]
        )

    return _bulk(request, article_id, BulkRejectForm, reject, "Rejected")


@require_POST
@login_required
def undo(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_article_for_editor(request, article_id, may=may_review)
    last = review.last_action(article=article, editor=request.user)
    touched = [entry["pk"] for entry in (last.changes if last else []) if entry["model"] == "quote"]
    change = Change(quotes=touched)
    change.touch(quotes_with_spans(article, touched))
    # Where the claims it touched are now: an undone new claim leaves its span unmarked.
    claims = [entry["pk"] for entry in (last.changes if last else []) if entry["model"] == "claim"]
    claim_spans = list(Claim.objects.filter(pk__in=claims, start__isnull=False).values_list("start", "end"))
    try:
        action = review.undo_last(article=article, editor=request.user)
    except FAILURES as error:
        return _refused(request, article, change, error)
    if any(entry["model"] == "claim" for entry in action.changes):
        return answer(request, article, partial="claims-update", notice=f"Undid {action.label}.", spans=claim_spans)
    if any(entry["model"] == "article" for entry in action.changes):
        article.refresh_from_db(fields=["status"])
        return _article_answer(request, article, notice=f"Undid {action.label}.")
    # A quote the action created is gone; the others are back where they were.
    change.removed = [entry["pk"] for entry in action.changes if entry["before"] is None]
    return answer_change(request, article, change, notice=f"Undid {action.label}.")


@require_POST
@login_required
def article_done(request: HttpRequest, article_id: int) -> HttpResponse:
    """Done, unless suggestions are still unreviewed: then they are listed and the editor asked first."""
    article = get_article_for_editor(request, article_id)
    form = DoneForm(request.POST)
    anyway = form.is_valid() and form.cleaned_data["anyway"]
    unreviewed = list(
        Quote.objects.editorial().filter(article=article, status=Quote.Status.SUGGESTED).for_display().in_text_order()
    )
    if unreviewed and not anyway:
        for quote in unreviewed:
            quote.article = article
        extra = {"unreviewed": unreviewed}
        if request.htmx:
            return render(request, f"{TEMPLATE}#done-check", {**base_context(request, article), **extra})
        return render(request, TEMPLATE, review_context(request, article, **extra))
    article.status = review.article_done(article=article, editor=request.user).status
    return _article_answer(request, article, notice="Article marked done.")


def _article_answer(request: HttpRequest, article, *, notice: str) -> HttpResponse:
    """The article's status changed: its badge, the emptied done check and the undo button."""
    if not request.htmx:
        return answer_change(request, article, Change(), notice=notice)
    context = {
        **base_context(request, article),
        "last_action": review.last_action(article=article, editor=request.user, changes=False),
    }
    response = render(request, f"{TEMPLATE}#article-update", context)
    trigger_client_event(response, "quotebook:notice", {"message": notice})
    return response
