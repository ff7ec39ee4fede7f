from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import IntegrityError, transaction
from django.urls import reverse

from annotations import review
from annotations.curation import merge_speakers
from annotations.models import Claim, Quote, ReviewAction, Speaker, SpeakerAlias
from tests.factories import make_article, make_claim, make_quote, make_speaker


@pytest.fixture
def duplicates(db):
    """One person recorded three times, as editors do before an admin tidies up."""
    article = make_article()
    peskov = make_speaker("Dmitry Peskov", aliases=("Peskov",))
    spokesperson = make_speaker("Dmitri Peskov", aliases=("Peskov", "Kremlin spokesperson"), wikidata_id="Q2456637")
    surname = make_speaker("Peskov")
    quotes = [
        make_quote(article, "Peskov said", speaker=peskov),
        make_quote(article, '"We are ready,"', speaker=spokesperson),
        make_quote(article, '"Minsk is the place."', speaker=surname),
    ]
    make_claim(article, quote=quotes[1])
    return peskov, spokesperson, surname, quotes


def test_it_moves_every_quote_onto_the_kept_speaker(duplicates):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson, surname])
    assert set(Quote.objects.values_list("speaker_id", flat=True)) == {peskov.pk}
    assert Quote.objects.count() == 3
    assert Speaker.objects.count() == 1


def test_it_keeps_the_merged_names_as_aliases_without_duplicates(duplicates):
    peskov, spokesperson, surname, _ = duplicates
    merge_speakers(target=peskov, others=[spokesperson, surname])
    assert sorted(peskov.aliases.values_list("name", flat=True)) == ["Dmitri Peskov", "Kremlin spokesperson", "Peskov"]


def test_it_keeps_claims_on_the_moved_quotes(duplicates):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson, surname])
    assert Claim.objects.get().quote.speaker == peskov


def test_it_fills_blank_fields_from_the_merged_records(duplicates):
    peskov, spokesperson, surname, _ = duplicates
    merged = merge_speakers(target=peskov, others=[spokesperson, surname])
    assert merged.wikidata_id == "Q2456637"


def test_it_bumps_each_moved_quotes_version_and_records_history(duplicates):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson, surname])
    moved = Quote.objects.get(pk=quotes[1].pk)
    assert moved.version == 2
    before, after = moved.history.order_by("history_date")[:2]
    assert (before.speaker_id, after.speaker_id) == (spokesperson.pk, peskov.pk)


def test_it_merges_through_the_admin_action(client, admin_user, duplicates):
    peskov, spokesperson, surname, _ = duplicates
    client.force_login(admin_user)
    url = reverse("admin:annotations_speaker_changelist")
    selected = [peskov.pk, spokesperson.pk, surname.pk]
    confirm = client.post(url, {"action": "merge_selected", ACTION_CHECKBOX_NAME: selected})
    assert confirm.status_code == 200
    assert b"Choose the record to keep" in confirm.content
    done = client.post(
        url,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: selected, "apply": "1", "target": spokesperson.pk},
        follow=True,
    )
    assert b"into Dmitri Peskov" in done.content
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Dmitri Peskov"]
    assert set(spokesperson.aliases.values_list("name", flat=True)) == {
        "Peskov",
        "Kremlin spokesperson",
        "Dmitry Peskov",
    }


def test_it_refuses_the_same_alias_twice_for_one_speaker(db):
    speaker = make_speaker("Ned Price", aliases=("Price",))
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerAlias.objects.create(speaker=speaker, name="  PRICE ")


def test_it_finds_speakers_by_alias_in_the_admin(client, admin_user, duplicates):
    client.force_login(admin_user)
    response = client.get(reverse("admin:annotations_speaker_changelist"), {"q": "Kremlin spokesperson"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [duplicates[1]]


def test_it_filters_speakers_without_quotes_in_the_admin(client, admin_user, duplicates):
    lonely = make_speaker("Nobody Quoted")
    client.force_login(admin_user)
    response = client.get(reverse("admin:annotations_speaker_changelist"), {"has_quotes": "no"})
    assert list(response.context["cl"].result_list) == [lonely]


def test_it_moves_quotes_through_the_editorial_path_with_who_and_why(duplicates, admin_user):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson, surname], editor=admin_user)
    moved = Quote.objects.get(pk=quotes[1].pk)
    latest = moved.history.order_by("-history_date").first()
    assert (latest.history_user, latest.history_change_reason, latest.version) == (admin_user, "merge_speakers", 2)
    action = ReviewAction.objects.get(editor=admin_user)
    assert action.kind == "merge_speakers"
    assert sorted(change["pk"] for change in action.changes) == sorted([quotes[1].pk, quotes[2].pk])


def test_it_refuses_an_editors_link_made_on_a_page_older_than_the_merge(duplicates, admin_user, editor):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson], editor=admin_user)
    other = make_speaker("Ned Price")
    with pytest.raises(review.StaleQuote):
        review.quote_link_speaker(quote=quotes[1], editor=editor, version=1, speaker=other)
    assert Quote.objects.get(pk=quotes[1].pk).speaker == peskov


def test_it_refuses_a_link_to_a_speaker_merged_away_in_words(duplicates, admin_user, editor):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson], editor=admin_user)
    with pytest.raises(review.ReviewError, match="merged into another speaker meanwhile"):
        review.quote_link_speaker(quote=quotes[0], editor=editor, version=1, speaker=spokesperson)


def test_it_lets_an_undo_of_the_merge_say_what_it_cannot_restore(duplicates, admin_user):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson], editor=admin_user)
    with pytest.raises(review.ReviewError, match="was merged or removed since"):
        review.undo_last(article=quotes[1].article, editor=admin_user)
    assert Quote.objects.get(pk=quotes[1].pk).speaker == peskov


def test_it_answers_an_editors_link_to_a_merged_speaker_with_a_400_not_a_500(duplicates, admin_user, editor_client):
    peskov, spokesperson, surname, quotes = duplicates
    merge_speakers(target=peskov, others=[spokesperson], editor=admin_user)
    url = reverse("annotations:quote_link_speaker", args=[quotes[0].article_id, quotes[0].pk])
    response = editor_client.post(url, {"version": 1, "speaker": spokesperson.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert f"There is no speaker with id {spokesperson.pk}" in response.content.decode()
