"""An editor reviews the seed article from the keyboard in Chromium, and every change survives a reload."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from annotations.models import Article, Claim, Quote
from annotations.roles import EDITORS
from annotations.suggest import suggest_articles
from tests.browser.conftest import ARTIFACTS
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Puts the browser's selection over the first occurrence of `needle` in the article text,
# the way an editor drags the mouse over words.
SELECT_TEXT = """(needle) => {
  const root = document.getElementById("article-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const at = text.indexOf(needle);
  if (at < 0) throw new Error("not in the article: " + needle);
  const locate = (offset) => {
    for (const [node, base] of nodes) if (offset <= base + node.data.length) return [node, offset - base];
  };
  const range = document.createRange();
  range.setStart(...locate(at));
  range.setEnd(...locate(at + needle.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


def focused_card(page: Page):
    card = page.locator(".quote-card.is-focused")
    expect(card).to_have_count(1)
    return page.locator(f"#quote-{card.get_attribute('data-quote-id')}")


@pytest.fixture
def seed_with_suggestions(db):
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    article = Article.objects.get(pk=1)
    suggest_articles([article])
    assert article.quotes.filter(status=Quote.Status.SUGGESTED).count() >= 3
    make_user("editor", role=EDITORS)
    return article


def test_it_reviews_the_seed_article_from_the_keyboard(live_server, log_in, seed_with_suggestions):
    article = seed_with_suggestions
    page = log_in("editor")
    page.goto(f"{live_server.url}/articles/{article.pk}/")

    # One key confirms the suggestion the page opens on; focus moves to the next one.
    first = focused_card(page)
    assert first.get_attribute("data-status") == "suggested"
    confirmed_id = first.get_attribute("data-quote-id")
    page.keyboard.press("a")
    expect(page.locator(f"#quote-{confirmed_id}")).to_have_attribute("data-status", "confirmed")
    expect(page.locator(".quote-card.is-focused")).not_to_have_attribute("data-quote-id", confirmed_id)

    # Correct a boundary: a sloppy selection snaps to whole words and becomes the content.
    corrected_id = str(
        article.quotes.exclude(origin=Quote.GOLD_ORIGIN)
        .get(parts__start=article.text.index("he is ready to send a delegation"))
        .pk
    )
    corrected = page.locator(f"#quote-{corrected_id}")
    corrected.focus()
    page.evaluate(SELECT_TEXT, "e is ready to send a delegation to Mins")
    page.keyboard.press("c")
    expect(page.get_by_role("button", name="Undo set content")).to_be_visible()
    expect(corrected.locator("blockquote")).to_have_text("he is ready to send a delegation to Minsk")

    # Relink the speaker: s, type, Enter.
    page.keyboard.press("s")
    page.keyboard.type("Peskov")
    expect(page.get_by_role("option", name="Dmitry Peskov")).to_be_visible()
    page.keyboard.press("Enter")
    expect(corrected.locator(".speaker")).to_have_text("Dmitry Peskov")
    _save_screenshot(page)

    # Reject the next suggestion, then undo that rejection.
    page.locator(f"#quote-{corrected_id}").focus()
    page.keyboard.press("j")
    rejected = focused_card(page)
    rejected_id = rejected.get_attribute("data-quote-id")
    rejected_version = int(rejected.get_attribute("data-version"))
    page.keyboard.press("x")
    expect(page.locator(f"#quote-{rejected_id}")).to_have_attribute("data-status", "rejected")
    page.keyboard.press("z")
    expect(page.locator(f"#quote-{rejected_id}")).to_have_attribute("data-status", "suggested")

    # A fact-check claim on the confirmed quote.
    page.locator(f"#quote-{confirmed_id}").focus()
    claim_form = page.locator("#claim-form")
    claim_form.get_by_role("button", name="Use the focused quote").click()
    claim_form.get_by_label("Statement").fill("Putin is ready to send a delegation to Minsk.")
    claim_form.get_by_label("Verdict").select_option(label="Unverifiable")
    claim_form.get_by_label("Rationale").fill("Only the Kremlin's statement is on record.")
    claim_form.get_by_role("button", name="Add claim").click()
    expect(page.locator("#claims")).to_contain_text("Putin is ready to send a delegation to Minsk.")

    # Everything survives a reload, and the database says the same.
    page.reload()
    expect(page.locator(f"#quote-{confirmed_id}")).to_have_attribute("data-status", "confirmed")
    expect(page.locator(f"#quote-{corrected_id} blockquote")).to_have_text("he is ready to send a delegation to Minsk")
    expect(page.locator(f"#quote-{corrected_id} .speaker")).to_have_text("Dmitry Peskov")
    expect(page.locator(f"#quote-{rejected_id}")).to_have_attribute("data-status", "suggested")
    expect(page.locator("#claims")).to_contain_text("Putin is ready to send a delegation to Minsk.")

    assert Quote.objects.get(pk=confirmed_id).reviewed_by.username == "editor"
    assert Quote.objects.get(pk=confirmed_id).review_seconds is not None
    corrected_quote = Quote.objects.get(pk=corrected_id)
    assert corrected_quote.speaker.name == "Dmitry Peskov"
    assert corrected_quote.content_text == "he is ready to send a delegation to Minsk"
    undone = Quote.objects.get(pk=rejected_id)
    assert undone.status == Quote.Status.SUGGESTED and undone.version > rejected_version
    claim = Claim.objects.get(statement="Putin is ready to send a delegation to Minsk.")
    assert (claim.quote_id, claim.verdict) == (int(confirmed_id), Claim.Verdict.UNVERIFIABLE)


def _save_screenshot(page: Page) -> None:
    """The review page as the README shows it; QUOTEBOOK_SCREENSHOT names where (make screenshot)."""
    target = Path(os.environ.get("QUOTEBOOK_SCREENSHOT", ARTIFACTS / "review-page.png"))
    target.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#quote-list").evaluate("list => list.closest('aside').scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=target)
