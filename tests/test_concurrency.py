"""Editors, admins and a merge changing the same quotes at once, in threads with their own connections.

Only PostgreSQL runs these: they need row locks (SELECT ... FOR UPDATE) and
concurrent writers, which SQLite has neither of; tests/conftest.py deselects them
there and says so. `.ci/run` runs the suite on PostgreSQL too. What a single
connection can show (merge then a stale page, merge then undo) is in
tests/test_speaker_merge.py and runs on both.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.urls import reverse

from annotations import review
from annotations.curation import MERGE_KIND, merge_speakers
from annotations.models import Quote, Speaker
from annotations.roles import EDITORS, create_role_groups
from tests.factories import make_article, make_quote, make_speaker, make_user

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

HX = {"HX-Request": "true"}
WORDS = " ".join(f"word{i}" for i in range(200))


@pytest.fixture(autouse=True)
def role_groups():
    # A transactional test's flush empties the groups the data migration made.
    create_role_groups(Group, Permission)


def run_together(workers: list[Callable[[], None]]) -> None:
    """Start the workers at one moment, each on its own database connection; re-raise what any raised."""
    start = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(work: Callable[[], None]) -> None:
        try:
            start.wait()
            work()
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def editor_client(name: str) -> Client:
    client = Client()
    client.force_login(make_user(name, role=EDITORS))
    return client


def versions_add_up(quote: Quote) -> None:
    """Every change to the quote bumped its version by one and left one history row: none was lost."""
    rows = list(quote.history.order_by("history_date", "history_id").values_list("version", flat=True))
    assert rows == list(range(1, quote.version + 1)), (quote.pk, rows)


def test_it_applies_or_refuses_every_concurrent_change_and_loses_none():
    article = make_article(WORDS)
    quotes = [make_quote(article, f"word{i} ") for i in range(10, 16)]
    speakers = [make_speaker("Ana Gomez"), make_speaker("Luis Ortega")]
    clients = [editor_client(f"editor{i}") for i in range(6)]
    statuses: Counter[tuple[str, int]] = Counter()
    lock = threading.Lock()

    def action(client: Client, rng: random.Random) -> tuple[str, str, dict]:
        quote = rng.choice(quotes)
        version = Quote.objects.values_list("version", flat=True).get(pk=quote.pk)  # may be stale by the POST
        url = lambda name: reverse(f"annotations:{name}", args=[article.pk, quote.pk])  # noqa: E731
        start = rng.randrange(0, 100)
        return rng.choice(
            [
                ("confirm", url("quote_confirm"), {"version": version}),
                ("reject", url("quote_reject"), {"version": version}),
                ("link", url("quote_link_speaker"), {"version": version, "speaker": rng.choice(speakers).pk}),
                ("cue", url("quote_set_span"), {"version": version, "role": "cue", "start": start, "end": start + 5}),
                ("undo", reverse("annotations:undo", args=[article.pk]), {}),
            ]
        )

    def editor(client: Client, seed: int) -> Callable[[], None]:
        def work() -> None:
            rng = random.Random(seed)
            for _ in range(25):
                kind, url, data = action(client, rng)
                response = client.post(url, data, headers=HX)
                with lock:
                    statuses[kind, response.status_code] += 1

        return work

    run_together([editor(client, seed) for seed, client in enumerate(clients)])

    assert not [key for key in statuses if key[1] >= 500], statuses
    allowed = {200, 409} | {400}  # undo with nothing of one's own left to undo is a 400 in words
    assert {status for _, status in statuses} <= allowed, statuses
    applied = sum(count for (_, status), count in statuses.items() if status == 200)
    assert applied > 0 and statuses[next(k for k in statuses if k[1] == 409)] > 0, statuses
    changes = 0
    for quote in Quote.objects.filter(article=article):
        versions_add_up(quote)
        changes += quote.version - 1
    # Each applied action and each applied undo changed exactly one quote once.
    assert changes == applied


def test_it_merges_speakers_while_editors_link_quotes_without_losing_a_link_or_answering_500():
    article = make_article(WORDS)
    kept, duplicate, other = make_speaker("Dmitry Peskov"), make_speaker("Dmitri Peskov"), make_speaker("Ned Price")
    quotes = [make_quote(article, f"word{i} ", speaker=duplicate) for i in range(10, 30)]
    admin = make_user("admin", is_staff=True, is_superuser=True)
    clients = [editor_client(f"editor{i}") for i in range(4)]
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def editor(client: Client, seed: int) -> Callable[[], None]:
        def work() -> None:
            rng = random.Random(seed)
            for _ in range(15):
                quote = rng.choice(quotes)
                version = Quote.objects.values_list("version", flat=True).get(pk=quote.pk)
                target = rng.choice([duplicate, other, kept])
                url = reverse("annotations:quote_link_speaker", args=[article.pk, quote.pk])
                response = client.post(url, {"version": version, "speaker": target.pk}, headers=HX)
                with lock:
                    statuses[response.status_code] += 1

        return work

    def merge() -> None:
        merge_speakers(target=kept, others=[duplicate], editor=admin)

    run_together([*(editor(client, seed) for seed, client in enumerate(clients)), merge])

    assert not [status for status in statuses if status >= 500], statuses
    assert set(statuses) <= {200, 400, 409}, statuses
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()
    for quote in Quote.objects.filter(article=article):
        versions_add_up(quote)
        assert quote.speaker_id in {kept.pk, other.pk}
        history = list(quote.history.order_by("history_date", "history_id"))
        for before, after in zip(history, history[1:], strict=False):
            if after.history_change_reason == MERGE_KIND:
                # The merge moved only what was on the merged speaker when it moved it: no editor's link lost.
                assert (before.speaker_id, after.speaker_id) == (duplicate.pk, kept.pk)
                assert after.history_user_id == admin.pk


def test_it_creates_one_speaker_when_twenty_editors_create_the_same_name_at_once():
    editors = [make_user(f"editor{i}", role=EDITORS) for i in range(20)]
    found: list[tuple[int, bool]] = []
    lock = threading.Lock()

    def create(editor) -> Callable[[], None]:
        def work() -> None:
            speaker, created = review.speaker_find_or_create(name="Lena  Dahl", kind="person", editor=editor)
            with lock:
                found.append((speaker.pk, created))

        return work

    run_together([create(editor) for editor in editors])

    assert Speaker.objects.count() == 1
    assert {pk for pk, _ in found} == {Speaker.objects.get().pk}
    assert sum(created for _, created in found) == 1
