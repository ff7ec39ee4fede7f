"""What goes in comes out again: Citron and brat through an import and an export, and a full JSONL dump restored."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from annotations.models import Article, Quote
from tests.factories import make_article, make_claim, make_outlet, make_quote, make_speaker, make_user

TEXT = (
    '"We are ready to talk," Kremlin spokesperson Dmitry Peskov said on Monday. "Minsk is the place." '
    "The State Department said the offer was not serious, and Ned Price told reporters that talks "
    'would need "a real ceasefire" first.'
)


def span(piece: str, text: str = TEXT) -> dict:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def export(path: Path, fmt: str, *args: str) -> Path:
    call_command("export_corpus", "--format", fmt, "-o", str(path), *args)
    return path


def import_(path: Path, fmt: str) -> None:
    call_command("import_articles", str(path), "--format", fmt, "--no-suggest", stdout=io.StringIO())


def spans(quote: dict) -> tuple:
    def bounds(items):
        return tuple((item["start"], item["end"]) for item in items)

    cue = quote["cue"]
    return bounds(quote["contents"]), bounds(quote["sources"]), (cue["start"], cue["end"]) if cue else None


@pytest.mark.django_db
def test_it_gives_back_the_same_spans_from_citron_through_import_and_export(tmp_path):
    document = {
        "text": TEXT,
        "quotes": [
            {
                "cue": span("said on Monday"),
                # A source in two stretches: both come back, not just the first.
                "sources": [span("Kremlin spokesperson"), span("Dmitry Peskov")],
                "contents": [span('"We are ready to talk,"'), span('"Minsk is the place."')],
                "confidence": 0.9,
            },
            {
                "cue": span("told"),
                "sources": [span("Ned Price")],
                "contents": [span('talks would need "a real ceasefire" first')],
            },
            {"cue": None, "sources": [], "contents": [span("the offer was not serious")]},
        ],
    }
    source = tmp_path / "minsk.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    import_(source, "citron")
    with zipfile.ZipFile(export(tmp_path / "out.zip", "citron")) as archive:
        (name,) = archive.namelist()
        exported = json.loads(archive.read(name))
    assert exported["text"] == TEXT
    assert sorted(spans(quote) for quote in exported["quotes"]) == sorted(spans(quote) for quote in document["quotes"])


ANN = """T1\tSource 24 58\tKremlin spokesperson Dmitry Peskov
T2\tCue 59 73\tsaid on Monday
T3\tContent 0 23;75 96\t"We are ready to talk," "Minsk is the place."
T4\tAttribution 59 63\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 97 117\tThe State Department
T6\tCue 118 122\tsaid
T7\tContent 123 148\tthe offer was not serious
T8\tAttribution 118 122\tsaid
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
"""


def stored_quotes() -> list[tuple]:
    return sorted(
        (
            tuple((part.start, part.end) for part in quote.parts.all()),
            (quote.cue_start, quote.cue_end),
            (quote.mention_start, quote.mention_end),
            quote.kind,
            quote.status,
        )
        for quote in Quote.objects.prefetch_related("parts")
    )


@pytest.mark.django_db
def test_it_gives_back_the_same_quotes_from_brat_through_import_export_and_import(tmp_path):
    for piece in ("Kremlin spokesperson Dmitry Peskov", "said on Monday", "the offer was not serious"):
        assert ANN.count(f"{TEXT.index(piece)} {TEXT.index(piece) + len(piece)}") >= 1, piece
    (tmp_path / "in" / "text").mkdir(parents=True)
    (tmp_path / "in" / "attributions").mkdir()
    (tmp_path / "in" / "text" / "minsk.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "attributions" / "minsk_annotator1.ann").write_text(ANN, encoding="utf-8")
    import_(tmp_path / "in", "brat")
    first = stored_quotes()
    assert len(first) == 2 and first[0][0] == ((0, 23), (75, 96))

    with zipfile.ZipFile(export(tmp_path / "out.zip", "brat")) as archive:
        archive.extractall(tmp_path / "out")
    Article.objects.all().delete()
    import_(tmp_path / "out", "brat")
    assert stored_quotes() == first


def make_newsroom() -> None:
    """A small corpus made in the order a restore makes it, so the ids it is given come out the same."""
    ed, olga = make_user("ed"), make_user("olga")
    outlet = make_outlet("Wire", "wire.example")
    peskov = make_speaker("Dmitry Peskov", aliases=("Peskov", "Kremlin spokesman"), wikidata_id="Q2284")
    minsk = make_article(
        TEXT,
        title="Minsk talks",
        url="https://wire.example/minsk",
        outlet=outlet,
        byline="Jane Roe",
        published_at=datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
        status=Article.Status.IN_REVIEW,
        suggester_version="en_core_web_sm-3.8.0+quotebook_quotes-0.2.1",
    )
    reviewed = datetime(2024, 3, 6, 9, 30, 15, 250000, tzinfo=UTC)
    ready = make_quote(
        minsk,
        ('"We are ready to talk,"', '"Minsk is the place."'),
        status=Quote.Status.CONFIRMED,
        speaker=peskov,
        cue_start=59,
        cue_end=73,
        mention_start=24,
        mention_end=58,
        confidence=0.93,
        origin="en_core_web_sm-3.8.0+quotebook_quotes-0.2.1",
        suggested={"kind": "direct", "parts": [[0, 23]], "speaker_id": peskov.pk},
        reviewed_by=ed,
        reviewed_at=reviewed,
        review_seconds=3.5,
    )
    price = make_speaker("Ned Price", description="State Department spokesperson")
    make_quote(minsk, "the offer was not serious", kind=Quote.Kind.INDIRECT, status=Quote.Status.REJECTED)
    make_quote(
        minsk,
        'talks would need "a real ceasefire" first',
        kind=Quote.Kind.MIXED,
        status=Quote.Status.CONFIRMED,
        origin=Quote.GOLD_ORIGIN,
        speaker=price,
        proposed_speaker_name="",
    )
    make_quote(minsk, "Minsk", status=Quote.Status.SUGGESTED, proposed_speaker_name="Someone Unknown")
    make_claim(
        minsk, quote=ready, statement="Russia is ready to talk.", verdict="misleading", rationale="Troops massed.",
        review_url="https://checks.example/ready", start=0, end=23, reviewed_by=olga, reviewed_at=reviewed,
    )  # fmt: skip
    make_claim(minsk, statement="A ceasefire is needed first.")
    make_article("A short item nobody has quoted from yet.", title="Unquoted")


def without_export_time(path: Path) -> list[str]:
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    meta = json.loads(header)
    meta["quotebook_export"].pop("exported_at")
    return [json.dumps(meta, sort_keys=True), *lines]


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_it_restores_a_full_jsonl_dump_into_an_empty_database_and_exports_the_same_file(tmp_path):
    make_newsroom()
    first = export(tmp_path / "dump.jsonl", "jsonl", "--status", "all", "--origin", "all")
    assert len(without_export_time(first)) == 3  # the header and both articles

    call_command("flush", "--no-input")  # an empty database, ids starting again at 1
    assert not Article.objects.exists()
    import_(first, "jsonl")
    second = export(tmp_path / "again.jsonl", "jsonl", "--status", "all", "--origin", "all")
    assert without_export_time(second) == without_export_time(first)
    restored = Quote.objects.get(review_seconds=3.5)
    assert (restored.reviewed_by.username, restored.speaker.aliases.count()) == ("ed", 2)
