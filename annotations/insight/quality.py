"""How far the suggestions can be trusted, measured from what editors did with them.

Each reviewed suggestion is compared with the suggestion as first made
(`Quote.suggested`): rejected; confirmed unchanged; or confirmed after a
correction of its boundaries (content parts), its speaker, or its kind, each
counted. A quote an editor added by hand in an article the suggester ran over
is one it missed. Then, counting a confirmed suggestion as found:

    precision = confirmed / (confirmed + rejected)
    recall    = confirmed / (confirmed + added by hand)

and the exact variants count only suggestions confirmed unchanged as found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from annotations.insight.filters import CorpusFilterForm
from annotations.models import Quote, QuotePart

UNCHANGED, CORRECTED, REJECTED = "unchanged", "corrected", "rejected"
ASPECTS = ("boundaries", "speaker", "kind")


@dataclass
class Decision:
    """One reviewed suggestion: what became of it, and what the editor corrected."""

    pk: int
    version: str
    outlet: str
    kind: str
    outcome: str
    corrected: tuple[str, ...]
    seconds: float | None


@dataclass
class Tally:
    label: str
    unchanged: int = 0
    rejected: int = 0
    added: int = 0
    corrected: int = 0
    aspects: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ASPECTS, 0))

    def add(self, decision: Decision) -> None:
        if decision.outcome == REJECTED:
            self.rejected += 1
        elif decision.outcome == UNCHANGED:
            self.unchanged += 1
        else:
            self.corrected += 1
            for aspect in decision.corrected:
                self.aspects[aspect] += 1

    @property
    def confirmed(self) -> int:
        return self.unchanged + self.corrected

    @property
    def reviewed(self) -> int:
        return self.confirmed + self.rejected

    @property
    def precision(self) -> float | None:
        return _ratio(self.confirmed, self.confirmed + self.rejected)

    @property
    def recall(self) -> float | None:
        return _ratio(self.confirmed, self.confirmed + self.added)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    @property
    def exact_precision(self) -> float | None:
        return _ratio(self.unchanged, self.reviewed)

    @property
    def exact_recall(self) -> float | None:
        return _ratio(self.unchanged, self.confirmed + self.added)

    @property
    def exact_f1(self) -> float | None:
        return _f1(self.exact_precision, self.exact_recall)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None
    return 2 * precision * recall / (precision + recall)


def reviewed_suggestions(form: CorpusFilterForm | None = None) -> QuerySet[Quote]:
    """Suggestions an editor has decided on (not the gold layer, not quotes added by hand)."""
    lookups = form.articles_filter() if form else {}
    return (
        Quote.objects.filter(suggested__isnull=False, **lookups)
        .exclude(origin__in=[Quote.MANUAL_ORIGIN, Quote.GOLD_ORIGIN])
        .exclude(status=Quote.Status.SUGGESTED)
    )


def added_by_hand(form: CorpusFilterForm | None = None) -> QuerySet[Quote]:
    """Quotes editors marked themselves in articles the suggester had run over: what it missed."""
    lookups = form.articles_filter() if form else {}
    return Quote.objects.filter(origin=Quote.MANUAL_ORIGIN, status=Quote.Status.CONFIRMED, **lookups).exclude(
        Q(article__suggester_version="")
    )


def decisions(form: CorpusFilterForm | None = None) -> list[Decision]:
    """Every reviewed suggestion classified, in two queries however many there are."""
    suggestions = reviewed_suggestions(form)
    parts: dict[int, list[list[int]]] = defaultdict(list)
    confirmed = suggestions.filter(status=Quote.Status.CONFIRMED)
    for quote_id, start, end in (
        QuotePart.objects.filter(quote__in=confirmed)
        .order_by("quote_id", "start")
        .values_list("quote_id", "start", "end")
    ):
        parts[quote_id].append([start, end])
    rows = suggestions.values_list(
        "pk", "origin", "status", "kind", "speaker_id", "suggested", "review_seconds", "article__outlet__name"
    ).order_by("pk")
    return [
        _classify(pk, origin, status, kind, speaker_id, suggested, seconds, outlet, parts.get(pk, []))
        for pk, origin, status, kind, speaker_id, suggested, seconds, outlet in rows
    ]


def _classify(pk, origin, status, kind, speaker_id, suggested, seconds, outlet, parts) -> Decision:
    suggested_kind = suggested.get("kind") or kind
    if status == Quote.Status.REJECTED:
        outcome, corrected = REJECTED, ()
    else:
        corrected = tuple(
            aspect
            for aspect, changed in (
                ("boundaries", sorted(map(list, suggested.get("parts") or [])) != parts),
                ("speaker", suggested.get("speaker_id") != speaker_id),
                ("kind", suggested_kind != kind),
            )
            if changed
        )
        outcome = CORRECTED if corrected else UNCHANGED
    return Decision(pk, origin, outlet or "No outlet", suggested_kind, outcome, corrected, seconds)


@dataclass
class Quality:
    overall: Tally
    by_version: list[Tally]
    by_outlet: list[Tally]
    by_kind: list[Tally]


def quality(form: CorpusFilterForm | None = None) -> Quality:
    found = decisions(form)
    added = list(added_by_hand(form).values_list("kind", "article__suggester_version", "article__outlet__name"))
    overall = Tally("All suggestions")
    groups: dict[str, dict[str, Tally]] = {"version": {}, "outlet": {}, "kind": {}}
    kinds = dict(Quote.Kind.choices)

    def tallies(version: str, outlet: str, kind: str) -> Iterable[Tally]:
        yield overall
        for group, label in (("version", version), ("outlet", outlet), ("kind", kinds.get(kind, kind))):
            yield groups[group].setdefault(label, Tally(label))

    for decision in found:
        for tally in tallies(decision.version, decision.outlet, decision.kind):
            tally.add(decision)
    for kind, version, outlet in added:
        for tally in tallies(version, outlet or "No outlet", kind):
            tally.added += 1
    ordered = lambda group: sorted(groups[group].values(), key=lambda t: t.label)  # noqa: E731
    return Quality(overall, ordered("version"), ordered("outlet"), ordered("kind"))
