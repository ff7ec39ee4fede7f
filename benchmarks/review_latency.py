"""Server time of the review page with 100 quotes and of a confirm request, on PostgreSQL.

Runs Django in-process (the test client: middleware, views, templates and
database round trips, no network) against a fresh database, 200 requests each,
and prints median and p95 in milliseconds.

    .venv/bin/python benchmarks/review_latency.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/quotebook_bench .venv/bin/python benchmarks/review_latency.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quotebook_bench")
REQUESTS = 200
QUOTES_ON_PAGE = 100


def recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def article_with_quotes(count: int):
    from annotations.models import Article, Quote, QuotePart, Speaker

    sentence = 'The minister said "the plan will work" on Monday. '
    article = Article.objects.create(title=f"Benchmark with {count} quotes", text=sentence * count)
    speaker = Speaker.objects.create(name="A Minister")
    for i in range(count):
        offset = i * len(sentence)
        quote = Quote.objects.create(
            article=article,
            speaker=speaker,
            confidence=0.9,
            mention_start=offset + 4,
            mention_end=offset + 12,
            cue_start=offset + 13,
            cue_end=offset + 17,
        )
        QuotePart.objects.create(quote=quote, start=offset + 18, end=offset + 37)
    return article


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def timed(call) -> float:
    started = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code >= 400:
        raise SystemExit(f"benchmark request failed with {response.status_code}: {response.content[:300]!r}")
    return elapsed


def main() -> None:
    recreate_database(DATABASE_URL)
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from annotations.models import Quote
    from annotations.roles import EDITORS
    from tests.factories import make_user

    call_command("migrate", verbosity=0)
    editor = make_user("bench-editor", role=EDITORS)
    client = Client()
    client.force_login(editor)

    page_article = article_with_quotes(QUOTES_ON_PAGE)
    page_url = reverse("annotations:article_detail", args=[page_article.pk])
    timed(lambda: client.get(page_url))  # warm caches and template loading
    page_ms = [timed(lambda: client.get(page_url)) for _ in range(REQUESTS)]

    confirm_article = article_with_quotes(REQUESTS)
    confirm_ms = []
    for quote in Quote.objects.filter(article=confirm_article).order_by("pk"):
        url = reverse("annotations:quote_confirm", args=[confirm_article.pk, quote.pk])
        data = {"version": quote.version, "seconds": "2.5"}
        confirm_ms.append(timed(lambda url=url, data=data: client.post(url, data, headers={"HX-Request": "true"})))

    print(f"database: {django.db.connection.vendor} ({DATABASE_URL.rsplit('@', 1)[-1]})")
    for label, samples in [
        (f"review page, {QUOTES_ON_PAGE} quotes", page_ms),
        ("confirm (htmx)", confirm_ms),
    ]:
        median, p95 = percentiles(samples)
        print(f"{label:28} n={len(samples)}  median {median:6.1f} ms  p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
