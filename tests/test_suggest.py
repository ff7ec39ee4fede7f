from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from annotations import suggest as suggest_module
from annotations.models import Article, Quote, QuotePart
from annotations.nlp import Suggestion
from annotations.suggest import _store, pipeline, suggest_articles
from tests.factories import make_article, make_claim, make_quote, make_speaker

TEXT = (
    "Harbour master Lena Dahl said the dredging would start in March.\n"
    '"It will take six weeks," Dahl said.\n'
    '"The ferries will keep running," she said.'
)


@pytest.mark.django_db
def test_it_stores_suggestions_with_parts_cue_mention_and_origin():
    article = make_article(TEXT)
    created = suggest_articles([article])
    quotes = list(Quote.objects.filter(article=article).prefetch_related("parts").order_by("pk"))
    assert created == len(quotes) == 3
    ferries = next(q for q in quotes if "ferries" in q.content_text)
    assert ferries.status == Quote.Status.SUGGESTED
    assert ferries.kind == Quote.Kind.DIRECT
    assert ferries.cue_text == "said"
    assert ferries.mention_text == "she"
    assert ferries.proposed_speaker_name == "Lena Dahl"
    assert ferries.speaker is None
    assert "quotebook_quotes" in ferries.origin
    assert ferries.suggested["speaker_name"] == "Lena Dahl"
    assert 0 <= ferries.confidence <= 1
    article.refresh_from_db()
    assert article.status == Article.Status.SUGGESTED
    assert article.suggester_version == ferries.origin


@pytest.mark.django_db
def test_it_links_a_known_speaker_by_name_or_alias():
    dahl = make_speaker("Lena Dahl", aliases=("L. Dahl",))
    article = make_article(TEXT)
    suggest_articles([article])
    assert Quote.objects.filter(article=article, speaker=dahl).count() == 3
    assert not Quote.objects.filter(article=article).exclude(proposed_speaker_name="").exists()


@pytest.mark.django_db
def test_a_pronoun_the_finder_names_after_a_linked_mention_is_linked_alike():
    allies = make_speaker("Ukraine, the United States and allies")
    article = make_article(
        "Ukraine, the United States and its allies accused Russia of amassing troops on the border.\n"
        "They claimed Russia was preparing to invade its western neighbor."
    )
    suggest_articles([article])
    quotes = list(Quote.objects.filter(article=article).order_by("pk"))
    assert [quote.mention_text for quote in quotes] == ["Ukraine, the United States and its allies", "They"]
    assert [quote.speaker for quote in quotes] == [allies, allies]


@pytest.mark.django_db
def test_a_surname_the_article_names_in_full_is_not_linked_to_someone_else_of_that_surname():
    make_speaker("Kim Dahl", aliases=("Dahl",))
    article = make_article(
        "The harbour master, Lena Dahl, said that the dredging would start in March.\n"
        '"It will take six weeks," Dahl told reporters.'
    )
    suggest_articles([article])
    quotes = list(Quote.objects.filter(article=article))
    assert len(quotes) == 2
    assert [(quote.speaker, quote.proposed_speaker_name) for quote in quotes] == [(None, "Lena Dahl")] * 2


@pytest.mark.django_db
def test_the_newsroom_guideline_decides_whether_a_reported_clause_starts_at_its_that(settings):
    text = "The harbour master said that the dredging would start in March."
    suggest_articles([make_article(text)])
    assert Quote.objects.get().content_text == "the dredging would start in March"
    settings.QUOTEBOOK_CONTENT_KEEPS_THAT = True
    suggest_articles([article := make_article(text + " ")])
    assert Quote.objects.get(article=article).content_text == "that the dredging would start in March"


@pytest.mark.django_db
def test_a_newer_suggester_replaces_the_untouched_suggestions_of_an_older_one_and_nothing_else():
    text = (
        "The harbour master said that the dredging would start in March.\n"
        "The mayor said that the ferries would keep running.\n"
        "A trader said that prices would rise.\n"
        "The union said that nobody had asked its members.\n"
        '"It will take six weeks," the harbour master said.'
    )
    article = make_article(text)
    old = {"origin": "en_core_web_sm-3.8.0+quotebook_quotes-0.3.3", "status": Quote.Status.SUGGESTED}
    untouched = make_quote(article, "that the dredging would start in March", **old)
    confirmed = make_quote(article, "that the ferries would keep running", **{**old, "status": "confirmed"})
    edited = make_quote(article, "that prices would rise", **{**old, "version": 2})
    claimed = make_quote(article, "that nobody had asked its members", **old)
    make_claim(article, quote=claimed)
    made_again = make_quote(article, '"It will take six weeks,"', **old)

    suggest_articles([article])

    contents = {quote.content_text for quote in Quote.objects.filter(article=article)}
    assert "that the dredging would start in March" not in contents
    assert "the dredging would start in March" in contents
    assert not Quote.objects.filter(pk=untouched.pk).exists()
    kept = [confirmed, edited, claimed, made_again]
    assert set(Quote.objects.filter(pk__in=[q.pk for q in kept]).values_list("pk", flat=True)) == {q.pk for q in kept}
    # Nothing is suggested over an editor's decision; beside an untouched one it may be.
    assert "the ferries would keep running" not in contents
    assert Quote.objects.filter(article=article, parts__start=made_again.parts.get().start).count() == 1


