from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from annotations.formats import citron
from annotations.models import Article, Quote

TEXT = 'Harbour master Lena Dahl said the dredging would start in March.\n"It will take six weeks," Dahl said.'


def run(*args: str) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return out.getvalue(), err.getvalue(), code


def write(path, data: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


@pytest.mark.django_db
def test_a_folder_of_text_files_goes_in_and_a_second_run_skips_every_one(tmp_path):
    write(tmp_path / "a.txt", "Dredging to start\n\n" + TEXT)
    write(tmp_path / "b.txt", "Ferries keep running, the council said on Monday.")
    out, err, code = run(str(tmp_path), "--format", "txt", "--no-suggest")
    assert code == 0 and "Imported 2, skipped 0 as duplicates, failed 0." in out
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Dredging to start", "b"]
    out, _, code = run(str(tmp_path), "--format", "txt", "--no-suggest")
    assert code == 0 and "Imported 0, skipped 2 as duplicates, failed 0." in out
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_bad_files_are_named_with_their_reason_and_the_good_ones_still_go_in(tmp_path):
    write(tmp_path / "good.txt", TEXT)
    write(tmp_path / "latin1.txt", "Caf\xe9 owners said so.".encode("latin-1"))
    write(tmp_path / "empty.txt", "")
    out, err, code = run(str(tmp_path), "--format", "txt", "--no-suggest")
    assert code == 1
    assert "Imported 1, skipped 0 as duplicates, failed 2." in out
    assert f"{tmp_path / 'latin1.txt'}: not valid UTF-8" in err
    assert f"{tmp_path / 'empty.txt'}: the file is empty" in err
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_jsonl_failures_name_file_and_line_and_unknown_keys_are_reported_once(tmp_path):
    lines = [
        json.dumps({"text": TEXT, "title": "Dredging", "outlet": "coast.example", "mood": "calm"}),
        "{broken",
        json.dumps({"title": "no text", "mood": "grim"}),
        json.dumps({"text": "Short.", "quotes": [{"contents": [{"start": 0, "end": 40}]}]}),
        json.dumps({"text": "Ferries keep running.", "published_at": "2024-05-02T08:00:00+02:00"}),
    ]
    path = write(tmp_path / "articles.jsonl", "\n".join(lines))
    out, err, code = run(str(path), "--format", "jsonl", "--no-suggest")
    assert code == 1 and "Imported 2, skipped 0 as duplicates, failed 3." in out
    assert f"{path}:2: invalid JSON" in err
    assert f"{path}:3: the article has no text" in err
    assert f"{path}:4: the quote 1's content [0, 40) runs past the end" in err
    assert err.count("mood") == 1
    assert Article.objects.get(title="Dredging").outlet.domain == "coast.example"
    assert Article.objects.get(text="Ferries keep running.").published_at.isoformat() == "2024-05-02T06:00:00+00:00"
    assert not Article.objects.filter(text="Short.").exists()


@pytest.mark.django_db
def test_a_file_over_the_cap_is_refused_by_name_and_the_others_go_in(tmp_path, settings):
    settings.QUOTEBOOK_IMPORT_MAX_FILE_BYTES = 64 * 1024
    write(tmp_path / "a.txt", "Dredging to start\n\n" + TEXT)
    huge = write(tmp_path / "huge.txt", "Long\n\n" + "The council met again. " * 10_000)
    out, err, code = run(str(tmp_path), "--format", "txt", "--no-suggest")
    assert code == 1 and "Imported 1, skipped 0 as duplicates, failed 1." in out
    assert f"{huge}: cannot read: the file is larger than 65,536 bytes" in err
    assert list(Article.objects.values_list("title", flat=True)) == ["Dredging to start"]


@pytest.mark.django_db
def test_a_jsonl_line_over_the_cap_is_refused_with_its_number_and_the_lines_around_it_go_in(tmp_path, settings):
    settings.QUOTEBOOK_IMPORT_MAX_LINE_BYTES = 64 * 1024
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as file:
        file.write(json.dumps({"title": "Before", "text": TEXT}).encode() + b"\n")
        file.write(b'{"title": "Huge", "text": "' + b"x" * 4_000_000 + b'"}\n')
        file.write(json.dumps({"title": "After", "text": "Ferries keep running."}).encode() + b"\n")
    out, err, code = run(str(path), "--format", "jsonl", "--no-suggest")
    assert code == 1 and "Imported 2, skipped 0 as duplicates, failed 1." in out
    assert f"{path}:2: the line is longer than 65,536 bytes" in err
    assert sorted(Article.objects.values_list("title", flat=True)) == ["After", "Before"]


@pytest.mark.django_db
def test_saved_web_pages_come_in_with_their_metadata(tmp_path):
    from tests.imports.conftest import ARTICLE_PAGE

    page = ARTICLE_PAGE.replace("</head>", '<link rel="canonical" href="https://coast.example/dredging"></head>')
    write(tmp_path / "pages" / "dredging.html", page)
    out, _, code = run(str(tmp_path / "pages"), "--format", "html", "--no-suggest")
    assert code == 0 and "Imported 1" in out
    article = Article.objects.get()
    assert (article.title, article.byline, article.url) == (
        "Harbour to be dredged",
        "Ada Bell",
        "https://coast.example/dredging",
    )
    assert article.outlet.name == "Coast News" and article.text.startswith("Harbour master Lena Dahl said")


@pytest.mark.django_db
def test_urls_are_fetched_from_the_command_line_and_from_a_list(tmp_path, web_server, local_fetching):
    listing = write(tmp_path / "urls.txt", f"# today's\n{web_server}/article/a\n\n{web_server}/missing\nftp://x/y\n")
    out, err, code = run(f"{web_server}/article/b", str(listing), "--format", "url", "--no-suggest")
    assert code == 1 and "Imported 2, skipped 0 as duplicates, failed 2." in out
    assert f"{listing}:4 ({web_server}/missing): the server answered 404" in err
    assert f"{listing}:5 (ftp://x/y): only http and https" in err
    assert set(Article.objects.values_list("url", flat=True)) == {f"{web_server}/article/a", f"{web_server}/article/b"}


@pytest.mark.django_db
def test_urls_to_private_addresses_are_refused_by_default(web_server, settings):
    settings.QUOTEBOOK_FETCH_ALLOW_PRIVATE = False
    out, err, code = run(f"{web_server}/article/a", "--format", "url", "--no-suggest")
    assert code == 1 and "refused" in err and not Article.objects.exists()


def citron_document() -> dict:
    def span(words: str) -> dict:
        start = TEXT.index(words)
        return {"start": start, "end": start + len(words), "text": words}

    return {
        "text": TEXT,
        "quotes": [
            {
                "cue": span("said the"),
                "sources": [span("Harbour master Lena Dahl")],
                "contents": [span("the dredging would start in March")],
            },
            {"cue": span("said."), "sources": [span("Dahl")], "contents": [span('"It will take six weeks,"')]},
        ],
    }


@pytest.mark.django_db
def test_a_citron_file_round_trips_with_every_cue_source_and_content_kept(tmp_path):
    from annotations.formats.records import ArticleRecord, QuoteRecord, Span

    document = citron_document()
    path = write(tmp_path / "dredging.json", json.dumps(document))
    out, _, code = run(str(path), "--format", "citron", "--no-suggest")
    assert code == 0 and "Imported 1" in out
    article = Article.objects.get()
    quotes = list(article.quotes.in_text_order().prefetch_related("parts"))
    assert [(q.status, q.origin) for q in quotes] == [("confirmed", "import"), ("confirmed", "import")]
    assert [q.kind for q in quotes] == ["indirect", "direct"]
    # Written back out from the database, every quote's spans are what the file said.
    record = ArticleRecord(
        text=article.text,
        quotes=[
            QuoteRecord(
                parts=[Span(p.start, p.end) for p in q.parts.all()],
                cue=Span(q.cue_start, q.cue_end),
                mention=Span(q.mention_start, q.mention_end),
            )
            for q in quotes
        ],
    )
    written = json.loads(citron.encode(record))
    for original, again in zip(document["quotes"], written["quotes"], strict=True):
        assert (again["cue"], again["sources"], again["contents"]) == (
            original["cue"],
            original["sources"],
            original["contents"],
        )


@pytest.mark.django_db
def test_a_polnear_style_brat_folder_takes_the_first_annotators_file(tmp_path):
    write(tmp_path / "text" / "dredging.txt", TEXT)
    start = TEXT.index('"It will take six weeks,"')
    dahl = TEXT.index("Dahl said.")
    first = f"T1\tContent {start} {start + 25}\tx\nT2\tSource {dahl} {dahl + 4}\tDahl\nE1\tContent:T1 Source:T2\n"
    write(tmp_path / "attributions" / "dredging_aaaa.ann", first)
    write(tmp_path / "attributions" / "dredging_bbbb.ann", "T1\tContent 0 10\tHarbour ma\nE1\tContent:T1\n")
    out, _, code = run(str(tmp_path), "--format", "brat", "--no-suggest")
    assert code == 0 and "Imported 1" in out
    quote = Quote.objects.get()
    assert quote.content_text == '"It will take six weeks,"' and quote.kind == "direct"
    assert quote.mention_text == "Dahl"


@pytest.mark.django_db
def test_a_brat_span_outside_the_text_names_the_ann_file_and_line(tmp_path):
    write(tmp_path / "text" / "dredging.txt", TEXT)
    ann = write(tmp_path / "attributions" / "dredging_aaaa.ann", "T1\tContent 0 10\tHarbour ma\nT2\tCue 5 900\tx\n")
    out, err, code = run(str(tmp_path), "--format", "brat", "--no-suggest")
    assert code == 1 and f"{ann}:2: the span [5, 900) runs past the end" in err
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_imported_articles_get_suggestions_unless_told_not_to(tmp_path, django_capture_on_commit_callbacks):
    write(tmp_path / "a.txt", TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        out, _, code = run(str(tmp_path / "a.txt"), "--format", "txt")
    assert code == 0 and "Queued suggestions for 1 articles" in out
    article = Article.objects.get()
    assert article.status == Article.Status.SUGGESTED
    assert article.quotes.filter(status=Quote.Status.SUGGESTED).exists()


@pytest.mark.django_db
def test_a_missing_path_is_a_usage_error(tmp_path):
    _, err, code = run(str(tmp_path / "nowhere"), "--format", "txt")
    assert code == 2 and "no such file or folder" in err


def test_usage_errors_exit_with_status_2_from_the_shell(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "import_articles", str(tmp_path), "--format", "pdf"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "invalid choice: 'pdf'" in result.stderr
