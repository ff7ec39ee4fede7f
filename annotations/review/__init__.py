"""Editorial actions on quotes, claims and articles, as plain functions views, commands and tests call.

Every change to a quote or claim names the version it was made against and is
refused with `StaleQuote` / `StaleClaim` when someone changed the record since;
each runs in one transaction with the row locked, validates its spans before
writing anything, bumps the version, leaves a history record with the editor
as its user, and logs a `ReviewAction` so the editor can undo it.
"""

from __future__ import annotations

from annotations.review.articles import OPEN_FOR, article_done, article_open, next_article_for
from annotations.review.claims import claim_add, claim_edit
from annotations.review.errors import NothingToUndo, QuoteGone, ReviewError, StaleClaim, StaleQuote
from annotations.review.quotes import (
    SPAN_ROLES,
    bulk_candidates,
    quote_add,
    quote_add_part,
    quote_confirm,
    quote_link_speaker,
    quote_reject,
    quote_remove_part,
    quote_set_kind,
    quote_set_span,
    quotes_bulk_confirm,
)
from annotations.review.selection import MAX_REVIEW_SECONDS, clamp_seconds, snap_to_words
from annotations.review.speakers import speaker_by_name, speaker_find_or_create
from annotations.review.undo import last_action, undo_last

__all__ = [
    "MAX_REVIEW_SECONDS",
    "OPEN_FOR",
    "SPAN_ROLES",
    "NothingToUndo",
    "QuoteGone",
    "ReviewError",
    "StaleClaim",
    "StaleQuote",
    "article_done",
    "article_open",
    "bulk_candidates",
    "claim_add",
    "claim_edit",
    "clamp_seconds",
    "last_action",
    "next_article_for",
    "quote_add",
    "quote_add_part",
    "quote_confirm",
    "quote_link_speaker",
    "quote_reject",
    "quote_remove_part",
    "quote_set_kind",
    "quote_set_span",
    "quotes_bulk_confirm",
    "snap_to_words",
    "speaker_by_name",
    "speaker_find_or_create",
    "undo_last",
]
