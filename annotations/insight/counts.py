"""The dashboard's counts: who is quoted, by which outlets, when, and how the checked claims came out.

Counts are of confirmed editorial quotes (suggestions still awaiting an editor
are counted apart), in a fixed number of queries whatever the corpus size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, DateField
from django.db.models.functions import TruncWeek
from django.urls import reverse

from annotations.insight.charts import Chart, Row
from annotations.insight.filters import CorpusFilterForm, confirmed_quotes, editorial_quotes
from annotations.models import Claim, Quote, Speaker

TOP_SPEAKERS = 20


@dataclass
class Tally:
    """Confirmed quotes counted by speaker, outlet, week, kind of speaker, and (kind, gender)."""

    speakers: Counter = field(default_factory=Counter)  # (speaker id, name) -> quotes; linked speakers only
    outlets: Counter = field(default_factory=Counter)  # outlet name or None -> quotes
    weeks: Counter = field(default_factory=Counter)  # date the week starts, or None when undated -> quotes
    kinds: Counter = field(default_factory=Counter)  # speaker kind, or None when no speaker is linked -> quotes
    genders: Counter = field(default_factory=Counter)  # (speaker kind, gender) -> quotes

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def dashboard(form: CorpusFilterForm) -> dict:
    tally = tally_quotes(confirmed_quotes().filter(**form.articles_filter()))
    return {
        "confirmed": tally.total,
        "suggested": editorial_quotes().filter(status=Quote.Status.SUGGESTED, **form.articles_filter()).count(),
        "charts": [
            top_speakers(tally),
            per_outlet(tally),
            per_week(tally),
            by_speaker_kind(tally),
            by_gender(tally),
            claims_by_verdict(form),
        ],
    }


def tally_quotes(quotes) -> Tally:
    """Every count in two GROUP BY queries: one by speaker (a few thousand rows at most), one by outlet and week.

    Grouping by the speaker's and the article's columns together keeps each result small,
    so the charts are summed from it in Python rather than scanned for six times.
    """
    tally = Tally()
    by_speaker = quotes.values_list("speaker_id", "speaker__name", "speaker__kind", "speaker__gender")
    for speaker_id, name, kind, gender, n in by_speaker.annotate(n=Count("*")).order_by():
        if speaker_id is not None:
            tally.speakers[speaker_id, name] += n
        tally.kinds[kind] += n
        tally.genders[kind, gender] += n
    # A date, not a datetime: thousands of rows skip the time-zone conversion of each.
    week = TruncWeek("article__published_at", output_field=DateField())
    by_article = quotes.annotate(week=week).values_list("article__outlet__name", "week")
    for outlet, week_start, n in by_article.annotate(n=Count("*")).order_by():
        tally.outlets[outlet] += n
        tally.weeks[week_start] += n
    return tally


def ranked(rows: Iterable[Row]) -> list[Row]:
    """Largest first, ties by label: the same order on every database, whatever it does with NULL."""
    return sorted(rows, key=lambda row: (-row.value, row.label))


def top_speakers(tally: Tally) -> Chart:
    top = sorted(tally.speakers.items(), key=lambda item: (-item[1], item[0][1]))[:TOP_SPEAKERS]
    rows = [Row(name, n, reverse("annotations:speaker_detail", args=[speaker_id])) for (speaker_id, name), n in top]
    return Chart("speakers", f"Quotes per speaker (top {TOP_SPEAKERS})", rows)


def per_outlet(tally: Tally) -> Chart:
    return Chart(
        "outlets", "Quotes per outlet", ranked(Row(name or "No outlet", n) for name, n in tally.outlets.items())
    )


def per_week(tally: Tally) -> Chart:
    weeks = sorted((week, n) for week, n in tally.weeks.items() if week is not None)
    return Chart(
        "weeks",
        "Quotes per week (week starting)",
        [Row(week.isoformat(), n) for week, n in weeks],
        over_time=True,
        note="Undated articles are left out.",
    )


def by_speaker_kind(tally: Tally) -> Chart:
    labels = dict(Speaker.Kind.choices)
    return Chart(
        "kinds",
        "Share of quotes by kind of speaker",
        ranked(Row(labels.get(kind, "No speaker linked"), n) for kind, n in tally.kinds.items()),
        percent=True,
    )


def by_gender(tally: Tally) -> Chart:
    labels = dict(Speaker.Gender.choices)
    people = {gender: n for (kind, gender), n in tally.genders.items() if kind == Speaker.Kind.PERSON}
    unrecorded = sum(n for gender, n in people.items() if not gender)
    return Chart(
        "gender",
        "Share of quotes from people, by gender where recorded",
        ranked(Row(labels[gender], n) for gender, n in people.items() if gender),
        percent=True,
        note=f"{unrecorded:,} quote{'s' if unrecorded != 1 else ''} from people whose gender is not recorded "
        "are left out of the shares.",
    )


def claims_by_verdict(form: CorpusFilterForm) -> Chart:
    labels = dict(Claim.Verdict.choices)
    rows = (
        Claim.objects.filter(**form.articles_filter())
        .exclude(quote__origin=Quote.GOLD_ORIGIN)
        .values_list("verdict")
        .annotate(n=Count("*"))
        .order_by()
    )
    return Chart("verdicts", "Claims by verdict", ranked(Row(labels[v], n) for v, n in rows), unit="claims")
