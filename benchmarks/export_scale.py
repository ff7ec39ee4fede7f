"""Export time and peak memory at 10,000 and 100,000 quotes, in every format, on a fresh PostgreSQL database.

Generates 1,000 articles with 10 quotes each (plus speakers with aliases, a
reviewer and a claim per article), exports every format with
`manage.py export_corpus` in its own process, then grows the corpus to 10,000
articles and 100,000 quotes and exports again. Prints, per format and size,
the seconds, the peak resident memory of the export process (its whole
footprint: Python, Django and spaCy included) and the file size, then the
ratio of the peaks; flat memory means a ratio near 1.

    .venv/bin/python benchmarks/export_scale.py
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mybench .venv/bin/python benchmarks/export_scale.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.scratch import recreate_database  # noqa: E402

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quotebook_export_bench")
FORMATS = ("jsonl", "csv", "citron", "brat", "spacy", "claimreview")
QUOTES_PER_ARTICLE = 10
SIZES = (1_000, 10_000)  # articles: 10,000 and 100,000 quotes
SPEAKERS = 500
# About 2,300 characters an article: ten quoted sentences and the reporting around them.
SENTENCE = 'Minister {n} said "the plan for the harbour will work, and the fares will stay as they are" on Monday. '
FILLER = "The council met in the town hall, where residents had gathered since the morning to hear the decision. "


def add_articles(first: int, last: int) -> None:
    """Articles first..last-1, each with QUOTES_PER_ARTICLE confirmed quotes and one rated claim."""
    from django.contrib.auth import get_user_model

    from annotations.models import Article, Claim, Outlet, Quote, QuotePart, Speaker, SpeakerAlias

    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    outlet, _ = Outlet.objects.get_or_create(domain="bench.example", defaults={"name": "Bench Wire"})
    if not Speaker.objects.exists():
        speakers = Speaker.objects.bulk_create(
            Speaker(name=f"Minister {n}", normalized=f"minister {n}", wikidata_id=f"Q{1000 + n}")
            for n in range(SPEAKERS)
        )
        SpeakerAlias.objects.bulk_create(
            SpeakerAlias(speaker=speaker, name=f"Min. {n}", normalized=f"min {n}") for n, speaker in enumerate(speakers)
        )
    speakers = list(Speaker.objects.order_by("pk"))
    now = datetime(2024, 1, 1, tzinfo=UTC)
    batch = 500
    for start in range(first, last, batch):
        numbers = range(start, min(start + batch, last))
        articles = []
        for number in numbers:
            text = "".join(SENTENCE.format(n=(number + i) % SPEAKERS) + FILLER for i in range(QUOTES_PER_ARTICLE))
            articles.append(
                Article(
                    title=f"Harbour story {number}",
                    url=f"https://bench.example/{number}",
                    outlet=outlet,
                    published_at=now + timedelta(hours=number),
                    text=text,
                    text_sha256=Article.hash_text(text),
                    status=Article.Status.DONE,
                )
            )
        articles = Article.objects.bulk_create(articles)
        quotes, parts = [], []
        for article, number in zip(articles, numbers, strict=True):
            offset = 0
            for i in range(QUOTES_PER_ARTICLE):
                sentence = SENTENCE.format(n=(number + i) % SPEAKERS)
                said = offset + sentence.index("said")
                opening = offset + sentence.index('"')
                closing = offset + sentence.rindex('"') + 1
                quotes.append(
                    Quote(
                        article=article,
                        kind=Quote.Kind.DIRECT,
                        status=Quote.Status.CONFIRMED,
                        origin=Quote.MANUAL_ORIGIN,
                        speaker=speakers[(number + i) % SPEAKERS],
                        mention_start=offset,
                        mention_end=said - 1,
                        cue_start=said,
                        cue_end=said + 4,
                        reviewed_by=editor,
                        reviewed_at=now,
                        review_seconds=4.0,
                    )
                )
                parts.append((opening, closing))
                offset += len(sentence) + len(FILLER)
        quotes = Quote.objects.bulk_create(quotes)
        QuotePart.objects.bulk_create(
            QuotePart(quote=quote, start=start, end=end) for quote, (start, end) in zip(quotes, parts, strict=True)
        )
        Claim.objects.bulk_create(
            Claim(
                article=quote.article,
                quote=quote,
                statement="The fares will stay as they are.",
                verdict=Claim.Verdict.MOSTLY_TRUE,
                review_url=f"https://checks.example/{quote.article_id}",
                reviewed_by=editor,
                reviewed_at=now,
            )
            for quote in quotes[::QUOTES_PER_ARTICLE]
        )


def export(fmt: str, out: Path) -> tuple[float, float]:
    """Seconds and peak resident MiB of one export_corpus process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "export_corpus", "--format", fmt, "-o", str(out)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"export_corpus --format {fmt} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    recreate_database(DATABASE_URL)
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from annotations.models import Quote

    call_command("migrate", verbosity=0)
    results: dict[tuple[str, int], tuple[float, float, int]] = {}
    made = 0
    with TemporaryDirectory() as folder:
        for size in SIZES:
            add_articles(made, size)
            made = size
            quotes = Quote.objects.count()
            print(f"{size:,} articles, {quotes:,} quotes", flush=True)
            for fmt in FORMATS:
                out = Path(folder) / f"export.{fmt}"
                seconds, peak = export(fmt, out)
                results[fmt, quotes] = (seconds, peak, out.stat().st_size)
                print(f"  {fmt:12} {seconds:7.1f} s  {peak:7.0f} MiB peak  {out.stat().st_size / 2**20:8.1f} MiB file")
    small, large = (size * QUOTES_PER_ARTICLE for size in SIZES)
    print(f"\n| format | {small:,} quotes | {large:,} quotes | peak ratio |")
    print("| --- | --- | --- | --- |")
    for fmt in FORMATS:
        (s1, m1, _), (s2, m2, _) = results[fmt, small], results[fmt, large]
        print(f"| {fmt} | {s1:.1f} s, {m1:.0f} MiB | {s2:.1f} s, {m2:.0f} MiB | {m2 / m1:.2f}x |")


if __name__ == "__main__":
    main()
