"""A researcher searches as they type, follows a result's speaker, and reads the dashboard, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from annotations.roles import RESEARCHERS
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_user
from tests.insight.corpus import news_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_updates_results_as_one_types_and_keeps_the_search_in_the_url(live_server, log_in):
    news_corpus()
    make_user("reader", role=RESEARCHERS)
    page = log_in("reader")
    page.get_by_role("link", name="Search", exact=True).click()
    expect(page.locator("#results")).to_contain_text("Type words")
    page.get_by_label("Words").press_sequentially("bridge", delay=40)
    # no button pressed: htmx asks once the typing pauses
    expect(page.locator("#results h2").first).to_have_text("2 quotes")
    expect(page.locator(".quote-result mark").first).to_be_visible()
    expect(page).to_have_url(
        f"{live_server.url}/search/?q=bridge&speaker=&outlet=&since=&until=&kind=&status=&verdict="
    )
    page.get_by_label("Speaker").fill("Diaz")
    expect(page.locator("#results h2").first).to_have_text("1 quote")
    page.locator(".quote-result").get_by_role("link", name="Cy Diaz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cy Diaz")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "speaker-page.png", full_page=True)


def test_it_draws_the_dashboard_and_opens_a_speaker_from_a_bar(live_server, log_in):
    corpus = news_corpus()
    make_user("reader", role=RESEARCHERS)
    page = log_in("reader")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.locator("#chart-speakers svg rect.bar")).to_have_count(4)
    page.locator("#chart-speakers summary").click()
    expect(page.locator("#chart-speakers table")).to_contain_text("Ann Lee")
    page.screenshot(path=ARTIFACTS / "dashboard.png", full_page=True)
    page.locator("#chart-speakers svg a").first.click()
    expect(page).to_have_url(f"{live_server.url}/speakers/{corpus['ann'].pk}/")
