from __future__ import annotations

from annotations.formats import brat
from annotations.formats.records import ArticleRecord, QuoteRecord, RecordError, Span

TEXT = 'The Post reports that the van left early. "We were ready," a source said, "but not for this."'


def at(words: str) -> str:
    start = TEXT.index(words)
    return f"{start} {start + len(words)}"


READY, NOT_THIS = '"We were ready,"', '"but not for this."'
ANN = "\n".join(
    [
        f"T1\tSource {at('The Post')}\tThe Post",
        f"T2\tCue {at('reports')}\treports",
        f"T3\tContent {at('that the van left early')}\tthat the van left early",
        f"T4\tAttribution {at('reports')}\treports",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tContent {at(READY)};{at(NOT_THIS)}\t{READY} {NOT_THIS}",
        f"T6\tSource {at('a source')}\ta source",
        f"T7\tCue {at('said')}\tsaid",
        "#1\tAnnotatorNotes T5\tinterrupted",
        "E2\tAttribution:T7 Content:T5 Cue:T7 Source:T6",
        "",
    ]
)


def test_it_reads_attributions_as_quotes_with_parts_and_kinds():
    [record] = brat.decode(TEXT.encode(), ANN.encode(), name="post_2016-09-12_van.txt")
    indirect, direct = record.quotes
    assert indirect.kind == "indirect" and indirect.mention.text_in(TEXT) == "The Post"
    assert indirect.cue.text_in(TEXT) == "reports" and indirect.status == "confirmed"
    assert [p.text_in(TEXT) for p in direct.parts] == ['"We were ready,"', '"but not for this."']
    assert direct.kind == "direct" and direct.speaker_name == "a source"
    assert record.title == "post 2016-09-12 van"


def test_a_text_without_annotations_is_an_article_without_quotes():
    [record] = brat.decode(TEXT.encode(), None, name="x.txt")
    assert record.text == TEXT and record.quotes == []


def test_bad_annotation_files_name_the_line():
    [outside] = brat.decode(TEXT.encode(), b"T1\tContent 5 500\tx\n")
    assert isinstance(outside, RecordError) and outside.line == 1 and "past the end" in outside.message
    [missing] = brat.decode(TEXT.encode(), b"E1\tAttribution:T9 Content:T8\n")
    assert isinstance(missing, RecordError) and "T9" in missing.message
    [empty] = brat.decode(b"", b"")
    assert isinstance(empty, RecordError) and "empty" in empty.message


def test_encoding_then_decoding_keeps_every_span():
    record = ArticleRecord(
        text=TEXT,
        quotes=[
            QuoteRecord(
                parts=[Span(42, 58), Span(TEXT.index('"but'), len(TEXT))],
                kind="direct",
                cue=Span(TEXT.index("said"), TEXT.index("said") + 4),
                mention=Span(TEXT.index("a source"), TEXT.index("a source") + 8),
                speaker_name="a source",
            )
        ],
    )
    text, ann = brat.encode(record)
    [again] = brat.decode(text.encode(), ann.encode())
    assert again.quotes == record.quotes
