"""Speakers an editor links or creates inline while reviewing: found by name or alias, never duplicated."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from annotations.models import Speaker, normalise_name


def speaker_by_name(name: str) -> Speaker | None:
    """The speaker whose name or an alias normalises like `name`; the oldest when several do."""
    normalised = normalise_name(name)
    if not normalised:
        return None
    by_alias = Speaker.objects.filter(aliases__normalized=normalised).order_by("pk").first()
    if by_alias is not None:
        return by_alias
    # Names have no normalised column; the few speakers sharing the name's last word are compared in Python.
    for candidate in Speaker.objects.filter(name__icontains=normalised.split()[-1]).order_by("pk"):
        if normalise_name(candidate.name) == normalised:
            return candidate
    return None


def speaker_find_or_create(*, name: str, kind: str, editor) -> tuple[Speaker, bool]:
    """The speaker called `name` (by name or alias, normalised), or a new one: never a duplicate."""
    if not normalise_name(name):
        raise ValidationError("A speaker needs a name.")
    if kind not in Speaker.Kind.values:
        raise ValidationError(f"“{kind}” is not a kind of speaker.")
    existing = speaker_by_name(name)
    if existing is not None:
        return existing, False
    speaker = Speaker(name=name.strip(), kind=kind)
    speaker.full_clean()
    speaker._history_user = editor
    speaker.save()
    return speaker, True
