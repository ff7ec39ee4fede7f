"""Running the quote finder over Articles and storing what it suggests."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from spacy.language import Language

from annotations.models import Article, Quote, QuotePart, Speaker
from annotations.nlp import COMPONENT_NAME, DEFAULT_MODELS, Suggestion, cached_pipeline, disjoint, origin, suggest
from annotations.speakers import link_speakers


def spacy_model_names() -> tuple[str, ...]:
    """QUOTEBOOK_SPACY_MODEL as a tuple: a str names one model, unset tries the defaults."""
    configured = getattr(settings, "QUOTEBOOK_SPACY_MODEL", None)
    if not configured:
        return DEFAULT_MODELS
    if isinstance(configured, str):
        return (configured,)
    return tuple(configured)


def pipeline(*, content_keeps_that: bool | None = None) -> Language:
    """The process's spaCy pipeline with the quote finder (and the trained one, when configured), loaded on first use.

    content_keeps_that: the guideline, QUOTEBOOK_CONTENT_KEEPS_THAT unless given.
    A model trained later is used once the process restarts (workers, server).
    """
    if content_keeps_that is None:
        content_keeps_that = getattr(settings, "QUOTEBOOK_CONTENT_KEEPS_THAT", False)
    return cached_pipeline(
        spacy_model_names(),
        str(getattr(settings, "QUOTEBOOK_LEARNED_MODEL_DIR", "") or ""),
        content_keeps_that=content_keeps_that,
    )


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


def _mention(article: Article, suggestion: Suggestion) -> tuple[str, str, str] | None:
    """What the suggestion's speaker is looked up by: its proposed name, the article's text, and the
    mention as the article has it ("the West" where the proposed name is "West"); None without a name."""
    if not suggestion.speaker_name:
        return None
    written = article.text[suggestion.speaker[0] : suggestion.speaker[1]] if suggestion.speaker else ""
    return suggestion.speaker_name, article.text, written


def _parts(quote: Quote) -> tuple[tuple[int, int], ...]:
    """The quote's content parts as a suggestion gives them (its parts prefetched)."""
    return tuple((part.start, part.end) for part in quote.parts.all())


def _one_speaker_a_name(
    new: list[tuple[Article, Suggestion, Any]], speakers: list[Speaker | None]
) -> list[Speaker | None]:
    """Within an article, a proposed name its other mentions linked to one speaker links that speaker:
    the finder names "They" after the "Ukraine, the United States and its allies" it goes back to."""
    named: dict[tuple[int, str], set[Speaker]] = {}
    for (article, suggestion, _), speaker in zip(new, speakers, strict=True):
        if speaker is not None and suggestion.speaker_name:
            named.setdefault((article.pk, suggestion.speaker_name), set()).add(speaker)
    linked = []
    for (article, suggestion, _), speaker in zip(new, speakers, strict=True):
        if speaker is None and len(found := named.get((article.pk, suggestion.speaker_name or ""), ())) == 1:
            (speaker,) = found
        linked.append(speaker)
    return linked


def _replace_outdated(
    existing: dict[int, list[Quote]], chunk: list[tuple[Article, list[Suggestion]]], origin_: str
) -> None:
    """Delete the untouched suggestions an older suggester made that this one does not make again.

    Untouched: still suggested, at version 1, never reviewed, no claim on it. Each
    is locked and checked again as stored, so one an editor acted on meanwhile stays.
    A suggestion made again (same parts) stays as it is; the others give way to the
    new ones rather than sit beside them ("that prices rose" beside "prices rose").
    """
    again = {article.pk: {suggestion.parts for suggestion in found} for article, found in chunk}
    stale = [
        quote.pk
        for article_id, quotes in existing.items()
        for quote in quotes
        if COMPONENT_NAME in quote.origin
        and quote.origin != origin_
        and quote.status == Quote.Status.SUGGESTED
        and quote.version == 1
        and quote.reviewed_by_id is None
        and _parts(quote) not in again[article_id]
    ]
    if not stale:
        return
    untouched = Quote.objects.filter(
        pk__in=stale, status=Quote.Status.SUGGESTED, version=1, reviewed_by=None, claims=None
    )
    gone = set(untouched.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))
    Quote.objects.filter(pk__in=gone).delete()
    for article_id, quotes in existing.items():
        existing[article_id] = [quote for quote in quotes if quote.pk not in gone]


