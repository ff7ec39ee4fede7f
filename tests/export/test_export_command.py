"""export_corpus: DESIGN.md's contract, every format written to a file, and bad filters refused with a message."""

from __future__ import annotations

import csv
import json
import zipfile

import pytest
import spacy
from django.core.management import CommandError, call_command

from annotations.formats import spacy_docbin
from annotations.models import Quote
from tests.factories import make_article, make_claim, make_quote, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = make_article(title="Minsk", url="https://wire.example/minsk")
    speaker = make_speaker(wikidata_id="Q2284")
    quote = make_quote(
        article, ('"We are ready,"', '"Minsk is the place."'), status=Quote.Status.CONFIRMED, speaker=speaker
    )
    make_claim(article, quote=quote, verdict="false", review_url="https://checks.example/1")
    return article


def export(tmp_path, fmt: str, *args: str):
    path = tmp_path / f"out.{fmt}"
    call_command("export_corpus", "--format", fmt, "-o", str(path), *args)
    return path


def test_it_writes_jsonl_with_a_header_then_one_article_per_line(tmp_path, article):
    header, line = export(tmp_path, "jsonl", "--status", "all").read_text(encoding="utf-8").splitlines()
    meta = json.loads(header)["quotebook_export"]
    assert meta["schema_version"] == 1
    assert meta["filters"]["status"] == "all"
    assert meta["quotebook_version"] and meta["suggester_version"].startswith("quotebook_quotes-")
    assert "exported_at" in meta
    record = json.loads(line)
    assert record["id"] == str(article.pk)
    assert [part["text"] for part in record["quotes"][0]["contents"]] == ['"We are ready,"', '"Minsk is the place."']


def test_it_writes_csv_claimreview_and_zips(tmp_path, article):
    with export(tmp_path, "csv").open(encoding="utf-8", newline="") as file:
        (row,) = csv.DictReader(file)
    assert row["title"] == "Minsk"
    (review,) = json.loads(export(tmp_path, "claimreview").read_text(encoding="utf-8"))
    assert review["itemReviewed"]["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q2284"
    with zipfile.ZipFile(export(tmp_path, "citron")) as archive:
        (name,) = archive.namelist()
        assert json.loads(archive.read(name))["quotes"][0]["speaker"] == "Dmitry Peskov"
    with zipfile.ZipFile(export(tmp_path, "brat")) as archive:
        names = archive.namelist()
        assert names == [f"text/article-{article.pk}.txt", f"attributions/article-{article.pk}.ann"]
        assert archive.read(names[0]).decode() == article.text
    with zipfile.ZipFile(export(tmp_path, "spacy")) as archive:
        (name,) = archive.namelist()
        (doc,) = spacy_docbin.decode(archive.read(name), spacy.blank("en"))
    assert [span.text for span in doc.spans["quotes"]] == ['"We are ready,"', '"Minsk is the place."']


def test_it_refuses_bad_filters_naming_the_option_and_leaves_no_file(tmp_path, article):
    path = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="--since"):
        call_command("export_corpus", "--format", "csv", "-o", str(path), "--since", "yesterday")
    with pytest.raises(CommandError, match="--speaker There is no speaker named 'Nobody'"):
        call_command("export_corpus", "--format", "csv", "-o", str(path), "--speaker", "Nobody")
    with pytest.raises(CommandError, match="--status"):
        call_command("export_corpus", "--format", "csv", "-o", str(path), "--status", "approved")
    with pytest.raises(CommandError, match="--ids Article ids are whole numbers"):
        call_command("export_corpus", "--format", "csv", "-o", str(path), "--ids", "12", "x")
    assert list(tmp_path.iterdir()) == []


def test_it_reports_an_unwritable_path_without_a_traceback(tmp_path, article):
    with pytest.raises(CommandError, match="No such file or directory"):
        call_command("export_corpus", "--format", "csv", "-o", str(tmp_path / "missing" / "out.csv"))
