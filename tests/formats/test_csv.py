from __future__ import annotations

import csv
import io

from annotations.formats import csv as quote_csv
from annotations.formats.records import QuoteRecord, Span
from tests.formats.export_records import article


def read(*records) -> list[dict[str, str]]:
    data = quote_csv.encode_header() + "".join(quote_csv.encode_article(record) for record in records)
    return list(csv.DictReader(io.StringIO(data, newline="")))


def test_it_writes_one_row_per_quote_with_its_article_speaker_and_claims():
    rows = read(article(), article(quotes=[], claims=[]))
    assert len(rows) == 2
    first, second = rows
    assert first["article_id"] == "17"
    assert first["title"] == "Talks in Minsk"
    assert first["outlet"] == "Wire"
    assert first["published_at"].startswith("2024-03-05")
    assert first["quote"] == '"We are ready," … "Minsk is the place."'
    assert (first["kind"], first["status"]) == ("direct", "confirmed")
    assert (first["speaker"], first["speaker_id"], first["speaker_wikidata_id"]) == ("Dmitry Peskov", "4", "Q2284")
    assert (first["cue"], first["mention"]) == ("said", "Peskov")
    assert first["claims"] == "1"
    assert (second["speaker"], second["kind"], second["claims"]) == ("Kremlin", "indirect", "0")


def test_it_keeps_commas_quotes_and_line_breaks_inside_one_cell():
    text = 'She said: "One, two;\nthree "four"."'
    record = article(text, quotes=[QuoteRecord(parts=[Span(10, len(text))], key="1")], claims=[], speakers=[])
    (row,) = read(record)
    assert row["quote"] == text[10:]


def test_it_neutralises_cells_a_spreadsheet_would_run_as_formulas():
    text = "=HYPERLINK(1) +1 -2 @SUM(A1) plain"
    parts = [Span(0, 13), Span(14, 16), Span(17, 19), Span(20, 28)]
    quotes = [
        QuoteRecord(parts=[part], key=str(n), speaker_name=text[part.start : part.end]) for n, part in enumerate(parts)
    ]
    rows = read(article(text, quotes=quotes, claims=[], speakers=[], title="-title"))
    assert [row["quote"] for row in rows] == ["'=HYPERLINK(1)", "'+1", "'-2", "'@SUM(A1)"]
    assert all(row["speaker"].startswith("'") for row in rows)
    assert rows[0]["title"] == "'-title"


def test_it_leaves_ordinary_text_and_numbers_alone():
    assert quote_csv.neutralise("Peskov") == "Peskov"
    assert quote_csv.neutralise(0.75) == 0.75
    assert quote_csv.neutralise("") == ""
