"""Speaker lookup: from a name as written (by the suggester or an editor) to Speaker records, one rule for all.

The rule. A name is folded with `fold_name` (case, accents, punctuation,
spacing and leading titles: "Jose Marti", "JOSÉ MARTÍ" and "President José
Martí" are one name) and compared with every speaker's folded name and
aliases, both stored and indexed. Several forms of a mention are tried, surest
first: the full name the article gives for a lone surname ("Price" -> "Ned
Price"), the name without titles and roles, and, when the name is made of
the words of the mention as written ("the West" -> "West"), that mention and
last the mention without a possessive inside it ("Ukraine, the United States and
its allies" is the group "Ukraine, the United States and allies"). The first
form that names anyone decides:
- one speaker: that speaker;
- several: the name is ambiguous, and nothing is linked by itself: the
  suggester leaves the quote for an editor, a typed name is refused with the
  candidates to pick from, the autocomplete lists them all with their descriptions.

The suggester's linking, the review page's typed name and the autocomplete all
call this module. Nothing here creates a Speaker except `find_or_create_speaker`,
which an editor's "create speaker" calls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q

from annotations.models import Speaker, SpeakerAlias, fold_name, normalise_name
from annotations.nlp.names import strip_titles

__all__ = [
    "AmbiguousName",
    "find_or_create_speaker",
    "fold_name",
    "full_name_in_text",
    "link_speaker",
    "link_speakers",
    "match_mention",
    "normalise_name",
    "search_speakers",
    "speakers_named",
    "strip_titles",
]

T = TypeVar("T")

_CAPITALISED_RUN = r"(?:[A-Z][\w.’'-]*\s+){1,3}"
# Inside a name these point back into it, and a speaker's name leaves them out: "the US and [its] allies".
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})


class AmbiguousName(ValidationError):
    def __init__(self, name: str, speakers: list[Speaker]) -> None:
        described = "; ".join(f"{s.name} ({s.description or 'no description'})" for s in speakers[:5])
        super().__init__(f"Several speakers are called “{name}”: {described}. Pick one from the list.")
        self.speakers = speakers


def full_name_in_text(surname: str, text: str) -> str | None:
    """The full name ending in surname that the article writes out ("Price" -> "Ned Price"), if just one."""
    pattern = re.compile(rf"\b({_CAPITALISED_RUN}{re.escape(surname)})\b")
    names = {strip_titles(match.group(1)) for match in pattern.finditer(text)}
    names = {name for name in names if len(name.split()) > 1 and name.split()[-1] == surname}
    return names.pop() if len(names) == 1 else None


def _without_possessives(name: str) -> str:
    """The name without the possessives after its first word; "" when it has none."""
    first, *rest = name.split() or [""]
    kept = [word for word in rest if word.lower() not in _POSSESSIVES]
    return " ".join([first, *kept]) if len(kept) < len(rest) else ""


def _forms(mention: str, article_text: str | None, written: str = "") -> list[str]:
    """The folded forms to look a mention up by, surest first; `written`: the mention as the text has it,
    tried when `mention` is a name made of its words ("the West" for "West")."""
    name = strip_titles(mention)
    forms = [fold_name(name), fold_name(mention)]
    # Only a mention the name was made of: "Dahl" the finder named "Lena Dahl" is not whoever else is "Dahl".
    if written and set(normalise_name(mention).split()) <= set(normalise_name(written).split()):
        forms += [fold_name(written), fold_name(_without_possessives(written))]
    if article_text and len(name.split()) == 1:
        full = full_name_in_text(name, article_text)
        if full:
            forms.insert(0, fold_name(full))
    return [form for i, form in enumerate(forms) if form and form not in forms[:i]]


def match_mention(mention: str, candidates: Mapping[str, Iterable[T]], *, article_text: str | None = None) -> T | None:
    """The one candidate a mention names; candidates maps folded names and aliases to their holders."""
    for form in _forms(mention, article_text):
        holders = list(dict.fromkeys(candidates.get(form, ())))
        if len(holders) == 1:
            return holders[0]
        if len(holders) > 1:
            return None
    return None


def _holders(forms: set[str]) -> dict[str, list[Speaker]]:
    """Each folded form's speakers, by name or alias, oldest first: two indexed queries however many forms."""
    if not forms:
        return {}
    holders: dict[str, dict[int, Speaker]] = {}
    for speaker in Speaker.objects.filter(normalized__in=forms).order_by("pk"):
        holders.setdefault(speaker.normalized, {})[speaker.pk] = speaker
    for alias in SpeakerAlias.objects.filter(normalized__in=forms).select_related("speaker").order_by("speaker_id"):
        holders.setdefault(alias.normalized, {}).setdefault(alias.speaker_id, alias.speaker)
    return {form: sorted(found.values(), key=lambda speaker: speaker.pk) for form, found in holders.items()}


