"""Editorial actions on quotes, claims and articles, as plain functions views, commands and tests call.

Every change to a quote or claim names the version it was made against and is
refused with `StaleQuote` / `StaleClaim` when someone changed the record since;
each runs in one transaction with the row locked, validates its spans before
writing anything, bumps the version, leaves a history record with the editor
as its user, and logs a `ReviewAction` so the editor can undo it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from annotations.models import (
    Article,
    Claim,
    Quote,
    QuotePart,
    ReviewAction,
    Speaker,
    check_span,
    normalise_name,
)

# An editor who opened an article this recently still has it: "next article" skips it.
OPEN_FOR = timedelta(minutes=30)
# Editors wander off mid-quote; a decision's effort is capped so one coffee break does not skew the figures.
MAX_REVIEW_SECONDS = 3600.0

QUOTE_FIELDS = ["status", "kind", "cue_start", "cue_end", "mention_start", "mention_end", "speaker"]
REVIEW_FIELDS = ["reviewed_by", "reviewed_at", "review_seconds", "version", "updated_at"]
CLAIM_FIELDS = ["statement", "verdict", "rationale", "review_url", "quote", "start", "end"]
SPAN_ROLES = {"content": "content part", "mention": "speaker mention", "cue": "cue"}

_WORD = re.compile(r"\w", re.UNICODE)


class ReviewError(Exception):
    """An action refused, with a message for the editor; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleQuote(ReviewError):
    def __init__(self, quote: Quote) -> None:
        super().__init__(
            f"Someone else changed this quote meanwhile (it is now version {quote.version}, "
            f"{quote.get_status_display().lower()}). Nothing was changed: check it and try again."
        )
        self.quote = quote


class StaleClaim(ReviewError):
    def __init__(self, claim: Claim) -> None:
        super().__init__(
            f"Someone else changed this claim meanwhile (it is now version {claim.version}). "
            "Nothing was changed: check it and try again."
        )
        self.claim = claim


class QuoteGone(ReviewError):
    def __init__(self) -> None:
        super().__init__("This quote no longer exists: someone removed it, or the action that added it was undone.")


class NothingToUndo(ReviewError):
    def __init__(self) -> None:
        super().__init__("There is nothing of yours to undo on this article.")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and trim the whitespace around it, as an editor's selection means."""
    start = min(max(0, start), len(text))
    end = min(max(start, end), len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end]) and _WORD.match(text[end - 1]):
        end += 1
    return start, end


def clamp_seconds(seconds: float | None) -> float | None:
    if seconds is None:
        return None
    return min(max(0.0, float(seconds)), MAX_REVIEW_SECONDS)


# --- snapshots: the state an undo restores ---------------------------------


def _quote_state(quote: Quote, parts: list[list[int]] | None = None) -> dict[str, Any]:
    if parts is None:
        parts = [[part.start, part.end] for part in quote.parts.order_by("start")]
    return {
        "status": quote.status,
        "kind": quote.kind,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "mention_start": quote.mention_start,
        "mention_end": quote.mention_end,
        "speaker_id": quote.speaker_id,
        "reviewed_by_id": quote.reviewed_by_id,
        "reviewed_at": quote.reviewed_at.isoformat() if quote.reviewed_at else None,
        "review_seconds": quote.review_seconds,
        "parts": sorted(parts),
    }


def _claim_state(claim: Claim) -> dict[str, Any]:
    return {
        "statement": claim.statement,
        "verdict": claim.verdict,
        "rationale": claim.rationale,
        "review_url": claim.review_url,
        "quote_id": claim.quote_id,
        "start": claim.start,
        "end": claim.end,
        "reviewed_by_id": claim.reviewed_by_id,
        "reviewed_at": claim.reviewed_at.isoformat() if claim.reviewed_at else None,
    }


def _change(model: str, pk: int, before: dict[str, Any] | None, version: int | None) -> dict[str, Any]:
    # "was": the version the action found (each action bumps it by one), so undo can tell
    # whether the editor's previous action on the record was the last change before this one.
    was = version - 1 if before is not None and version is not None else None
    return {"model": model, "pk": pk, "before": before, "version": version, "was": was}


def _log(*, article: Article, editor, kind: str, changes: list[dict[str, Any]]) -> ReviewAction:
    return ReviewAction.objects.create(article=article, editor=editor, kind=kind, changes=changes)


