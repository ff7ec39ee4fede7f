"""Plain text: one article per file; the first line is its title when it looks like one."""

from __future__ import annotations

from collections.abc import Iterator

from annotations.formats.common import read_text
from annotations.formats.records import ArticleRecord, RecordError

# A headline is short and does not end like a sentence.
TITLE_MAX_CHARACTERS = 200
TITLE_MAX_WORDS = 25


def looks_like_title(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= TITLE_MAX_CHARACTERS and len(line.split()) <= TITLE_MAX_WORDS and line[-1] not in '.!?:;,…"”'
    )


def title_from_name(name: str) -> str:
    stem = name.rsplit("/", 1)[-1]
    stem = stem[:-4] if stem.lower().endswith(".txt") else stem
    return stem.replace("_", " ").replace("-", " ").strip() or "Untitled"


def decode(data: bytes, *, name: str = "article.txt") -> Iterator[ArticleRecord | RecordError]:
    """One record: the title line is left out of the text, so every span counts from the body's start."""
    try:
        text = read_text(data).replace("\r\n", "\n")
    except RecordError as error:
        yield error
        return
    if not text.strip():
        yield RecordError("the file is empty")
        return
    first, _, rest = text.lstrip("\n").partition("\n")
    if rest.strip() and looks_like_title(first):
        yield ArticleRecord(text=rest.lstrip("\n"), title=first.strip())
    else:
        yield ArticleRecord(text=text, title=title_from_name(name))


def encode(record: ArticleRecord) -> str:
    """The title line, then the text: decode() reads it back with the same title and text."""
    if record.title and looks_like_title(record.title):
        return f"{record.title}\n{record.text}"
    return record.text
