"""Server time and size of the review page and of each review action, on PostgreSQL.

Runs Django in-process (the test client: middleware, views, templates and
database round trips, no network; DEBUG off) against a fresh database, and
prints median and p95 in milliseconds with the median size of the answer.

    .venv/bin/python benchmarks/review_latency.py [--requests 200] [--big-requests 200]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/quotebook_bench .venv/bin/python benchmarks/review_latency.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.review_data import (  # noqa: E402
    LONG_SENTENCE,
    MODEL_BACKEND,
    article_with_quotes,
    percentiles,
    recreate_database,
    setup_django,
)

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quotebook_bench")
HX = {"HX-Request": "true"}


class Timer:
    def __init__(self) -> None:
        self.rows: list[tuple[str, list[float], list[int]]] = []

    def run(self, label: str, calls) -> None:
        times, cpu, sizes = [], [], []
        for call in calls:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = call()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            if response.status_code >= 400:
                raise SystemExit(f"{label}: request failed with {response.status_code}: {response.content[:300]!r}")
            sizes.append(len(response.content))
        self.rows.append((label, times, sizes, cpu))
        self.print_row(self.rows[-1])

    @staticmethod
    def print_row(row) -> None:
        label, times, sizes, cpu = row
        median, p95 = percentiles(times)
        cpu_median, cpu_p95 = percentiles(cpu)
        size = statistics.median(sizes) / 1024
        print(
            f"{label:40} n={len(times):4}  median {median:6.1f} ms  p95 {p95:6.1f} ms"
            f"  (Django CPU {cpu_median:5.1f} / {cpu_p95:5.1f} ms)  {size:7.1f} KB",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per measurement")
    parser.add_argument("--big-requests", type=int, default=200, help="requests for the 1,000-quote page")
    args = parser.parse_args()
    n = args.requests

    recreate_database(DATABASE_URL)
    setup_django(DATABASE_URL)
    import django
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from annotations.models import Quote, Speaker
    from annotations.roles import EDITORS
    from tests.factories import make_user

    editor = make_user("bench-editor", role=EDITORS)
    client = Client()
    client.force_login(editor, backend=MODEL_BACKEND)
    timer = Timer()
    print(f"database: {django.db.connection.vendor} ({DATABASE_URL.rsplit('@', 1)[-1]}), DEBUG off", flush=True)
    # Wall time includes waiting for a CPU on a shared machine; the CPU time of this process (Django, templates,
    # the database driver; not PostgreSQL's own work) says what the code costs whatever else runs.
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)

    page = article_with_quotes(100)
    page_url = reverse("annotations:article_detail", args=[page.pk])
    client.get(page_url)  # warm caches and template loading
    timer.run("review page, 100 quotes", (lambda: client.get(page_url) for _ in range(n)))

    big = article_with_quotes(1000, LONG_SENTENCE)
    big_url = reverse("annotations:article_detail", args=[big.pk])
    timer.run(
        f"review page, 1,000 quotes, {len(big.text) // 1000} kB text",
        (lambda: client.get(big_url) for _ in range(args.big_requests)),
    )

    article = article_with_quotes(n)
    quotes = list(Quote.objects.filter(article=article).order_by("pk"))

    def post(name: str, quote: Quote | None, data: dict):
        args_ = [article.pk, quote.pk] if quote is not None else [article.pk]
        url = reverse(f"annotations:{name}", args=args_)
        return lambda: client.post(url, data, headers=HX)

    def each_quote(name: str, data):
        for quote in quotes:
            quote.refresh_from_db(fields=["version"])
            yield post(name, quote, {"version": quote.version, "seconds": "2.5", **data(quote)})

    timer.run("confirm (htmx)", each_quote("quote_confirm", lambda q: {}))
    timer.run("reject (htmx)", each_quote("quote_reject", lambda q: {}))
    other = Speaker.objects.create(name="Another Minister")
    timer.run("link speaker (htmx)", each_quote("quote_link_speaker", lambda q: {"speaker": other.pk}))
    try:
        reverse("annotations:quote_move", args=[article.pk, quotes[0].pk])
        move = ("quote_move", lambda q: {"role": "content", "edge": "end", "step": "-1"})
    except NoReverseMatch:  # before word-by-word moves existed: the same change as a span
        move = (
            "quote_set_span",
            lambda q: {"role": "content", "start": q.parts.first().start, "end": q.parts.first().end - 6},
        )  # noqa: E501
    timer.run("boundary move (htmx)", each_quote(*move))
    step = len(article.text) // n  # one sentence
    timer.run(
        "new quote (htmx)",
        (post("quote_add", None, {"start": i * step + 38, "end": i * step + 48, "kind": "indirect"}) for i in range(n)),
    )
    timer.run("undo (htmx)", (post("undo", None, {}) for _ in range(n)))

    print()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print("| request | median | p95 | Django CPU median / p95 | size |")
    print("| --- | --- | --- | --- | --- |")
    for label, times, sizes, cpu in timer.rows:
        median, p95 = percentiles(times)
        cpu_median, cpu_p95 = percentiles(cpu)
        size = statistics.median(sizes) / 1024
        print(f"| {label} | {median:.0f} ms | {p95:.0f} ms | {cpu_median:.0f} / {cpu_p95:.0f} ms | {size:.1f} KB |")


if __name__ == "__main__":
    main()
