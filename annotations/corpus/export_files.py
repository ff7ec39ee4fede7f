"""Export files: ArticleRecords through a format's codec into a stream of bytes, for the command and the page alike.

Every writer yields as it goes, so a file of any size is written (or sent)
while the database is read, one batch of articles in memory at a time. Zips
are written to a sink that is emptied after each member: zipfile writes the
sizes after the data when it cannot seek back, so nothing waits for the end.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from itertools import islice
from typing import Any

from django.conf import settings
from django.utils import timezone

from annotations.corpus.exporter import ExportFilters
from annotations.formats import brat, citron, claimreview, csv, jsonl, spacy_docbin
from annotations.formats.records import ArticleRecord
from annotations.nlp import COMPONENT_NAME, COMPONENT_VERSION

# spaCy holds a whole DocBin in memory to write it: shards keep the export's memory flat, and
# `spacy train` reads a folder of .spacy files as one corpus.
DOCS_PER_SHARD = 1000

Writer = Callable[[Iterable[ArticleRecord], dict[str, Any]], Iterator[bytes]]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    filename: str  # what the download is called
    content_type: str
    write: Writer


def quotebook_version() -> str:
    try:
        return version("quotebook")
    except PackageNotFoundError:
        return "unknown"


def export_meta(filters: ExportFilters) -> dict[str, Any]:
    """What the JSONL header records: when, by what, and with which filters."""
    return {
        "exported_at": timezone.now().isoformat(),
        "quotebook_version": quotebook_version(),
        "suggester_version": f"{COMPONENT_NAME}-{COMPONENT_VERSION}",
        "filters": filters.described(),
    }


def _line(text: str) -> bytes:
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def write_jsonl(records: Iterable[ArticleRecord], meta: dict[str, Any]) -> Iterator[bytes]:
    yield _line(jsonl.encode_header(**meta))
    for record in records:
        yield _line(jsonl.encode_article(record))


def write_csv(records: Iterable[ArticleRecord], meta: dict[str, Any]) -> Iterator[bytes]:
    yield csv.encode_header().encode("utf-8")
    for record in records:
        yield csv.encode_article(record).encode("utf-8")


def organisation() -> claimreview.Organisation:
    return claimreview.Organisation(name=settings.QUOTEBOOK_FACTCHECK_NAME, url=settings.QUOTEBOOK_FACTCHECK_URL)


def write_claimreview(records: Iterable[ArticleRecord], meta: dict[str, Any]) -> Iterator[bytes]:
    for piece in claimreview.encode(records, organisation()):
        yield piece.encode("utf-8")


class _Sink:
    """A write-only stream: zipfile writes into it, the export takes out what is there."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def zip_stream(members: Iterable[tuple[str, bytes | str]]) -> Iterator[bytes]:
    """A zip of (name, content) members, yielded member by member."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
            yield sink.take()
    yield sink.take()


def member_name(record: ArticleRecord) -> str:
    # No underscore: the PolNeAR layout reads attributions/NAME_ANNOTATOR.ann as NAME's annotation.
    return f"article-{record.key}"


def write_citron(records: Iterable[ArticleRecord], meta: dict[str, Any]) -> Iterator[bytes]:
    return zip_stream((f"citron/{member_name(record)}.json", citron.encode(record)) for record in records)


def _brat_members(records: Iterable[ArticleRecord]) -> Iterator[tuple[str, str]]:
    for record in records:
        text, ann = brat.encode(record)
        yield f"text/{member_name(record)}.txt", text
        yield f"attributions/{member_name(record)}.ann", ann


def write_brat(records: Iterable[ArticleRecord], meta: dict[str, Any]) -> Iterator[bytes]:
    return zip_stream(_brat_members(records))


def _docbin_shards(records: Iterable[ArticleRecord]) -> Iterator[tuple[str, bytes]]:
    import spacy

    nlp = spacy.blank("en")
    records = iter(records)
    number = 0
    while shard := list(islice(records, DOCS_PER_SHARD)):
        number += 1
        yield f"quotes/quotes-{number:04d}.spacy", spacy_docbin.encode(shard, nlp)


def write_spacy(records: Iterable[ArticleRecord], meta: dict[str, Any]) -> Iterator[bytes]:
    return zip_stream(_docbin_shards(records))


_FORMATS = [
    ExportFormat(
        "jsonl", "JSON lines: the full record, what import reads", "quotebook.jsonl", "application/jsonl", write_jsonl
    ),
    ExportFormat("csv", "CSV: one quote per row", "quotebook-quotes.csv", "text/csv; charset=utf-8", write_csv),
    ExportFormat(
        "citron", "Citron: one JSON file per article (zip)", "quotebook-citron.zip", "application/zip", write_citron
    ),
    ExportFormat("brat", "brat: text/ and attributions/ (zip)", "quotebook-brat.zip", "application/zip", write_brat),
    ExportFormat(
        "spacy", "spaCy DocBin for training (zip of .spacy)", "quotebook-spacy.zip", "application/zip", write_spacy
    ),
    ExportFormat(
        "claimreview", "ClaimReview JSON-LD", "quotebook-claimreview.json", "application/ld+json", write_claimreview
    ),
]
FORMATS: dict[str, ExportFormat] = {fmt.name: fmt for fmt in _FORMATS}
