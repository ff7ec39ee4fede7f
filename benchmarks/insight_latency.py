"""Server time of the insight pages on 100,000 quotes in 10,000 articles, on PostgreSQL.

Builds a scratch database (dropped and created afresh) with 10,000 articles
from 30 outlets over two years, 2,000 speakers quoted with a long-tailed
(Zipf) frequency, ten quotes per article (60% confirmed, 30% suggested, 10%
rejected) and 5,000 claims, then times the dashboard, the speaker list, a
speaker page (the twenty most quoted, in turn: the heaviest pages) and a
search (several queries, in turn) with Django's test client in-process
(middleware, views, templates, database round trips; no network), and prints
median and p95 in milliseconds.

    .venv/bin/python benchmarks/insight_latency.py
    .venv/bin/python benchmarks/insight_latency.py --reuse    # time again on the corpus built last time
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other .venv/bin/python benchmarks/insight_latency.py
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.scratch import recreate_database  # noqa: E402

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quotebook_insight_bench")
ARTICLES, QUOTES_PER_ARTICLE, SPEAKERS, OUTLETS, CLAIMS = 10_000, 10, 2_000, 30, 5_000
REQUESTS = 200
SEARCHES = ["harbour budget", "hospital", "ferry fares", "election promise", '"school closure"', "wind -farm"]
WORDS = [
    "government",
    "minister",
    "council",
    "budget",
    "tax",
    "school",
    "hospital",
    "ferry",
    "harbour",
    "fares",
    "election",
    "promise",
    "police",
    "court",
    "housing",
    "rent",
    "nurses",
    "teachers",
    "climate",
    "wind",
    "farm",
    "energy",
    "prices",
    "inflation",
    "wages",
    "strike",
    "union",
    "workers",
    "jobs",
    "factory",
    "port",
    "bridge",
    "road",
    "rail",
    "bus",
    "transport",
    "plan",
    "vote",
    "opposition",
    "party",
    "mayor",
    "region",
    "town",
    "village",
    "island",
    "fishing",
    "quota",
    "farmers",
    "water",
    "storm",
    "flood",
    "repairs",
    "safety",
    "report",
    "figures",
    "accounts",
    "loss",
    "profit",
    "dividend",
    "company",
    "investors",
    "bank",
    "loan",
    "interest",
    "debt",
    "deficit",
    "spending",
    "cuts",
    "services",
    "closure",
    "reform",
    "law",
    "bill",
    "parliament",
    "debate",
    "crisis",
    "talks",
    "agreement",
    "deal",
    "border",
    "trade",
    "exports",
    "imports",
    "tourism",
    "visitors",
    "residents",
    "families",
    "children",
    "pensions",
    "care",
    "elderly",
    "doctors",
    "patients",
    "waiting",
    "lists",
    "emergency",
    "ward",
    "beds",
    "funding",
    "grant",
    "subsidy",
    "contract",
]


def zipf_weights(n: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(n)]


def sentence(rng: random.Random, weights: list[float]) -> str:
    words = rng.choices(WORDS, weights=weights, k=rng.randint(8, 16))
    return " ".join(words).capitalize()


def build_corpus(rng: random.Random) -> None:
    from django.db import connection

    from annotations.models import Article, Claim, Outlet, Quote, QuotePart, Speaker, fold_name

    word_weights = zipf_weights(len(WORDS))
    rng.shuffle(word_weights)
    outlets = Outlet.objects.bulk_create(
        Outlet(name=f"Outlet {i}", domain=f"outlet{i}.example") for i in range(OUTLETS)
    )
    kinds = [Speaker.Kind.PERSON] * 8 + [Speaker.Kind.ORGANISATION, Speaker.Kind.GROUP]
    genders = [Speaker.Gender.FEMALE, Speaker.Gender.MALE, ""]
    speakers = Speaker.objects.bulk_create(
        Speaker(
            name=f"Speaker {i}",
            normalized=fold_name(f"Speaker {i}"),  # bulk_create sends no pre_save signal
            kind=rng.choice(kinds),
            gender=rng.choice(genders),
        )
        for i in range(SPEAKERS)
    )
    speaker_weights = zipf_weights(SPEAKERS)
    start = datetime.datetime(2024, 1, 1, 8, tzinfo=datetime.UTC)
    statuses = [Quote.Status.CONFIRMED] * 6 + [Quote.Status.SUGGESTED] * 3 + [Quote.Status.REJECTED]
    kinds_of_quote = [Quote.Kind.DIRECT, Quote.Kind.INDIRECT, Quote.Kind.INDIRECT, Quote.Kind.MIXED]
    batch = 1_000
    for first in range(0, ARTICLES, batch):
        texts, spans = [], []
        for _ in range(batch):
            parts, offsets, length = [], [], 0
            for _ in range(QUOTES_PER_ARTICLE):
                words = sentence(rng, word_weights)
                lead = f"Someone said that {words}. " if rng.random() < 0.5 else f'"{words}," someone said. '
                begin = length + (18 if lead.startswith("Someone") else 0)
                offsets.append((begin, begin + len(words) + (0 if lead.startswith("Someone") else 3)))
                parts.append(lead)
                length += len(lead)
            texts.append("".join(parts))
            spans.append(offsets)
        articles = Article.objects.bulk_create(
            Article(
                title=f"Article {first + i}",
                text=text,
                text_sha256=Article.hash_text(text),
                outlet=rng.choice(outlets),
                published_at=start + datetime.timedelta(hours=rng.randrange(24 * 730)),
                status=rng.choice(list(Article.Status.values)),
            )
            for i, text in enumerate(texts)
        )
        quotes = Quote.objects.bulk_create(
            Quote(
                article=article,
                kind=rng.choice(kinds_of_quote),
                status=rng.choice(statuses),
                speaker=rng.choices(speakers, weights=speaker_weights)[0] if rng.random() < 0.9 else None,
                origin="bench-suggester 1.0",
                confidence=0.9,
            )
            for article in articles
            for _ in range(QUOTES_PER_ARTICLE)
        )
        QuotePart.objects.bulk_create(
            QuotePart(quote=quote, start=begin, end=end)
            for quote, (begin, end) in zip(quotes, (span for offsets in spans for span in offsets), strict=True)
        )
        print(f"  {first + batch:,} articles", end="\r", flush=True)
    confirmed = list(Quote.objects.filter(status=Quote.Status.CONFIRMED).values_list("pk", "article_id")[:CLAIMS])
    Claim.objects.bulk_create(
        Claim(
            article_id=article_id,
            quote_id=quote_id,
            statement=sentence(rng, word_weights),
            verdict=rng.choice(list(Claim.Verdict.values)),
        )
        for quote_id, article_id in confirmed
    )
    with connection.cursor() as cursor:
        # The steady state autovacuum leaves: statistics, and a visibility map for index-only scans.
        cursor.execute("VACUUM ANALYZE")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def timed(client, url: str, params: dict | None = None) -> float:
    started = time.perf_counter()
    response = client.get(url, params or {})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code >= 400:
        raise SystemExit(f"benchmark request failed with {response.status_code}: {response.content[:300]!r}")
    return elapsed


def main() -> None:
    reuse = "--reuse" in sys.argv[1:]
    if not reuse:
        recreate_database(DATABASE_URL)
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import reverse

    from annotations.models import Quote, Speaker
    from annotations.roles import RESEARCHERS
    from tests.factories import make_user

    call_command("migrate", verbosity=0)
    if reuse:
        print(f"reusing {Quote.objects.count():,} quotes")
        reader = get_user_model().objects.get(username="bench-researcher")
    else:
        built = time.perf_counter()
        build_corpus(random.Random(11))
        print(f"built {Quote.objects.count():,} quotes in 10,000 articles in {time.perf_counter() - built:.0f} s")
        reader = make_user("bench-researcher", role=RESEARCHERS)
    client = Client()
    client.force_login(reader)

    top = list(
        Speaker.objects.annotate(n=Count("quotes", filter=Q(quotes__status=Quote.Status.CONFIRMED)))
        .order_by("-n")
        .values_list("pk", flat=True)[:20]
    )
    requests = {
        "dashboard": lambda i: (reverse("annotations:dashboard"), {}),
        "speaker list": lambda i: (reverse("annotations:speaker_list"), {}),
        "speaker page (top 20)": lambda i: (reverse("annotations:speaker_detail", args=[top[i % len(top)]]), {}),
        "search": lambda i: (reverse("annotations:search"), {"q": SEARCHES[i % len(SEARCHES)]}),
    }
    print(f"database: {django.db.connection.vendor} ({DATABASE_URL.rsplit('@', 1)[-1]}), {REQUESTS} requests each")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, request in requests.items():
        for i in range(3):
            timed(client, *request(i))  # warm caches and template loading
        samples = [timed(client, *request(i)) for i in range(REQUESTS)]
        median, p95 = percentiles(samples)
        print(f"{label:24} median {median:6.1f} ms  p95 {p95:6.1f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