@pytest.mark.django_db
def test_it_adds_nothing_when_run_twice():
    article = make_article(TEXT)
    first = suggest_articles([article])
    again = suggest_articles([article])
    assert first == 3
    assert again == 0
    assert Quote.objects.filter(article=article).count() == 3


@pytest.mark.django_db
def test_it_never_touches_or_overlaps_what_an_editor_reviewed():
    article = make_article(TEXT)
    confirmed = make_quote(article, '"It will take six', status=Quote.Status.CONFIRMED, origin=Quote.MANUAL_ORIGIN)
    rejected = make_quote(article, '"The ferries will keep running,"', status=Quote.Status.REJECTED, origin="x")
    suggest_articles([article])
    assert Quote.objects.filter(article=article).count() == 3
    confirmed.refresh_from_db()
    rejected.refresh_from_db()
    assert (confirmed.status, confirmed.version) == (Quote.Status.CONFIRMED, 1)
    assert (rejected.status, rejected.version) == (Quote.Status.REJECTED, 1)


@pytest.mark.django_db
def test_it_leaves_an_article_in_review_in_review():
    article = make_article(TEXT, status=Article.Status.IN_REVIEW)
    suggest_articles([article])
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


@pytest.mark.django_db
def test_it_suggests_beside_the_gold_reference_layer_but_not_twice():
    article = make_article(TEXT)
    gold = make_quote(article, '"It will take six weeks,"', status=Quote.Status.CONFIRMED, origin=Quote.GOLD_ORIGIN)
    assert suggest_articles([article]) == 3
    assert suggest_articles([article]) == 0
    suggested = Quote.objects.filter(article=article, status=Quote.Status.SUGGESTED)
    assert any(q.content_text == gold.content_text for q in suggested.prefetch_related("parts"))
    gold.refresh_from_db()
    assert (gold.status, gold.version) == (Quote.Status.CONFIRMED, 1)


def _article_quoting(times: int) -> Article:
    said = [f'"The harbour will reopen in week {n}," Dahl said.' for n in range(times)]
    return make_article("Harbour master Lena Dahl spoke on Monday.\n" + "\n".join(said))


def _queries_to_suggest(articles: list[Article]) -> int:
    with CaptureQueriesContext(connection) as queries:
        suggest_articles(articles)
    return len(queries)


@pytest.mark.django_db
def test_it_stores_a_chunk_of_articles_in_queries_independent_of_how_many_articles_and_suggestions():
    dahl = make_speaker("Lena Dahl")
    one, many = [_article_quoting(3)], [_article_quoting(10) for _ in range(3)]
    suggest_articles(one)  # the pipeline loads outside the count
    Quote.objects.all().delete()
    # Existing quotes, the names' lookup, the speakers' lock, quotes, parts, their history rows, the
    # articles: not one per suggestion, nor per article (SQLite splits INSERTs past 999 values).
    assert _queries_to_suggest(one) == _queries_to_suggest(many) <= 13
    assert Quote.objects.filter(speaker=dahl).count() == 3 + 3 * 10


@pytest.mark.django_db
def test_a_chunk_never_outlives_its_transaction_half_stored(monkeypatch):
    """A failure while storing a chunk leaves none of its articles suggested; running again stores them all."""
    articles = [_article_quoting(2) for _ in range(3)]
    real = suggest_module.bulk_create_with_history

    def failing(objs, model, **kwargs):
        if model is QuotePart:
            raise DatabaseError("the disk is full")
        return real(objs, model, **kwargs)

    monkeypatch.setattr(suggest_module, "bulk_create_with_history", failing)
    with pytest.raises(DatabaseError):
        suggest_articles(articles)
    assert not Quote.objects.exists()
    assert set(Article.objects.values_list("status", "suggester_version")) == {(Article.Status.NEW, "")}
    monkeypatch.undo()
    assert suggest_articles(Article.objects.order_by("pk")) == 6
    assert all(article.quotes.count() == 2 for article in Article.objects.all())