def _first_named(forms: list[str], holders: Mapping[str, list[Speaker]]) -> list[Speaker]:
    return next((holders[form] for form in forms if form in holders), [])


def speakers_named(name: str, *, article_text: str | None = None, written: str = "") -> list[Speaker]:
    """The speakers the first form of `name` that names anyone names, oldest first; [] when none does."""
    forms = _forms(name, article_text, written)
    return _first_named(forms, _holders(set(forms)))


def link_speaker(name: str, *, article_text: str | None = None, written: str = "") -> Speaker | None:
    """The one Speaker `name` names; None when none or several do (the suggester's linking).

    `written`: the mention as the article has it, tried last. An editor's link keeps it as an alias
    ("the West"), while the suggester proposes the name made of it ("West"): the next article links by it.
    """
    found = speakers_named(name, article_text=article_text, written=written)
    return found[0] if len(found) == 1 else None


def link_speakers(
    mentions: Iterable[tuple[str, str | None, str]],
) -> dict[tuple[str, str | None, str], Speaker | None]:
    """link_speaker for many (name, article text, mention as written) at once, in two queries: the suggester's
    chunk of articles."""
    forms = {mention: _forms(*mention) for mention in set(mentions)}
    holders = _holders({form for found in forms.values() for form in found})
    linked = {mention: _first_named(found, holders) for mention, found in forms.items()}
    return {mention: found[0] if len(found) == 1 else None for mention, found in linked.items()}


def search_speakers(typed: str, *, limit: int) -> list[Speaker]:
    """Speakers whose folded name or an alias contains what was typed (the autocomplete), by name."""
    folded = fold_name(typed)
    if not folded:
        return []
    by_alias = Exists(SpeakerAlias.objects.filter(speaker=OuterRef("pk"), normalized__contains=folded))
    return list(
        Speaker.objects.filter(Q(normalized__contains=folded) | by_alias)
        .prefetch_related("aliases")
        .order_by("name", "pk")[:limit]
    )


def find_or_create_speaker(*, name: str, kind: str, editor=None) -> tuple[Speaker, bool]:
    """The speaker called `name`, or a new one: never a duplicate, even when editors create it at once.

    An ambiguous name is refused (AmbiguousName) rather than guessed or duplicated.
    """
    if not fold_name(name):
        raise ValidationError("A speaker needs a name.")
    if kind not in Speaker.Kind.values:
        raise ValidationError(f"“{kind}” is not a kind of speaker.")
    for _attempt in range(2):
        found = speakers_named(name)
        if len(found) > 1:
            raise AmbiguousName(name, found)
        if found:
            return found[0], False
        speaker = Speaker(name=" ".join(name.split()), kind=kind)
        speaker.full_clean(validate_constraints=False)
        speaker._history_user = editor
        try:
            # A savepoint: another editor creating the same name at the same moment wins the unique
            # constraint, and this one then finds that record instead of failing.
            with transaction.atomic():
                speaker.save()
        except IntegrityError:
            continue
        return speaker, True
    raise ValidationError(f"“{name}” could not be created or found; try again.")
