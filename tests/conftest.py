from __future__ import annotations

import pytest

from annotations.roles import EDITORS, FACT_CHECKERS, RESEARCHERS
from tests.factories import make_user


@pytest.fixture
def editor(db):
    return make_user("editor", role=EDITORS)


@pytest.fixture
def fact_checker(db):
    return make_user("checker", role=FACT_CHECKERS)


@pytest.fixture
def researcher(db):
    return make_user("researcher", role=RESEARCHERS)


@pytest.fixture
def admin_user(db):
    return make_user("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def seed_article(db):
    from django.core.management import call_command

    from annotations.models import Article

    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    return Article.objects.get(pk=1)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, a test database in a file rather than in memory, so a real `db_worker` process can use it."""
    import os
    import tempfile

    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = os.path.join(tempfile.gettempdir(), f"quotebook-test-{os.getpid()}.sqlite3")
        database.setdefault("TEST", {})["NAME"] = name


def pytest_configure(config) -> None:
    from django.conf import settings

    # PBKDF2 is slow by design; tests create many users and log them in, so they use a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    config.addinivalue_line("markers", "postgresql: needs PostgreSQL (row locks, concurrent writers)")


def _on_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items) -> None:
    """On SQLite, the PostgreSQL-only tests are deselected, and the summary says so: never a silent skip."""
    if _on_postgresql():
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgresql")]
    if postgres_only:
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
        config.hook.pytest_deselected(items=postgres_only)
        config._quotebook_postgres_only = len(postgres_only)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    count = getattr(config, "_quotebook_postgres_only", 0)
    if count:
        terminalreporter.write_line(
            f"{count} PostgreSQL-only tests (row locks, concurrent writers) were not run on SQLite: "
            "run the suite with DATABASE_URL=postgres://... for them (.ci/run does).",
            yellow=True,
        )
