"""Export files are written as they are read: a zip member by member, every format from a lazy stream of records."""

from __future__ import annotations

import io
import zipfile

import pytest

from annotations.corpus import export_files
from annotations.corpus.export_files import FORMATS, zip_stream
from tests.formats.export_records import article


def test_it_yields_each_zip_member_as_it_is_written_and_makes_a_valid_zip():
    members = ((f"text/article-{n}.txt", f"Article {n}. " * 50) for n in range(3))
    chunks = list(zip_stream(members))
    # One chunk a member (its header and data), then the central directory.
    assert len(chunks) == 4 and all(chunks)
    with zipfile.ZipFile(io.BytesIO(b"".join(chunks))) as archive:
        assert archive.testzip() is None
        assert archive.read("text/article-2.txt").decode().startswith("Article 2.")


@pytest.mark.parametrize("name", list(FORMATS))
def test_it_starts_writing_before_the_last_record_is_read(name, monkeypatch):
    monkeypatch.setattr(export_files, "DOCS_PER_SHARD", 2)  # spaCy's shards: two articles each here
    read = []

    def records():
        for key in ("17", "18", "19"):
            read.append(key)
            yield article(key=key)

    chunks = FORMATS[name].write(records(), {"filters": {}})
    first = next(chunks)
    assert first and read != ["17", "18", "19"]
    assert b"".join([first, *chunks])
    assert read == ["17", "18", "19"]
