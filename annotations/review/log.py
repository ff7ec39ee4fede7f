"""The action log undo reads: each editorial action with the state it changed, as it was before."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from annotations.models import Article, Claim, Quote, ReviewAction

# What an undo puts back besides parts and reviewer: the snapshot and the restore read the same lists.
QUOTE_STATE_FIELDS = ("status", "kind", "cue_start", "cue_end", "mention_start", "mention_end", "speaker_id")
CLAIM_STATE_FIELDS = ("statement", "verdict", "rationale", "review_url", "quote_id", "start", "end")


def quote_state(quote: Quote, parts: list[list[int]] | None = None) -> dict[str, Any]:
    if parts is None:
        parts = [[part.start, part.end] for part in quote.parts.all()]
    return {
        **{field: getattr(quote, field) for field in QUOTE_STATE_FIELDS},
        **review_state(quote),
        "review_seconds": quote.review_seconds,
        "parts": sorted(parts),
    }


def claim_state(claim: Claim) -> dict[str, Any]:
    return {**{field: getattr(claim, field) for field in CLAIM_STATE_FIELDS}, **review_state(claim)}


def review_state(record: Quote | Claim) -> dict[str, Any]:
    return {
        "reviewed_by_id": record.reviewed_by_id,
        "reviewed_at": record.reviewed_at.isoformat() if record.reviewed_at else None,
    }


def restore_review(record: Quote | Claim, before: dict[str, Any]) -> None:
    """Put back who reviewed the record and when, as review_state wrote them down."""
    record.reviewed_by_id = before["reviewed_by_id"]
    record.reviewed_at = datetime.fromisoformat(before["reviewed_at"]) if before["reviewed_at"] else None


def change_entry(model: str, pk: int, before: dict[str, Any] | None, version: int | None) -> dict[str, Any]:
    # "was": the version the action found (each action bumps it by one), so undo can tell
    # whether the editor's previous action on the record was the last change before this one.
    was = version - 1 if before is not None and version is not None else None
    return {"model": model, "pk": pk, "before": before, "version": version, "was": was}


def log_action(*, article: Article, editor, kind: str, changes: list[dict[str, Any]]) -> ReviewAction:
    if article.status in (Article.Status.NEW, Article.Status.SUGGESTED):
        # The first editorial action, not a look at the page, puts the article in review.
        article.status = Article.Status.IN_REVIEW
        article._history_user = editor
        article._change_reason = "review started"
        article.save(update_fields=["status", "updated_at"])
    return ReviewAction.objects.create(article=article, editor=editor, kind=kind, changes=changes)
