"""Background work through Django's tasks API: importing a batch, suggesting quotes, training the suggester.

Tasks run in `manage.py db_worker` processes (django-tasks-db) in production
and the demo, inline with the immediate backend in tests. Both are idempotent:
an item is imported in the same transaction that marks it done, and the
suggester adds only what is new, so running a task again after a worker died
finishes the rest without duplicates. The spaCy pipeline is loaded once per
worker process (annotations.suggest caches it), not once per task.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from annotations.corpus.importer import Duplicate, Importer
from annotations.corpus.sources import fetch_record
from annotations.formats import jsonl
from annotations.formats.records import ArticleRecord, RecordError
from annotations.learning.data import NotEnoughData
from annotations.learning.training import train_from_database
from annotations.models import Article, ImportBatch, ImportItem, TrainingRun
from annotations.suggest import CHUNK, suggest_articles

# Articles per suggestion task: four of the suggester's chunks, so that the pipeline reads three of them
# while the one before is stored (see suggest_articles), yet small enough that two workers finish together.
SUGGEST_CHUNK = 4 * CHUNK


@task()
def suggest_articles_task(article_ids: list[int]) -> int:
    """Suggest quotes in these articles; returns how many suggestions were stored."""
    articles = Article.objects.filter(pk__in=article_ids).order_by("pk")
    return suggest_articles(articles)


def enqueue_suggestions(article_ids: Iterable[int]) -> int:
    """Queue suggestion tasks for the articles, a chunk per task, once the current transaction commits."""
    ids = list(article_ids)
    chunks = [ids[i : i + SUGGEST_CHUNK] for i in range(0, len(ids), SUGGEST_CHUNK)]
    for chunk in chunks:
        transaction.on_commit(lambda chunk=chunk: suggest_articles_task.enqueue(chunk))
    return len(chunks)


# Items a batch's task looks at per query (their records are read one by one, in their own transactions).
ITEMS_PER_PAGE = 100


@task()
def import_batch_task(batch_id: int) -> dict[str, int]:
    """Import every item of the batch still waiting, queueing suggestions as each chunk of articles comes in."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    importer = Importer(outlet=batch.outlet or None, user=batch.created_by)
    # Queued as they come in, not when the whole batch is done: another worker suggests meanwhile.
    imported: list[int] = []
    pending = list(batch.items.filter(state=ImportItem.State.PENDING).values_list("pk", flat=True))
    for start in range(0, len(pending), ITEMS_PER_PAGE):
        page = ImportItem.objects.filter(pk__in=pending[start : start + ITEMS_PER_PAGE]).order_by("position")
        for item in page.only("pk", "url", "state"):
            article_id = import_item(item, importer)
            if article_id and batch.suggest:
                imported.append(article_id)
                if len(imported) == SUGGEST_CHUNK:
                    enqueue_suggestions(imported)
                    imported = []
    if batch.finished_at is None:
        batch.finished_at = timezone.now()
        batch.save(update_fields=["finished_at"])
    enqueue_suggestions(imported)
    counts = dict.fromkeys(ImportItem.State.values, 0)
    for state in batch.items.values_list("state", flat=True):
        counts[state] += 1
    return counts


def import_item(item: ImportItem | int, importer: Importer) -> int | None:
    """Import one item and mark it done in the same transaction; the new article's id, if one came in.

    `item` is the item (its url and state are all that is read of it) or its id.
    """
    if not isinstance(item, ImportItem):
        item = ImportItem.objects.only("pk", "url", "state").get(pk=item)
    # A page is fetched before the transaction: no database lock is held while a slow server answers.
    fetched = fetch_record(item.url) if item.url and item.state == ImportItem.State.PENDING else None
    with transaction.atomic():
        _commit_without_waiting_for_the_disk()
        item = ImportItem.objects.select_for_update().get(pk=item.pk)
        if item.state != ImportItem.State.PENDING:
            return None  # another run of this task got here first
        record = fetched if item.url else _record(item.record)
        try:
            if isinstance(record, RecordError):
                raise record
            outcome = importer.add(record)
        except RecordError as error:
            item.state, item.message = ImportItem.State.FAILED, error.message
        else:
            item.article = outcome.article
            if isinstance(outcome, Duplicate):
                item.state = ImportItem.State.DUPLICATE
                item.message = f"the same {outcome.reason} as “{outcome.article.title}”"
            else:
                item.state = ImportItem.State.IMPORTED
        item.save(update_fields=["state", "message", "article"])
    return item.article_id if item.state == ImportItem.State.IMPORTED else None


def _commit_without_waiting_for_the_disk() -> None:
    """This transaction's COMMIT returns before PostgreSQL has flushed it to disk (synchronous_commit off).

    A batch commits once per article, and waiting for the disk each time took longer than importing
    the article. Nothing is ever half there: a crash of the database server itself can lose the
    last fraction of a second of such commits, each article together with its item's state, which
    leaves those items waiting, as a killed worker does. Every durable commit after them (the
    suggestion tasks queued, the task's own result) flushes them to disk first.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _record(line: str) -> ArticleRecord | RecordError:
    try:
        return jsonl.article_from_json(json.loads(line))
    except (ValueError, RecordError) as error:
        return error if isinstance(error, RecordError) else RecordError(f"the stored record is damaged: {error}")


# How often a training run writes its progress: often enough to watch, rarely enough to cost nothing.
PROGRESS_EVERY_SECONDS = 5


@task()
def train_suggester_task(run_id: int) -> str:
    """Train the suggester's model for a TrainingRun, writing progress to it; returns the model's version."""
    run = TrainingRun.objects.get(pk=run_id)
    run.state = TrainingRun.State.TRAINING
    run.save(update_fields=["state"])
    written = [0.0]

    def on_data(data, trained_on: int, held_back: int) -> None:
        run.quotes = dict(data.provenance)
        run.message = f"{trained_on} articles to train on, {held_back} held back"
        run.save(update_fields=["quotes", "message"])

    def on_progress(progress) -> None:
        if progress.seconds - written[0] < PROGRESS_EVERY_SECONDS:
            return
        written[0] = progress.seconds
        run.step, run.seconds = progress.step, progress.seconds
        run.save(update_fields=["step", "seconds"])

    try:
        report = train_from_database(
            Path(run.output), max_minutes=run.max_minutes, on_data=on_data, on_progress=on_progress
        )
    except Exception as error:
        run.state, run.message = TrainingRun.State.FAILED, str(error)
        run.finished_at = timezone.now()
        run.save(update_fields=["state", "message", "finished_at"])
        if isinstance(error, NotEnoughData):
            return ""
        raise
    run.state = TrainingRun.State.DONE
    run.step, run.seconds, run.version = report.result.steps, report.result.seconds, report.result.version
    run.held_back_f1 = report.figures()["f1"]
    run.message = (
        f"{run.message}; saved to {run.output}. The suggester uses it once its processes restart "
        "(with QUOTEBOOK_LEARNED_MODEL_DIR pointing there)."
    )
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "step", "seconds", "version", "held_back_f1", "message", "finished_at"])
    return run.version
