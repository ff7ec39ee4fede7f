"""Search across quotes and claims: ranked full text on PostgreSQL, a plain contains-match on SQLite.

On PostgreSQL a quote's words are the GIN-indexed `search_vector` column that
migration 0004 keeps current from its parts (Django's model does not know the
column, hence the RawSQL); a claim's are its statement and rationale through
the same SearchVector its index is built on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import BooleanField, Exists, F, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr

from annotations.insight.filters import SearchForm, articles_with_outlets, editorial_quotes
from annotations.models import Article, Claim, Quote, QuotePart, SpeakerAlias

CONFIG = "english"


def full_text() -> bool:
    return connection.vendor == "postgresql"


def quotes_matching(form: SearchForm) -> QuerySet[Quote]:
    """The quotes the search form asks for, best match first (newest first when no words are given)."""
    values = form.values()
    quotes = editorial_quotes().filter(**form.articles_filter())
    status = values.get("status")
    quotes = quotes.filter(status=status) if status else quotes.exclude(status=Quote.Status.REJECTED)
    if values.get("kind"):
        quotes = quotes.filter(kind=values["kind"])
    if values.get("speaker"):
        quotes = quotes.filter(_speaker_named(values["speaker"], prefix="speaker"))
    if values.get("verdict"):
        quotes = quotes.filter(Exists(Claim.objects.filter(quote=OuterRef("pk"), verdict=values["verdict"])))
    order = [F("article__published_at").desc(nulls_last=True), "article_id", "pk"]
    words = values.get("q", "").strip()
    if words and full_text():
        tsquery = "websearch_to_tsquery(%s, %s)"
        quotes = quotes.filter(
            RawSQL(f"annotations_quote.search_vector @@ {tsquery}", [CONFIG, words], output_field=BooleanField())
        ).annotate(rank=RawSQL(f"ts_rank(annotations_quote.search_vector, {tsquery})", [CONFIG, words], FloatField()))
        order.insert(0, F("rank").desc())
    elif words:
        for word in words.split():
            quotes = quotes.filter(Exists(_parts_containing(word)))
    return quotes.select_related("speaker").prefetch_related(articles_with_outlets(), "parts").order_by(*order)


def claims_matching(form: SearchForm) -> QuerySet[Claim]:
    """The claims the search form asks for; speaker, kind and status apply through the claim's quote."""
    values = form.values()
    claims = Claim.objects.filter(**form.articles_filter()).exclude(quote__origin=Quote.GOLD_ORIGIN)
    if values.get("verdict"):
        claims = claims.filter(verdict=values["verdict"])
    if values.get("speaker"):
        claims = claims.filter(_speaker_named(values["speaker"], prefix="quote__speaker"))
    if values.get("kind"):
        claims = claims.filter(quote__kind=values["kind"])
    if values.get("status"):
        claims = claims.filter(quote__status=values["status"])
    order: list[Any] = [F("article__published_at").desc(nulls_last=True), "article_id", "pk"]
    words = values.get("q", "").strip()
    if words and full_text():
        query = SearchQuery(words, config=CONFIG, search_type="websearch")
        vector = SearchVector("statement", "rationale", config=CONFIG)
        claims = claims.annotate(search=vector).filter(search=query).annotate(rank=SearchRank(vector, query))
        order.insert(0, F("rank").desc())
    elif words:
        for word in words.split():
            claims = claims.filter(Q(statement__icontains=word) | Q(rationale__icontains=word))
    return claims.select_related("article", "article__outlet", "quote__speaker").order_by(*order)


def _speaker_named(name: str, *, prefix: str) -> Q:
    aliases = SpeakerAlias.objects.filter(speaker=OuterRef(prefix), name__icontains=name)
    return Q(**{f"{prefix}__name__icontains": name}) | Q(Exists(aliases))


def _parts_containing(word: str) -> QuerySet[QuotePart]:
    words = Substr("quote__article__text", F("start") + 1, F("end") - F("start"))
    return QuotePart.objects.filter(quote=OuterRef("pk")).annotate(words=words).filter(words__icontains=word)


@dataclass(frozen=True)
class InContext:
    """A quote with the text around it: `before`, the quoted stretch, `after`."""

    before: str
    quoted: str
    after: str


def in_context(quote: Quote, article: Article, width: int = 100) -> InContext:
    """The quote from its first part to its last, with up to `width` characters either side, cut at spaces."""
    parts = list(quote.parts.all())
    if not parts:
        return InContext("", "", "")
    text = article.text
    start, end = parts[0].start, parts[-1].end
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start > width:
        before = "…" + before.partition(" ")[2]
    if end + width < len(text):
        after = after.rpartition(" ")[0] + "…"
    return InContext(before, text[start:end], after)