def _store(chunk: list[tuple[Article, list[Suggestion]]], origin_: str) -> int:
    """Store the new suggestions of a chunk of articles, and mark the articles suggested; returns how many.

    A fixed number of queries for the whole chunk, however many articles and suggestions it has.
    """
    ids = [article.pk for article, _ in chunk]
    # The finder can return a part inside another; stored as it is, one article would fail its chunk.
    chunk = [(article, [replace(one, parts=disjoint(one.parts)) for one in found]) for article, found in chunk]
    # Gold quotes are a reference layer: suggestions are shown beside them so they can be compared.
    existing: dict[int, list[Quote]] = {}
    for quote in Quote.objects.filter(article__in=ids).exclude(origin=Quote.GOLD_ORIGIN).prefetch_related("parts"):
        existing.setdefault(quote.article_id, []).append(quote)
    if existing:
        _replace_outdated(existing, chunk, origin_)
    new: list[tuple[Article, Suggestion, tuple[str, str, str] | None]] = []
    for article, found in chunk:
        quotes = existing.get(article.pk, [])
        known = {_parts(quote) for quote in quotes}
        # Editors' work is never second-guessed: no suggestion over a quote they reviewed or wrote.
        reviewed = [
            (part.start, part.end)
            for quote in quotes
            if quote.status != Quote.Status.SUGGESTED or quote.origin == Quote.MANUAL_ORIGIN
            for part in quote.parts.all()
        ]
        for suggestion in found:
            if suggestion.parts in known or _overlaps(suggestion.parts, reviewed):
                continue
            new.append((article, suggestion, _mention(article, suggestion)))
            known.add(suggestion.parts)
    # Articles quote the same few people many times: each name is looked up once, for the whole chunk.
    linked = link_speakers(mention for _, _, mention in new if mention)
    # Locked like an editor's link: a speaker merged away meanwhile leaves the name for an editor.
    wanted = {speaker.pk for speaker in linked.values() if speaker is not None}
    kept = (
        set(
            Speaker.objects.select_for_update(no_key=True)
            .filter(pk__in=wanted)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if wanted
        else set()
    )
    found = (linked[mention] if mention else None for *_, mention in new)
    speakers = _one_speaker_a_name(new, [speaker if speaker and speaker.pk in kept else None for speaker in found])
    quotes = []
    for (article, suggestion, _), speaker in zip(new, speakers, strict=True):
        name = suggestion.speaker_name
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
                proposed_speaker_name="" if speaker else (name or "")[:300],
                confidence=suggestion.confidence,
                origin=origin_,
                suggested=_snapshot(suggestion, origin_, speaker),
            )
        )
    if quotes:
        # A handful of INSERTs for the chunk, history rows included; both PostgreSQL and SQLite hand
        # the new primary keys back, so the parts can point at their quotes.
        bulk_create_with_history(quotes, Quote)
        parts = [
            QuotePart(quote=quote, start=start, end=end)
            for quote, (_, suggestion, _) in zip(quotes, new, strict=True)
            for start, end in suggestion.parts
        ]
        bulk_create_with_history(parts, QuotePart)
    _mark_suggested(chunk, origin_)
    return len(quotes)


def _mark_suggested(chunk: list[tuple[Article, list[Suggestion]]], origin_: str) -> None:
    """Record the suggester's version on the articles; a new one becomes suggested. One history row each."""
    ids = [article.pk for article, _ in chunk]
    # The status as stored decides, not as it was read before the pipeline ran: an article an editor
    # moved on meanwhile stays where the editor put it.
    Article.objects.filter(pk__in=ids).update(
        status=Case(When(status=Article.Status.NEW, then=Value(Article.Status.SUGGESTED)), default=F("status")),
        suggester_version=origin_,
        updated_at=timezone.now(),
    )
    stored = list(Article.objects.filter(pk__in=ids).order_by("pk"))
    by_pk = {article.pk: article for article in stored}
    for article, _ in chunk:
        if article.pk in by_pk and hasattr(article, "_history_user"):
            by_pk[article.pk]._history_user = article._history_user
    Article.history.bulk_history_create(stored, update=True)
    for article, _ in chunk:
        if article.pk in by_pk:
            article.status = by_pk[article.pk].status
            article.suggester_version = origin_
            article.updated_at = by_pk[article.pk].updated_at


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often while articles are parsed and their suggestions stored.

    Parsing (and storing, with its model instances and history rows) makes
    millions of short-lived objects, and each of Python's default collections
    also walks a worker's large heap (Django, the model); with a gen-0
    threshold of 50,000 the same texts took about 5% less CPU. Restored after.
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


# Articles run through the pipeline and then stored together, in one transaction.
CHUNK = 32
# Characters per nlp.pipe batch at most: a worker's peak memory follows the words in a batch (32 short
# articles or a dozen long ones) and stays flat whatever it is given. Smaller batches cost speed: at
# 20,000 a worker spent 10% more time in the model than the same texts take in batches of 32 articles.
BATCH_CHARS = 60_000


def _parse(nlp: Language, texts: list[str], batch_size: int) -> list[list[Suggestion]]:
    """The suggestions for a chunk's texts, as plain offsets and strings (no spaCy object outlives the call)."""
    # Words first seen in these articles are forgotten again afterwards, so a worker's memory does not
    # grow with every article it reads.
    with nlp.memory_zone():
        return list(suggest(nlp, texts, batch_size=batch_size, batch_chars=BATCH_CHARS))


def suggest_articles(articles: Iterable[Article], *, batch_size: int = CHUNK) -> int:
    """Suggest quotes in articles and store the new ones; returns how many were stored.

    Idempotent: a suggestion with the same content parts as any existing quote,
    or overlapping one an editor reviewed, is skipped, and existing quotes are
    never changed. The articles are read CHUNK at a time through nlp.pipe, and
    each chunk's suggestions are stored in one transaction: an article gets all
    its suggestions or none, and a run cut short is finished by running it again.

    While a chunk's suggestions are stored, the pipeline already reads the next
    chunk in a second thread: the model spends much of its time outside the GIL
    (matrix products, the parser's loop), and the database answers meanwhile.
    Only this thread touches the database; only the other one touches spaCy.
    """
    articles = list(articles)
    nlp = pipeline()
    origin_ = origin(nlp)
    chunks = [articles[start : start + CHUNK] for start in range(0, len(articles), CHUNK)]
    created = 0
    with _fewer_collections(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotebook-pipeline") as reader:

        def read(chunk: list[Article]) -> Future[list[list[Suggestion]]]:
            return reader.submit(_parse, nlp, [article.text for article in chunk], batch_size)

        upcoming = read(chunks[0]) if chunks else None
        for number, chunk in enumerate(chunks):
            found = upcoming.result()
            upcoming = read(chunks[number + 1]) if number + 1 < len(chunks) else None
            # Should storing fail, the chunk being read is finished but never stored.
            with transaction.atomic():
                created += _store(list(zip(chunk, found, strict=True)), origin_)
    return created
