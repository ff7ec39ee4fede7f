"""Undo: put back what an editor's last action on an article changed, unless someone changed it since."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from annotations.models import Article, Claim, Quote, ReviewAction, Speaker
from annotations.review.claims import CLAIM_FIELDS
from annotations.review.errors import NothingToUndo, QuoteGone, ReviewError, StaleClaim, StaleQuote
from annotations.review.log import CLAIM_STATE_FIELDS, QUOTE_STATE_FIELDS, restore_review
from annotations.review.quotes import QUOTE_FIELDS, REVIEW_FIELDS, delete_part, new_part


def last_action(*, article: Article, editor, changes: bool = True) -> ReviewAction | None:
    """The action undo would revert; changes=False for its label alone (the undo button), without the states."""
    actions = ReviewAction.objects.undoable(article=article, editor=editor)
    return (actions if changes else actions.defer("changes")).first()


def undo_last(*, article: Article, editor) -> ReviewAction:
    """Revert the editor's last action on the article, if nobody changed what it touched since."""
    with transaction.atomic():
        action = ReviewAction.objects.undoable(article=article, editor=editor).select_for_update().first()
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
    earlier = ReviewAction.objects.undoable(article=undone.article_id, editor=undone.editor_id).exclude(pk=undone.pk)
    for action in earlier:
        for entry in action.changes:
            if (entry["model"], entry["pk"]) == (change["model"], change["pk"]):
                if entry["version"] == change["was"]:
                    entry["version"] = new_version
                    action.save(update_fields=["changes"])
                return


def _undo_change(change: dict[str, Any], *, editor, reason: str) -> int | None:
    """Put one record back as it was; returns its new version, or None when it was deleted or has none."""
    undo = {"quote": _undo_quote, "claim": _undo_claim, "article": _undo_article}[change["model"]]
    return undo(change["pk"], change["before"], change["version"], editor=editor, reason=reason)


def _undo_quote(pk: int, before: dict[str, Any] | None, version: int | None, *, editor, reason: str) -> int | None:
    quote = Quote.objects.select_for_update().filter(pk=pk).first()
    if quote is None:
        raise QuoteGone()
    if quote.version != version:
        raise StaleQuote(quote)
    if before is None:
        for part in quote.parts.all():
            delete_part(part, editor)
        quote._history_user = editor
        quote._change_reason = reason
        quote.delete()
        return None
    if before["speaker_id"] is not None and not Speaker.objects.filter(pk=before["speaker_id"]).exists():
        raise ReviewError("The speaker this quote had before was merged or removed since; link it by hand.")
    for field in QUOTE_STATE_FIELDS:
        setattr(quote, field, before[field])
    if sorted([p.start, p.end] for p in quote.parts.all()) != sorted(before["parts"]):
        for part in quote.parts.all():
            delete_part(part, editor)
        for start, end in before["parts"]:
            new_part(quote, start, end, editor).save()
    restore_review(quote, before)
    quote.review_seconds = before["review_seconds"]
    quote.version += 1
    quote._history_user = editor
    quote._change_reason = reason
    quote.save(update_fields=QUOTE_FIELDS + REVIEW_FIELDS)
    return quote.version


def _undo_claim(pk: int, before: dict[str, Any] | None, version: int | None, *, editor, reason: str) -> int | None:
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
    for field in CLAIM_STATE_FIELDS:
        setattr(claim, field, before[field])
    restore_review(claim, before)
    claim.version += 1
    claim.save(update_fields=[*CLAIM_FIELDS, "reviewed_by", "reviewed_at", "version", "updated_at"])
    return claim.version


def _undo_article(pk: int, before: dict[str, Any], version: None, *, editor, reason: str) -> None:
    article = Article.objects.select_for_update().get(pk=pk)
    if article.status != Article.Status.DONE:
        raise ReviewError("The article's status changed since it was marked done; nothing was undone.")
    article.status = before["status"]
    article._history_user = editor
    article._change_reason = reason
    article.save(update_fields=["status", "updated_at"])
    return None
