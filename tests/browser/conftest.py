"""A real Chromium, driven by Playwright against pytest-django's live server.

Debian's /usr/bin/chromium is used where it exists (make test installs it as
root); QUOTEBOOK_CHROMIUM overrides it, and without either Playwright's own
Chromium is launched. A missing browser fails the tests, never skips them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("QUOTEBOOK_CHROMIUM")
    if configured:
        return configured
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def browser() -> Browser:
    # Playwright's sync API runs an event loop in this thread; Django's ORM,
    # used by the test itself for setup and checks, would otherwise refuse.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def csp_blocked() -> list[str]:
    """What the Content-Security-Policy blocked on the test's page; anything left in it fails the test."""
    return []


@pytest.fixture
def page(browser: Browser, request, csp_blocked: list[str]) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(10_000)

    # The Content-Security-Policy is on in every browser test: anything it blocks fails the test.
    def note(message) -> None:
        if "Content Security Policy" in message.text:
            csp_blocked.append(message.text)

    page.on("console", note)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert not csp_blocked, f"The Content-Security-Policy blocked: {csp_blocked}"


@pytest.fixture(autouse=True)
def role_groups(transactional_db):
    """The groups come from a data migration, and a transactional test's flush empties them; recreate them."""
    from django.contrib.auth.models import Group, Permission

    from annotations.roles import create_role_groups

    create_role_groups(Group, Permission)


@pytest.fixture
def log_in(live_server, page: Page):
    def log_in_as(username: str, password: str = "pw") -> Page:
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return log_in_as
