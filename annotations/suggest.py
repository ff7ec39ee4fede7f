"""Running the quote finder over Articles and storing what it suggests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history
from spacy.language import Language

from annotations.models import Article, Quote, QuotePart, Speaker
from annotations.nlp import DEFAULT_MODELS, Suggestion, cached_pipeline, origin, suggest
from annotations.speakers import link_speaker


def spacy_model_names() -> tuple[str, ...]:
    """QUOTEBOOK_SPACY_MODEL as a tuple: a str names one model, unset tries the defaults."""
    configured = getattr(settings, "QUOTEBOOK_SPACY_MODEL", None)
    if not configured:
        return DEFAULT_MODELS
    if isinstance(configured, str):
        return (configured,)
    return tuple(configured)


def pipeline() -> Language:
    """The process's spaCy pipeline with the quote finder (and the trained one, when configured), loaded on first use.

    A model trained later is used once the process restarts (workers, server).
    """
    return cached_pipeline(spacy_model_names(), str(getattr(settings, "QUOTEBOOK_LEARNED_MODEL_DIR", "") or ""))


def _snapshot(suggestion: Suggestion, origin_: str, speaker: Speaker | None) -> dict[str, Any]:
    return {
        "origin": origin_,
        "kind": suggestion.kind,
        "confidence": suggestion.confidence,
        "parts": [list(part) for part in suggestion.parts],
        "cue": list(suggestion.cue) if suggestion.cue else None,
        "mention": list(suggestion.speaker) if suggestion.speaker else None,
        "speaker_name": suggestion.speaker_name,
        "speaker_id": speaker.pk if speaker else None,
    }


def _overlaps(parts: Iterable[tuple[int, int]], others: Iterable[tuple[int, int]]) -> bool:
    others = list(others)
    return any(start < other_end and other_start < end for start, end in parts for other_start, other_end in others)


def _store(article: Article, found: list[Suggestion], origin_: str) -> int:
    # Gold quotes are a reference layer: suggestions are shown beside them so they can be compared.
    existing = list(article.quotes.exclude(origin=Quote.GOLD_ORIGIN).prefetch_related("parts"))
    known = {tuple((part.start, part.end) for part in quote.parts.all()) for quote in existing}
    # Editors' work is never second-guessed: no suggestion over a quote they reviewed or wrote.
    reviewed = [
        (part.start, part.end)
        for quote in existing
        if quote.status != Quote.Status.SUGGESTED or quote.origin == Quote.MANUAL_ORIGIN
        for part in quote.parts.all()
    ]
    # An article quotes the same few people many times: look each name up once.
    linked: dict[tuple[str, str], Speaker | None] = {}
    kept: set[int] = set()
    quotes: list[Quote] = []
    spans: list[tuple[tuple[int, int], ...]] = []
    for suggestion in found:
        if suggestion.parts in known or _overlaps(suggestion.parts, reviewed):
            continue
        name = suggestion.speaker_name
        written = article.text[suggestion.speaker[0] : suggestion.speaker[1]] if suggestion.speaker else ""
        if name and (name, written) not in linked:
            linked[name, written] = link_speaker(name, article_text=article.text, written=written)
        speaker = linked[name, written] if name else None
        if speaker is not None and speaker.pk not in kept:
            # Locked like an editor's link: a speaker merged away meanwhile leaves the name for an editor.
            if Speaker.objects.select_for_update(no_key=True).filter(pk=speaker.pk).exists():
                kept.add(speaker.pk)
            else:
                speaker = linked[name, written] = None
        quotes.append(
            Quote(
                article=article,
                kind=suggestion.kind,
                status=Quote.Status.SUGGESTED,
                cue_start=suggestion.cue[0] if suggestion.cue else None,
                cue_end=suggestion.cue[1] if suggestion.cue else None,
                mention_start=suggestion.speaker[0] if suggestion.speaker else None,
                mention_end=suggestion.speaker[1] if suggestion.speaker else None,
                speaker=speaker,
                proposed_speaker_name="" if speaker else (suggestion.speaker_name or "")[:300],
                confidence=suggestion.confidence,
                origin=origin_,
                suggested=_snapshot(suggestion, origin_, speaker),
            )
        )
        spans.append(suggestion.parts)
        known.add(suggestion.parts)
    if quotes:
        # A handful of INSERTs per article however many it quotes, history rows included; both
        # PostgreSQL and SQLite hand the new primary keys back, so the parts can point at their quotes.
        bulk_create_with_history(quotes, Quote)
        parts = [
            QuotePart(quote=quote, start=start, end=end)
            for quote, span in zip(quotes, spans, strict=True)
            for start, end in span
        ]
        bulk_create_with_history(parts, QuotePart)
    fields = ["suggester_version", "updated_at"]
    if article.status == Article.Status.NEW:
        article.status = Article.Status.SUGGESTED
        fields.append("status")
    article.suggester_version = origin_
    article.save(update_fields=fields)
    return len(quotes)


def suggest_articles(articles: Iterable[Article], *, batch_size: int = 16) -> int:
    """Suggest quotes in articles and store the new ones; returns how many were stored.

    Idempotent: a suggestion with the same content parts as any existing quote,
    or overlapping one an editor reviewed, is skipped, and existing quotes are
    never changed. Each article is stored in its own transaction.
    """
    articles = list(articles)
    nlp = pipeline()
    origin_ = origin(nlp)
    created = 0
    found_per_article = suggest(nlp, (article.text for article in articles), batch_size=batch_size)
    for article, found in zip(articles, found_per_article, strict=True):
        with transaction.atomic():
            created += _store(article, found, origin_)
    return created