# --- quotes ----------------------------------------------------------------


def _lock_quote(quote: Quote, version: int) -> Quote:
    locked = Quote.objects.select_for_update(of=("self",)).select_related("article").filter(pk=quote.pk).first()
    if locked is None:
        raise QuoteGone()
    if locked.version != version:
        raise StaleQuote(locked)
    return locked


def _save_quote(quote: Quote, *, editor, seconds: float | None, reason: str) -> None:
    quote.reviewed_by = editor
    quote.reviewed_at = timezone.now()
    seconds = clamp_seconds(seconds)
    if seconds is not None:
        # Several actions on one quote (a boundary, then the speaker, then confirm) add up to its effort.
        quote.review_seconds = (quote.review_seconds or 0.0) + seconds
    quote.version += 1
    quote._history_user = editor
    quote._change_reason = reason
    quote.save(update_fields=QUOTE_FIELDS + REVIEW_FIELDS)


@contextmanager
def _changing_quote(quote: Quote, *, editor, version: int, seconds: float | None, kind: str) -> Iterator[Quote]:
    """Lock and check the quote, let the caller change it, then validate, save, and log it for undo."""
    with transaction.atomic():
        locked = _lock_quote(quote, version)
        before = _quote_state(locked)
        yield locked
        locked.clean()
        _save_quote(locked, editor=editor, seconds=seconds, reason=kind)
        _log(
            article=locked.article,
            editor=editor,
            kind=kind,
            changes=[_change("quote", locked.pk, before, locked.version)],
        )


def quote_confirm(*, quote: Quote, editor, version: int, seconds: float | None = None) -> Quote:
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="confirm") as locked:
        locked.status = Quote.Status.CONFIRMED
    return locked


def quote_reject(*, quote: Quote, editor, version: int, seconds: float | None = None) -> Quote:
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="reject") as locked:
        locked.status = Quote.Status.REJECTED
    return locked


def quote_set_kind(*, quote: Quote, editor, version: int, kind: str, seconds: float | None = None) -> Quote:
    if kind not in Quote.Kind.values:
        raise ValidationError(f"“{kind}” is not a kind of quote.")
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="set_kind") as locked:
        locked.kind = kind
    return locked


def _part(quote: Quote, start: int, end: int, editor) -> QuotePart:
    part = QuotePart(quote=quote, start=start, end=end)
    part._history_user = editor
    return part


def _delete_part(part: QuotePart, editor) -> None:
    part._history_user = editor
    part.delete()


def quote_set_span(
    *, quote: Quote, editor, version: int, role: str, start: int, end: int, seconds: float | None = None
) -> Quote:
    """Move the content part, speaker mention or cue of a quote to [start, end).

    For content, the part the new span overlaps is replaced; a span overlapping
    no part replaces all of them (the editor redrew the quote).
    """
    if role not in SPAN_ROLES:
        raise ValidationError(f"“{role}” is not a part of a quote that can be marked.")
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind=f"set_{role}") as locked:
        check_span(locked.article.text, start, end, SPAN_ROLES[role])
        if role == "content":
            parts = list(locked.parts.all())
            for part in [p for p in parts if p.start < end and start < p.end] or parts:
                _delete_part(part, editor)
            _part(locked, start, end, editor).save()
        else:
            setattr(locked, f"{role}_start", start)
            setattr(locked, f"{role}_end", end)
    return locked


def quote_add_part(*, quote: Quote, editor, version: int, start: int, end: int, seconds: float | None = None) -> Quote:
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="add_part") as locked:
        check_span(locked.article.text, start, end, "content part")
        if any(p.start < end and start < p.end for p in locked.parts.all()):
            raise ValidationError("The new content part overlaps a part this quote already has.")
        _part(locked, start, end, editor).save()
    return locked


def quote_remove_part(*, quote: Quote, editor, version: int, part_id: int, seconds: float | None = None) -> Quote:
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="remove_part") as locked:
        parts = list(locked.parts.all())
        part = next((p for p in parts if p.pk == part_id), None)
        if part is None:
            raise ValidationError("That content part is not part of this quote.")
        if len(parts) == 1:
            raise ValidationError("A quote keeps at least one content part: reject the quote instead.")
        _delete_part(part, editor)
    return locked


def quote_link_speaker(
    *, quote: Quote, editor, version: int, speaker: Speaker | None, seconds: float | None = None
) -> Quote:
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="link_speaker") as locked:
        locked.speaker = speaker
    return locked


