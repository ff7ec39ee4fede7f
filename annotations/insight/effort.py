"""The editors' work: articles by status, decisions per editor and day, and seconds per decision.

The seconds are what the review page records from focusing a quote to
deciding on it. The time the suggester saves on a quote is the median time to
add a quote by hand less the median time to confirm a right suggestion.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate

from annotations.insight.charts import Chart, Row
from annotations.insight.filters import CorpusFilterForm, editorial_quotes
from annotations.insight.quality import CORRECTED, REJECTED, UNCHANGED, added_by_hand, decisions
from annotations.models import Article


@dataclass
class Effort:
    statuses: Chart
    per_day: Chart
    per_editor: Chart
    table: list[tuple[str, str, int]]
    seconds: Chart
    confirm_median: float | None
    add_median: float | None

    @property
    def saved_per_quote(self) -> float | None:
        if self.confirm_median is None or self.add_median is None:
            return None
        return self.add_median - self.confirm_median


def effort(form: CorpusFilterForm) -> Effort:
    labels = dict(Article.Status.choices)
    statuses = (
        Article.objects.filter(**form.articles_filter(prefix=""))
        .values("status")
        .annotate(n=Count("*"))
        .order_by("status")
    )
    counted = {row["status"]: row["n"] for row in statuses}
    decided = (
        editorial_quotes()
        .filter(reviewed_at__isnull=False, reviewed_by__isnull=False, **form.articles_filter())
        .annotate(day=TruncDate("reviewed_at"))
        .values("reviewed_by__username", "day")
        .annotate(n=Count("*"))
        .order_by("day", "reviewed_by__username")
    )
    table = [(row["day"].isoformat(), row["reviewed_by__username"], row["n"]) for row in decided]
    per_day: dict[str, int] = {}
    per_editor: dict[str, int] = {}
    for day, editor, n in table:
        per_day[day] = per_day.get(day, 0) + n
        per_editor[editor] = per_editor.get(editor, 0) + n

    timed: dict[str, list[float]] = {UNCHANGED: [], CORRECTED: [], REJECTED: []}
    for decision in decisions(form):
        if decision.seconds is not None:
            timed[decision.outcome].append(decision.seconds)
    by_hand = [s for s in added_by_hand(form).values_list("review_seconds", flat=True) if s is not None]
    medians = {
        "Confirm a right suggestion": _median(timed[UNCHANGED]),
        "Correct a suggestion": _median(timed[CORRECTED]),
        "Reject a suggestion": _median(timed[REJECTED]),
        "Add a quote by hand": _median(by_hand),
    }
    return Effort(
        statuses=Chart(
            "statuses",
            "Articles by status",
            [Row(labels[s], counted.get(s, 0)) for s in Article.Status.values],
            unit="articles",
        ),
        per_day=Chart(
            "days", "Decisions per day", [Row(d, n) for d, n in per_day.items()], unit="decisions", over_time=True
        ),
        per_editor=Chart(
            "editors",
            "Decisions per editor",
            [Row(e, n) for e, n in sorted(per_editor.items(), key=lambda item: (-item[1], item[0]))],
            unit="decisions",
        ),
        table=table,
        seconds=Chart(
            "seconds",
            "Median seconds per decision",
            [Row(label, value) for label, value in medians.items() if value is not None],
            unit="seconds",
            shares=False,
        ),
        confirm_median=medians["Confirm a right suggestion"],
        add_median=medians["Add a quote by hand"],
    )


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
