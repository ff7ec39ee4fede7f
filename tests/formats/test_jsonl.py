from __future__ import annotations

import json
from datetime import UTC, datetime

from annotations.formats import jsonl
from annotations.formats.records import (
    ArticleRecord,
    ClaimRecord,
    OutletRecord,
    QuoteRecord,
    RecordError,
    Span,
    SpeakerRecord,
)

TEXT = 'Peskov said the talks would go ahead. "We are ready," he said.'


def decode(*lines: str | dict, unknown: set[str] | None = None):
    data = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines).encode()
    return list(jsonl.decode(data, unknown_keys=unknown))


def full_record() -> ArticleRecord:
    ready = TEXT.index('"We are ready,"')
    return ArticleRecord(
        text=TEXT,
        title="Talks in Minsk",
        url="https://wire.example/minsk",
        outlet=OutletRecord(name="Wire", domain="wire.example"),
        published_at=datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
        byline="Jane Roe",
        language="en",
        status="in_review",
        suggester_version="quotebook-quotes 0.2.1",
        key="17",
        speakers=[SpeakerRecord(key="4", name="Dmitry Peskov", description="Kremlin spokesperson", aliases=["Peskov"])],
        quotes=[
            QuoteRecord(
                parts=[Span(ready, ready + 15)],
                kind="direct",
                status="confirmed",
                cue=Span(TEXT.index("he said") + 3, TEXT.index("he said") + 7),
                mention=Span(TEXT.index("he said"), TEXT.index("he said") + 2),
                more_mentions=[Span(0, 6)],
                speaker="4",
                confidence=0.9,
                origin="quotebook-quotes 0.2.1",
                reviewed_by="ed",
                reviewed_at=datetime(2024, 3, 6, 9, 30, tzinfo=UTC),
                review_seconds=4.5,
                suggested={"kind": "direct", "parts": [[ready, ready + 15]], "speaker_name": "Dmitry Peskov"},
                key="99",
            )
        ],
        claims=[
            ClaimRecord(
                statement="The talks will go ahead.",
                verdict="mostly_true",
                rationale="They did, a week late.",
                span=Span(0, 36),
                quote="99",
                reviewed_by="checker",
                reviewed_at=datetime(2024, 3, 7, tzinfo=UTC),
            )
        ],
    )


def test_it_reads_back_every_field_it_writes():
    record = full_record()
    header = jsonl.encode_header(exported_at=datetime(2024, 3, 8, tzinfo=UTC), filters={"status": "all"})
    [again] = decode(header, jsonl.encode_article(record))
    assert again == record


def test_the_header_line_comes_first_with_the_schema_version():
    header = json.loads(jsonl.encode_header(quotebook_version="0.1.0", filters={"origin": "all"}))
    assert header["quotebook_export"]["schema_version"] == 1
    assert header["quotebook_export"]["filters"] == {"origin": "all"}


def test_a_line_with_text_alone_is_an_article():
    [record] = decode({"text": "Plain text.", "outlet": "apnews.com", "published_at": "2024-03-05"})
    assert record.text == "Plain text."
    assert record.outlet == OutletRecord(name="apnews.com", domain="apnews.com")
    assert record.published_at == datetime(2024, 3, 5)


def test_bad_lines_are_reported_with_their_number_and_the_others_still_read():
    results = decode(
        {"text": "First."},
        "{not json",
        {"title": "no text"},
        {"text": "Span out.", "quotes": [{"contents": [{"start": 0, "end": 99}]}]},
        "",
        {"text": "Last.", "published_at": "yesterday"},
        {"text": "Fine."},
    )
    errors = [r for r in results if isinstance(r, RecordError)]
    assert [(e.line, e.message.split(":")[0]) for e in errors][:1] == [(2, "invalid JSON")]
    assert [e.line for e in errors] == [2, 3, 4, 6]
    assert "no text" in errors[1].message
    assert "runs past the end of the text" in errors[2].message
    assert "ISO 8601" in errors[3].message
    assert [r.text for r in results if isinstance(r, ArticleRecord)] == ["First.", "Fine."]


def test_a_span_whose_words_do_not_match_the_text_is_refused():
    [error] = decode({"text": "Abc def.", "quotes": [{"contents": [{"start": 0, "end": 3, "text": "xyz"}]}]})
    assert isinstance(error, RecordError) and "'xyz'" in error.message


def test_invalid_utf8_on_one_line_spoils_only_that_line():
    data = b'{"text": "ok"}\n{"text": "\xff"}\n{"text": "ok too"}'
    results = list(jsonl.decode(data))
    assert isinstance(results[1], RecordError) and results[1].line == 2 and "UTF-8" in results[1].message
    assert [r.text for r in results if isinstance(r, ArticleRecord)] == ["ok", "ok too"]


def test_unknown_keys_are_collected_for_one_report():
    unknown: set[str] = set()
    decode({"text": "a", "colour": 1}, {"text": "b", "colour": 2, "mood": 3}, unknown=unknown)
    assert unknown == {"colour", "mood"}


def test_an_empty_file_and_a_newer_schema_are_errors():
    assert isinstance(list(jsonl.decode(b"\n \n"))[0], RecordError)
    [error] = decode({"quotebook_export": {"schema_version": 2}}, {"text": "a"})
    assert "schema version 2" in error.message


def test_a_line_of_exactly_the_cap_is_read_and_one_byte_more_is_refused_at_the_end_of_the_file_too():
    line = b'{"text": "' + b"x" * 90 + b'"}'
    longer = line.replace(b"xx", b"xxx", 1)
    cap = len(line)

    def read(data: bytes) -> list[tuple[int | None, bool]]:
        results = list(jsonl.decode_numbered(data, max_line_bytes=cap))
        refused = [result for _, result in results if isinstance(result, RecordError)]
        assert all(error.message == f"the line is longer than {cap} bytes" for error in refused)
        return [(number, isinstance(result, ArticleRecord)) for number, result in results]

    assert read(line + b"\n" + longer + b"\n" + line) == [(1, True), (2, False), (3, True)]
    assert read(line + b"\n" + longer) == [(1, True), (2, False)]
