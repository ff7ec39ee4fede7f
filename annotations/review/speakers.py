"""Speakers an editor links or creates inline while reviewing: the one lookup in annotations.speakers."""

from __future__ import annotations

from annotations.models import Quote, Speaker, SpeakerAlias, fold_name
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


# Mentions that name nobody by themselves: never an alias, never a reason to link other quotes.
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me", "his", "hers", "its"}
    | {"their", "theirs", "our", "ours", "who", "this", "that"}
)


def names_in(quote: Quote) -> set[str]:
    """The normalised names a quote gives its speaker: the suggester's proposal and a mention that is a name."""
    names = {fold_name(quote.proposed_speaker_name)}
    mention = quote.mention_text
    if is_name(mention):
        names.add(fold_name(mention))
    return names - {""}


def is_name(mention: str) -> bool:
    words = mention.split()
    return (
        0 < len(words) <= 6
        and fold_name(mention) not in PRONOUNS
        and any(word[:1].isupper() for word in words)
        and fold_name(mention) not in {f"the {p}" for p in ("spokesman", "spokeswoman", "spokesperson")}
    )


def quotes_naming_alike(quote: Quote, speaker: Speaker) -> list[Quote]:
    """Other quotes of the article proposing the same name or mention, not yet linked to `speaker` nor rejected."""
    names = names_in(quote)
    if not names:
        return []
    others = (
        Quote.objects.editorial()
        .filter(article_id=quote.article_id)
        .exclude(pk=quote.pk)
        .exclude(status=Quote.Status.REJECTED)
        .exclude(speaker=speaker)
        .only("pk", "version", "proposed_speaker_name", "mention_start", "mention_end", "article_id")
        .order_by("pk")
    )
    alike = []
    for other in others:
        other.article = quote.article  # the mention reads the text without a query each
        if names_in(other) & names:
            alike.append(other)
    return alike


def record_aliases(quote: Quote, speaker: Speaker, *, editor) -> list[str]:
    """Keep the quote's names for the speaker as aliases when they are new variants, so the next article
    links itself; a name already another speaker's alias is left alone rather than made ambiguous."""
    candidates = [quote.proposed_speaker_name, quote.mention_text if is_name(quote.mention_text) else ""]
    recorded = []
    known = {fold_name(speaker.name)}
    taken = set(
        SpeakerAlias.objects.filter(normalized__in=[fold_name(c) for c in candidates if c]).values_list(
            "normalized", flat=True
        )
    )
    for name in candidates:
        normalised = fold_name(name)
        if not normalised or normalised in known or normalised in taken:
            continue
        known.add(normalised)
        alias = SpeakerAlias(speaker=speaker, name=name.strip())
        alias._history_user = editor
        alias.save()
        recorded.append(alias.name)
    return recorded


def proper_name(name: str) -> str:
    """A proposed name as a speaker's name: capitalised word by word where the text had it in lower case."""
    words = name.strip().split()
    return " ".join(word if any(c.isupper() for c in word) else word[:1].upper() + word[1:] for word in words)
