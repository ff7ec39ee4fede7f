"""A person opens Quotebook in Chromium, logs in and reads the seed article."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from annotations.roles import RESEARCHERS
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_seed_article_with_its_quotes_highlighted(live_server, log_in):
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    make_user("reader", role=RESEARCHERS)
    page = log_in("reader")
    page.get_by_role("link", name="Putin ready to send delegation", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Putin")
    # The seed article's hand-checked gold is a reference, not work: no cards, no count, until asked for.
    expect(page.locator("#progress")).to_contain_text("0 of 0 reviewed")
    expect(page.locator(".article-text .hl-gold")).to_have_count(0)
    page.get_by_role("link", name="Compare with reference").click()
    expect(page.locator(".article-text .hl-gold").first).to_be_visible()
    expect(page.locator(".missing")).to_contain_text("Ned Price")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "article-page.png", full_page=False)
