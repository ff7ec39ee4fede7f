"""An editor pastes an article; its suggestions arrive from a real worker without a reload; one key confirms one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from annotations.models import Article, Quote
from annotations.roles import EDITORS
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_user
from tests.imports.test_db_worker import DATABASE_BACKEND, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Harbour master Lena Dahl said the dredging would start in March.\n\n"
    '"It will take six weeks," Dahl said. "The ferries will keep running."'
)


def test_a_pasted_article_gets_its_suggestions_without_a_reload(live_server, log_in, settings):
    settings.TASKS = DATABASE_BACKEND  # queued for a worker, as in production
    make_user("editor", role=EDITORS)
    page = log_in("editor")

    page.locator(".queue-head").get_by_role("link", name="Add articles").click()
    page.get_by_label("Title").fill("Harbour to be dredged")
    page.get_by_label("Text").fill(TEXT)
    page.get_by_label("Outlet").fill("coast.example")
    page.get_by_role("button", name="Add and review").click()

    article = Article.objects.get()
    page.wait_for_url(f"{live_server.url}/articles/{article.pk}/")
    expect(page.locator("#suggestions-pending")).to_be_visible()
    expect(page.locator(".quote-card")).to_have_count(0)
    # Anything a reload would wipe out proves there was none.
    page.evaluate("window.stillTheSamePage = true")

    result = run_worker()
    assert result.returncode == 0, result.stderr[-2000:]

    expect(page.locator(".quote-card")).to_have_count(2, timeout=15_000)
    expect(page.locator("#suggestions-pending")).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage") is True
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "add-article-suggestions.png", full_page=True)

    if page.locator(".quote-card.is-focused").count() == 0:
        page.keyboard.press("j")
    focused = page.locator(".quote-card.is-focused")
    expect(focused).to_have_count(1)
    quote_id = focused.get_attribute("data-quote-id")
    page.keyboard.press("a")
    expect(page.locator(f"#quote-{quote_id}")).to_have_attribute("data-status", "confirmed")
    quote = Quote.objects.get(pk=quote_id)
    assert quote.status == Quote.Status.CONFIRMED and quote.reviewed_by.username == "editor"


def test_an_upload_shows_its_progress_and_each_failure(live_server, log_in, settings, tmp_path):
    settings.TASKS = DATABASE_BACKEND
    make_user("editor", role=EDITORS)
    page = log_in("editor")
    (tmp_path / "dredging.txt").write_text("Harbour to be dredged\n\n" + TEXT)
    (tmp_path / "broken.jsonl").write_text(
        '{"text": "Ferries keep running, the council said."}\n{"title": "no text"}\n'
    )
    page.goto(f"{live_server.url}/articles/add/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "add-articles.png", full_page=True)
    page.locator("#id_files").set_input_files([tmp_path / "dredging.txt", tmp_path / "broken.jsonl"])
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#batch-progress")).to_contain_text("1 of 3 done")  # the bad line failed on reading
    page.evaluate("window.stillTheSamePage = true")

    assert run_worker().returncode == 0

    progress = page.locator("#batch-progress")
    expect(progress).to_contain_text("3 of 3 done", timeout=15_000)
    expect(progress).to_contain_text("2 imported")
    expect(progress).to_contain_text("broken.jsonl:2")
    expect(progress).to_contain_text("the article has no text")
    assert page.evaluate("window.stillTheSamePage") is True
    page.screenshot(path=ARTIFACTS / "import-batch.png", full_page=True)
    page.reload()
    expect(page.locator("#batch-progress")).to_contain_text("3 of 3 done")
    page.get_by_role("link", name="Harbour to be dredged").click()
    expect(page.locator("h1")).to_have_text("Harbour to be dredged")