@pytest.mark.django_db
def test_chunks_read_ahead_while_the_last_is_stored_give_what_one_chunk_gives(monkeypatch):
    articles = [make_article(TEXT), _article_quoting(3), make_article('"No," Kim Dahl said.'), _article_quoting(1)]

    def stored() -> list[tuple]:
        return sorted(
            (quote.article_id, quote.kind, quote.cue_start, quote.mention_start, quote.proposed_speaker_name)
            + tuple((part.start, part.end) for part in quote.parts.all())
            for quote in Quote.objects.prefetch_related("parts")
        )

    assert suggest_articles(articles) == 3 + 3 + 1 + 1
    in_one = stored()
    Quote.objects.all().delete()
    monkeypatch.setattr(suggest_module, "CHUNK", 1)
    assert suggest_articles(Article.objects.order_by("pk")) == 8
    assert stored() == in_one


@pytest.mark.django_db
def test_a_chunk_that_fails_to_be_stored_stops_the_run_with_the_chunks_before_it_stored(monkeypatch):
    """The next chunk, already being read, is not stored: running again finishes the rest."""
    monkeypatch.setattr(suggest_module, "CHUNK", 1)
    articles = [_article_quoting(n) for n in (1, 2, 3)]
    real = suggest_module._store
    calls = []

    def failing_second(chunk, origin_):
        calls.append(chunk[0][0].pk)
        if len(calls) == 2:
            raise DatabaseError("the disk is full")
        return real(chunk, origin_)

    monkeypatch.setattr(suggest_module, "_store", failing_second)
    with pytest.raises(DatabaseError):
        suggest_articles(articles)
    assert [article.quotes.count() for article in Article.objects.order_by("pk")] == [1, 0, 0]
    assert len(calls) == 2
    monkeypatch.setattr(suggest_module, "_store", real)
    assert suggest_articles(Article.objects.order_by("pk")) == 2 + 3
    assert [article.quotes.count() for article in Article.objects.order_by("pk")] == [1, 2, 3]


@pytest.mark.django_db
def test_an_article_an_editor_moved_on_meanwhile_keeps_its_status():
    article = _article_quoting(2)
    stale = Article.objects.get(pk=article.pk)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.IN_REVIEW)
    suggest_articles([stale])
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW and article.suggester_version
    assert article.history.first().status == Article.Status.IN_REVIEW


@pytest.mark.django_db
def test_every_stored_suggestion_and_part_has_its_creation_in_the_history():
    article = _article_quoting(4)
    suggest_articles([article])
    quotes = list(Quote.objects.filter(article=article).prefetch_related("parts"))
    parts = [part for quote in quotes for part in quote.parts.all()]
    assert len(quotes) == 4 and len(parts) >= 4
    for quote in quotes:
        created = quote.history.get(history_type="+")
        assert (created.status, created.origin, created.speaker_id) == (quote.status, quote.origin, quote.speaker_id)
        assert created.history_change_reason is None
    for part in parts:
        created = part.history.get(history_type="+")
        assert (created.quote_id, created.start, created.end) == (part.quote_id, part.start, part.end)


@pytest.mark.django_db
def test_the_suggester_forgets_the_new_words_of_the_articles_it_has_read():
    """A worker's memory does not grow with every article: its pipeline's vocabulary stays as loaded."""
    suggest_articles([make_article(TEXT)])
    strings = len(pipeline().vocab.strings)
    article = make_article('"The zorblatt quintuplex will flummox Wexlerbrook," Ottoline Fizzwhistle said.')
    assert suggest_articles([article]) == 1
    assert Quote.objects.get(article=article).proposed_speaker_name == "Ottoline Fizzwhistle"
    assert len(pipeline().vocab.strings) == strings


@pytest.mark.django_db
def test_a_suggestion_whose_parts_overlap_is_stored_with_them_merged_and_the_chunk_goes_in():
    """The finder once returned a part inside another; the database refused it and the whole chunk with it."""
    article, other = make_article(TEXT), make_article(TEXT)
    overlapping = Suggestion(
        parts=((0, 10), (15, 40), (15, 25)), cue=None, speaker=None, speaker_name=None, kind="indirect", confidence=0.4
    )
    plain = Suggestion(parts=((42, 60),), cue=None, speaker=None, speaker_name=None, kind="direct", confidence=0.9)
    with transaction.atomic():
        assert _store([(article, [overlapping]), (other, [plain])], "test-0") == 2
    quote = Quote.objects.get(article=article)
    assert [(part.start, part.end) for part in quote.parts.all()] == [(0, 10), (15, 40)]
    assert quote.suggested["parts"] == [[0, 10], [15, 40]]
    assert Quote.objects.filter(article=other).exists()
