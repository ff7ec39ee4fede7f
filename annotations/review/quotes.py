"""Editorial actions on quotes: decide, correct spans, link speakers, add what the suggester missed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from annotations.models import Article, Quote, QuotePart, Speaker, check_span
from annotations.review.errors import QuoteGone, ReviewError, StaleQuote
from annotations.review.log import change_entry, log_action, quote_state
from annotations.review.selection import clamp_seconds, step_boundary, step_phrase

QUOTE_FIELDS = ["status", "kind", "cue_start", "cue_end", "mention_start", "mention_end", "speaker"]
REVIEW_FIELDS = ["reviewed_by", "reviewed_at", "review_seconds", "version", "updated_at"]
SPAN_ROLES = {"content": "content part", "mention": "speaker mention", "cue": "cue"}


def _lock_quote(quote: Quote, version: int) -> Quote:
    # Its parts read once, after the row is locked: the state for undo and the action itself share them.
    locked = (
        Quote.objects.select_for_update(of=("self",))
        .select_related("article")
        .prefetch_related("parts")
        .filter(pk=quote.pk)
        .first()
    )
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
        before = quote_state(locked)
        yield locked
        locked.clean()
        _save_quote(locked, editor=editor, seconds=seconds, reason=kind)
        log_action(
            article=locked.article,
            editor=editor,
            kind=kind,
            changes=[change_entry("quote", locked.pk, before, locked.version)],
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


def new_part(quote: Quote, start: int, end: int, editor) -> QuotePart:
    part = QuotePart(quote=quote, start=start, end=end)
    part._history_user = editor
    return part


def delete_part(part: QuotePart, editor) -> None:
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
                delete_part(part, editor)
            new_part(locked, start, end, editor).save()
        else:
            setattr(locked, f"{role}_start", start)
            setattr(locked, f"{role}_end", end)
    return locked


def quote_add_part(*, quote: Quote, editor, version: int, start: int, end: int, seconds: float | None = None) -> Quote:
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="add_part") as locked:
        check_span(locked.article.text, start, end, "content part")
        if any(p.start < end and start < p.end for p in locked.parts.all()):
            raise ValidationError("The new content part overlaps a part this quote already has.")
        new_part(locked, start, end, editor).save()
    return locked


def quote_remove_part(*, quote: Quote, editor, version: int, part_id: int, seconds: float | None = None) -> Quote:
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="remove_part") as locked:
        parts = list(locked.parts.all())
        part = next((p for p in parts if p.pk == part_id), None)
        if part is None:
            raise ValidationError("That content part is not part of this quote.")
        if len(parts) == 1:
            raise ValidationError("A quote keeps at least one content part: reject the quote instead.")
        delete_part(part, editor)
    return locked


def _lock_speaker(speaker: Speaker) -> bool:
    return Speaker.objects.select_for_update(no_key=True).filter(pk=speaker.pk).exists()


def quote_link_speaker(
    *, quote: Quote, editor, version: int, speaker: Speaker | None, seconds: float | None = None
) -> Quote:
    with transaction.atomic():
        # The speaker before the quote, the order a merge locks them in: a link to a speaker being
        # merged waits for the merge, then finds the speaker gone and says so.
        if speaker is not None and not _lock_speaker(speaker):
            raise ReviewError(f"{speaker.name} was merged into another speaker meanwhile: search again.")
        with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind="link_speaker") as locked:
            locked.speaker = speaker
    return locked


def quote_add(
    *, article: Article, editor, start: int, end: int, kind: str = Quote.Kind.DIRECT, seconds: float | None = None
) -> Quote:
    """A quote the suggester missed, confirmed as the editor marked it, with the time it took them."""
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
            review_seconds=seconds,
        )
        quote._history_user = editor
        quote._change_reason = "add"
        quote.save()
        new_part(quote, start, end, editor).save()
        log_action(article=article, editor=editor, kind="add_quote", changes=[change_entry("quote", quote.pk, None, 1)])
    return quote


def bulk_candidates(article: Article, threshold: float):
    """Suggested direct quotes at or above `threshold`: what "confirm all above" would confirm."""
    return (
        Quote.objects.editorial()
        .filter(article=article, status=Quote.Status.SUGGESTED, kind=Quote.Kind.DIRECT, confidence__gte=threshold)
        .for_display()
        .in_text_order()
    )


def reject_candidates(article: Article, below: float):
    """Suggestions of any kind below `below`: what "reject all below" would reject."""
    return (
        Quote.objects.editorial()
        .filter(article=article, status=Quote.Status.SUGGESTED, confidence__lt=below)
        .for_display()
        .in_text_order()
    )


def _bulk_change(
    *, article: Article, editor, versions: Mapping[int, int], kind: str, qualifies, fields: dict
) -> list[Quote]:
    """Change many quotes of the article at once, each at the version the editor saw; all or none.

    A quote that no longer `qualifies` refuses the whole change, so the editor
    never changes what the list did not show.
    """
    with transaction.atomic():
        quotes = list(Quote.objects.select_for_update().filter(article=article, pk__in=list(versions)).order_by("pk"))
        if len(quotes) != len(versions):
            raise QuoteGone()
        for quote in quotes:
            if quote.version != versions[quote.pk]:
                raise StaleQuote(quote)
            refusal = qualifies(quote)
            if refusal:
                raise ReviewError(refusal)
        # Parts do not change here, so the snapshot reads them in one query rather than one per quote.
        parts: dict[int, list[list[int]]] = {}
        for quote_id, start, end in QuotePart.objects.filter(quote__in=quotes).values_list("quote_id", "start", "end"):
            parts.setdefault(quote_id, []).append([start, end])
        changes = []
        now = timezone.now()
        for quote in quotes:
            before = quote_state(quote, parts.get(quote.pk, []))
            for name, value in fields.items():
                setattr(quote, name, value)
            quote.reviewed_by = editor
            quote.reviewed_at = now
            quote.updated_at = now
            quote.version += 1
            changes.append(change_entry("quote", quote.pk, before, quote.version))
        # One UPDATE and one batch of history rows, however many quotes: the list may be long.
        Quote.objects.filter(pk__in=[quote.pk for quote in quotes]).update(
            **fields, reviewed_by=editor, reviewed_at=now, updated_at=now, version=F("version") + 1
        )
        Quote.history.bulk_history_create(
            quotes, update=True, default_user=editor, default_change_reason=kind, default_date=now
        )
        if changes:
            log_action(article=article, editor=editor, kind=kind, changes=changes)
    return quotes


def quotes_bulk_confirm(
    *, article: Article, editor, threshold: float, versions: Mapping[int, int], without_speaker: bool = False
) -> list[Quote]:
    """Confirm the checked suggested direct quotes at or above the threshold; a quote with no
    linked speaker only when the editor said so."""

    def qualifies(quote: Quote) -> str:
        if not (
            quote.status == Quote.Status.SUGGESTED
            and quote.kind == Quote.Kind.DIRECT
            and quote.confidence is not None
            and quote.confidence >= threshold
        ):
            return "The list changed: a quote in it is no longer a suggested direct quote above it."
        if quote.speaker_id is None and not without_speaker:
            return "A ticked quote has no linked speaker: link one first, or tick “also without a speaker”."
        return ""

    return _bulk_change(
        article=article,
        editor=editor,
        versions=versions,
        kind="bulk_confirm",
        qualifies=qualifies,
        fields={"status": Quote.Status.CONFIRMED},
    )


def quotes_bulk_reject(*, article: Article, editor, below: float, versions: Mapping[int, int]) -> list[Quote]:
    def qualifies(quote: Quote) -> str:
        if quote.status == Quote.Status.SUGGESTED and quote.confidence is not None and quote.confidence < below:
            return ""
        return "The list changed: a quote in it is no longer a suggestion below that confidence."

    return _bulk_change(
        article=article,
        editor=editor,
        versions=versions,
        kind="bulk_reject",
        qualifies=qualifies,
        fields={"status": Quote.Status.REJECTED},
    )


def quotes_link_speaker(*, article: Article, editor, speaker: Speaker, versions: Mapping[int, int]) -> list[Quote]:
    """Link the speaker to every quote listed: the "same name elsewhere in the article" offer, taken."""

    def qualifies(quote: Quote) -> str:
        return "" if quote.status != Quote.Status.REJECTED else "A quote in the list was rejected meanwhile."

    return _bulk_change(
        article=article,
        editor=editor,
        versions=versions,
        kind="link_speakers",
        qualifies=qualifies,
        fields={"speaker_id": speaker.pk},
    )


MOVE_UNITS = {"word": step_boundary, "phrase": step_phrase}


def quote_move_boundary(
    *,
    quote: Quote,
    editor,
    version: int,
    role: str,
    edge: str,
    step: int,
    unit: str = "word",
    seconds: float | None = None,
) -> Quote:
    """Move the start or end of the content, cue or speaker mention one word (or phrase) left or right."""
    if role not in SPAN_ROLES or edge not in ("start", "end") or step not in (-1, 1) or unit not in MOVE_UNITS:
        raise ValidationError("Move a content, cue or mention start or end by one word or phrase left or right.")
    stepper = MOVE_UNITS[unit]
    with _changing_quote(quote, editor=editor, version=version, seconds=seconds, kind=f"move_{role}") as locked:
        text = locked.article.text
        if role == "content":
            parts = list(locked.parts.all())
            part = parts[0] if edge == "start" else parts[-1]
            start, end = part.start, part.end
        else:
            start, end = getattr(locked, f"{role}_start"), getattr(locked, f"{role}_end")
            if start is None:
                raise ReviewError(f"This quote has no {SPAN_ROLES[role]}: select its words in the text first.")
        if edge == "start":
            start = stepper(text, start, edge="start", step=step)
        else:
            end = stepper(text, end, edge="end", step=step)
        if start >= end:
            raise ReviewError(f"The {SPAN_ROLES[role]} cannot shrink past its last word.")
        check_span(text, start, end, SPAN_ROLES[role])
        if role == "content":
            part.start, part.end = start, end
            part._history_user = editor
            part.save(update_fields=["start", "end"])
        else:
            setattr(locked, f"{role}_start", start)
            setattr(locked, f"{role}_end", end)
    return locked


def quote_split(*, quote: Quote, editor, version: int, seconds: float | None = None) -> tuple[Quote, Quote]:
    """A quote of several parts becomes two: the first part stays, the others go to a new quote."""
    with transaction.atomic():
        locked = _lock_quote(quote, version)
        parts = list(locked.parts.all())
        if len(parts) < 2:
            raise ReviewError("This quote has one content part: mark the second part (c) before splitting.")
        before = quote_state(locked)
        new = Quote(
            article=locked.article,
            kind=locked.kind,
            status=locked.status,
            cue_start=locked.cue_start,
            cue_end=locked.cue_end,
            mention_start=locked.mention_start,
            mention_end=locked.mention_end,
            speaker=locked.speaker,
            proposed_speaker_name=locked.proposed_speaker_name,
            origin=Quote.MANUAL_ORIGIN,
            reviewed_by=editor,
            reviewed_at=timezone.now(),
        )
        new._history_user = editor
        new._change_reason = "split"
        new.save()
        for part in parts[1:]:
            delete_part(part, editor)
            new_part(new, part.start, part.end, editor).save()
        _save_quote(locked, editor=editor, seconds=seconds, reason="split")
        log_action(
            article=locked.article,
            editor=editor,
            kind="split",
            changes=[change_entry("quote", locked.pk, before, locked.version), change_entry("quote", new.pk, None, 1)],
        )
    return locked, new


def quote_join(
    *, quote: Quote, editor, version: int, other: Quote, other_version: int, seconds: float | None = None
) -> tuple[Quote, Quote]:
    """The other quote's parts join this one; the other is rejected, so what was suggested stays measurable."""
    if other.pk == quote.pk or other.article_id != quote.article_id:
        raise ReviewError("Join a quote with another quote of the same article.")
    with transaction.atomic():
        # Both rows locked in one order, so two editors joining the same pair cannot deadlock.
        first, second = sorted([(quote, version), (other, other_version)], key=lambda pair: pair[0].pk)
        locked = {q.pk: _lock_quote(q, v) for q, v in (first, second)}
        keep, gone = locked[quote.pk], locked[other.pk]
        before_keep, before_gone = quote_state(keep), quote_state(gone)
        spans = sorted([(p.start, p.end) for p in keep.parts.all()] + [(p.start, p.end) for p in gone.parts.all()])
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for part in keep.parts.all():
            delete_part(part, editor)
        for start, end in merged:
            new_part(keep, start, end, editor).save()
        for role in ("cue", "mention"):
            if getattr(keep, f"{role}_start") is None:
                setattr(keep, f"{role}_start", getattr(gone, f"{role}_start"))
                setattr(keep, f"{role}_end", getattr(gone, f"{role}_end"))
        keep.speaker = keep.speaker or gone.speaker
        gone.status = Quote.Status.REJECTED
        _save_quote(keep, editor=editor, seconds=seconds, reason="join")
        _save_quote(gone, editor=editor, seconds=None, reason="joined into another quote")
        log_action(
            article=keep.article,
            editor=editor,
            kind="join",
            changes=[
                change_entry("quote", keep.pk, before_keep, keep.version),
                change_entry("quote", gone.pk, before_gone, gone.version),
            ],
        )
    return keep, gone
