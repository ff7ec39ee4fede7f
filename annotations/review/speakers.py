"""Speakers an editor links or creates inline while reviewing: the one lookup in annotations.speakers."""

from __future__ import annotations

from annotations.models import Speaker
from annotations.speakers import AmbiguousName, find_or_create_speaker, speakers_named


def speaker_by_name(name: str) -> Speaker | None:
    """The one speaker whose name or an alias folds like `name`; AmbiguousName when several do."""
    found = speakers_named(name)
    if len(found) > 1:
        raise AmbiguousName(name, found)
    return found[0] if found else None


def speaker_find_or_create(*, name: str, kind: str, editor) -> tuple[Speaker, bool]:
    """The speaker called `name` (by name or alias, folded), or a new one: never a duplicate."""
    return find_or_create_speaker(name=name, kind=kind, editor=editor)
