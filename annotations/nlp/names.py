"""Names as written in the news, reduced to the name a speaker is filed under."""

from __future__ import annotations

import re
import unicodedata

from .lexicon import TITLE_WORDS

_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_POSSESSIVE = re.compile(r"['’]s?$")
# Where the name ends and what describes it begins: "Joel Pollak of Breitbart".
_DESCRIPTION = re.compile(r",|\s(?:of|from|at|with|for|who|which|in)\s")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def normalise_name(name: str) -> str:
    """The form names are matched on: accents, case, punctuation and spacing folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", letters.casefold()).split())


def _is_title(word: str) -> bool:
    return word.casefold() in TITLE_WORDS or normalise_name(word) in TITLE_WORDS


def _is_name_word(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit()) and not _is_title(word)


def strip_titles(mention: str) -> str:
    """The name without titles and roles: "U.S. State Department spokesperson Ned Price" -> "Ned Price".

    A mention without a personal name ("the Kremlin", "the U.S. State Department")
    keeps its words, less a leading article.
    """
    text = " ".join(_PARENTHESIS.sub("", mention).split())
    text = _POSSESSIVE.sub("", text)
    head = _DESCRIPTION.split(text, maxsplit=1)[0].strip()
    words = head.split()
    name: list[str] = []
    for word in reversed(words):
        if not _is_name_word(word):
            break
        name.append(word)
    if name:
        return " ".join(reversed(name))
    return _LEADING_ARTICLE.sub("", head or text).strip()


def surname(name: str) -> str:
    words = name.split()
    return words[-1] if words else ""
