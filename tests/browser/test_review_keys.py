"""The corrections that used to need the mouse, each from the keyboard in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Quote, Speaker
from annotations.roles import EDITORS
from tests.factories import make_article, make_quote, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused_id(page: Page) -> str:
    card = page.locator(".quote-card.is-focused")
    expect(card).to_have_count(1)
    return card.get_attribute("data-quote-id")


def test_it_adds_the_next_sentence_as_a_quote_and_focuses_it(live_server, log_in):
    article = make_article()
    quote = make_quote(article, "the talks would go ahead")
    make_user("editor", role=EDITORS)
    page = log_in("editor")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    assert focused_id(page) == str(quote.pk)
    page.keyboard.press("n")
    expect(page.locator(".quote-card")).to_have_count(2)
    added = Quote.objects.exclude(pk=quote.pk).get()
    assert added.content_text == '"We are ready," he said.'
    expect(page.locator(f"#quote-{added.pk}")).to_have_class("quote-card status-confirmed is-focused")
    # then its end moves a word left, by keyboard: "he said." leaves the quote
    page.keyboard.press("Shift+ArrowLeft")
    expect(page.locator(f"#quote-{added.pk} blockquote")).to_have_text('"We are ready," he said')
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    expect(page.locator(f"#quote-{added.pk} blockquote")).to_have_text('"We are ready,"')


def test_it_splits_joins_and_creates_the_proposed_speaker_from_the_keyboard(live_server, log_in):
    article = make_article()
    quote = make_quote(article, ('"We are ready,"', '"Minsk is the place."'), proposed_speaker_name="dmitry peskov")
    make_user("editor", role=EDITORS)
    page = log_in("editor")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    assert focused_id(page) == str(quote.pk)

    page.keyboard.press("/")
    expect(page.locator(".quote-card")).to_have_count(2)
    second = Quote.objects.exclude(pk=quote.pk).get()
    expect(page.locator(f"#quote-{second.pk}")).to_have_class("quote-card status-suggested is-focused")
    assert second.content_text == '"Minsk is the place."'

    page.keyboard.press("k")
    page.keyboard.press("+")
    expect(page.locator(f"#quote-{second.pk}")).to_have_attribute("data-status", "rejected")
    expect(page.locator(f"#quote-{quote.pk} blockquote")).to_have_text('"We are ready," … "Minsk is the place."')

    page.keyboard.press("Shift+S")
    name = page.get_by_label("Name")
    expect(name).to_have_value("Dmitry Peskov")
    page.keyboard.press("Enter")
    expect(page.locator(f"#quote-{quote.pk} .speaker")).to_have_text("Dmitry Peskov")
    assert Quote.objects.get(pk=quote.pk).speaker == Speaker.objects.get(name="Dmitry Peskov")


def test_it_lists_every_key_in_the_help(live_server, log_in):
    article = make_article()
    make_quote(article, "the talks would go ahead")
    make_user("editor", role=EDITORS)
    page = log_in("editor")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    page.keyboard.press("?")
    help_text = page.locator("#shortcuts").inner_text()
    for key in [
        "j",
        "k",
        "a",
        "x",
        "1",
        "2",
        "3",
        "c",
        "u",
        "m",
        "←",
        "→",
        "/",
        "+",
        "s",
        "S",
        "l",
        "n",
        "z",
        "d",
        "g",
    ]:
        assert f"{key}" in help_text
    for words in ["Split", "Join", "New speaker", "New quote", "Move the start", "Move its end", "Kind"]:
        assert words in help_text
