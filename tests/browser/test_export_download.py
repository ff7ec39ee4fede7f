"""A researcher opens the export page from the nav in Chromium and downloads the seed article's gold layer."""

from __future__ import annotations

import csv
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from annotations.roles import RESEARCHERS
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_downloads_the_gold_layer_as_csv_and_brat(live_server, log_in, tmp_path):
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    make_user("reader", role=RESEARCHERS)
    page = log_in("reader")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Export").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export the corpus")
    page.get_by_label("Origin").select_option("gold")
    page.get_by_role("button", name="Count articles").click()
    expect(page.get_by_role("status")).to_contain_text("1 article matches")
    page.get_by_label("CSV: one quote per row").check()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "export-page.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows and {row["origin"] for row in rows} == {"gold"}
    assert any(row["speaker"] == "Ned Price" for row in rows)

    page.get_by_label("brat: text/ and attributions/ (zip)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["text/article-1.txt", "attributions/article-1.ann"]
