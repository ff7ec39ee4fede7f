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
    quote_join,
    quote_link_speaker,
    quote_move_boundary,
    quote_reject,
    quote_remove_part,
    quote_set_kind,
    quote_set_span,
    quote_split,
    quotes_bulk_confirm,
    quotes_bulk_reject,
    quotes_link_speaker,
    reject_candidates,
)
from annotations.review.reference import compare_with_reference
from annotations.review.selection import (
    MAX_REVIEW_SECONDS,
    clamp_seconds,
    next_uncovered_sentence,
    phrase_stops,
    snap_to_words,
    step_boundary,
    step_phrase,
)
from annotations.review.speakers import (
    proper_name,
    quotes_naming_alike,
    record_aliases,
    speaker_by_name,
    speaker_find_or_create,
)
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
    "quotes_bulk_reject",
    "quotes_link_speaker",
    "quotes_naming_alike",
    "record_aliases",
    "reject_candidates",
    "compare_with_reference",
    "next_uncovered_sentence",
    "phrase_stops",
    "proper_name",
    "quote_join",
    "quote_move_boundary",
    "quote_split",
    "step_boundary",
    "step_phrase",
    "snap_to_words",
    "speaker_by_name",
    "speaker_find_or_create",
    "undo_last",
]
