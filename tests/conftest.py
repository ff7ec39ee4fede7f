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
