"""Import + suggest through db_worker processes, against bare nlp.pipe on the same texts.

    .venv/bin/python benchmarks/import_throughput.py [--articles 2000] [--no-polnear] [--workers 1 2] [--bare-again]

A generated corpus of news-like articles (and PolNeAR's train texts, read from
../shared/data/polnear/train/text when present, never copied) is handed in as
import batches of 100 articles on the database task backend; then 1, and then
2, `manage.py db_worker` processes import and suggest everything. Each run
starts from an empty database: a PostgreSQL database named after DATABASE_URL's
with "_bench" added (created and dropped here) when DATABASE_URL is set, else a
SQLite file in a temporary folder. The workers run as in production: DEBUG off
(a throwaway SECRET_KEY unless one is set), static files collected. PolNeAR's
texts are shuffled in among the generated ones (with a fixed seed), so every
quarter of the run reads the same mix.

Prints articles and tokens per second for each run and for bare nlp.pipe (the
model as shipped, one process, same texts), each worker's peak memory after a
quarter and at the end of the run, and whether both runs stored the same
suggestions. A run's time goes from starting the workers (their start-up
included, and printed) to the end of the last task, as the worker recorded it.
Each worker's CPU time is printed too, and the bare pipeline's rate over the
workers' CPU time in all: on a shared machine that ratio is steadier than the
wall clock's. With --bare-again the bare pipeline is timed once more after
the workers, and each run's share is given against both timings and their
mean: this machine's speed drifts by a tenth or more over a quarter of an hour.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLNEAR_TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
BATCH = 100

FIRST = ["Lena", "Omar", "Grace", "Tomas", "Aisha", "Pedro", "Mei", "Jonas", "Fatima", "Ivan", "Sara", "Kwame"]
LAST = ["Dahl", "Haddad", "Okafor", "Novak", "Reyes", "Lindqvist", "Tanaka", "Moreau", "Ahmed", "Kowalski"]
ROLES = ["the harbour master", "a council spokesperson", "the finance minister", "the union leader", "a local trader"]
TOPICS = ["the ferry timetable", "the new bridge", "school funding", "the port expansion", "water prices", "the budget"]
VERBS = ["said", "told reporters", "added", "insisted", "warned", "argued", "claimed"]
LINES = [
    "We will not accept any delay",
    "This is the right decision for the town",
    "Nobody asked the people who live here",
    "The numbers simply do not add up",
    "We have waited long enough",
    "It is too early to say",
]


def generated(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(title, text) pairs: paragraphs of reporting with direct, indirect and interrupted quotes."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        topic = rng.choice(TOPICS)
        people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
        paragraphs = [f"Report {number}: the debate over {topic} went on this week in the town hall."]
        for _ in range(rng.randint(8, 14)):
            person, role, line = rng.choice(people), rng.choice(ROLES), rng.choice(LINES)
            surname = person.split()[-1]
            paragraphs.append(
                rng.choice(
                    [
                        f'"{line}," {person}, {role}, {rng.choice(VERBS)}.',
                        f"{person} {rng.choice(VERBS)} that {topic} would cost more than planned this year.",
                        f'"{line}," {surname} said. "We will keep talking about {topic}."',
                        f"According to {person}, the plan for {topic} was never properly costed.",
                        f"The meeting on {topic} ran late, and officials left without taking questions.",
                    ]
                )
            )
        articles.append((f"Debate over {topic} ({number})", "\n\n".join(paragraphs)))
    return articles


def polnear() -> list[tuple[str, str]]:
    if not POLNEAR_TRAIN.is_dir():
        return []
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(POLNEAR_TRAIN.glob("*.txt"))]


def bare_pipe(texts: list[str]) -> tuple[int, float, float]:
    from annotations.nlp import COMPONENT_NAME, DEFAULT_MODELS, load_pipeline
    from annotations.nlp.component import PARAGRAPHS_NAME

    nlp = load_pipeline(DEFAULT_MODELS)
    ours = [name for name in (COMPONENT_NAME, PARAGRAPHS_NAME) if name in nlp.pipe_names]
    started, cpu = time.perf_counter(), time.process_time()
    with nlp.select_pipes(disable=ours):
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    return tokens, time.perf_counter() - started, time.process_time() - cpu


def cpu_seconds(pid: int) -> float:
    """The process's CPU time so far (user + system): on a shared machine, steadier than the wall clock."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(n_workers: int, articles: list[tuple[str, str]], env: dict[str, str]) -> dict:
    """Empty the database, queue the batches, let n workers import and suggest; figures and a digest of the result."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Max, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from annotations.corpus.batches import create_batch
    from annotations.corpus.sources import Entry
    from annotations.formats.records import ArticleRecord
    from annotations.models import Article, ImportItem, Quote

    call_command("flush", interactive=False, verbosity=0)
    editor = get_user_model().objects.create_user("bench")
    for start in range(0, len(articles), BATCH):
        entries = [
            Entry(f"article {i}", ArticleRecord(text=text, title=title))
            for i, (title, text) in enumerate(articles[start : start + BATCH], start)
        ]
        create_batch(editor=editor, fmt="jsonl", entries=entries)
    command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"]
    started = timezone.now()
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(n_workers)
    ]
    quarter_peak: dict[int, int] = {}
    try:
        while True:
            time.sleep(0.5)
            done = Article.objects.exclude(suggester_version="").count()
            if len(quarter_peak) < n_workers and done >= len(articles) / 4:
                quarter_peak = {w.pid: memory_kb(w.pid, "VmHWM") for w in workers}
            # Done: every item imported (or skipped as a duplicate), every article suggested, no task left.
            waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
            importing = ImportItem.objects.filter(state=ImportItem.State.PENDING).exists()
            if not waiting and not importing and done == Article.objects.count():
                break
            if any(w.poll() is not None for w in workers):
                raise SystemExit("a worker stopped early")
            failed = DBTaskResult.objects.filter(status="FAILED").first()
            if failed is not None:
                # Its articles would never be suggested: say why instead of waiting for ever.
                raise SystemExit(f"a task failed ({failed.task_path}): {failed.traceback.strip().splitlines()[-1]}")
        # Over when the last task finished, as its worker recorded it, not at the next look from here.
        times = DBTaskResult.objects.aggregate(first=Min("started_at"), last=Max("finished_at"))
        # Where the workers' time went: importing batches, suggesting chunks (the model's load in the first).
        in_tasks: dict[str, float] = {}
        for path, task_started, task_finished in DBTaskResult.objects.values_list(
            "task_path", "started_at", "finished_at"
        ):
            kind = path.rsplit(".", 1)[-1]
            in_tasks[kind] = in_tasks.get(kind, 0.0) + (task_finished - task_started).total_seconds()
        elapsed = (times["last"] - started).total_seconds()
        peaks = {w.pid: memory_kb(w.pid, "VmHWM") for w in workers}
        cpu = [cpu_seconds(w.pid) for w in workers]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    # Workers take batches in different orders: compare what was stored, not the order it was stored in.
    rows = sorted(
        (
            quote.article.text_sha256,
            tuple((part.start, part.end) for part in quote.parts.all()),
            quote.kind,
            (quote.cue_start, quote.cue_end, quote.mention_start, quote.mention_end),
            quote.proposed_speaker_name,
            round(quote.confidence or 0, 6),
        )
        for quote in Quote.objects.select_related("article").prefetch_related("parts")
    )
    digest = hashlib.sha256(repr(rows).encode())
    return {
        "seconds": elapsed,
        # Python, Django and the start-up checks, until a worker took its first task (the model loads after).
        "start_up": (times["first"] - started).total_seconds(),
        "articles": Article.objects.count(),
        "quotes": len(rows),
        "digest": digest.hexdigest()[:12],
        "quarter_peak_mb": [kb / 1024 for kb in quarter_peak.values()],
        "peak_mb": [kb / 1024 for kb in peaks.values()],
        "cpu": cpu,
        "in_tasks": in_tasks,
    }


def bench_database() -> tuple[str, callable]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        folder = tempfile.mkdtemp(prefix="quotebook-bench-")
        return f"sqlite:///{folder}/bench.sqlite3", lambda: None
    import psycopg

    base, _, name = url.rpartition("/")
    bench = f"{name}_bench"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{bench}"')
        connection.execute(f'CREATE DATABASE "{bench}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{bench}" WITH (FORCE)')

    return f"{base}/{bench}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="generated articles")
    parser.add_argument("--no-polnear", action="store_true", help="leave PolNeAR's train texts out")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--bare-again", action="store_true", help="time bare nlp.pipe again after the workers, against drift"
    )
    args = parser.parse_args()

    url, drop = bench_database()
    # Workers as in production: DEBUG off (with it on, Django keeps every query's SQL in memory).
    production = {
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        # A deploy collects its static files before anything starts (the start-up checks insist).
        "STATIC_ROOT": tempfile.mkdtemp(prefix="quotebook-bench-static-"),
    }
    env = {**os.environ, **production}
    os.environ.update(production)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    articles = generated(args.articles) + ([] if args.no_polnear else polnear())
    # PolNeAR's texts are several times longer than the generated ones: mixed in evenly, so the
    # memory after a quarter and at the end compare the same kind of texts, and growth shows.
    random.Random(7).shuffle(articles)
    texts = [text for _, text in articles]
    print(
        f"{len(articles)} articles ({args.articles} generated, {len(articles) - args.articles} PolNeAR train), "
        f"database {url.split(':', 1)[0]}"
    )
    try:
        tokens, seconds, bare_cpu = bare_pipe(texts)
        print(
            f"bare nlp.pipe, 1 process: {tokens:,} tokens in {seconds:.1f} s = {tokens / seconds:,.0f} tokens/s "
            f"({bare_cpu:.1f} s CPU)"
        )
        baseline = tokens / seconds
        results = []
        digests = set()
        for n in args.workers:
            result = run(n, articles, env)
            results.append((n, result))
            digests.add(result["digest"])
            rate = tokens / result["seconds"]
            print(
                f"import + suggest, {n} worker(s): {result['articles']} articles, {result['quotes']} suggestions in "
                f"{result['seconds']:.1f} s (the first {result['start_up']:.1f} s starting up) = "
                f"{result['articles'] / result['seconds']:.1f} articles/s, "
                f"{rate:,.0f} tokens/s ({rate / baseline:.0%} of bare nlp.pipe); peak memory per worker "
                f"after a quarter {', '.join(f'{mb:.0f}' for mb in result['quarter_peak_mb'])} MB, "
                f"at the end {', '.join(f'{mb:.0f}' for mb in result['peak_mb'])} MB; "
                f"CPU per worker {', '.join(f'{s:.1f}' for s in result['cpu'])} s, in all "
                f"{bare_cpu / sum(result['cpu']):.0%} of bare nlp.pipe's rate; digest {result['digest']}"
            )
            print(
                "  time in tasks, all workers: "
                + ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in sorted(result["in_tasks"].items()))
            )
        print("same stored suggestions in every run:", "yes" if len(digests) == 1 else f"NO ({', '.join(digests)})")
        if args.bare_again:
            # This machine's speed drifts by a tenth or more over minutes: the same pipeline, timed again after
            # the workers, brackets the ratios.
            _, again, _ = bare_pipe(texts)
            print(f"bare nlp.pipe again, after the workers: {again:.1f} s = {tokens / again:,.0f} tokens/s")
            for n, result in results:
                rate = tokens / result["seconds"]
                print(
                    f"{n} worker(s): {rate / (tokens / seconds):.0%} of bare before, {rate / (tokens / again):.0%} "
                    f"of bare after, {rate / (2 * tokens / (seconds + again)):.0%} of their mean"
                )
    finally:
        drop()
        shutil.rmtree(production["STATIC_ROOT"], ignore_errors=True)


if __name__ == "__main__":
    main()
