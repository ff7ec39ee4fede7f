"""The streaming export: Articles with their quotes, claims and speakers out of the database as ArticleRecords.

Articles are read in batches (`iterator(chunk_size=...)` with prefetching), so
an export costs the same few queries per batch whatever the corpus size and
holds one batch in memory at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from annotations.formats.records import (
    ArticleRecord,
    ClaimRecord,
    OutletRecord,
    QuoteRecord,
    Span,
    SpeakerRecord,
)
from annotations.models import Article, Claim, Quote, Speaker
from annotations.speakers import speakers_named

# Every origin except the demo's hand-checked reference layer: what the suggester proposed and editors
# decided on, what editors added, what was imported as annotation.
EDITORIAL = "editorial"
ALL = "all"
CHUNK_SIZE = 500


class ExportError(ValueError):
    """A filter that cannot be applied, in words for the command line and the page."""


@dataclass(frozen=True)
class ExportFilters:
    status: str = Quote.Status.CONFIRMED  # a quote status, or "all"
    origin: str = EDITORIAL  # "editorial", "all", or one origin exactly ("gold", "manual", "import", ...)
    outlet: str = ""  # an outlet's domain or name
    since: date | None = None  # published on or after
    until: date | None = None  # published on or before
    speaker: int | None = None  # a Speaker's id
    article_ids: tuple[int, ...] = ()
    text: str = ""  # in the title or the text

    @property
    def full_dump(self) -> bool:
        """Every quote of every article: articles without a quote go out too, so a restore misses nothing."""
        return self.status == ALL and self.origin == ALL and self.speaker is None

    def described(self) -> dict[str, object]:
        """The filters as the export's header records them."""
        described = asdict(self)
        described["since"] = self.since.isoformat() if self.since else None
        described["until"] = self.until.isoformat() if self.until else None
        described["article_ids"] = list(self.article_ids)
        return described


def find_speaker(value: str) -> Speaker:
    """A speaker by id, or by name or alias through the one speaker lookup; ExportError when none or several."""
    value = value.strip()
    if re.fullmatch(r"[0-9]{1,18}", value):  # ASCII digits: "²" is a name to look up, not an id
        speaker = Speaker.objects.filter(pk=int(value)).first()
        if speaker is None:
            raise ExportError(f"There is no speaker with id {value}.")
        return speaker
    matches = speakers_named(value)
    if not matches:
        raise ExportError(f"There is no speaker named {value!r}.")
    if len(matches) > 1:
        raise ExportError(f"More than one speaker is called {value!r}: give the id instead.")
    return matches[0]


def _quote_condition(filters: ExportFilters, prefix: str = "") -> Q:
    condition = Q()
    if filters.status != ALL:
        if filters.status not in Quote.Status.values:
            raise ExportError(f"Unknown status {filters.status!r}: one of {', '.join([*Quote.Status.values, ALL])}.")
        condition &= Q(**{f"{prefix}status": filters.status})
    if filters.origin == EDITORIAL:
        condition &= ~Q(**{f"{prefix}origin": Quote.GOLD_ORIGIN})
    elif filters.origin != ALL:
        condition &= Q(**{f"{prefix}origin": filters.origin})
    if filters.speaker is not None:
        condition &= Q(**{f"{prefix}speaker_id": filters.speaker})
    return condition


def selected_articles(filters: ExportFilters) -> QuerySet[Article]:
    """The articles an export holds: those with a quote or a claim passing the filters, oldest first."""
    articles = Article.objects.all()
    if filters.outlet:
        articles = articles.filter(Q(outlet__domain__iexact=filters.outlet) | Q(outlet__name__iexact=filters.outlet))
    if filters.since:
        articles = articles.filter(published_at__date__gte=filters.since)
    if filters.until:
        articles = articles.filter(published_at__date__lte=filters.until)
    if filters.article_ids:
        articles = articles.filter(pk__in=filters.article_ids)
    if filters.text:
        articles = articles.filter(Q(title__icontains=filters.text) | Q(text__icontains=filters.text))
    if not filters.full_dump:
        quoted = Exists(Quote.objects.filter(_quote_condition(filters), article=OuterRef("pk")))
        if filters.speaker is None:
            # A fact-checker's claim is worth exporting whatever became of the quotes around it.
            quoted |= Exists(Claim.objects.filter(article=OuterRef("pk")))
        articles = articles.filter(quoted)
    return articles.order_by("pk")


