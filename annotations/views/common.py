"""What the review views share: access in one place, the page's context, and how an outcome is answered.

A quote action answered over htmx gets only what changed, swapped out of band:
the cards of the quotes it changed (or created, or removed), the text blocks
their spans touch before and after, the progress counter and the undo button.
A plain request gets the whole page, redirected after a success so a reload
never repeats a POST.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_htmx.http import trigger_client_event

from annotations import review, roles
from annotations.forms import BulkThresholdForm, EditClaimForm, NewClaimForm, RejectBelowForm, parse_id  # noqa: F401
from annotations.highlight import Span, blocks_touching, highlight_blocks, quote_marks, quote_spans, row_marks
from annotations.models import Article, Claim, Quote, QuotePart, Speaker, check_span

TEMPLATE = "annotations/article_detail.html"
# Cards rendered with the page; the rest load as the editor scrolls or walks past the last one. The text
# shows every highlight at once: it is cheap HTML, and cards (thousands of controls) are what made long
# articles freeze the browser.
CARDS_PER_PAGE = 100


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


def quote_url_base(article: Article) -> str:
    """The URL every quote action of the article starts with: cards append "<pk>/<action>/" without a reverse each."""
    return reverse("annotations:quote_confirm", args=[article.pk, 0]).removesuffix("0/confirm/")


def progress_of(article: Article) -> dict[str, int]:
    counts = dict.fromkeys(Quote.Status.values, 0)
    for row in Quote.objects.editorial().filter(article=article).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    total = sum(counts.values())
    return {"total": total, "reviewed": total - counts[Quote.Status.SUGGESTED], **counts}


def base_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    can_edit_quotes = roles.can_edit_quotes(request.user)
    can_edit_claims = roles.can_edit_claims(request.user)
    return {
        "article": article,
        "can_edit_quotes": can_edit_quotes,
        "can_edit_claims": can_edit_claims,
        "quote_base": quote_url_base(article),
        "speaker_base": reverse("annotations:speaker_detail", args=[0]).removesuffix("0/"),
        "kinds": Quote.Kind.choices,
        "speaker_kinds": Speaker.Kind.choices,
        # Named even when unused: a card asks for each, and a name missing from the context costs an exception.
        "error": "",
        "error_quote": None,
        "offer": None,
        "oob": False,
    }


def review_context(request: HttpRequest, article: Article, **extra: Any) -> dict[str, Any]:
    """Everything the review page shows, in a fixed number of queries whatever the number of quotes.

    An article whose quotes all fit on the page draws its highlights from the
    cards; a longer one reads the rest as plain rows: only the cards on the page
    are models.
    """
    editorial = Quote.objects.editorial().filter(article=article)
    compare = bool(extra.get("compare"))
    every_card = compare or extra.get("all_cards")
    # One card more than a page says whether there are more, without counting them first.
    cards = list(editorial.for_display().in_text_order()[: None if every_card else CARDS_PER_PAGE + 1])
    if every_card or len(cards) <= CARDS_PER_PAGE:
        marks = [mark for quote in cards for mark in quote_marks(quote)]
        statuses = [quote.status for quote in cards]
    else:
        cards = cards[:CARDS_PER_PAGE]
        rows = list(editorial.values_list("pk", "status", "cue_start", "cue_end", "mention_start", "mention_end"))
        parts = QuotePart.objects.filter(quote__article=article).exclude(quote__origin=Quote.GOLD_ORIGIN)
        marks = row_marks(rows, parts.values_list("quote_id", "start", "end"))
        statuses = [row[1] for row in rows]
    gold = (
        list(Quote.objects.filter(article=article, origin=Quote.GOLD_ORIGIN).for_display().in_text_order())
        if compare
        else []
    )
    for item in (*cards, *gold):
        item.article = article  # spans read the text without a query each
        item.reference = None
    if compare:
        comparison = review.compare_with_reference(cards, gold)
        for quote in cards:
            quote.reference = comparison.verdicts.get(quote.pk)
        extra["missing"] = comparison.missing
    by_status = dict.fromkeys(Quote.Status.values, 0)
    for status in statuses:
        by_status[status] += 1
    context = base_context(request, article)
    context.update(claims_context(article, context["can_edit_claims"], **extra))
    context.update(
        {
            "quotes": cards,
            "cards": cards,
            "quote_count": len(statuses),
            "more_from": len(cards) if len(cards) < len(statuses) else None,
            "blocks": highlight_blocks(article.text, [], context["claims"], gold=gold, marks=marks),
            "progress": {
                "total": len(statuses),
                "reviewed": len(statuses) - by_status[Quote.Status.SUGGESTED],
                **by_status,
            },
            "last_action": (
                review.last_action(article=article, editor=request.user, changes=False)
                if context["can_edit_quotes"] or context["can_edit_claims"]
                else None
            ),
            "bulk_form": BulkThresholdForm(),
            "reject_form": RejectBelowForm(),
        }
    )
    context.update(extra)
    return context


def claims_context(article: Article, can_edit_claims: bool, **extra: Any) -> dict[str, Any]:
    """The claims section: the article's claims, with a form to edit each and one to add a claim."""
    claims = list(Claim.objects.filter(article=article).order_by("start", "pk"))
    for claim in claims:
        claim.article = article
    if can_edit_claims:
        # One edit form per claim, each with its own ids; the bound one after an invalid edit keeps the input.
        for claim in claims:
            if claim.pk == extra.get("edit_claim_id") and extra.get("edit_form") is not None:
                claim.edit_form = extra["edit_form"]
            else:
                claim.edit_form = EditClaimForm(
                    initial={field: getattr(claim, field) for field in EditClaimForm.base_fields},
                    auto_id=f"claim{claim.pk}_%s",
                )
    return {
        "claims": claims,
        "claim_form": extra.get("claim_form") or NewClaimForm(auto_id="new_claim_%s"),
        "verdicts": Claim.Verdict.choices,
    }


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
    spans: Iterable[Span] = (),
    **extra: Any,
) -> HttpResponse:
    """The outcome of an action on the claims: for htmx the claims section, with the text blocks their spans
    (and `spans`, where a claim was) lie on; else the page (redirected after success)."""
    if request.htmx:
        context = base_context(request, article)
        context.update(claims_context(article, context["can_edit_claims"], **extra))
        spans = [*spans, *((claim.start, claim.end) for claim in context["claims"] if claim.start is not None)]
        context.update(
            {
                **extra,
                "claim_form": context["claim_form"],
                "blocks": blocks_around(article, spans),
                "last_action": review.last_action(article=article, editor=request.user, changes=False),
                "error": error,
                "target": partial,
            }
        )
        response = render(request, f"{TEMPLATE}#{partial}", context, status=status)
        if notice:
            trigger_client_event(response, "quotebook:notice", {"message": notice})
        return response
    return answer_page(request, article, status=status, error=error, notice=notice, anchor=anchor, **extra)