def speaker_by_name(name: str) -> Speaker | None:
    """The speaker whose name or an alias normalises like `name`; the oldest when several do."""
    normalised = normalise_name(name)
    if not normalised:
        return None
    by_alias = Speaker.objects.filter(aliases__normalized=normalised).order_by("pk").first()
    if by_alias is not None:
        return by_alias
    # Names have no normalised column; the few speakers sharing the name's last word are compared in Python.
    for candidate in Speaker.objects.filter(name__icontains=normalised.split()[-1]).order_by("pk"):
        if normalise_name(candidate.name) == normalised:
            return candidate
    return None


def speaker_find_or_create(*, name: str, kind: str, editor) -> tuple[Speaker, bool]:
    """The speaker called `name` (by name or alias, normalised), or a new one: never a duplicate."""
    if not normalise_name(name):
        raise ValidationError("A speaker needs a name.")
    if kind not in Speaker.Kind.values:
        raise ValidationError(f"“{kind}” is not a kind of speaker.")
    existing = speaker_by_name(name)
    if existing is not None:
        return existing, False
    speaker = Speaker(name=name.strip(), kind=kind)
    speaker.full_clean()
    speaker._history_user = editor
    speaker.save()
    return speaker, True


def quote_add(*, article: Article, editor, start: int, end: int, kind: str = Quote.Kind.DIRECT) -> Quote:
    """A quote the suggester missed, confirmed as the editor marked it."""
    if kind not in Quote.Kind.values:
        raise ValidationError(f"“{kind}” is not a kind of quote.")
    check_span(article.text, start, end, "quote")
    with transaction.atomic():
        quote = Quote(
            article=article,
            kind=kind,
            status=Quote.Status.CONFIRMED,
            origin=Quote.MANUAL_ORIGIN,
            reviewed_by=editor,
            reviewed_at=timezone.now(),
        )
        quote._history_user = editor
        quote._change_reason = "add"
        quote.save()
        _part(quote, start, end, editor).save()
        _log(article=article, editor=editor, kind="add_quote", changes=[_change("quote", quote.pk, None, 1)])
    return quote


def bulk_candidates(article: Article, threshold: float):
    """Suggested direct quotes at or above `threshold`: what "confirm all above" would confirm."""
    return (
        Quote.objects.filter(
            article=article, status=Quote.Status.SUGGESTED, kind=Quote.Kind.DIRECT, confidence__gte=threshold
        )
        .for_display()
        .in_text_order()
    )


def quotes_bulk_confirm(*, article: Article, editor, threshold: float, versions: Mapping[int, int]) -> list[Quote]:
    """Confirm the checked quotes, each at the version the editor saw; all or none.

    Quotes not (or no longer) suggested direct quotes at or above the threshold
    are refused with the others, so the editor never confirms what the list did not show.
    """
    with transaction.atomic():
        quotes = list(Quote.objects.select_for_update().filter(article=article, pk__in=list(versions)).order_by("pk"))
        if len(quotes) != len(versions):
            raise QuoteGone()
        for quote in quotes:
            if quote.version != versions[quote.pk]:
                raise StaleQuote(quote)
            if not (
                quote.status == Quote.Status.SUGGESTED
                and quote.kind == Quote.Kind.DIRECT
                and quote.confidence is not None
                and quote.confidence >= threshold
            ):
                raise ReviewError("The list changed: a quote in it is no longer a suggested direct quote above it.")
        # Parts do not change here, so the snapshot reads them in one query rather than one per quote.
        parts: dict[int, list[list[int]]] = {}
        for quote_id, start, end in QuotePart.objects.filter(quote__in=quotes).values_list("quote_id", "start", "end"):
            parts.setdefault(quote_id, []).append([start, end])
        changes = []
        now = timezone.now()
        for quote in quotes:
            before = _quote_state(quote, parts.get(quote.pk, []))
            quote.status = Quote.Status.CONFIRMED
            quote.reviewed_by = editor
            quote.reviewed_at = now
            quote.updated_at = now
            quote.version += 1
            changes.append(_change("quote", quote.pk, before, quote.version))
        # One UPDATE and one batch of history rows, however many quotes: the list may be long.
        Quote.objects.filter(pk__in=[quote.pk for quote in quotes]).update(
            status=Quote.Status.CONFIRMED, reviewed_by=editor, reviewed_at=now, updated_at=now, version=F("version") + 1
        )
        Quote.history.bulk_history_create(
            quotes, update=True, default_user=editor, default_change_reason="bulk_confirm", default_date=now
        )
        if changes:
            _log(article=article, editor=editor, kind="bulk_confirm", changes=changes)
    return quotes


