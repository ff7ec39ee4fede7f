"""Resolving a speaker mention to the name it refers to, within one article.

News style names a person in full once ("spokesperson Ned Price"), then uses
the surname ("Price"), a pronoun ("he") or the role ("the Kremlin
spokesperson"). A pronoun goes to the person most recently named outside
quotation marks; a surname to the full name that ends with it; a role to the
person last named with that role.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from .lexicon import DOCUMENT_NOUNS, PRONOUNS, TITLE_WORDS
from .names import strip_titles, surname

_PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her"})


class PeopleInArticle:
    """The people named in an article, in order, with their full names."""

    def __init__(self, doc: Doc, quotation_of: Sequence[int]) -> None:
        self._starts: list[int] = []
        self._names: list[str] = []
        self._full_names: dict[str, str] = {}
        # ("spokesperson", position, "Dmitry Peskov") for each role word written before a name.
        self._roles: list[tuple[str, int, str]] = []
        for entity in doc.ents:
            if entity.label_ != "PERSON" or quotation_of[entity.start] != -1:
                continue
            name = strip_titles(entity.text)
            if not name:
                continue
            if len(name.split()) > 1:
                self._full_names.setdefault(surname(name).casefold(), name)
            self._starts.append(entity.start)
            self._names.append(name)
            for i in range(entity.start - 1, max(entity.start - 5, -1), -1):
                word = doc[i]
                if word.head.i < entity.start or word.head.i >= entity.end or word.lower_ not in TITLE_WORDS:
                    break
                self._roles.append((word.lower_, entity.start, name))

    def full_name(self, name: str) -> str:
        if len(name.split()) == 1:
            return self._full_names.get(name.casefold(), name)
        return name

    def holding(self, role: str, position: int) -> str | None:
        """The person last named with this role before position: "the Kremlin spokesperson" -> Dmitry Peskov."""
        found = None
        for word, start, name in self._roles:
            if start >= position:
                break
            if word == role:
                found = name
        return self.full_name(found) if found else None

    def before(self, position: int) -> str | None:
        """The person most recently named before token position, in full."""
        index = bisect_left(self._starts, position) - 1
        if index < 0:
            return None
        return self.full_name(self._names[index])


def speaker_name(mention: Span | None, people: PeopleInArticle) -> str | None:
    if mention is None:
        return None
    root = mention.root
    if len(mention) == 1 and root.tag_ in ("WDT", "WP") and root.head.dep_ == "relcl" and root.head.head.i < root.i:
        # "Smith, who said ...": the relative pronoun stands for the noun before it.
        antecedent = root.head.head
        return speaker_name(mention.doc[antecedent.left_edge.i : antecedent.i + 1], people)
    if len(mention) == 1 and root.lower_ in PRONOUNS:
        if root.lower_ in _PERSONAL_PRONOUNS:
            return people.before(mention.start)
        return None
    for entity in mention.ents:
        if entity.start <= root.i < entity.end:
            return _entity_name(entity, people)
    if root.lower_ in DOCUMENT_NOUNS and mention.ents:
        # "a statement made by the Kremlin": the body behind the document.
        return _entity_name(mention.ents[0], people)
    if root.lower_ in TITLE_WORDS and mention[0].lower_ == "the":
        holder = people.holding(root.lower_, mention.start)
        if holder:
            return holder
    name = strip_titles(mention.text)
    return people.full_name(name) if name else None


def _entity_name(entity: Span, people: PeopleInArticle) -> str:
    # Any label: the tagger sometimes takes a surname seen before ("Price") for an organisation.
    return people.full_name(strip_titles(entity.text))
