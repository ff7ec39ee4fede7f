"""What the suggester learns from: the editorial layer of the database, counted by where each quote came from.

A confirmed quote teaches the model where contents begin and end. Quotes an
editor only confirmed as the rules suggested them teach little beyond the
rules; quotes an editor corrected or added, and imported annotations, teach
most. Never the demo's gold reference layer; never a suggestion nobody has
decided on (its words are marked missing, so they teach nothing either way).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch

from annotations.learning.examples import TrainingArticle
from annotations.models import Article, Quote

# Below this the held-back articles cannot say whether the model learned anything.
MIN_QUOTES = 10
MIN_ARTICLES = 2

CONFIRMED, CORRECTED, ADDED, IMPORTED = "confirmed", "corrected", "added", "imported"
PROVENANCE_WORDS = {
    CONFIRMED: "confirmed as the rules suggested them",
    CORRECTED: "suggested by the rules, corrected by an editor",
    ADDED: "added by an editor",
    IMPORTED: "imported annotations",
}


class NotEnoughData(ValueError):
    """Too few confirmed quotes to learn from; the message says how many there are and how many are needed."""


@dataclass
class TrainingData:
    articles: list[TrainingArticle]
    provenance: Counter = field(default_factory=Counter)

    @property
    def quotes(self) -> int:
        return sum(self.provenance.values())


def provenance(quote: Quote) -> str:
    """Where a confirmed quote's content came from, as far as what it teaches goes."""
    if quote.origin == Quote.MANUAL_ORIGIN:
        return ADDED
    suggested = quote.suggested or {}
    if quote.origin != suggested.get("origin"):
        # Not made by this database's suggester: an import (origin "import", or a restored dump's).
        return IMPORTED
    parts = [[part.start, part.end] for part in quote.parts.all()]
    return CONFIRMED if parts == suggested.get("parts") else CORRECTED


def teaching_quotes() -> Iterable[Quote]:
    return Quote.objects.filter(status=Quote.Status.CONFIRMED).exclude(origin=Quote.GOLD_ORIGIN)


def training_data(*, since: date | None = None, chunk_size: int = 200) -> TrainingData:
    """Every article with a confirmed quote (published on or after since), as TrainingArticles."""
    articles = Article.objects.filter(Exists(teaching_quotes().filter(article=OuterRef("pk"))))
    if since is not None:
        articles = articles.filter(published_at__date__gte=since)
    quotes = Quote.objects.exclude(origin=Quote.GOLD_ORIGIN).prefetch_related("parts").order_by("pk")
    articles = articles.prefetch_related(Prefetch("quotes", queryset=quotes, to_attr="layer")).order_by("pk")
    data = TrainingData([])
    for article in articles.iterator(chunk_size=chunk_size):
        found = TrainingArticle(key=str(article.pk), text=article.text)
        for quote in article.layer:
            parts = [(part.start, part.end) for part in quote.parts.all()]
            if quote.status == Quote.Status.CONFIRMED:
                found.contents.extend(parts)
                data.provenance[provenance(quote)] += 1
            elif quote.status == Quote.Status.SUGGESTED:
                found.undecided.extend(parts)
        data.articles.append(found)
    return data


def check_enough(data: TrainingData) -> None:
    if data.quotes < MIN_QUOTES or len(data.articles) < MIN_ARTICLES:
        raise NotEnoughData(
            f"Too little to learn from: {data.quotes} confirmed quote{'s' if data.quotes != 1 else ''} in "
            f"{len(data.articles)} article{'s' if len(data.articles) != 1 else ''}. Training needs at least "
            f"{MIN_QUOTES} confirmed quotes in at least {MIN_ARTICLES} articles (some articles are held back "
            "to measure the model); confirm, correct or add quotes on the review pages, or import annotations."
        )
