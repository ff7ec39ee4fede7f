"""Who is quoted: the speaker list with their confirmed quotes counted, and one speaker's record.

A speaker's record counts confirmed editorial quotes only; suggestions the
suggester attributed to them are kept apart, and gold quotes never appear.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse

from annotations.insight.charts import Chart, Row
from annotations.insight.filters import articles_with_outlets, confirmed_quotes, editorial_quotes
from annotations.models import Claim, Quote, Speaker, SpeakerAlias

SORTS = {
    "quotes": ("-confirmed_count", "name", "pk"),
    "name": ("name", "pk"),
}
ALONGSIDE = 10


def speaker_list(*, words: str = "", sort: str = "quotes") -> QuerySet[Speaker]:
    """Speakers with their confirmed quotes counted, matched on name or alias, in the order asked for."""
    # A correlated count per speaker reads the partial index of confirmed quotes alone, and the
    # paginator's COUNT leaves it out; a join with GROUP BY would read every quote for both.
    counted = (
        confirmed_quotes()
        .filter(speaker=OuterRef("pk"))
        .order_by()
        .values("speaker")
        .annotate(n=Count("*"))
        .values("n")
    )
    speakers = Speaker.objects.annotate(confirmed_count=Coalesce(Subquery(counted), 0))
    words = words.strip()
    if words:
        aliases = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), name__icontains=words)
        speakers = speakers.filter(Q(name__icontains=words) | Q(Exists(aliases)))
    return speakers.prefetch_related("aliases").order_by(*SORTS.get(sort, SORTS["quotes"]))


@dataclass
class SpeakerRecord:
    speaker: Speaker
    confirmed: QuerySet[Quote]
    suggested: QuerySet[Quote]
    over_time: Chart
    outlets: Chart
    alongside: Chart
    verdicts: Chart
    claims: QuerySet[Claim]


def speaker_record(speaker: Speaker) -> SpeakerRecord:
    """Everything the speaker page shows, as querysets and charts each costing one query."""
    confirmed = confirmed_quotes().filter(speaker=speaker)
    return SpeakerRecord(
        speaker=speaker,
        confirmed=_for_listing(confirmed),
        suggested=_for_listing(editorial_quotes().filter(speaker=speaker, status=Quote.Status.SUGGESTED)),
        over_time=_per_month(confirmed),
        outlets=_outlets(confirmed),
        alongside=_alongside(speaker, confirmed),
        verdicts=_verdicts(speaker),
        claims=Claim.objects.filter(quote__in=confirmed).select_related("article").order_by("-updated_at", "pk"),
    )


def _for_listing(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    return quotes.prefetch_related(articles_with_outlets(), "parts").order_by(
        F("article__published_at").desc(nulls_last=True), "article_id", "pk"
    )


def _per_month(confirmed: QuerySet[Quote]) -> Chart:
    rows = (
        confirmed.filter(article__published_at__isnull=False)
        .annotate(month=TruncMonth("article__published_at"))
        .values("month")
        .annotate(n=Count("*"))
        .order_by("month")
    )
    return Chart(
        "months",
        "Confirmed quotes per month",
        [Row(r["month"].strftime("%b %Y"), r["n"]) for r in rows],
        over_time=True,
    )


def _outlets(confirmed: QuerySet[Quote]) -> Chart:
    rows = confirmed.values("article__outlet__name").annotate(n=Count("*")).order_by("-n", "article__outlet__name")
    return Chart(
        "outlets", "Outlets that quote them", [Row(r["article__outlet__name"] or "No outlet", r["n"]) for r in rows]
    )


def _alongside(speaker: Speaker, confirmed: QuerySet[Quote]) -> Chart:
    """Other speakers with confirmed quotes in the same articles, by the number of articles shared."""
    rows = (
        confirmed_quotes()
        .filter(article__in=confirmed.values("article_id"), speaker__isnull=False)
        .exclude(speaker=speaker)
        .values("speaker_id", "speaker__name")
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "speaker__name")[:ALONGSIDE]
    )
    return Chart(
        "alongside",
        "Quoted in the same articles",
        [Row(r["speaker__name"], r["n"], reverse("annotations:speaker_detail", args=[r["speaker_id"]])) for r in rows],
        unit="articles",
    )


def _verdicts(speaker: Speaker) -> Chart:
    labels = dict(Claim.Verdict.choices)
    rows = (
        Claim.objects.filter(quote__in=confirmed_quotes().filter(speaker=speaker))
        .values("verdict")
        .annotate(n=Count("*"))
        .order_by("-n", "verdict")
    )
    return Chart(
        "verdicts", "Their claims by verdict", [Row(labels[r["verdict"]], r["n"]) for r in rows], unit="claims"
    )
