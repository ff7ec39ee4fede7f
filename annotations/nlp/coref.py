"""Resolving a speaker mention to the name it refers to, within one article.

News style names a person in full once ("spokesperson Ned Price"), then uses
the surname ("Price"), a pronoun ("he") or the role ("the Kremlin
spokesperson"). A pronoun goes to the person most recently named outside
quotation marks whose gender, when the article shows it, fits the pronoun; a
surname to the full name that ends with it; a role to the person last named
with that role; "they" and "it" to the last speaker that was a group or an
organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from .lexicon import DOCUMENT_NOUNS, PRONOUNS, TITLE_WORDS
from .names import strip_titles, surname

_POSSESSIVE_DETERMINER = re.compile(r"^(?:its|their|his|her|our)\s+", re.IGNORECASE)
_PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her"})
_MASCULINE = frozenset({"he", "him", "his", "himself", "mr", "mr."})
# How many people back a pronoun may reach.
_PRONOUN_REACH = 4
# How far after a name its pronoun is looked for.
_GENDER_WINDOW = 40
_FEMININE = frozenset({"she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "miss"})


class PeopleInArticle:
    """The people named in an article, in order, with their full names."""

    def __init__(self, doc: Doc, quotation_of: Sequence[int]) -> None:
        self._starts: list[int] = []
        self._names: list[str] = []
        self._subjects: list[bool] = []
        # (position, name, "group" or "organisation") of speakers other than people, in reading order.
        self._speakers: list[tuple[int, str, str]] = []
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
            self._subjects.append(entity.root.dep_ in ("nsubj", "nsubjpass"))
            for i in range(entity.start - 1, max(entity.start - 5, -1), -1):
                word = doc[i]
                if word.head.i < entity.start or word.head.i >= entity.end or word.lower_ not in TITLE_WORDS:
                    break
                self._roles.append((word.lower_, entity.start, name))
        self._genders = self._read_genders(doc, quotation_of)

    def _read_genders(self, doc: Doc, quotation_of: Sequence[int]) -> dict[str, str]:
        """Each person's gender as the article shows it.

        A title before the name ("Mrs. Olsen"), or the first pronoun after a
        name that is a subject, in the same sentence and before any other name,
        when it is a subject or a possessive: "Olsen said she ...", "Holm
        defended his plan". Looks at a few tokens a name: linear in the text.
        """
        votes: dict[str, list[int]] = {}

        def vote(name: str, word: str, weight: int) -> None:
            votes.setdefault(name, [0, 0])[0 if word in _MASCULINE else 1] += weight

        starts = set(self._starts)
        for start, short in zip(self._starts, self._names, strict=True):
            name = self.full_name(short)
            before = doc[start - 1].lower_ if start else ""
            if before in _MASCULINE or before in _FEMININE:
                vote(name, before, 2)
            if not self._subjects[self._starts.index(start)]:
                continue
            sentence_end = doc[start].sent.end
            for i in range(start + 1, min(sentence_end, start + _GENDER_WINDOW)):
                token = doc[i]
                if i in starts:
                    break
                if quotation_of[i] != -1 or token.pos_ != "PRON":
                    continue
                word = token.lower_
                if (word in _MASCULINE or word in _FEMININE) and (
                    token.tag_ == "PRP$" or token.dep_ in ("nsubj", "nsubjpass")
                ):
                    vote(name, word, 1)
                    break
        return {name: ("m" if m > f else "f") for name, (m, f) in votes.items() if m != f}

    def note_speaker(self, mention: Span, name: str | None) -> None:
        """A speaker met in reading order, for "they" and "it" later on: groups and organisations only."""
        if not name or (len(mention) == 1 and mention.root.lower_ in PRONOUNS):
            return
        root = mention.root
        labels = {entity.label_ for entity in mention.ents if entity.start <= root.i < entity.end}
        if "PERSON" in labels:
            return
        plural = root.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in root.children)
        if plural or "NORP" in labels:
            self._speakers.append((mention.start, name, "group"))
        elif labels & {"ORG", "GPE"} or root.lower_ in DOCUMENT_NOUNS or root.tag_ == "NN":
            self._speakers.append((mention.start, name, "organisation"))

    def group_before(self, position: int, pronoun: str) -> str | None:
        """What "they" or "it" at position stands for: the last group or organisation that spoke before it."""
        wanted = ("group", "organisation") if pronoun == "they" else ("organisation",)
        for start, name, kind in reversed(self._speakers):
            if start < position and kind in wanted:
                return name
        return None

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

    def before(self, position: int, pronoun: str = "") -> str | None:
        """The person a pronoun at token position refers to, in full.

        Of the last few people named, the nearest one named as a subject (the
        one the text is about), else the nearest; never one the article shows
        to be of the other gender ("she" is not Per Holm after "Holm said his").
        """
        wanted = "m" if pronoun in _MASCULINE else "f" if pronoun in _FEMININE else None
        index = bisect_left(self._starts, position) - 1
        candidates: list[tuple[str, bool]] = []
        while index >= 0 and len(candidates) < _PRONOUN_REACH:
            name = self.full_name(self._names[index])
            if wanted is None or self._genders.get(name, wanted) == wanted:
                candidates.append((name, self._subjects[index]))
            index -= 1
        if not candidates:
            return None
        return next((name for name, subject in candidates if subject), candidates[0][0])


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
            return people.before(mention.start, root.lower_)
        if root.lower_ in ("they", "it"):
            return people.group_before(mention.start, root.lower_)
        return None
    members = _listed(mention)
    if len(members) > 1:
        # "Ukraine, the United States and its allies": everyone named.
        names = [_one_name(mention.doc[c.left_edge.i : c.i + 1], people) for c in members]
        names = [name for name in names if name]
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
    return _one_name(mention, people)


def _listed(mention: Span) -> list[Token]:
    """The heads of a list of speakers, "A, B and C" (the parser makes B an apposition of A, C a conjunct of B)."""
    if not any(token.dep_ == "cc" and token.lower_ in ("and", "&") for token in mention):
        return []
    root = mention.root
    members = [root]
    for child in root.children:
        if child.dep_ == "appos":
            members.append(child)
    for member in list(members):
        members.extend(member.conjuncts)
    members = sorted(
        {member.i: member for member in members if mention.start <= member.i < mention.end}.values(), key=lambda t: t.i
    )
    return members


def _one_name(mention: Span, people: PeopleInArticle) -> str | None:
    root = mention.root
    for entity in mention.ents:
        if entity.start <= root.i < entity.end:
            return _entity_name(entity, people)
    for child in root.children:
        # "The operator, Northsound Ferries": the proper name in apposition beats the common noun.
        if child.dep_ == "appos" and child.pos_ == "PROPN" and mention.start <= child.i < mention.end:
            for entity in mention.ents:
                if entity.start <= child.i < entity.end:
                    return _entity_name(entity, people)
    if root.lower_ in DOCUMENT_NOUNS and mention.ents:
        # "a statement made by the Kremlin": the body behind the document.
        return _entity_name(mention.ents[0], people)
    if root.lower_ in TITLE_WORDS and mention[0].lower_ == "the":
        holder = people.holding(root.lower_, mention.start)
        if holder:
            return holder
    name = _POSSESSIVE_DETERMINER.sub("", strip_titles(mention.text))
    return people.full_name(name) if name else None


def _entity_name(entity: Span, people: PeopleInArticle) -> str:
    # Any label: the tagger sometimes takes a surname seen before ("Price") for an organisation.
    return people.full_name(strip_titles(entity.text))
