"""Speaker curation: merging duplicate speaker records into one, without losing an editor's link.

Locks are taken in one order everywhere a quote's speaker changes: the speaker
rows first (by pk), then the quotes. An editor linking a quote locks the speaker
it links to (review.quote_link_speaker), so a link to a speaker being merged
waits for the merge and is then refused in words, never lost or answered with a 500.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from annotations.models import Quote, Speaker, SpeakerAlias, fold_name
from annotations.review.log import change_entry, log_action, quote_state

MERGE_KIND = "merge_speakers"


def merge_speakers(*, target: Speaker, others: Iterable[Speaker], editor=None) -> Speaker:
    """Move every quote (and so its claims) and alias of `others` onto `target`, then delete them.

    The merged records' names become aliases of the target, so a later mention
    of either name still links; an alias the target already has is not added twice.
    Blank descriptive fields of the target are filled from the merged records.
    Each moved quote goes through the editorial path: its version is bumped, its
    history names `editor` and the reason, and each article gets an action in
    the log, so an editor's stale page is refused and an undo knows what happened.
    """
    other_ids = sorted({speaker.pk for speaker in others} - {target.pk})
    with transaction.atomic():
        locked = {
            speaker.pk: speaker
            for speaker in Speaker.objects.select_for_update().filter(pk__in=[target.pk, *other_ids]).order_by("pk")
        }
        if target.pk not in locked:
            raise Speaker.DoesNotExist("The speaker to keep was deleted meanwhile.")
        target = locked[target.pk]
        merged = [locked[pk] for pk in other_ids if pk in locked]
        quotes = list(
            Quote.objects.select_for_update(of=("self",))
            .filter(speaker__in=merged)
            .select_related("article")
            .prefetch_related("parts")
            .order_by("pk")
        )
        _move_quotes(quotes, target, editor)
        known = {fold_name(target.name)} | set(target.aliases.values_list("normalized", flat=True))
        for other in merged:
            for name in [other.name, *other.aliases.values_list("name", flat=True)]:
                if fold_name(name) not in known:
                    alias = SpeakerAlias(speaker=target, name=name)
                    alias._history_user = editor
                    alias.save()
                    known.add(fold_name(name))
            for field in ("description", "wikidata_id", "gender"):
                if not getattr(target, field) and getattr(other, field):
                    setattr(target, field, getattr(other, field))
            other._history_user = editor
            other._change_reason = f"merged into {target.name} (#{target.pk})"
            other.delete()
        target._history_user = editor
        target._change_reason = "merge"
        target.save()
    return target


def _move_quotes(quotes: list[Quote], target: Speaker, editor) -> None:
    changes = defaultdict(list)
    articles = {}
    for quote in quotes:
        before = quote_state(quote, [[part.start, part.end] for part in quote.parts.all()])
        quote.speaker = target
        quote.version += 1
        quote._history_user = editor
        quote._change_reason = MERGE_KIND
        # One save per quote so each move is in the quote's history with its own version.
        quote.save(update_fields=["speaker", "version", "updated_at"])
        changes[quote.article_id].append(change_entry("quote", quote.pk, before, quote.version))
        articles[quote.article_id] = quote.article
    if editor is None:
        return
    for article_id, entries in changes.items():
        log_action(article=articles[article_id], editor=editor, kind=MERGE_KIND, changes=entries)
