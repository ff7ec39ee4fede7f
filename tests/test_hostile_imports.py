"""Hostile import files: a record refused with its line and the reason, never a traceback."""

from __future__ import annotations

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
