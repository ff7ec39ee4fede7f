"""Two editors on one quote in two browsers: the second is refused and shown the first one's decision."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from annotations.models import Quote
from annotations.roles import EDITORS
from tests.factories import make_article, make_quote, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contexts(browser: Browser):
    opened = []
    yield opened
    for context in opened:
        context.close()


def editor_page(browser: Browser, contexts: list, live_server, username: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    contexts.append(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_it_refuses_the_second_editors_change_and_shows_the_first(browser, contexts, live_server):
    article = make_article()
    quote = make_quote(article, '"We are ready,"', confidence=0.9)
    make_user("anna", role=EDITORS)
    make_user("ben", role=EDITORS)
    anna = editor_page(browser, contexts, live_server, "anna")
    ben = editor_page(browser, contexts, live_server, "ben")
    for page in (anna, ben):
        page.goto(f"{live_server.url}/articles/{article.pk}/")

    anna.locator(f"#quote-{quote.pk}").get_by_role("button", name="Confirm").click()
    expect(anna.locator(f"#quote-{quote.pk}")).to_have_attribute("data-status", "confirmed")

    # Ben's page still shows the suggestion at the version he opened.
    ben_card = ben.locator(f"#quote-{quote.pk}")
    expect(ben_card).to_have_attribute("data-version", "1")
    ben_card.get_by_role("button", name="Reject").click()
    expect(ben_card.get_by_role("alert")).to_contain_text("Someone else changed this quote meanwhile")
    expect(ben_card).to_have_attribute("data-status", "confirmed")

    saved = Quote.objects.get(pk=quote.pk)
    assert (saved.status, saved.reviewed_by.username, saved.version) == (Quote.Status.CONFIRMED, "anna", 2)