# --- claims ----------------------------------------------------------------


def _validated_claim(claim: Claim) -> None:
    # full_clean says what is wrong in words, field by field, before anything is written.
    claim.full_clean(exclude=["article", "quote", "reviewed_by"])


def claim_add(
    *,
    article: Article,
    editor,
    statement: str,
    verdict: str = Claim.Verdict.UNRATED,
    rationale: str = "",
    review_url: str = "",
    quote: Quote | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Claim:
    if quote is not None and quote.article_id != article.pk:
        raise ValidationError("The quote belongs to another article.")
    claim = Claim(
        article=article,
        quote=quote,
        start=start,
        end=end,
        statement=statement,
        verdict=verdict,
        rationale=rationale,
        review_url=review_url,
        reviewed_by=editor,
        reviewed_at=timezone.now(),
    )
    _validated_claim(claim)
    with transaction.atomic():
        claim._history_user = editor
        claim._change_reason = "add"
        claim.save()
        _log(article=article, editor=editor, kind="add_claim", changes=[_change("claim", claim.pk, None, 1)])
    return claim


def claim_edit(
    *, claim: Claim, editor, version: int, statement: str, verdict: str, rationale: str, review_url: str = ""
) -> Claim:
    with transaction.atomic():
        locked = Claim.objects.select_for_update(of=("self",)).select_related("article").filter(pk=claim.pk).first()
        if locked is None:
            raise ReviewError("This claim no longer exists.")
        if locked.version != version:
            raise StaleClaim(locked)
        before = _claim_state(locked)
        locked.statement, locked.verdict, locked.rationale, locked.review_url = (
            statement,
            verdict,
            rationale,
            review_url,
        )
        _validated_claim(locked)
        locked.reviewed_by = editor
        locked.reviewed_at = timezone.now()
        locked.version += 1
        locked._history_user = editor
        locked._change_reason = "edit"
        locked.save(update_fields=[*CLAIM_FIELDS, "reviewed_by", "reviewed_at", "version", "updated_at"])
        _log(
            article=locked.article,
            editor=editor,
            kind="edit_claim",
            changes=[_change("claim", locked.pk, before, locked.version)],
        )
    return locked


# --- articles --------------------------------------------------------------


def article_open(*, article: Article, editor) -> None:
    """An editor opened the article: it is theirs for a while, and in review if it was waiting."""
    now = timezone.now()
    # A plain UPDATE: opening is bookkeeping, not an editorial change for the history.
    Article.objects.filter(pk=article.pk).update(opened_by=editor, opened_at=now)
    article.opened_by, article.opened_at = editor, now
    if article.status in (Article.Status.NEW, Article.Status.SUGGESTED):
        article.status = Article.Status.IN_REVIEW
        article._history_user = editor
        article._change_reason = "opened for review"
        article.save(update_fields=["status", "updated_at"])


def article_done(*, article: Article, editor) -> Article:
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        before = {"status": locked.status}
        locked.status = Article.Status.DONE
        # Done means nobody needs it open any more: "next article" may hand it on only if reopened.
        locked.opened_by, locked.opened_at = None, None
        locked._history_user = editor
        locked._change_reason = "done"
        locked.save(update_fields=["status", "opened_by", "opened_at", "updated_at"])
        _log(article=locked, editor=editor, kind="done", changes=[_change("article", locked.pk, before, None)])
    return locked


def next_article_for(*, editor, now: datetime | None = None) -> Article | None:
    """The oldest article not done that no other editor has open, opened for `editor` at once.

    Claiming it in the same transaction keeps two editors pressing "next" together
    from getting the same article (on PostgreSQL the lock skips rows being claimed).
    """
    now = now or timezone.now()
    with transaction.atomic():
        article = (
            Article.objects.select_for_update(skip_locked=True)
            .exclude(status=Article.Status.DONE)
            .exclude(pk__in=Article.objects.open_elsewhere(editor, since=now - OPEN_FOR).values("pk"))
            .order_by("created_at", "pk")
            .first()
        )
        if article is not None:
            article_open(article=article, editor=editor)
    return article


# --- undo ------------------------------------------------------------------


def last_action(*, article: Article, editor) -> ReviewAction | None:
    return (
        ReviewAction.objects.filter(article=article, editor=editor, undone_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )


def undo_last(*, article: Article, editor) -> ReviewAction:
    """Revert the editor's last action on the article, if nobody changed what it touched since."""
    with transaction.atomic():
        action = (
            ReviewAction.objects.select_for_update()
            .filter(article=article, editor=editor, undone_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        if action is None:
            raise NothingToUndo()
        for change in action.changes:
            new_version = _undo_change(change, editor=editor, reason=f"undo {action.label}")
            if new_version is not None:
                _carry_version(action, change, new_version)
        action.undone_at = timezone.now()
        action.save(update_fields=["undone_at"])
    return action


def _carry_version(undone: ReviewAction, change: dict[str, Any], new_version: int) -> None:
    """Let the editor's previous action on the record be undone next: the undo itself is not someone else's change.

    That action's recorded version is the one the undone action found, unless
    another change came between them.
    """
    earlier = ReviewAction.objects.filter(
        article_id=undone.article_id, editor_id=undone.editor_id, undone_at__isnull=True
    ).exclude(pk=undone.pk)
    for action in earlier.order_by("-created_at", "-pk"):
        for entry in action.changes:
            if (entry["model"], entry["pk"]) == (change["model"], change["pk"]):
                if entry["version"] == change["was"]:
                    entry["version"] = new_version
                    action.save(update_fields=["changes"])
                return


def _undo_change(change: dict[str, Any], *, editor, reason: str) -> int | None:
    """Put one record back as it was; returns its new version, or None when it was deleted or has none."""
    model, pk, before, version = change["model"], change["pk"], change["before"], change["version"]
    if model == "quote":
        quote = Quote.objects.select_for_update().filter(pk=pk).first()
        if quote is None:
            raise QuoteGone()
        if quote.version != version:
            raise StaleQuote(quote)
        if before is None:
            for part in quote.parts.all():
                _delete_part(part, editor)
            quote._history_user = editor
            quote._change_reason = reason
            quote.delete()
            return None
        if before["speaker_id"] is not None and not Speaker.objects.filter(pk=before["speaker_id"]).exists():
            raise ReviewError("The speaker this quote had before was merged or removed since; link it by hand.")
        for field in ("status", "kind", "cue_start", "cue_end", "mention_start", "mention_end", "speaker_id"):
            setattr(quote, field, before[field])
        if sorted([p.start, p.end] for p in quote.parts.all()) != sorted(before["parts"]):
            for part in quote.parts.all():
                _delete_part(part, editor)
            for start, end in before["parts"]:
                _part(quote, start, end, editor).save()
        quote.reviewed_by_id = before["reviewed_by_id"]
        quote.reviewed_at = datetime.fromisoformat(before["reviewed_at"]) if before["reviewed_at"] else None
        quote.review_seconds = before["review_seconds"]
        quote.version += 1
        quote._history_user = editor
        quote._change_reason = reason
        quote.save(update_fields=QUOTE_FIELDS + REVIEW_FIELDS)
        return quote.version
    if model == "claim":
        claim = Claim.objects.select_for_update().filter(pk=pk).first()
        if claim is None:
            raise ReviewError("The claim this would undo no longer exists.")
        if claim.version != version:
            raise StaleClaim(claim)
        claim._history_user = editor
        claim._change_reason = reason
        if before is None:
            claim.delete()
            return None
        for field in ("statement", "verdict", "rationale", "review_url", "quote_id", "start", "end"):
            setattr(claim, field, before[field])
        claim.reviewed_by_id = before["reviewed_by_id"]
        claim.reviewed_at = datetime.fromisoformat(before["reviewed_at"]) if before["reviewed_at"] else None
        claim.version += 1
        claim.save(update_fields=[*CLAIM_FIELDS, "reviewed_by", "reviewed_at", "version", "updated_at"])
        return claim.version
    article = Article.objects.select_for_update().get(pk=pk)
    if article.status != Article.Status.DONE:
        raise ReviewError("The article's status changed since it was marked done; nothing was undone.")
    article.status = before["status"]
    article._history_user = editor
    article._change_reason = reason
    article.save(update_fields=["status", "updated_at"])
    return None
