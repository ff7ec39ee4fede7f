"""Simulated editors reviewing at once against gunicorn and PostgreSQL, then a check that no change was lost.

Each editor opens an article of their own and, for the set time, confirms,
rejects, relinks, moves boundaries, adds quotes and undoes, as fast as the
server answers. Afterwards every change the server confirmed (the card it
answered with: status and version) is compared with the database.

    .venv/bin/python benchmarks/load_review.py                       # 20 editors, 60 s, gunicorn with 4 workers
    .venv/bin/python benchmarks/load_review.py --editors 5 --seconds 10
    .venv/bin/python benchmarks/load_review.py --url http://127.0.0.1:8000 --reuse   # a server already running
        (--reuse: the database named by BENCH_DATABASE_URL is used as it is, and must be the server's)

Prints requests per second, p50/p95 per action, and the 4xx/5xx counts; exits 1 on
any 5xx or lost change. BENCH_DATABASE_URL names the database (recreated unless --reuse).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import string
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.review_data import (  # noqa: E402
    MODEL_BACKEND,
    SENTENCE,
    article_with_quotes,
    percentiles,
    recreate_database,
    setup_django,
)

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quotebook_load")
CARD = re.compile(r'id="quote-(\d+)" data-quote-id="\d+" data-version="(\d+)" data-status="(\w+)"')
# What an editor does, and how often: mostly decisions, some corrections.
ACTIONS = [("confirm", 40), ("reject", 15), ("link speaker", 15), ("boundary move", 15), ("new quote", 5), ("undo", 5)]
ACTIONS += [("open page", 5)]


class Editor(threading.Thread):
    def __init__(self, host: str, port: int, cookie: str, csrf: str, article: dict, until: float, seed: int):
        super().__init__(daemon=True)
        self.host, self.port, self.article, self.until = host, port, article, until
        self.headers = {"Cookie": cookie, "X-CSRFToken": csrf, "HX-Request": "true"}
        self.random = random.Random(seed)
        self.cards: dict[int, tuple[int, str]] = {}  # quote id -> (version, status) as the server last said
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[int, int] = defaultdict(int)
        self.errors: list[str] = []

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        body = urlencode(data or {}, doseq=True)
        headers = dict(self.headers)
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body if method == "POST" else None, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def remember(self, html: str) -> None:
        for pk, version, status in CARD.findall(html):
            self.cards[int(pk)] = (int(version), status)
        for pk in re.findall(r'<li id="quote-(\d+)" hx-swap-oob="delete">', html):
            self.cards.pop(int(pk), None)

    def timed(self, label: str, method: str, path: str, data: dict | None = None) -> None:
        started = time.perf_counter()
        status, html = self.request(method, path, data)
        self.timings[label].append((time.perf_counter() - started) * 1000)
        self.statuses[status] += 1
        if status >= 500 or status in (301, 302, 403):
            # a redirect or 403 here means the session or CSRF token was refused: the run measures nothing
            self.errors.append(f"{label} {path}: {status}")
        if status < 500:
            self.remember(html)

    def run(self) -> None:
        base, article_url = self.article["quote_base"], self.article["url"]
        self.timed("open page", "GET", article_url)
        labels, weights = zip(*ACTIONS, strict=True)
        while time.monotonic() < self.until:
            label = self.random.choices(labels, weights)[0]
            pk = self.random.choice(list(self.cards)) if self.cards else None
            if pk is None or label == "open page":
                self.timed("open page", "GET", article_url)
                continue
            version = self.cards[pk][0]
            if label == "confirm":
                self.timed(label, "POST", f"{base}{pk}/confirm/", {"version": version, "seconds": "3"})
            elif label == "reject":
                self.timed(label, "POST", f"{base}{pk}/reject/", {"version": version, "seconds": "2"})
            elif label == "link speaker":
                speaker = self.random.choice(self.article["speakers"])
                self.timed(label, "POST", f"{base}{pk}/speaker/", {"version": version, "speaker": speaker})
            elif label == "boundary move":
                data = {"version": version, "role": "content", "edge": "end", "step": self.random.choice([-1, 1])}
                self.timed(label, "POST", f"{base}{pk}/move/", data)
            elif label == "new quote":
                # "on Monday" of a random sentence: the words after each quote, as an editor would add them
                at = self.random.randrange(self.article["sentences"]) * len(SENTENCE) + 38
                self.timed(label, "POST", self.article["add_url"], {"start": at, "end": at + 10, "kind": "indirect"})
            elif label == "undo":
                self.timed(label, "POST", self.article["undo_url"])


def prepare(editors: int, quotes: int) -> list[tuple[str, str, dict]]:
    """Users, their sessions and an article each; returns (cookie, csrf token, article urls) per editor."""
    from django.test import Client
    from django.urls import reverse

    from annotations.models import Speaker
    from annotations.roles import EDITORS
    from tests.factories import make_user

    speakers = [Speaker.objects.create(name=f"Minister {i}").pk for i in range(5)]
    prepared = []
    for i in range(editors):
        user = make_user(f"load-editor-{i}-{secrets.token_hex(3)}", role=EDITORS)
        client = Client()
        client.force_login(user, backend=MODEL_BACKEND)  # a real session row, as a login leaves
        # Django accepts any 32 letters and digits as the token when the cookie and the header agree.
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}"
        article = article_with_quotes(quotes, title=f"Load test article {i}")
        urls = {
            "url": reverse("annotations:article_detail", args=[article.pk]),
            "quote_base": reverse("annotations:quote_confirm", args=[article.pk, 0]).removesuffix("0/confirm/"),
            "add_url": reverse("annotations:quote_add", args=[article.pk]),
            "undo_url": reverse("annotations:undo", args=[article.pk]),
            "speakers": speakers,
            "pk": article.pk,
            "sentences": quotes,
        }
        prepared.append((cookie, csrf, urls))
    return prepared


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "newsroom.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        # Load the app (and spaCy's import) once before forking, so no worker does it in the measured minute.
        "--preload",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}): is port {port} free?")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/login/")
            connection.getresponse().read()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        raise SystemExit("gunicorn did not start")
    for _ in range(workers * 4):  # every worker warm: its database connection and templates loaded
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/login/")
        connection.getresponse().read()
    return server


def check_database(editors: list[Editor]) -> list[str]:
    """Every card the server answered with last is what the database holds now."""
    from annotations.models import Quote

    expected = {pk: state for editor in editors for pk, state in editor.cards.items()}
    stored = {pk: (version, status) for pk, version, status in Quote.objects.values_list("pk", "version", "status")}
    return [
        f"quote {pk}: the server said version {version} {status}, the database holds {stored.get(pk)}"
        for pk, (version, status) in expected.items()
        if stored.get(pk) != (version, status)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--quotes", type=int, default=100, help="quotes in each editor's article")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8199")))
    parser.add_argument("--url", help="an already running server instead of starting gunicorn")
    parser.add_argument("--reuse", action="store_true", help="do not recreate BENCH_DATABASE_URL")
    args = parser.parse_args()

    if not args.reuse:
        recreate_database(DATABASE_URL)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    setup_django(DATABASE_URL)
    prepared = prepare(args.editors, args.quotes)
    server = None
    if args.url:
        parsed = urlparse(args.url)
        host, port = parsed.hostname, parsed.port or 80
    else:
        host, port = "127.0.0.1", args.port
        server = start_gunicorn(port, args.workers)
    try:
        until = time.monotonic() + args.seconds
        editors = [
            Editor(host, port, cookie, csrf, urls, until, seed) for seed, (cookie, csrf, urls) in enumerate(prepared)
        ]
        started = time.monotonic()
        for editor in editors:
            editor.start()
        for editor in editors:
            editor.join()
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    timings: dict[str, list[float]] = defaultdict(list)
    statuses: dict[int, int] = defaultdict(int)
    for editor in editors:
        for label, samples in editor.timings.items():
            timings[label].extend(samples)
        for status, count in editor.statuses.items():
            statuses[status] += count
    total = sum(statuses.values())
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    where = args.url or f"gunicorn, {args.workers} workers, 127.0.0.1:{port}"
    print(f"{args.editors} editors for {elapsed:.0f} s against {where}; database {DATABASE_URL.rsplit('@', 1)[-1]}")
    print(f"{total} requests, {total / elapsed:.1f} requests/s; statuses {dict(sorted(statuses.items()))}")
    print("| action | requests | p50 | p95 |")
    print("| --- | --- | --- | --- |")
    for label, _ in ACTIONS:
        if timings[label]:
            p50, p95 = percentiles(timings[label])
            print(f"| {label} | {len(timings[label])} | {p50:.0f} ms | {p95:.0f} ms |")
    lost = check_database(editors)
    checked = sum(len(editor.cards) for editor in editors)
    print(f"5xx: {server_errors}; changes checked against the database: {checked}, lost or different: {len(lost)}")
    for line in [*lost[:10], *[error for editor in editors for error in editor.errors][:10]]:
        print("  " + line)
    refused = sum(count for status, count in statuses.items() if status in (301, 302, 403))
    sys.exit(1 if server_errors or lost or refused else 0)


if __name__ == "__main__":
    main()
