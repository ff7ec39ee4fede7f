"""The corrections that used to need the mouse, each from the keyboard in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from annotations.models import Quote, Speaker
from annotations.roles import EDITORS
from tests.factories import TEXT, make_article, make_quote, make_speaker, make_user

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


def test_it_moves_a_boundary_a_phrase_at_a_time_and_links_the_proposed_name_with_two_keys(live_server, log_in):
    article = make_article(
        'Putin said the operation aims to "demilitarize" Ukraine while calling on the army to lay down its arms.'
    )
    quote = make_quote(
        article,
        'the operation aims to "demilitarize" Ukraine while calling on the army to lay down its arms',
        proposed_speaker_name="Putin",
    )
    putin = make_speaker("Vladimir Putin", aliases=("Putin",))
    make_user("editor", role=EDITORS)
    page = log_in("editor")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    assert focused_id(page) == str(quote.pk)
    blockquote = page.locator(f"#quote-{quote.pk} blockquote")

    # {: the end goes back to before "while", the clause the quote ran on into; }: forward again
    page.keyboard.press("{")
    expect(blockquote).to_have_text('the operation aims to "demilitarize" Ukraine')
    page.keyboard.press("}")
    expect(blockquote).to_have_text(
        'the operation aims to "demilitarize" Ukraine while calling on the army to lay down its arms'
    )
    # ]: the start jumps to the quotation mark; [: back to the sentence's first word
    page.keyboard.press("]")
    expect(blockquote).to_have_text('"demilitarize" Ukraine while calling on the army to lay down its arms')
    page.keyboard.press("[")
    expect(blockquote).to_have_text(
        'Putin said the operation aims to "demilitarize" Ukraine while calling on the army to lay down its arms'
    )

    # s opens the search with the proposed name already searched: Enter links the first match
    page.keyboard.press("s")
    expect(page.locator("#speaker-search")).to_have_value("Putin")
    expect(page.locator(".speaker-option").first).to_contain_text("Vladimir Putin")
    page.keyboard.press("Enter")
    expect(page.locator(f"#quote-{quote.pk} .speaker")).to_have_text("Vladimir Putin")
    assert Quote.objects.get(pk=quote.pk).speaker == putin


def test_it_bulk_confirms_from_the_keyboard_and_focuses_what_is_left_to_review(live_server, log_in):
    article = make_article()
    peskov = make_speaker()
    sure = [
        make_quote(article, '"We are ready,"', kind=Quote.Kind.DIRECT, confidence=0.95, speaker=peskov),
        make_quote(article, '"Minsk is the place."', kind=Quote.Kind.DIRECT, confidence=0.9, speaker=peskov),
    ]
    unsure = make_quote(article, "the talks would go ahead", kind=Quote.Kind.INDIRECT, confidence=0.6)
    assert TEXT.index("the talks") < TEXT.index('"We are')
    make_user("editor", role=EDITORS)
    page = log_in("editor")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    page.keyboard.press("j")  # focus on a sure one, which the bulk confirm decides
    assert focused_id(page) == str(sure[0].pk)

    page.keyboard.press("Shift+A")
    listed = page.locator("#bulk-preview .bulk-list li")
    expect(listed).to_have_count(2)
    expect(listed.first).to_contain_text("Dmitry Peskov")
    expect(page.locator('#bulk-preview [data-action="bulk-confirm"]')).to_be_focused()
    page.keyboard.press("Enter")
    for quote in sure:
        expect(page.locator(f"#quote-{quote.pk}")).to_have_attribute("data-status", "confirmed")
    expect(page.locator("#bulk-preview .bulk-list")).to_have_count(0)
    # the focus goes to the quote still to review: one key decides it
    expect(page.locator(f"#quote-{unsure.pk}")).to_have_class(re.compile(r"\bis-focused\b"))
    assert Quote.objects.get(pk=unsure.pk).status == Quote.Status.SUGGESTED

    # R lists what is below the confidence set (0.5 by default: nothing), and nothing is rejected
    page.keyboard.press("Shift+R")
    expect(page.locator("#bulk-preview")).to_contain_text("No suggestion qualifies.")
    assert Quote.objects.get(pk=unsure.pk).status == Quote.Status.SUGGESTED


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
        "[",
        "]",
        "{",
        "}",
        "A",
        "R",
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
    for words in [
        "Split",
        "Join",
        "New speaker",
        "New quote",
        "Move the start",
        "Move its end",
        "a phrase",
        "Bulk confirm",
        "Bulk reject",
        "Kind",
    ]:
        assert words in help_text
