"""The filters the insight pages share: outlet and date range, validated as forms, applied to querysets."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Prefetch, QuerySet

from annotations.models import Article, Claim, Outlet, Quote


def editorial_quotes() -> QuerySet[Quote]:
    """Every quote but the gold reference layer: the editors' record and the suggestions awaiting them."""
    return Quote.objects.exclude(origin=Quote.GOLD_ORIGIN)


def confirmed_quotes() -> QuerySet[Quote]:
    return editorial_quotes().filter(status=Quote.Status.CONFIRMED)


def articles_with_outlets() -> Prefetch:
    """A listing's articles fetched apart, for its page alone: sorting thousands of quotes joined
    to their articles' whole text is what made a prolific speaker's page slow."""
    return Prefetch("article", queryset=Article.objects.select_related("outlet"))


class DateInput(forms.DateInput):
    input_type = "date"


class CorpusFilterForm(forms.Form):
    """Outlet and publication dates: what narrows every count on the dashboard."""

    outlet = forms.ModelChoiceField(queryset=Outlet.objects.order_by("name"), required=False, empty_label="All outlets")
    since = forms.DateField(required=False, widget=DateInput, label="Published from")
    until = forms.DateField(required=False, widget=DateInput, label="to")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError("The end date is before the start date.")
        return data

    def values(self) -> dict[str, Any]:
        """The valid filters; an invalid form filters nothing (its errors are shown beside it)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}

    def articles_filter(self, prefix: str = "article__") -> dict[str, Any]:
        """Keyword filters on a queryset reaching Article through `prefix` ("" for Article itself)."""
        values = self.values()
        lookups: dict[str, Any] = {}
        if "outlet" in values:
            lookups[f"{prefix}outlet"] = values["outlet"]
        if "since" in values:
            lookups[f"{prefix}published_at__gte"] = _start_of(values["since"])
        if "until" in values:
            lookups[f"{prefix}published_at__lt"] = _start_of(values["until"] + datetime.timedelta(days=1))
        return lookups


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class SearchForm(CorpusFilterForm):
    """What the search page takes; every field is in the URL, so a search can be shared."""

    q = forms.CharField(required=False, max_length=200, label="Words")
    speaker = forms.CharField(required=False, max_length=300, label="Speaker")
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Quote.Kind.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", "Confirmed or suggested"), *Quote.Status.choices], label="Status"
    )
    verdict = forms.ChoiceField(required=False, choices=[("", "Any verdict"), *Claim.Verdict.choices])

    field_order = ["q", "speaker", "outlet", "since", "until", "kind", "status", "verdict"]
