"""Imported speakers meet the one speaker lookup: aliases folded as stored, namesakes as the admin keeps them."""

from __future__ import annotations

import pytest

from annotations.corpus.importer import Imported, Importer
from annotations.formats.records import ArticleRecord, QuoteRecord, Span, SpeakerRecord
from annotations.models import Speaker, SpeakerAlias
from tests.factories import make_speaker

pytestmark = pytest.mark.django_db

TEXT = 'Putin said the talks would go ahead. "We are ready," he said.'


def quoted(speaker: SpeakerRecord) -> ArticleRecord:
    start = TEXT.index('"We')
    quote = QuoteRecord(parts=[Span(start, start + 15)], speaker=speaker.key)
    return ArticleRecord(text=TEXT, title="Talks", speakers=[speaker], quotes=[quote])


def test_it_imports_aliases_that_fold_alike_once_instead_of_refusing_the_article():
    speaker = SpeakerRecord(key="1", name="Vladimir Putin", aliases=["Putin", "President Putin", "PUTIN"])
    outcome = Importer().add(quoted(speaker))
    assert isinstance(outcome, Imported)
    assert list(SpeakerAlias.objects.values_list("normalized", flat=True)) == ["putin"]


def test_it_links_an_imported_speaker_typed_without_accents_to_the_one_on_file():
    marti = make_speaker("José Martí")
    Importer().add(quoted(SpeakerRecord(key="1", name="Jose Marti")))
    assert list(Speaker.objects.all()) == [marti]
    assert marti.quotes.count() == 1


def test_it_exports_the_speaker_typed_without_accents_and_refuses_a_digit_that_is_no_id():
    from annotations.corpus.exporter import ExportError, find_speaker

    marti = make_speaker("José Martí")
    assert find_speaker("Jose Marti") == marti
    assert find_speaker(str(marti.pk)) == marti
    with pytest.raises(ExportError, match="There is no speaker named '²'"):
        find_speaker("²")
