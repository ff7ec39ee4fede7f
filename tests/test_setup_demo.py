"""make demo's data step: idempotent, never undoes an editor's work, demo account only locally."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from annotations.models import Article, Quote

pytestmark = pytest.mark.django_db


def setup_demo() -> None:
    call_command("setup_demo", stdout=io.StringIO(), stderr=io.StringIO())


@override_settings(DEBUG=True, EMBEDDED_DATABASE=True)
def test_it_loads_both_demo_articles_and_the_demo_account():
    setup_demo()
    assert Article.objects.count() == 2 + 14  # the seed article, the second article, the demo corpus
    assert Article.objects.get(pk=1).quotes.count() >= 26
    user = get_user_model().objects.get(username="demo")
    assert user.check_password("demo")
    assert user.has_perm("annotations.change_quote")


@override_settings(DEBUG=True, EMBEDDED_DATABASE=True)
def test_it_keeps_an_editors_change_when_run_again():
    setup_demo()
    quote = Quote.objects.filter(origin="gold").first()
    quote.status = Quote.Status.REJECTED
    quote.save(update_fields=["status"])
    counts = (Article.objects.count(), Quote.objects.count())
    setup_demo()
    assert (Article.objects.count(), Quote.objects.count()) == counts
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.REJECTED


@override_settings(DEBUG=False)
def test_it_creates_no_demo_account_with_debug_off():
    setup_demo()
    assert not get_user_model().objects.filter(username="demo").exists()


@override_settings(DEBUG=True, EMBEDDED_DATABASE=False)
def test_it_creates_no_demo_account_on_a_server_database():
    setup_demo()
    assert not get_user_model().objects.filter(username="demo").exists()
