"""Where records come from: files and folders on disk, uploaded files and zips, lists of URLs.

Each source yields Entries: where a record came from ("file", "file:line" or a
URL) and the ArticleRecord read there, or the RecordError saying why not.
Reading is lazy, so a large folder is never held in memory at once.
"""

from __future__ import annotations

import errno
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.conf import settings

from annotations.fetch import FetchError, fetch_page
from annotations.formats import brat, citron, html, jsonl, txt
from annotations.formats.records import ArticleRecord, RecordError

FORMATS = ("txt", "jsonl", "html", "url", "citron", "brat")
EXTENSIONS = {
    "txt": (".txt",),
    "jsonl": (".jsonl", ".ndjson"),
    "html": (".html", ".htm"),
    "citron": (".json", ".jsonl"),
    "brat": (".txt", ".ann"),
    "url": (".txt", ".urls", ".list"),
}
# Which format an uploaded file is in when the editor leaves it to us.
BY_EXTENSION = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html"}
BY_EXTENSION[".json"] = "citron"


# A zip may pack a lot into a small upload; past this it is refused rather than unpacked.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


class UsageError(Exception):
    """A path or an option that cannot work at all: the command exits 2."""


@dataclass(frozen=True)
class Entry:
    where: str
    result: ArticleRecord | RecordError

    @classmethod
    def of(cls, name: str, result: ArticleRecord | RecordError) -> Entry:
        return cls(result.where(name) if isinstance(result, RecordError) else name, result)


# Opens a file for reading: JSONL is read from it line by line, the other formats whole.
Loader = Callable[[], BinaryIO]


def decode(fmt: str, name: str, data: bytes) -> Iterator[Entry]:
    """The entries of one file read whole, in one of the single-file formats other than JSONL."""
    if fmt == "citron":
        results = citron.decode(data, name=name)
    elif fmt == "html":
        results = html.decode(data, name=name)
    elif fmt == "txt":
        results = txt.decode(data, name=name)
    elif fmt == "brat":
        results = brat.decode(data, None, name=name)
    else:
        raise UsageError(f"unknown format {fmt!r}")
    for result in results:
        yield Entry.of(name, result)


def from_files(
    files: Iterable[tuple[str, Loader]], fmt: str, *, unknown_keys: set[str] | None = None
) -> Iterator[Entry]:
    """Entries from named files; `fmt` "auto" goes by each file's extension. brat pairs texts with .ann files."""
    files = list(files)
    if fmt == "brat" or (fmt == "auto" and any(name.endswith(".ann") for name, _ in files)):
        yield from _brat(files, strict=fmt == "brat")
        if fmt == "brat":
            return
        files = [(name, load) for name, load in files if not _brat_member(name, files)]
    for name, load in files:
        kind = BY_EXTENSION.get(PurePosixPath(name).suffix.lower()) if fmt == "auto" else fmt
        if kind is None:
            yield Entry(name, RecordError("not a format Quotebook reads (.txt, .jsonl, .json, .html, .ann)"))
            continue
        if kind == "jsonl":
            yield from _jsonl(name, load, unknown_keys)
            continue
        try:
            data = _read(load)
        except OSError as error:
            yield Entry(name, RecordError(f"cannot read: {error.strerror or error}"))
            continue
        if kind == "url":
            yield from from_url_list(data, name)
        else:
            yield from decode(kind, name, data)


def from_paths(paths: Iterable[str], fmt: str, *, unknown_keys: set[str] | None = None) -> Iterator[Entry]:
    """Entries from files and folders on disk (and, for "url", URLs given directly); UsageError for a bad path."""
    files: list[tuple[str, Loader]] = []
    urls: list[str] = []
    for name in paths:
        if fmt == "url" and name.lower().startswith(("http://", "https://", "ftp://", "file://")):
            urls.append(name)
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS[fmt])
            if not found:
                raise UsageError(f"{name}: the folder holds no {' or '.join(EXTENSIONS[fmt])} files")
            files.extend((str(p), _opener(p)) for p in found)
        elif path.is_file():
            files.append((name, _opener(path)))
        else:
            raise UsageError(f"{name}: no such file or folder")
    for url in urls:
        yield _fetched(url, url)
    yield from from_files(files, fmt, unknown_keys=unknown_keys)


def from_upload(files: Iterable[tuple[str, bytes]], fmt: str = "auto") -> Iterator[Entry]:
    """Entries from uploaded files; a zip is opened and its members read as if uploaded one by one."""
    members: list[tuple[str, Loader]] = []
    for name, data in files:
        if name.lower().endswith(".zip"):
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
                unpacked = sum(info.file_size for info in archive.infolist())
                if unpacked > MAX_UNZIPPED_BYTES:
                    yield Entry(name, RecordError(f"unpacks to {unpacked:,} bytes, more than {MAX_UNZIPPED_BYTES:,}"))
                    continue
                for info in archive.infolist():
                    if not info.is_dir() and not _hidden(info.filename):
                        members.append((f"{name}/{info.filename}", _member(archive, info)))
            except zipfile.BadZipFile:
                yield Entry(name, RecordError("not a zip file that can be opened"))
        else:
            members.append((name, _constant(data)))
    yield from from_files(members, fmt)