def export_records(filters: ExportFilters, *, chunk_size: int = CHUNK_SIZE) -> Iterator[ArticleRecord]:
    """Each selected article as a record, in batches of chunk_size articles: six queries a batch."""
    quotes = (
        Quote.objects.filter(_quote_condition(filters))
        .select_related("reviewed_by")
        # Prefetched rather than joined: quotes of one speaker share one instance, whose aliases load once.
        .prefetch_related("parts", "more_mentions", "speaker__aliases")
        .order_by("pk")
    )
    claims = Claim.objects.select_related("reviewed_by").order_by("start", "pk")
    articles = (
        selected_articles(filters)
        .select_related("outlet")
        .prefetch_related(Prefetch("quotes", queryset=quotes, to_attr="exported_quotes"), Prefetch("claims", claims))
    )
    for article in articles.iterator(chunk_size=chunk_size):
        yield article_record(article)


def count_articles(filters: ExportFilters) -> int:
    return selected_articles(filters).count()


def _span(start: int | None, end: int | None) -> Span | None:
    return Span(start, end) if start is not None and end is not None else None


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def speaker_record(speaker: Speaker) -> SpeakerRecord:
    return SpeakerRecord(
        key=str(speaker.pk),
        name=speaker.name,
        kind=speaker.kind,
        description=speaker.description,
        wikidata_id=speaker.wikidata_id,
        gender=speaker.gender,
        aliases=[alias.name for alias in speaker.aliases.all()],
    )


def quote_record(quote: Quote) -> QuoteRecord:
    return QuoteRecord(
        key=str(quote.pk),
        parts=[Span(part.start, part.end) for part in quote.parts.all()],
        kind=quote.kind,
        status=quote.status,
        cue=_span(quote.cue_start, quote.cue_end),
        mention=_span(quote.mention_start, quote.mention_end),
        more_mentions=[Span(mention.start, mention.end) for mention in quote.more_mentions.all()],
        speaker=str(quote.speaker_id) if quote.speaker_id is not None else None,
        speaker_name=quote.speaker.name if quote.speaker is not None else (quote.proposed_speaker_name or None),
        confidence=quote.confidence,
        origin=quote.origin,
        reviewed_by=_username(quote.reviewed_by),
        reviewed_at=quote.reviewed_at,
        review_seconds=quote.review_seconds,
        suggested=quote.suggested,
    )


def claim_record(claim: Claim, quote_keys: set[str]) -> ClaimRecord:
    quote = str(claim.quote_id) if claim.quote_id is not None else None
    return ClaimRecord(
        statement=claim.statement,
        verdict=claim.verdict,
        rationale=claim.rationale,
        review_url=claim.review_url,
        span=_span(claim.start, claim.end),
        # A claim on a quote the filters left out keeps its span but not the link.
        quote=quote if quote in quote_keys else None,
        reviewed_by=_username(claim.reviewed_by),
        reviewed_at=claim.reviewed_at,
    )


def article_record(article: Article) -> ArticleRecord:
    """The article as exported; reads `exported_quotes` and `claims` as export_records prefetches them."""
    # In the order they were made (the prefetch's order), which a restore repeats: the ids come out the same.
    quotes = article.exported_quotes
    speakers = {quote.speaker_id: quote.speaker for quote in quotes if quote.speaker is not None}
    quote_records = [quote_record(quote) for quote in quotes]
    quote_keys = {record.key for record in quote_records}
    outlet = article.outlet
    return ArticleRecord(
        key=str(article.pk),
        text=article.text,
        title=article.title,
        url=article.url,
        outlet=OutletRecord(name=outlet.name, domain=outlet.domain) if outlet is not None else None,
        published_at=article.published_at,
        byline=article.byline,
        language=article.language,
        status=article.status,
        suggester_version=article.suggester_version,
        quotes=quote_records,
        claims=[claim_record(claim, quote_keys) for claim in article.claims.all()],
        speakers=[speaker_record(speaker) for _, speaker in sorted(speakers.items())],
    )
