"""The dashboard's counts: who is quoted, by which outlets, when, and how the checked claims came out.

Counts are of confirmed editorial quotes (suggestions still awaiting an editor
are counted apart); each chart is one GROUP BY query, whatever the corpus size.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.urls import reverse

from annotations.insight.charts import Chart, Row
from annotations.insight.filters import CorpusFilterForm, confirmed_quotes, editorial_quotes
from annotations.models import Claim, Quote, Speaker

TOP_SPEAKERS = 20


def dashboard(form: CorpusFilterForm) -> dict:
    quotes = confirmed_quotes().filter(**form.articles_filter())
    return {
        "confirmed": quotes.count(),
        "suggested": editorial_quotes().filter(status=Quote.Status.SUGGESTED, **form.articles_filter()).count(),
        "charts": [
            top_speakers(quotes),
            per_outlet(quotes),
            per_week(quotes),
            by_speaker_kind(quotes),
            by_gender(quotes),
            claims_by_verdict(form),
        ],
    }


def ranked(rows: Iterable[Row]) -> list[Row]:
    """Largest first, ties by label: the same order on every database, whatever it does with NULL."""
    return sorted(rows, key=lambda row: (-row.value, row.label))


def top_speakers(quotes) -> Chart:
    rows = (
        quotes.filter(speaker__isnull=False)
        .values("speaker_id", "speaker__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker__name")[:TOP_SPEAKERS]
    )
    return Chart(
        "speakers",
        f"Quotes per speaker (top {TOP_SPEAKERS})",
        [Row(r["speaker__name"], r["n"], reverse("annotations:speaker_detail", args=[r["speaker_id"]])) for r in rows],
    )


def per_outlet(quotes) -> Chart:
    rows = quotes.values("article__outlet__name").annotate(n=Count("pk")).order_by()
    return Chart(
        "outlets", "Quotes per outlet", ranked(Row(r["article__outlet__name"] or "No outlet", r["n"]) for r in rows)
    )


def per_week(quotes) -> Chart:
    rows = (
        quotes.filter(article__published_at__isnull=False)
        .annotate(week=TruncWeek("article__published_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    undated = "Undated articles are left out."
    return Chart(
        "weeks",
        "Quotes per week (week starting)",
        [Row(r["week"].date().isoformat(), r["n"]) for r in rows],
        over_time=True,
        note=undated,
    )


def by_speaker_kind(quotes) -> Chart:
    labels = dict(Speaker.Kind.choices)
    rows = quotes.values("speaker__kind").annotate(n=Count("pk")).order_by()
    return Chart(
        "kinds",
        "Share of quotes by kind of speaker",
        ranked(Row(labels.get(r["speaker__kind"], "No speaker linked"), r["n"]) for r in rows),
        percent=True,
    )


def by_gender(quotes) -> Chart:
    labels = dict(Speaker.Gender.choices)
    people = quotes.filter(speaker__kind=Speaker.Kind.PERSON)
    rows = list(people.values("speaker__gender").annotate(n=Count("pk")).order_by())
    recorded = ranked(Row(labels[r["speaker__gender"]], r["n"]) for r in rows if r["speaker__gender"])
    unrecorded = sum(r["n"] for r in rows if not r["speaker__gender"])
    return Chart(
        "gender",
        "Share of quotes from people, by gender where recorded",
        recorded,
        percent=True,
        note=f"{unrecorded:,} quote{'s' if unrecorded != 1 else ''} from people whose gender is not recorded "
        "are left out of the shares.",
    )


def claims_by_verdict(form: CorpusFilterForm) -> Chart:
    labels = dict(Claim.Verdict.choices)
    rows = (
        Claim.objects.filter(**form.articles_filter())
        .exclude(quote__origin=Quote.GOLD_ORIGIN)
        .values("verdict")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Chart(
        "verdicts", "Claims by verdict", ranked(Row(labels[r["verdict"]], r["n"]) for r in rows), unit="claims"
    )
