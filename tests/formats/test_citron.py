from __future__ import annotations

import json

from annotations.formats import citron
from annotations.formats.records import ArticleRecord, RecordError

TEXT = '"When I use a word," Humpty Dumpty said, "it means just what I choose." He said it was plain.'


def span(text: str, start: int = 0) -> dict:
    begin = TEXT.index(text, start)
    return {"start": begin, "end": begin + len(text), "text": text}


DOCUMENT = {
    "text": TEXT,
    "quotes": [
        {
            "cue": span("said"),
            "sources": [span("Humpty"), span("Dumpty")],
            "contents": [span('"When I use a word,"'), span('"it means just what I choose."')],
            "confidence": 0.93,
        },
        {
            "cue": span("said", 60),
            "sources": [span("He")],
            "coreferences": [span("Humpty Dumpty")],
            "contents": [span("it was plain")],
            "id": "q2",
        },
    ],
}


def test_it_reads_citron_quotes_as_confirmed_imports_with_every_span():
    [record] = citron.decode(json.dumps(DOCUMENT).encode())
    first, second = record.quotes
    assert [part.text_in(TEXT) for part in first.parts] == ['"When I use a word,"', '"it means just what I choose."']
    assert first.cue.text_in(TEXT) == "said" and first.mention.text_in(TEXT) == "Humpty"
    # Every source is kept: the first is the mention the speaker is linked by.
    assert [span.text_in(TEXT) for span in first.more_mentions] == ["Dumpty"]
    assert (first.status, first.origin, first.kind, first.confidence) == ("confirmed", "import", "direct", 0.93)
    # A pronoun source is linked by the name Citron resolved it to.
    assert second.mention.text_in(TEXT) == "He" and second.speaker_name == "Humpty Dumpty"
    assert second.kind == "indirect" and second.key == "q2"


def test_encoding_then_decoding_keeps_cue_sources_and_contents_exactly():
    [record] = citron.decode(json.dumps(DOCUMENT).encode())
    written = json.loads(citron.encode(record))
    for original, again in zip(DOCUMENT["quotes"], written["quotes"], strict=True):
        assert again["cue"] == original["cue"]
        assert again["sources"] == original["sources"]
        assert again["contents"] == original["contents"]
    assert written["text"] == TEXT
    [twice] = citron.decode(citron.encode(record))
    assert twice.quotes == record.quotes


def test_it_reads_the_json_lines_suggest_quotes_writes():
    lines = [{"file": "a.txt", "text": "One.", "quotes": []}, {"file": "b.txt", "text": "Two.", "quotes": []}]
    results = list(citron.decode("\n".join(json.dumps(line) for line in lines).encode()))
    assert [r.text for r in results] == ["One.", "Two."]


def test_bad_documents_are_errors_in_words():
    cases = {
        b"": "empty",
        b"{oops": "invalid JSON",
        b'{"quotes": []}': "no text",
        json.dumps({"text": "Short.", "quotes": [{"contents": [{"start": 2, "end": 50}]}]}).encode(): "past the end",
        json.dumps({"text": "Short.", "quotes": [{"cue": None, "contents": []}]}).encode(): "no contents",
        json.dumps({"text": "Short.", "quotes": [{"contents": [{"start": 0, "end": 5, "text": "Long"}]}]}).encode(): (
            "'Long'"
        ),
    }
    for data, words in cases.items():
        [result] = citron.decode(data)
        assert isinstance(result, RecordError), data
        assert words in result.message, (data, result.message)


def test_a_record_without_quotes_encodes_to_citrons_two_keys():
    written = json.loads(citron.encode(ArticleRecord(text="Nothing said.")))
    assert written == {"text": "Nothing said.", "quotes": []}
