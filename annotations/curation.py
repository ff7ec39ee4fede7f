"""Speaker curation: merging duplicate speaker records into one."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from annotations.models import Quote, Speaker, SpeakerAlias, normalise_name


@transaction.atomic
def merge_speakers(*, target: Speaker, others: Iterable[Speaker]) -> Speaker:
    """Move every quote (and so its claims) and alias of `others` onto `target`, then delete them.

    The merged records' names become aliases of the target, so a later mention
    of either name still links; an alias the target already has is not added twice.
    Blank descriptive fields of the target are filled from the merged records.
    """
    others = [speaker for speaker in others if speaker.pk != target.pk]
    target = Speaker.objects.select_for_update().get(pk=target.pk)
    known = {normalise_name(target.name)} | set(target.aliases.values_list("normalized", flat=True))
    for other in Speaker.objects.filter(pk__in=[s.pk for s in others]).prefetch_related("aliases"):
        for name in [other.name, *(alias.name for alias in other.aliases.all())]:
            if normalise_name(name) not in known:
                SpeakerAlias.objects.create(speaker=target, name=name)
                known.add(normalise_name(name))
        for field in ("description", "wikidata_id", "gender"):
            if not getattr(target, field) and getattr(other, field):
                setattr(target, field, getattr(other, field))
        # One save per quote so each move is in the quote's history and bumps its version.
        for quote in Quote.objects.filter(speaker=other):
            quote.speaker = target
            quote.version += 1
            quote.save(update_fields=["speaker", "version", "updated_at"])
        other.delete()
    target.save()
    return target