def url_list(data: bytes, name: str) -> Iterator[tuple[str, str | RecordError]]:
    """(where, URL) for each line of a URL list; blank lines and # comments are skipped."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield name, RecordError("not valid UTF-8")
        return
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield f"{name}:{number}", line


def from_url_list(data: bytes, name: str) -> Iterator[Entry]:
    for where, url in url_list(data, name):
        yield Entry(where, url) if isinstance(url, RecordError) else _fetched(url, where)


def fetch_record(url: str) -> ArticleRecord | RecordError:
    """The article at url, fetched with the guards of annotations/fetch.py and read by trafilatura."""
    try:
        page = fetch_page(url)
    except FetchError as error:
        return RecordError(str(error))
    if page.content_type and not any(kind in page.content_type for kind in ("html", "xml", "text/plain")):
        return RecordError(f"not a web page ({page.content_type.split(';')[0]})")
    results = list(html.decode(page.body, name=url, url=page.url))
    record = results[0]
    if isinstance(record, ArticleRecord) and not record.url:
        record.url = page.url
    return record


def _fetched(url: str, where: str) -> Entry:
    result = fetch_record(url)
    return Entry(f"{where} ({url})" if where != url else url, result)


def _brat(files: list[tuple[str, Loader]], *, strict: bool) -> Iterator[Entry]:
    """Texts paired with their annotations: NAME.ann beside NAME.txt, or PolNeAR's
    text/NAME.txt with attributions/NAME_ANNOTATOR.ann (the first in sorted order)."""
    texts = sorted((name, load) for name, load in files if name.endswith(".txt"))
    anns = sorted((name, load) for name, load in files if name.endswith(".ann"))
    if strict and not texts:
        yield Entry("brat", RecordError("no .txt files: expected text/NAME.txt and attributions/NAME_*.ann"))
    for name, load in texts:
        ann = _annotation_for(name, anns)
        try:
            text_data, ann_data = _read(load), _read(ann[1]) if ann else None
        except OSError as error:
            yield Entry(name, RecordError(f"cannot read: {error.strerror or error}"))
            continue
        for result in brat.decode(text_data, ann_data, name=name):
            yield Entry.of(ann[0] if ann and isinstance(result, RecordError) and result.line else name, result)


def _annotation_for(text_name: str, anns: list[tuple[str, Loader]]) -> tuple[str, Loader] | None:
    path = PurePosixPath(text_name.replace("\\", "/"))
    stem = path.stem
    for name, load in anns:
        ann = PurePosixPath(name.replace("\\", "/"))
        if ann.parent == path.parent and ann.stem == stem:
            return name, load
    for name, load in anns:
        ann = PurePosixPath(name.replace("\\", "/"))
        if ann.parent.parent == path.parent.parent and ann.stem.rsplit("_", 1)[0] == stem:
            return name, load
    return None


def _brat_member(name: str, files: list[tuple[str, Loader]]) -> bool:
    """A .txt with an .ann for it, or an .ann: read as brat, not again as plain text."""
    if name.endswith(".ann"):
        return True
    anns = [(other, load) for other, load in files if other.endswith(".ann")]
    return name.endswith(".txt") and _annotation_for(name, anns) is not None


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts)


def _jsonl(name: str, load: Loader, unknown_keys: set[str] | None) -> Iterator[Entry]:
    """The entries of a JSONL file, read line by line so that memory stays flat whatever its size.

    Every line is named, the good ones too: the batch page and the summary point at it.
    """
    try:
        stream = load()
    except OSError as error:
        yield Entry(name, RecordError(f"cannot read: {error.strerror or error}"))
        return
    limit = settings.QUOTEBOOK_IMPORT_MAX_LINE_BYTES
    with stream:
        for number, result in jsonl.decode_stream(stream, unknown_keys=unknown_keys, max_line_bytes=limit):
            yield Entry(f"{name}:{number}" if number else name, result)


def _read(load: Loader) -> bytes:
    """A file read whole, as every format but JSONL needs; past the cap it is refused, never read whole."""
    limit = settings.QUOTEBOOK_IMPORT_MAX_FILE_BYTES
    with load() as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"the file is larger than {limit:,} bytes (JSONL files are read line by line)")
    return data


def _opener(path: Path) -> Loader:
    return lambda: path.open("rb")


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Loader:
    return lambda: archive.open(info)


def _constant(data: bytes) -> Loader:
    return lambda: io.BytesIO(data)
