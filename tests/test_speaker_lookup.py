"""One speaker lookup for the suggester, the typed name and the autocomplete: same folding, same ambiguity rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations import review
from annotations.models import Quote, Speaker, fold_name
from annotations.nlp.pipeline import Suggestion
from annotations.speakers import find_or_create_speaker, link_speaker, search_speakers
from annotations.suggest import _store
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db


def test_it_folds_case_accents_punctuation_and_titles_alike():
    assert fold_name("Jose Marti") == fold_name("JOSÉ  MARTÍ") == fold_name("President José Martí") == "jose marti"
    assert fold_name("Prime Minister's Office") == "prime minister s office"
    assert fold_name("Dr.") == "dr"


def test_it_stores_the_folded_name_on_every_speaker():
    assert make_speaker("José Martí").normalized == "jose marti"


def test_it_finds_jose_marti_typed_without_accents_everywhere(editor_client):
    marti = make_speaker("José Martí")
    assert link_speaker("Jose Marti") == marti
    assert review.speaker_by_name("jose marti") == marti
    assert search_speakers("Jose Mar", limit=8) == [marti]
    quote = make_quote(make_article(), '"We are ready,"')
    url = reverse("annotations:quote_link_speaker", args=[quote.article_id, quote.pk])
    response = editor_client.post(url, {"version": 1, "q": "Jose Marti"})
    assert response.status_code == 302
    assert Quote.objects.get(pk=quote.pk).speaker == marti
    options = editor_client.get(reverse("annotations:speaker_search"), {"q": "jose marti"})
    assert "José Martí" in options.content.decode()


def test_it_links_a_suggestion_naming_jose_marti_without_accents():
    marti = make_speaker("José Martí")
    article = make_article('"We are ready," Jose Marti said.')
    suggestion = Suggestion(
        parts=((0, 15),), cue=(27, 31), speaker=(16, 26), speaker_name="Jose Marti", kind="direct", confidence=0.9
    )
    _store([(article, [suggestion])], "test-0")
    assert Quote.objects.get().speaker == marti


def test_it_treats_an_alias_shared_by_two_speakers_as_ambiguous_in_every_path(editor_client):
    one = make_speaker("Ana Gomez", aliases=("Gomez",), description="mayor")
    two = make_speaker("Luis Gomez", aliases=("Gomez",), description="senator")
    assert link_speaker("Gomez") is None
    with pytest.raises(ValidationError, match="Several speakers are called"):
        review.speaker_by_name("Gomez")
    assert search_speakers("gomez", limit=8) == [one, two]
    quote = make_quote(make_article(), '"We are ready,"')
    url = reverse("annotations:quote_link_speaker", args=[quote.article_id, quote.pk])
    response = editor_client.post(url, {"version": 1, "q": "Gomez"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Several speakers are called “Gomez”" in response.content.decode()
    assert "Ana Gomez (mayor)" in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).speaker is None


def test_it_prefers_the_full_name_the_article_gives_for_a_surname():
    price = make_speaker("Ned Price")
    make_speaker("Sarah Price", description="economist")
    assert link_speaker("Price") is None
    assert link_speaker("Price", article_text="Ned Price spoke. Price said more.") == price


def test_it_creates_one_speaker_per_name_and_then_finds_it():
    first, created = find_or_create_speaker(name="José  Martí", kind="person")
    again, created_again = find_or_create_speaker(name="jose marti", kind="person")
    assert (created, created_again) == (True, False)
    assert first == again
    assert Speaker.objects.count() == 1


def test_it_refuses_to_create_a_speaker_whose_name_is_ambiguous():
    make_speaker("John Smith", description="footballer")
    make_speaker("John Smith", description="painter")
    with pytest.raises(ValidationError, match="Several speakers are called"):
        find_or_create_speaker(name="John Smith", kind="person")
    assert Speaker.objects.count() == 2


def test_it_finds_jose_marti_typed_without_accents_in_the_admin_too(client, admin_user):
    marti = make_speaker("José Martí")
    client.force_login(admin_user)
    response = client.get(reverse("admin:annotations_speaker_changelist"), {"q": "Jose Marti"})
    assert list(response.context["cl"].result_list) == [marti]


def _store_indirect(text: str, *, mention: str, cue: str, content_from: str, name: str) -> Quote:
    """Store one indirect suggestion in a new article of `text`, its content from `content_from` to the full
    stop, and return the quote; each span is the first occurrence of its words."""

    def span(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    suggestion = Suggestion(
        parts=((text.index(content_from), len(text) - 1),),
        cue=span(cue),
        speaker=span(mention),
        speaker_name=name,
        kind="indirect",
        confidence=0.5,
    )
    _store([(make_article(text), [suggestion])], "test-0")
    return Quote.objects.get()


def test_it_links_a_suggestion_by_the_mention_as_written_when_an_editor_kept_it_as_an_alias():
    # Linking "the West" once kept it as an alias; the suggester proposes "West", and the mention links it.
    west = make_speaker("Western governments", aliases=("the West",))
    assert link_speaker("West") is None
    quote = _store_indirect(
        "Moscow rejects what the West calls baseless propaganda.",
        mention="the West",
        cue="calls",
        content_from="baseless",
        name="West",
    )
    assert quote.speaker == west


def test_it_links_a_group_named_with_a_possessive_inside_to_the_speaker_filed_without_it():
    allies = make_speaker("Ukraine, the United States and allies")
    quote = _store_indirect(
        "Ukraine, the United States and its allies accused Russia of massing troops.",
        mention="Ukraine, the United States and its allies",
        cue="accused",
        content_from="Russia",
        name="Ukraine, United States and allies",
    )
    assert quote.speaker == allies