def answer_page(
    request: HttpRequest, article: Article, *, status: int, error: str, notice: str, anchor: str, **extra: Any
) -> HttpResponse:
    if status < 400:
        if notice:
            messages.success(request, notice)
        url = reverse("annotations:article_detail", args=[article.pk])
        return redirect(f"{url}#{anchor}" if anchor else url)
    context = review_context(request, article, error=error, target="page", **extra)
    return render(request, TEMPLATE, context, status=status)


@dataclass
class Change:
    """What an action changed, so the answer carries only that."""

    quotes: list[int] = field(default_factory=list)  # cards to render again, or to insert when new
    created: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # text the marks were over before; the cards' spans now come too
    statuses: dict[int, str] = field(default_factory=dict)  # the quotes' statuses before: unchanged, no counter
    focus: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # context for the card (an offer, an error)

    def touch(self, quotes: Iterable[Quote]) -> None:
        for quote in quotes:
            self.spans.extend(quote_spans(quote))
            self.statuses.setdefault(quote.pk, quote.status)


def quotes_with_spans(article: Article, pks: Iterable[int]) -> list[Quote]:
    quotes = list(Quote.objects.filter(article=article, pk__in=list(pks)).prefetch_related("parts"))
    for quote in quotes:
        quote.article = article
    return quotes


def _overlapping(bounds: Iterable[Span]) -> Q:
    """Quotes with a content part, cue or mention over any of the text blocks."""
    parts, spans = Q(), Q()
    for start, end in bounds:
        parts |= Q(start__lt=end, end__gt=start)
        spans |= Q(cue_start__lt=end, cue_end__gt=start) | Q(mention_start__lt=end, mention_end__gt=start)
    if not parts:
        return Q(pk__in=[])
    return Q(pk__in=QuotePart.objects.filter(parts).values("quote_id")) | spans


