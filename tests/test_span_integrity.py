"""Spans are refused by the database itself, not only by forms and model validation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from annotations.models import Article, Quote, QuotePart
from tests.factories import make_article, make_claim, make_quote


def raw_insert_part(quote_id: int, start: int, end: int) -> None:
    table = QuotePart._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'INSERT INTO {table} (quote_id, start, "end") VALUES (%s, %s, %s)', [quote_id, start, end])


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "end"), [(5, 5), (9, 3), (-1, 4)])
def test_it_refuses_an_empty_reversed_or_negative_part_in_a_raw_insert(start, end):
    quote = make_quote(make_article(), "Peskov said")
    with pytest.raises(IntegrityError):
        raw_insert_part(quote.pk, start, end)
    assert list(quote.parts.values_list("start", "end")) == [(0, 11)]


@pytest.mark.django_db
def test_it_accepts_a_valid_part_in_a_raw_insert():
    quote = make_quote(make_article(), "Peskov said")
    raw_insert_part(quote.pk, 12, 20)
    assert quote.parts.count() == 2


@pytest.mark.django_db
def test_it_refuses_a_cue_with_only_one_end_in_the_database():
    quote = make_quote(make_article(), "Peskov said")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(cue_start=3, cue_end=None)


@pytest.mark.django_db
def test_it_refuses_a_reversed_claim_span_in_the_database():
    claim = make_claim(make_article())
    with pytest.raises(IntegrityError), transaction.atomic():
        type(claim).objects.filter(pk=claim.pk).update(start=10, end=2)


@pytest.mark.django_db
def test_it_refuses_a_confidence_above_one_in_the_database():
    quote = make_quote(make_article(), "Peskov said")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(confidence=1.5)


@pytest.mark.django_db
def test_it_explains_a_part_past_the_end_of_the_text():
    article = make_article("Short text.")
    quote = Quote.objects.create(article=article)
    part = QuotePart(quote=quote, start=6, end=40)
    with pytest.raises(ValidationError, match="runs past the end of the article"):
        part.full_clean()


@pytest.mark.django_db
def test_it_explains_a_mention_with_one_end_missing():
    quote = Quote(article=make_article(), mention_start=0)
    with pytest.raises(ValidationError, match="needs both a start and an end"):
        quote.full_clean()


@pytest.mark.django_db
def test_it_freezes_the_text_once_a_quote_exists():
    article = make_article()
    make_quote(article, "Peskov said")
    article.text = "Something else entirely."
    with pytest.raises(ValidationError, match="cannot change once quotes exist"):
        article.full_clean()


@pytest.mark.django_db
def test_it_lets_the_text_change_while_no_quote_exists():
    article = make_article()
    article.text = "A corrected text."
    article.full_clean()
    article.save()
    assert Article.objects.get(pk=article.pk).text_sha256 == Article.hash_text("A corrected text.")


@pytest.mark.django_db
def test_it_refuses_two_articles_with_the_same_url():
    make_article(url="https://wire.example/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(url="https://wire.example/a")


@pytest.mark.django_db
def test_it_refuses_a_claim_tied_to_a_quote_of_another_article():
    quote = make_quote(make_article(), "Peskov said")
    claim = make_claim(make_article(), quote=quote)
    with pytest.raises(ValidationError, match="another article"):
        claim.full_clean()
