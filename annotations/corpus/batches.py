"""Batches for the background import: what an editor handed in, stored item by item before any is imported."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from annotations.corpus.sources import Entry
from annotations.formats import jsonl
from annotations.formats.records import RecordError
from annotations.models import ImportBatch, ImportItem


def create_batch(
    *, editor, fmt: str, entries: Iterable[Entry] = (), urls: Iterable[tuple[str, str | RecordError]] = (), **options
) -> ImportBatch:
    """A batch of read records (failures kept with their reason) and URLs still to fetch, and its task queued."""
    from annotations.tasks import import_batch_task

    with transaction.atomic():
        batch = ImportBatch.objects.create(created_by=editor, format=fmt, **options)
        items = []
        for entry in entries:
            item = ImportItem(batch=batch, position=len(items), source=entry.where[:2000])
            if isinstance(entry.result, RecordError):
                item.state, item.message = ImportItem.State.FAILED, entry.result.message
            else:
                item.record = jsonl.encode_article(entry.result)
            items.append(item)
        for where, url in urls:
            item = ImportItem(batch=batch, position=len(items), source=where[:2000])
            if isinstance(url, RecordError):
                item.state, item.message = ImportItem.State.FAILED, url.message
            else:
                item.url = url[:2000]
            items.append(item)
        ImportItem.objects.bulk_create(items)
        transaction.on_commit(lambda: import_batch_task.enqueue(batch.pk))
    return batch


def progress(batch: ImportBatch) -> dict[str, int]:
    counts = dict.fromkeys(ImportItem.State.values, 0)
    for state in batch.items.values_list("state", flat=True):
        counts[state] += 1
    counts["total"] = sum(counts.values())
    counts["done"] = counts["total"] - counts[ImportItem.State.PENDING]
    return counts
