from __future__ import annotations

from annotations.formats import txt
from annotations.formats.records import ArticleRecord, RecordError


def decode(data: bytes, name: str = "talks.txt"):
    return list(txt.decode(data, name=name))


def test_it_takes_a_headline_first_line_as_the_title_and_leaves_it_out_of_the_text():
    [record] = decode(b"Talks stall in Minsk\n\nPeskov said the talks had stalled.\n")
    assert record.title == "Talks stall in Minsk"
    assert record.text == "Peskov said the talks had stalled.\n"


def test_it_names_the_article_after_the_file_when_the_first_line_is_a_sentence():
    [record] = decode(b"Peskov said the talks had stalled.\nMore followed.", name="dir/minsk-talks_day2.txt")
    assert record.title == "minsk talks day2"
    assert record.text == "Peskov said the talks had stalled.\nMore followed."


def test_it_reports_invalid_utf8_and_empty_files():
    [bad] = decode(b"Title\n\xff\xfe broken")
    assert isinstance(bad, RecordError) and "UTF-8" in bad.message
    [empty] = decode(b"  \n\n")
    assert isinstance(empty, RecordError) and "empty" in empty.message


def test_it_reads_back_what_it_writes():
    record = ArticleRecord(text="Peskov said the talks had stalled.", title="Talks stall")
    [again] = decode(txt.encode(record).encode())
    assert (again.title, again.text) == (record.title, record.text)
