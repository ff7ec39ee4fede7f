"""A real worker: `manage.py db_worker` in its own process imports a batch from the test database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from annotations.corpus.batches import create_batch
from annotations.corpus.sources import from_upload
from annotations.models import Article, ImportItem, Quote
from tests.factories import make_user

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TEXT = 'Harbour master Lena Dahl said the dredging would start in March.\n"It will take six weeks," Dahl said.'


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_worker() -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url(), "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    root = Path(__file__).resolve().parents[2]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.django_db(transaction=True)
def test_a_db_worker_process_imports_a_batch_and_suggests_its_articles(settings):
    settings.TASKS = DATABASE_BACKEND
    editor = make_user("editor")
    files = [("dredging.txt", TEXT.encode()), ("broken.txt", b"\xff\xfe"), ("again.txt", TEXT.encode())]
    batch = create_batch(editor=editor, fmt="auto", entries=from_upload(files))
    # Queued, not run: nothing is imported until a worker takes the task.
    assert not Article.objects.exists()

    result = run_worker()

    assert result.returncode == 0, result.stderr[-2000:]
    states = dict(batch.items.values_list("source", "state"))
    assert states == {
        "dredging.txt": ImportItem.State.IMPORTED,
        "broken.txt": ImportItem.State.FAILED,
        "again.txt": ImportItem.State.DUPLICATE,
    }
    article = Article.objects.get()
    assert article.status == Article.Status.SUGGESTED
    assert article.quotes.filter(status=Quote.Status.SUGGESTED).count() == 2
    batch.refresh_from_db()
    assert batch.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_batch_left_halfway_is_finished_by_running_its_task_again_without_duplicates(settings):
    from annotations.tasks import import_batch_task

    settings.TASKS = DATABASE_BACKEND
    editor = make_user("editor")
    files = [(f"{n}.txt", f"Article number {n}: the mayor said it was fine.".encode()) for n in range(4)]
    batch = create_batch(editor=editor, fmt="txt", entries=from_upload(files), suggest=False)
    # A worker that died after two items: those two are in, the others still waiting.
    from annotations.corpus.importer import Importer
    from annotations.tasks import import_item

    importer = Importer()
    for item in batch.items.all()[:2]:
        import_item(item.pk, importer)
    assert Article.objects.count() == 2

    import_batch_task.enqueue(batch.pk)
    result = run_worker()

    assert result.returncode == 0, result.stderr[-2000:]
    assert Article.objects.count() == 4
    assert set(batch.items.values_list("state", flat=True)) == {ImportItem.State.IMPORTED}
