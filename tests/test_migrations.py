"""Migrating a database that already has speakers: every name folded, namesakes marked for an admin, roles made."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("annotations", "0003_review_open_and_actions")]


@pytest.mark.django_db(transaction=True)
def test_it_folds_existing_names_and_marks_undescribed_namesakes_instead_of_failing():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("annotations")
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Speaker, SpeakerAlias = old.get_model("annotations", "Speaker"), old.get_model("annotations", "SpeakerAlias")
    first = Speaker.objects.create(name="Ned Price", kind="person")
    second = Speaker.objects.create(name="NED PRICE", kind="person")
    described = Speaker.objects.create(name="Ned Price", kind="person", description="economist")
    marti = Speaker.objects.create(name="President José Martí", kind="person")
    SpeakerAlias.objects.create(speaker=marti, name="Marti", normalized="marti")
    SpeakerAlias.objects.create(speaker=marti, name="President Marti", normalized="president marti")
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)  # whatever happened, leave the database as the other tests expect it
    new = executor.loader.project_state(latest).apps
    Speaker, SpeakerAlias = new.get_model("annotations", "Speaker"), new.get_model("annotations", "SpeakerAlias")
    Group = new.get_model("auth", "Group")
    folded = dict(Speaker.objects.values_list("pk", "normalized"))
    assert folded == {first.pk: "ned price", second.pk: "ned price", described.pk: "ned price", marti.pk: "jose marti"}
    assert Speaker.objects.get(pk=first.pk).description == ""
    assert "merge or describe it" in Speaker.objects.get(pk=second.pk).description
    assert Speaker.objects.get(pk=described.pk).description == "economist"
    # Two aliases that now fold alike: one refolded, the other keeps its old form; both still find the speaker.
    assert sorted(SpeakerAlias.objects.values_list("normalized", flat=True)) == ["marti", "president marti"]
    assert set(Group.objects.values_list("name", flat=True)) >= {"Admins", "Editors", "Fact-checkers", "Researchers"}
