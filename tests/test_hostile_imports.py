"""Hostile import files: a record refused with its line and the reason, never a traceback."""

from __future__ import annotations

import io

from annotations.formats import citron, jsonl
from annotations.formats.records import ArticleRecord, RecordError

NESTED = b"[" * 100_000 + b"]" * 100_000


def test_it_refuses_a_jsonl_line_nested_thousands_deep_and_reads_the_next():
    good = b'{"title": "Talks", "text": "He said so."}'
    results = list(jsonl.decode_numbered(NESTED + b"\n" + good))
    (first_line, refused), (second_line, record) = results
    assert isinstance(refused, RecordError) and "nested too deeply" in str(refused)
    assert (first_line, second_line) == (1, 2)
    assert isinstance(record, ArticleRecord)


def test_it_refuses_a_citron_file_nested_thousands_deep():
    (refused,) = list(citron.decode(NESTED))
    assert isinstance(refused, RecordError) and "nested too deeply" in str(refused)


class ReadSpy(io.BytesIO):
    """A file that remembers the most bytes any one read handed back."""

    largest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.largest = max(self.largest, len(line))
        return line

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.largest = max(self.largest, len(data))
        return data


def test_a_jsonl_line_over_the_cap_is_refused_unread_and_the_lines_around_it_still_read():
    cap = 64 * 1024
    huge = b'{"text": "' + b"x" * 3_000_000 + b'"}'
    stream = ReadSpy(b'{"text": "Before."}\n' + huge + b'\n{"text": "After."}\n')
    results = list(jsonl.decode_stream(stream, max_line_bytes=cap))
    assert [number for number, _ in results] == [1, 2, 3]
    (_, before), (_, refused), (_, after) = results
    assert isinstance(refused, RecordError) and refused.message == "the line is longer than 65,536 bytes"
    assert (before.text, after.text) == ("Before.", "After.")
    assert stream.largest <= cap + 1
