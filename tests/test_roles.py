"""The newsroom's roles are Django groups made by the migrations; each lets its members do what its name says."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from annotations import roles
from annotations.roles import ADMINS, EDITORS, FACT_CHECKERS, RESEARCHERS
from tests.factories import make_article, make_quote, make_user

pytestmark = pytest.mark.django_db


def test_it_creates_the_four_roles_in_the_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {ADMINS, EDITORS, FACT_CHECKERS, RESEARCHERS}


@pytest.mark.parametrize(
    ("role", "edits_quotes", "edits_claims", "deletes_quotes"),
    [
        (ADMINS, True, True, True),
        (EDITORS, True, True, False),
        (FACT_CHECKERS, False, True, False),
        (RESEARCHERS, False, False, False),
    ],
)
def test_it_gives_each_role_what_its_name_says(role, edits_quotes, edits_claims, deletes_quotes):
    user = make_user(f"someone-{role}", role=role)
    assert roles.can_edit_quotes(user) == edits_quotes
    assert roles.can_edit_claims(user) == edits_claims
    assert user.has_perm("annotations.delete_quote") == deletes_quotes
    assert user.has_perm("annotations.view_article")


def test_it_lets_a_staff_member_of_admins_curate_speakers_and_quotes_in_the_admin(client):
    curator = make_user("curator", role=ADMINS, is_staff=True)
    quote = make_quote(make_article(), '"We are ready,"')
    client.force_login(curator)
    assert client.get(reverse("admin:annotations_speaker_changelist")).status_code == 200
    assert client.get(reverse("admin:annotations_quote_delete", args=[quote.pk])).status_code == 200
    # ... but not the accounts: that stays with superusers.
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_it_takes_permissions_given_to_a_person_as_well_as_their_roles_and_a_role_taken_away_at_once(client):
    article = make_article("The minister said the plan will work.")
    quote = make_quote(article, "the plan will work")
    user = make_user("reader-with-one-right", role=RESEARCHERS)
    user.user_permissions.add(Permission.objects.get(codename="change_quote"))
    client.force_login(user)
    confirm = reverse("annotations:quote_confirm", args=[article.pk, quote.pk])
    assert client.post(confirm, {"version": quote.version}).status_code == 302
    user.user_permissions.clear()
    assert client.post(confirm, {"version": quote.version + 1}).status_code == 403
    user.groups.add(Group.objects.get(name=EDITORS))
    assert (
        client.post(reverse("annotations:quote_reject", args=[article.pk, quote.pk]), {"version": 2}).status_code == 302
    )
    user.groups.clear()
    assert (
        client.post(reverse("annotations:quote_reject", args=[article.pk, quote.pk]), {"version": 3}).status_code == 403
    )
