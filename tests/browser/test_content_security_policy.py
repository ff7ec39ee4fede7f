"""The Content-Security-Policy is on, and the pages work under it: htmx loads, actions swap, nothing is blocked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from annotations.models import Quote
from annotations.roles import EDITORS
from tests.factories import make_article, make_quote, make_user

pytestmark = pytest.mark.browser


def test_it_reviews_under_the_policy_and_the_policy_refuses_an_injected_inline_script(live_server, log_in, csp_blocked):
    make_user("ed", role=EDITORS)
    article = make_article()
    quote = make_quote(article, '"We are ready,"', confidence=0.9)
    page = log_in("ed")
    policy = page.goto(f"{live_server.url}/articles/{article.pk}/").headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert page.evaluate("typeof htmx") == "object"
    page.locator(f"#quote-{quote.pk} [data-action='confirm']").click()
    expect(page.locator(f"#quote-{quote.pk}")).to_have_attribute("data-status", "confirmed")
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.CONFIRMED
    assert csp_blocked == []
    # What an XSS payload would need: an inline script. The browser refuses to run it.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("window.pwned") is None
    page.wait_for_timeout(200)
    assert any("inline script" in text for text in csp_blocked), csp_blocked
    csp_blocked.clear()  # the one violation this test caused on purpose


def test_it_serves_the_admin_under_the_policy_without_anything_blocked(live_server, log_in, csp_blocked):
    make_user("boss", is_staff=True, is_superuser=True)
    article = make_article()
    quote = make_quote(article, '"We are ready,"', confidence=0.9)
    page = log_in("boss")
    for path in [
        "/admin/",
        "/admin/annotations/speaker/",
        "/admin/annotations/speaker/add/",
        f"/admin/annotations/quote/{quote.pk}/change/",
        f"/admin/annotations/article/{article.pk}/change/",
        f"/admin/annotations/quote/{quote.pk}/history/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    expect(page.locator("#content h1")).to_contain_text("Change history")
    assert csp_blocked == []
