"""The review page in Chromium: when the article text shows, and when a long article answers keys.

Starts gunicorn (DEBUG off) on a fresh PostgreSQL database, logs an editor in,
and loads each page 10 times after a warm-up, printing medians:
- text visible: first contentful paint (the article text is the page's first content), ms after navigation;
- keys answered: ms after navigation until the page has run its script, is free, and `j` moved the focus.

    .venv/bin/python benchmarks/review_browser.py [--loads 10]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load_review import start_gunicorn  # noqa: E402
from benchmarks.review_data import LONG_SENTENCE, MODEL_BACKEND, article_with_quotes, recreate_database, setup_django  # noqa: E402

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quotebook_browser")
CHROMIUM = os.environ.get("QUOTEBOOK_CHROMIUM", "/usr/bin/chromium")

KEY_ANSWERED = """async () => {
  const before = document.querySelector('.quote-card.is-focused')?.dataset.quoteId;
  document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}));
  const after = document.querySelector('.quote-card.is-focused')?.dataset.quoteId;
  if (before === after) throw new Error('j did not move the focus');
  return performance.now();
}"""


# A fast page can reach "load" before Chromium has painted it: wait for the paint entry rather than read none.
FIRST_CONTENTFUL_PAINT = """() => new Promise((resolve) => {
  const seen = (entries) => entries.find((entry) => entry.name === 'first-contentful-paint');
  const now = seen(performance.getEntriesByType('paint'));
  if (now) return resolve(now.startTime);
  new PerformanceObserver((list, observer) => {
    const entry = seen(list.getEntries());
    if (entry) { observer.disconnect(); resolve(entry.startTime); }
  }).observe({type: 'paint', buffered: true});
})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8198")))
    args = parser.parse_args()

    import benchmarks.load_review as load

    load.DATABASE_URL = DATABASE_URL
    recreate_database(DATABASE_URL)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    setup_django(DATABASE_URL)
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from annotations.roles import EDITORS
    from tests.factories import make_user

    editor = make_user("browser-editor", role=EDITORS)
    client = Client()
    client.force_login(editor, backend=MODEL_BACKEND)
    session = client.cookies["sessionid"].value
    pages = {"100 quotes": article_with_quotes(100), "1,000 quotes": article_with_quotes(1000, LONG_SENTENCE)}

    server = start_gunicorn(args.port, 2)
    base = f"http://127.0.0.1:{args.port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
            page = context.new_page()
            print(f"Chromium {browser.version}, gunicorn on {base}, median of {args.loads} warm loads")
            for label, article in pages.items():
                url = f"{base}/articles/{article.pk}/"
                page.goto(url)  # warm: static files cached, server templates loaded
                painted, answered = [], []
                for _ in range(args.loads):
                    page.goto(url, wait_until="domcontentloaded")
                    answered.append(page.evaluate(KEY_ANSWERED))
                    page.wait_for_load_state("load")
                    painted.append(page.evaluate(FIRST_CONTENTFUL_PAINT))
                print(
                    f"{label:14} text visible {statistics.median(painted):6.0f} ms   "
                    f"keys answered {statistics.median(answered):6.0f} ms after navigation"
                )
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