def _quotes_around(article: Article, pks: Iterable[int], bounds: Iterable[Span]) -> list[Quote]:
    """The quotes `pks` for their cards, and every editorial quote over the blocks, in one query (and its parts)."""
    quotes = list(
        Quote.objects.editorial().filter(Q(pk__in=list(pks)) | _overlapping(bounds), article=article).for_display()
    )
    for quote in quotes:
        quote.article = article
        quote.reference = None
    return quotes


def _blocks(article: Article, quotes: Iterable[Quote], bounds: list[Span]) -> list:
    """The text blocks in `bounds` drawn with `quotes` (every quote over them) and the claims over them."""
    if not bounds:
        return []
    over = Q()
    for start, end in bounds:
        over |= Q(start__lt=end, end__gt=start)
    claims = list(Claim.objects.filter(over, article=article))
    return highlight_blocks(article.text, quotes, claims, only=bounds)


def blocks_around(article: Article, spans: Iterable[Span]) -> list:
    """The text blocks the spans touch, drawn again with every mark over them."""
    bounds = blocks_touching(article.text, spans)
    return _blocks(article, _quotes_around(article, [], bounds) if bounds else [], bounds)


def answer_change(
    request: HttpRequest,
    article: Article,
    change: Change,
    *,
    status: int = 200,
    error: str = "",
    notice: str = "",
    anchor: str = "",
) -> HttpResponse:
    if not request.htmx:
        return answer_page(request, article, status=status, error=error, notice=notice, anchor=anchor)
    context = base_context(request, article)
    shown = {pk for pk in [*change.quotes, *change.created] if pk not in change.removed}
    bounds = blocks_touching(article.text, change.spans) if change.spans else []
    quotes = _quotes_around(article, shown, bounds)
    cards = sorted(
        (quote for quote in quotes if quote.pk in shown),
        key=lambda quote: (min((part.start for part in quote.parts.all()), default=0), quote.pk),
    )
    if change.spans:
        # A moved span may reach into a block it was not in before: that block is drawn again too.
        now = [span for quote in cards for span in quote_spans(quote)]
        further = [block for block in blocks_touching(article.text, now) if block not in bounds]
        if further:
            known = {quote.pk for quote in quotes}
            quotes += [quote for quote in _quotes_around(article, [], further) if quote.pk not in known]
            bounds = sorted([*bounds, *further])
    for quote in cards:
        quote.insert_at = _insert_point(article, quote) if quote.pk in change.created else ""
    found = {quote.pk for quote in cards}
    for pk in change.quotes:
        if pk not in change.removed and pk not in found:
            change.removed.append(pk)  # gone meanwhile: the card goes too
    # The counter is sent again only when a quote came, went or changed status.
    counts_changed = (
        change.created or change.removed or any(change.statuses.get(quote.pk) != quote.status for quote in cards)
    )
    context.update(
        {
            "cards": cards,
            # Removed by the action (an undone new quote) the card just goes; gone under an error, it says so.
            "removed_quotes": [] if error else change.removed,
            "gone_quotes": change.removed if error else [],
            "blocks": _blocks(article, quotes, bounds),
            "progress": progress_of(article) if counts_changed else None,
            "last_action": review.last_action(article=article, editor=request.user, changes=False),
            "error": error,
            "error_quote": change.quotes[0] if error and change.quotes else None,
            **change.extra,
        }
    )
    response = render(request, f"{TEMPLATE}#change", context, status=status)
    if notice:
        trigger_client_event(response, "quotebook:notice", {"message": notice})
    elif error:
        trigger_client_event(response, "quotebook:notice", {"message": error})
    if change.focus is not None:
        trigger_client_event(response, "quotebook:focus", {"quote": change.focus})
    return response


def _insert_point(article: Article, quote: Quote) -> str:
    """Where a new card goes in the list: before the card of the next quote in text order."""
    first = min((part.start for part in quote.parts.all()), default=0)
    following = (
        Quote.objects.editorial()
        .filter(article=article)
        .exclude(pk=quote.pk)
        .annotate(first_start=Min("parts__start"))
        .filter(Q(first_start__gt=first) | Q(first_start=first, pk__gt=quote.pk))
        .order_by("first_start", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"beforebegin:#quote-{following}" if following else "beforeend:#quote-list"


def answer_error(request: HttpRequest, article: Article, error: Exception, *, partial: str, **extra: Any):
    return answer(request, article, partial=partial, status=status_for(error), error=message_for(error), **extra)
