"""Every control on the review page has an accessible name, as Chromium's accessibility tree reports it."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from annotations.models import Article
from annotations.roles import EDITORS
from annotations.suggest import suggest_articles
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTROLS = "button|textbox|searchbox|combobox|checkbox|spinbutton|link|listbox|option"
# An aria snapshot line for a control with no name: "- button" or "- combobox [expanded=false]".
UNNAMED = re.compile(rf"^\s*- ({CONTROLS})(\s*\[[^\]]*\])?:?\s*$", re.MULTILINE)


def test_it_names_every_control_on_the_review_page(live_server, log_in):
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    suggest_articles(Article.objects.all())
    make_user("editor", role=EDITORS)
    page = log_in("editor")
    page.goto(f"{live_server.url}/articles/1/")
    for details in page.locator("#review details").all():
        details.evaluate("d => d.open = true")
    page.keyboard.press("s")
    expect(page.locator("#speaker-dialog")).to_be_visible()
    page.keyboard.type("Pes")
    expect(page.locator(".speaker-option").first).to_be_visible()
    searching = page.locator("body").aria_snapshot()
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+S")
    expect(page.locator("#new-speaker-dialog")).to_be_visible()
    creating = page.locator("body").aria_snapshot()
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    snapshot = page.locator("body").aria_snapshot()
    assert '- button "Confirm"' in snapshot and 'combobox "Search speakers"' in searching
    assert 'textbox "Name"' in creating
    for tree in (snapshot, searching, creating):
        assert UNNAMED.findall(tree) == []
