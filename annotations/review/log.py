"""The action log undo reads: each editorial action with the state it changed, as it was before."""

from __future__ import annotations

from typing import Any

from annotations.models import Article, Claim, Quote, ReviewAction


def quote_state(quote: Quote, parts: list[list[int]] | None = None) -> dict[str, Any]:
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


def claim_state(claim: Claim) -> dict[str, Any]:
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


def change_entry(model: str, pk: int, before: dict[str, Any] | None, version: int | None) -> dict[str, Any]:
    # "was": the version the action found (each action bumps it by one), so undo can tell
    # whether the editor's previous action on the record was the last change before this one.
    was = version - 1 if before is not None and version is not None else None
    return {"model": model, "pk": pk, "before": before, "version": version, "was": was}


def log_action(*, article: Article, editor, kind: str, changes: list[dict[str, Any]]) -> ReviewAction:
    return ReviewAction.objects.create(article=article, editor=editor, kind=kind, changes=changes)
