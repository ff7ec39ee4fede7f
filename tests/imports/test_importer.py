from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model

from annotations.corpus.importer import Duplicate, Imported, Importer
from annotations.formats.records import (
    ArticleRecord,
    ClaimRecord,
    OutletRecord,
    QuoteRecord,
    RecordError,
    Span,
    SpeakerRecord,
)
from annotations.models import Article, Claim, Outlet, Quote, QuotePart, Speaker
from tests.factories import make_article, make_speaker

TEXT = 'Peskov said the talks would go ahead. "We are ready," he said. "Minsk is the place."'


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words))


def record(**fields) -> ArticleRecord:
    fields.setdefault("text", TEXT)
    fields.setdefault("title", "Talks in Minsk")
    return ArticleRecord(**fields)


@pytest.mark.django_db
def test_it_stores_the_article_with_quotes_parts_speakers_and_claims():
    speaker = SpeakerRecord(key="7", name="Dmitry Peskov", kind="person", description="Kremlin", aliases=["Peskov"])
    quote = QuoteRecord(
        parts=[span('"We are ready,"'), span('"Minsk is the place."')],
        cue=span("said the"),
        mention=span("he"),
        speaker="7",
        reviewed_by="olga",
        reviewed_at=datetime(2024, 3, 6, 9, 30, tzinfo=UTC),
        key="q1",
    )
    claim = ClaimRecord(
        statement="The talks go ahead.", verdict="true", span=span("the talks would go ahead"), quote="q1"
    )
    outcome = Importer().add(
        record(
            url="https://wire.example/minsk",
            outlet=OutletRecord("Wire", "wire.example"),
            speakers=[speaker],
            quotes=[quote],
            claims=[claim],
        )
    )
    assert isinstance(outcome, Imported)
    article = outcome.article
    assert (article.outlet.domain, article.url, article.status) == ("wire.example", "https://wire.example/minsk", "new")
    stored = article.quotes.get()
    assert [part.text for part in stored.parts.all()] == ['"We are ready,"', '"Minsk is the place."']
    assert (stored.status, stored.origin, stored.speaker.name) == ("confirmed", "import", "Dmitry Peskov")
    assert [alias.name for alias in stored.speaker.aliases.all()] == ["Peskov"]
    assert stored.reviewed_by.username == "olga" and not stored.reviewed_by.has_usable_password()
    assert article.claims.get().quote == stored


@pytest.mark.django_db
def test_it_links_quotes_to_speakers_already_known_by_name_or_alias():
    peskov = make_speaker("Dmitry Peskov", aliases=("Peskov",))
    outcome = Importer().add(record(quotes=[QuoteRecord(parts=[span('"We are ready,"')], speaker_name="Peskov")]))
    quote = outcome.article.quotes.get()
    assert quote.speaker == peskov and quote.proposed_speaker_name == ""
    assert Speaker.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_speaker_name_stays_a_proposal_and_creates_no_speaker():
    outcome = Importer().add(record(quotes=[QuoteRecord(parts=[span('"We are ready,"')], speaker_name="Olga Ivanova")]))
    quote = outcome.article.quotes.get()
    assert quote.speaker is None and quote.proposed_speaker_name == "Olga Ivanova"
    assert not Speaker.objects.exists()


@pytest.mark.django_db
def test_the_same_url_or_the_same_text_is_a_duplicate_and_nothing_is_added():
    first = make_article(url="https://wire.example/minsk")
    by_url = Importer().add(record(text="Other words entirely.", url="https://wire.example/minsk"))
    by_text = Importer().add(record(url="https://elsewhere.example/copy"))
    assert isinstance(by_url, Duplicate) and by_url.article == first and by_url.reason == "URL"
    assert isinstance(by_text, Duplicate) and by_text.article == first and by_text.reason == "text"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_failure_in_the_middle_of_an_article_leaves_nothing_of_it(monkeypatch):
    original = QuotePart.save
    calls = {"n": 0}

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            from django.db import DatabaseError

            raise DatabaseError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuotePart, "save", failing_save)
    quotes = [QuoteRecord(parts=[span('"We are ready,"')]), QuoteRecord(parts=[span('"Minsk is the place."')])]
    speakers = [SpeakerRecord(key="p", name="Dmitry Peskov")]
    with pytest.raises(RecordError, match="disk full"):
        Importer().add(record(outlet=OutletRecord("Wire", "wire.example"), speakers=speakers, quotes=quotes))
    assert not Article.objects.exists()
    assert not Quote.objects.exists() and not QuotePart.objects.exists()
    assert not Speaker.objects.exists() and not Outlet.objects.exists()
    # The next article still goes in, and the speaker is made afresh rather than taken from the failed one.
    monkeypatch.setattr(QuotePart, "save", original)
    importer = Importer()
    outcome = importer.add(
        record(speakers=speakers, quotes=[QuoteRecord(parts=[span('"We are ready,"')], speaker="p")])
    )
    assert outcome.article.quotes.get().speaker.name == "Dmitry Peskov"


@pytest.mark.django_db
def test_spans_outside_the_text_are_refused_before_anything_is_written():
    with pytest.raises(RecordError, match="runs past the end"):
        Importer().add(record(quotes=[QuoteRecord(parts=[Span(10, 999)])]))
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_invalid_url_is_a_failure_in_words():
    with pytest.raises(RecordError, match="URL"):
        Importer().add(record(url="not a url"))


@pytest.mark.django_db
def test_the_outlet_option_applies_to_articles_that_name_none():
    outcome = Importer(outlet="apnews.com").add(record())
    assert outcome.article.outlet.domain == "apnews.com"


@pytest.mark.django_db
def test_reviewers_named_in_the_file_are_matched_to_existing_accounts():
    olga = get_user_model().objects.create_user("olga")
    quote = QuoteRecord(parts=[span('"We are ready,"')], reviewed_by="olga")
    outcome = Importer().add(record(quotes=[quote]))
    assert outcome.article.quotes.get().reviewed_by == olga
    assert Claim.objects.count() == 0
