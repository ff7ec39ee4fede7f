"""The batch import task: suggestions start while a batch is still coming in; each article commits on its own."""

from __future__ import annotations

import pytest
from django.db import connection

from annotations import tasks
from annotations.corpus.batches import create_batch
from annotations.corpus.importer import Importer
from annotations.corpus.sources import Entry
from annotations.formats.records import ArticleRecord
from annotations.models import Article, ImportItem
from tests.factories import make_user


def _entries(count: int) -> list[Entry]:
    return [
        Entry(f"{n}.txt", ArticleRecord(text=f'"The quay reopens in week {n}," harbour master Lena Dahl said.'))
        for n in range(count)
    ]


@pytest.mark.django_db(transaction=True)
def test_suggestions_are_queued_as_a_batch_comes_in_not_when_it_is_over(monkeypatch):
    monkeypatch.setattr(tasks, "SUGGEST_CHUNK", 2)
    suggested_when_adding: list[int] = []
    add = Importer.add

    def watched(self, record):
        suggested_when_adding.append(Article.objects.exclude(suggester_version="").count())
        return add(self, record)

    monkeypatch.setattr(Importer, "add", watched)
    batch = create_batch(editor=make_user("editor"), fmt="jsonl", entries=_entries(5))
    # Tasks run as soon as they are queued here (the immediate backend, no transaction around the
    # batch's task, as in a worker): the first two articles were suggested before the third was
    # imported, the next two before the fifth.
    assert suggested_when_adding == [0, 0, 2, 2, 4]
    assert Article.objects.exclude(suggester_version="").count() == 5
    assert set(batch.items.values_list("state", flat=True)) == {ImportItem.State.IMPORTED}


@pytest.mark.django_db
def test_a_batch_without_suggestions_queues_none(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(tasks, "SUGGEST_CHUNK", 2)
    with django_capture_on_commit_callbacks(execute=True):
        create_batch(editor=make_user("editor"), fmt="jsonl", entries=_entries(3), suggest=False)
    assert Article.objects.count() == 3
    assert not Article.objects.exclude(suggester_version="").exists()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_only_the_articles_own_commit_skips_waiting_for_the_disk(monkeypatch, settings):
    """An article's transaction commits without waiting for the disk; whatever runs after it waits again."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run
    batch = create_batch(editor=make_user("editor"), fmt="jsonl", entries=_entries(1), suggest=False)
    seen = []
    add = Importer.add

    def watched(self, record):
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            seen.append(cursor.fetchone()[0])
        return add(self, record)

    monkeypatch.setattr(Importer, "add", watched)
    tasks.import_item(batch.items.get().pk, Importer())
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        after = cursor.fetchone()[0]
    assert (seen, after) == (["off"], "on")
    assert batch.items.get().state == ImportItem.State.IMPORTED
