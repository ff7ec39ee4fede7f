"""Speaker matching: from a name as the suggester proposes it to a Speaker record.

The pure functions work without a database; link_speaker looks the name up
among speakers' names and aliases. Nothing here creates a Speaker: when no
record matches, the caller keeps the proposed name for an editor to accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from annotations.models import Speaker, SpeakerAlias
from annotations.nlp.names import normalise_name, strip_titles

__all__ = ["full_name_in_text", "link_speaker", "match_mention", "normalise_name", "strip_titles"]

T = TypeVar("T")

_CAPITALISED_RUN = r"(?:[A-Z][\w.’'-]*\s+){1,3}"


def full_name_in_text(surname: str, text: str) -> str | None:
    """The full name ending in surname that the article writes out ("Price" -> "Ned Price"), if just one."""
    pattern = re.compile(rf"\b({_CAPITALISED_RUN}{re.escape(surname)})\b")
    names = {strip_titles(match.group(1)) for match in pattern.finditer(text)}
    names = {name for name in names if len(name.split()) > 1 and name.split()[-1] == surname}
    return names.pop() if len(names) == 1 else None


def _forms(mention: str, article_text: str | None) -> list[str]:
    """The normalised forms to look a mention up by, surest first."""
    name = strip_titles(mention)
    forms = [normalise_name(name), normalise_name(mention)]
    if article_text and len(name.split()) == 1:
        full = full_name_in_text(name, article_text)
        if full:
            forms.insert(0, normalise_name(full))
    return [form for i, form in enumerate(forms) if form and form not in forms[:i]]


def match_mention(mention: str, candidates: Mapping[str, Iterable[T]], *, article_text: str | None = None) -> T | None:
    """The one candidate a mention names; candidates maps normalised names and aliases to their holders.

    Tries the full name, then the mention as written; a lone surname counts only
    when the article names that person in full. Ambiguous or unknown: None.
    """
    for form in _forms(mention, article_text):
        holders = list(dict.fromkeys(candidates.get(form, ())))
        if len(holders) == 1:
            return holders[0]
        if len(holders) > 1:
            return None
    return None


def link_speaker(name: str, *, article_text: str | None = None) -> Speaker | None:
    """The Speaker whose name or alias matches name; None when none or several do."""
    forms = _forms(name, article_text)
    if not forms:
        return None
    candidates: dict[str, list[Speaker]] = {}
    for alias in SpeakerAlias.objects.filter(normalized__in=forms).select_related("speaker"):
        candidates.setdefault(alias.normalized, []).append(alias.speaker)
    # Speaker.name has no normalised column: match case-insensitively, then check the folded form.
    written = {strip_titles(name), name}
    if article_text and len(strip_titles(name).split()) == 1:
        full = full_name_in_text(strip_titles(name), article_text)
        if full:
            written.add(full)
    query = Speaker.objects.none()
    for form in written:
        query |= Speaker.objects.filter(name__iexact=form)
    for speaker in query:
        candidates.setdefault(normalise_name(speaker.name), []).append(speaker)
    return match_mention(name, candidates, article_text=article_text)
