from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annotations.models import Article, ImportBatch, ImportItem, Quote
from tests.factories import make_article

TEXT = 'Harbour master Lena Dahl said the dredging would start in March.\n"It will take six weeks," Dahl said.'
ADD = reverse("annotations:article_add")
PASTE = reverse("annotations:article_paste")
UPLOAD = reverse("annotations:article_upload")
URLS = reverse("annotations:article_urls")


def zip_of(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


@pytest.mark.django_db
def test_editors_see_the_page_and_the_queue_links_to_it(editor_client):
    assert editor_client.get(ADD).status_code == 200
    assert ADD in editor_client.get(reverse("annotations:article_list")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["researcher", "fact_checker"])
def test_researchers_and_fact_checkers_are_refused(client, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(ADD).status_code == 403
    assert client.post(PASTE, {"title": "T", "text": TEXT}).status_code == 403
    assert client.post(URLS, {"urls": "https://example.com/a"}).status_code == 403
    assert ADD not in client.get(reverse("annotations:article_list")).content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(ADD)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.post(PASTE, {"title": "T", "text": TEXT}).status_code == 302
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_pasted_article_is_created_suggested_and_opened_for_review(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            PASTE,
            {"title": "Dredging", "text": TEXT, "outlet": "coast.example", "url": "https://coast.example/d"},
        )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "annotations:article_detail", args=[article.pk]
    )
    assert (article.title, article.outlet.domain, article.url) == (
        "Dredging",
        "coast.example",
        "https://coast.example/d",
    )
    assert article.quotes.filter(status=Quote.Status.SUGGESTED).count() == 2
    assert article.history.last().history_user.username == "editor"


@pytest.mark.django_db
def test_a_pasted_duplicate_is_refused_with_a_link_to_the_article_already_here(editor_client):
    existing = make_article(TEXT, title="Dredging")
    response = editor_client.post(PASTE, {"title": "Again", "text": TEXT})
    assert response.status_code == 400
    assert reverse("annotations:article_detail", args=[existing.pk]) in response.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_paste_without_text_or_with_a_bad_url_is_shown_in_the_form(editor_client):
    response = editor_client.post(PASTE, {"title": "Empty", "text": "   ", "url": "not a url", "outlet": "Coast News"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html or "The article has no text." in html
    assert "Enter a valid URL." in html and "given by its domain" in html
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_upload_of_files_and_a_zip_is_imported_as_a_batch_with_each_result(
    editor_client, django_capture_on_commit_callbacks
):
    jsonl = "\n".join([json.dumps({"text": "Ferries keep running, the council said."}), "{oops"]).encode()
    files = [
        SimpleUploadedFile("dredging.txt", ("Dredging soon\n\n" + TEXT).encode()),
        SimpleUploadedFile("more.zip", zip_of(**{"day2__a.jsonl": jsonl, "day2__bad.txt": b"\xff"})),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(UPLOAD, {"files": files, "format": "auto", "suggest": "on"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("annotations:import_batch", args=[batch.pk])
    states = dict(batch.items.values_list("source", "state"))
    assert states == {
        "dredging.txt": ImportItem.State.IMPORTED,
        "more.zip/day2/a.jsonl:1": ImportItem.State.IMPORTED,
        "more.zip/day2/a.jsonl:2": ImportItem.State.FAILED,
        "more.zip/day2/bad.txt": ImportItem.State.FAILED,
    }
    page = editor_client.get(response["Location"]).content.decode()
    assert "3 of 4" not in page and "4 of 4" in page and "2 imported" in page and "2 failed" in page
    assert "invalid JSON" in page and "not valid UTF-8" in page
    dredging = Article.objects.get(title="Dredging soon")
    assert reverse("annotations:article_detail", args=[dredging.pk]) in page
    assert dredging.quotes.exists()  # suggested after the import


@pytest.mark.django_db
def test_an_uploaded_jsonl_line_over_the_cap_is_reported_and_the_lines_around_it_go_in(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.QUOTEBOOK_IMPORT_MAX_LINE_BYTES = 64 * 1024
    huge = b'{"text": "' + b"x" * 4_000_000 + b'"}'
    lines = [json.dumps({"text": "Ferries keep running."}).encode(), huge, json.dumps({"text": TEXT}).encode()]
    files = [SimpleUploadedFile("day.jsonl", b"\n".join(lines))]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(UPLOAD, {"files": files, "format": "auto"})
    batch = ImportBatch.objects.get()
    assert dict(batch.items.values_list("source", "state")) == {
        "day.jsonl:1": ImportItem.State.IMPORTED,
        "day.jsonl:2": ImportItem.State.FAILED,
        "day.jsonl:3": ImportItem.State.IMPORTED,
    }
    page = editor_client.get(response["Location"]).content.decode()
    assert "the line is longer than 65,536 bytes" in page
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_an_upload_past_the_size_cap_is_refused_with_the_limit(editor_client, settings):
    settings.QUOTEBOOK_UPLOAD_MAX_BYTES = 1000
    response = editor_client.post(UPLOAD, {"files": [SimpleUploadedFile("big.txt", b"x" * 2000)], "format": "auto"})
    assert response.status_code == 400
    assert "the limit is 1000\xa0bytes" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_an_upload_of_an_unknown_kind_of_file_is_reported_not_crashed_on(editor_client):
    response = editor_client.post(UPLOAD, {"files": [SimpleUploadedFile("a.pdf", b"%PDF")], "format": "auto"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.items.get().state == ImportItem.State.FAILED
    assert "not a format Quotebook reads" in batch.items.get().message


@pytest.mark.django_db
def test_a_url_list_is_fetched_in_the_background(
    editor_client, web_server, local_fetching, django_capture_on_commit_callbacks
):
    urls = f"{web_server}/article/1\n# skip me\n{web_server}/nothing-here\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(URLS, {"urls": urls, "outlet": "coast.example"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    items = list(batch.items.order_by("position"))
    assert [(i.source, i.state) for i in items] == [
        (f"{web_server}/article/1", ImportItem.State.IMPORTED),
        (f"{web_server}/nothing-here", ImportItem.State.FAILED),
    ]
    assert items[1].message == "the server answered 404"
    assert items[0].article.outlet.name == "Coast News"


@pytest.mark.django_db
def test_an_empty_url_list_is_an_error_in_the_form(editor_client):
    response = editor_client.post(URLS, {"urls": "# nothing\n\n"})
    assert response.status_code == 400 and "List at least one URL." in response.content.decode()


@pytest.mark.django_db
def test_the_batch_page_polls_while_items_wait_and_stops_when_done(editor_client, editor):
    from annotations.corpus.batches import create_batch
    from annotations.corpus.sources import from_upload

    batch = create_batch(editor=editor, fmt="txt", entries=from_upload([("a.txt", TEXT.encode())]))
    url = reverse("annotations:import_batch", args=[batch.pk])
    waiting = editor_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "0 of 1" in waiting and "<html" not in waiting
    from annotations.tasks import import_batch_task

    import_batch_task.call(batch.pk)
    done = editor_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' not in done and "1 of 1" in done and "1 imported" in done


@pytest.mark.django_db
def test_the_review_page_waits_for_suggestions_then_shows_them(editor_client, django_assert_max_num_queries):
    article = make_article(TEXT)
    page = editor_client.get(reverse("annotations:article_detail", args=[article.pk])).content.decode()
    status_url = reverse("annotations:suggestion_status", args=[article.pk])
    assert status_url in page and "suggestions appear here when ready" in page
    waiting = editor_client.get(status_url, headers={"HX-Request": "true"})
    assert 'id="suggestions-pending"' in waiting.content.decode() and "HX-Retarget" not in waiting
    from annotations.suggest import suggest_articles

    suggest_articles([article])
    ready = editor_client.get(status_url, headers={"HX-Request": "true"})
    assert ready["HX-Retarget"] == "#review" and ready["HX-Reswap"] == "outerHTML"
    html = ready.content.decode()
    assert 'id="review"' in html and "suggestions-pending" not in html and "2 suggested" in html


@pytest.mark.django_db
def test_the_queue_shows_which_articles_wait_for_suggestions(editor_client):
    make_article(TEXT, title="Waiting one")
    make_article(TEXT + " Done.", title="Suggested one", suggester_version="en_core_web_sm-3.8.0+quotes-0.2.1")
    html = editor_client.get(reverse("annotations:article_list")).content.decode()
    assert html.count("waiting for suggestions</span>") == 1
