"""The admin is one more editor: its saves are versioned like editors' actions, and bad input is a form error."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations import review
from annotations.models import Quote, SpeakerAlias
from tests.admin_forms import form_as_shown
from tests.factories import make_article, make_quote, make_speaker


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def quote(db):
    return make_quote(make_article(), '"We are ready,"', kind=Quote.Kind.DIRECT)


def change_url(record) -> str:
    return reverse(f"admin:annotations_{record._meta.model_name}_change", args=[record.pk])


def test_it_refuses_an_alias_differing_only_in_case_as_a_form_error(admin_client):
    putin = make_speaker("Vladimir Putin", aliases=("Putin",))
    page = admin_client.get(change_url(putin))
    data = form_as_shown(page)
    data["aliases-1-name"] = "PUTIN"
    data["aliases-1-speaker"] = putin.pk
    response = admin_client.post(change_url(putin), data)
    assert response.status_code == 200
    assert "“Putin” and “PUTIN” are one alias" in response.content.decode()
    assert list(SpeakerAlias.objects.values_list("name", flat=True)) == ["Putin"]


def test_it_validates_the_folded_alias_constraint_in_model_validation(db):
    putin = make_speaker("Vladimir Putin", aliases=("Putin",))
    with pytest.raises(ValidationError, match="This speaker has this alias already"):
        SpeakerAlias(speaker=putin, name="  PUTIN ").full_clean(exclude=["normalized"])


def test_it_refuses_two_new_aliases_that_fold_alike_in_one_save(admin_client):
    putin = make_speaker("Vladimir Putin")
    data = form_as_shown(admin_client.get(change_url(putin)))
    data.update({"aliases-0-name": "Putin", "aliases-0-speaker": putin.pk})
    data.update({"aliases-1-name": "President PUTIN", "aliases-1-speaker": putin.pk, "aliases-TOTAL_FORMS": 2})
    response = admin_client.post(change_url(putin), data)
    assert response.status_code == 200
    assert "are one alias" in response.content.decode()
    assert not SpeakerAlias.objects.exists()


def test_it_refuses_a_second_undescribed_speaker_of_the_same_name_but_takes_a_described_namesake(admin_client):
    make_speaker("John Smith")
    add = reverse("admin:annotations_speaker_add")
    management = {"aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0}
    same = admin_client.post(add, {"name": "JOHN  SMITH", "kind": "person", **management})
    assert same.status_code == 200
    assert "A speaker of this name exists already" in same.content.decode()
    namesake = admin_client.post(
        add, {"name": "John Smith", "kind": "person", "description": "footballer", **management}
    )
    assert namesake.status_code == 302


def test_it_bumps_a_quotes_version_on_an_admin_save_so_an_editors_stale_page_is_refused(admin_client, editor, quote):
    data = form_as_shown(admin_client.get(change_url(quote)))
    data["kind"] = Quote.Kind.INDIRECT
    assert admin_client.post(change_url(quote), data).status_code == 302
    quote.refresh_from_db()
    assert (quote.kind, quote.version) == (Quote.Kind.INDIRECT, 2)
    assert quote.history.first().history_change_reason == "admin edit"
    with pytest.raises(review.StaleQuote):
        review.quote_confirm(quote=quote, editor=editor, version=1)
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.SUGGESTED


def test_it_refuses_an_admin_save_made_on_a_page_older_than_an_editors_change(admin_client, editor, quote):
    data = form_as_shown(admin_client.get(change_url(quote)))
    review.quote_confirm(quote=quote, editor=editor, version=1)
    data["kind"] = Quote.Kind.MIXED
    response = admin_client.post(change_url(quote), data)
    assert response.status_code == 200
    assert "Someone changed this quote meanwhile (it is now version 2)" in response.content.decode()
    quote.refresh_from_db()
    assert (quote.status, quote.kind, quote.version) == (Quote.Status.CONFIRMED, Quote.Kind.DIRECT, 2)


def test_it_bumps_the_version_on_a_history_revert_instead_of_putting_the_old_one_back(admin_client, editor, quote):
    review.quote_confirm(quote=quote, editor=editor, version=1)
    first = quote.history.order_by("history_date").first()
    revert_url = reverse("admin:annotations_quote_simple_history", args=[quote.pk, first.history_id])
    data = form_as_shown(admin_client.get(revert_url))
    assert admin_client.post(revert_url, data).status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.version) == (Quote.Status.SUGGESTED, 3)


def test_it_refuses_a_stale_history_revert(admin_client, editor, quote):
    first = quote.history.order_by("history_date").first()
    revert_url = reverse("admin:annotations_quote_simple_history", args=[quote.pk, first.history_id])
    data = form_as_shown(admin_client.get(revert_url))
    review.quote_confirm(quote=quote, editor=editor, version=1)
    response = admin_client.post(revert_url, data)
    assert response.status_code == 200
    assert "Someone changed this quote meanwhile" in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.CONFIRMED


@pytest.mark.parametrize("model", ["speaker", "quote", "article", "claim"])
def test_it_answers_a_nul_character_in_an_admin_search_with_a_400(admin_client, model):
    response = admin_client.get(reverse(f"admin:annotations_{model}_changelist"), {"q": "Put\x00in"})
    assert response.status_code == 400
    assert b"NUL character" in response.content


def test_it_shows_html_in_names_and_claims_as_text_in_the_admin(admin_client):
    payload = '<script>alert("x")</script>'
    article = make_article(f"{payload} said so.", title=payload)
    speaker = make_speaker(payload, aliases=(payload + "!",), description=payload)
    quote = make_quote(article, payload, speaker=speaker)
    claim = article.claims.create(statement=payload, rationale=payload, quote=quote)
    pages = [reverse(f"admin:annotations_{model}_changelist") for model in ("speaker", "quote", "article", "claim")]
    pages += [change_url(record) for record in (speaker, quote, article, claim)]
    for page in pages:
        html = admin_client.get(page).content.decode()
        assert "<script>alert" not in html, page
        assert "&lt;script&gt;alert" in html, page
