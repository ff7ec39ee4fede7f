"""The input of every review action and of the queue's filters, validated before an action runs."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q

from annotations.models import MAX_RATIONALE_CHARS, MAX_STATEMENT_CHARS, Article, Claim, Outlet, Quote, Speaker
from annotations.review import SPAN_ROLES

# ASCII digits only: str.isdigit() also accepts "²" and "١", which int() refuses or reads differently.
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value: str) -> int | None:
    """A record id from a query string or a form value, or None when it is not one."""
    return int(value) if _ID.fullmatch(value) else None


class QuoteActionForm(forms.Form):
    """What every change to a quote carries: the version it was made against, and the editor's time on it."""

    version = forms.IntegerField(min_value=1)
    seconds = forms.FloatField(required=False, min_value=0)


class SpanForm(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=0)
    snap = forms.BooleanField(required=False, help_text="Widen the selection to whole words.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            raise forms.ValidationError("The selection is empty or reversed: select some words in the article.")
        return data


class QuoteSpanForm(QuoteActionForm, SpanForm):
    role = forms.ChoiceField(choices=list(SPAN_ROLES.items()))


class QuotePartForm(QuoteActionForm, SpanForm):
    pass


class RemovePartForm(QuoteActionForm):
    part = forms.IntegerField()


class KindForm(QuoteActionForm):
    kind = forms.ChoiceField(choices=Quote.Kind.choices)


class LinkSpeakerForm(QuoteActionForm):
    speaker = forms.IntegerField(required=False)
    q = forms.CharField(required=False, max_length=300, label="Search speakers")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("speaker") is None and not (data.get("q") or "").strip():
            raise forms.ValidationError("Choose a speaker, or type a speaker's name.")
        return data


class NewSpeakerForm(QuoteActionForm):
    name = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=Speaker.Kind.choices, initial=Speaker.Kind.PERSON)


class NewQuoteForm(SpanForm):
    kind = forms.ChoiceField(choices=Quote.Kind.choices, initial=Quote.Kind.DIRECT)


class BulkThresholdForm(forms.Form):
    threshold = forms.FloatField(min_value=0, max_value=1, initial=0.9, label="Confidence at least")


class BulkConfirmForm(BulkThresholdForm):
    # Each checked quote as "pk:version", so a quote changed since the list was shown is refused.
    quotes = forms.CharField(required=False)

    def __init__(self, data=None, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        self.checked = data.getlist("quotes") if data is not None else []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        versions: dict[int, int] = {}
        for value in self.checked:
            pk, version = (parse_id(part) for part in value.partition(":")[::2])
            if pk is None or version is None:
                raise forms.ValidationError(f"“{value[:50]}” is not a quote in the list.")
            versions[pk] = version
        if not versions:
            raise forms.ValidationError("Tick at least one quote to confirm.")
        data["versions"] = versions
        return data


class ClaimForm(forms.Form):
    statement = forms.CharField(max_length=MAX_STATEMENT_CHARS, widget=forms.Textarea(attrs={"rows": 2}))
    verdict = forms.ChoiceField(choices=Claim.Verdict.choices, initial=Claim.Verdict.UNRATED)
    rationale = forms.CharField(
        required=False, max_length=MAX_RATIONALE_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )
    review_url = forms.URLField(required=False, max_length=2000, label="Review URL", assume_scheme="https")


class NewClaimForm(ClaimForm):
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class EditClaimForm(ClaimForm):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *Article.Status.choices], required=False)
    outlet = forms.ModelChoiceField(Outlet.objects.all(), required=False, empty_label="Any outlet")
    published_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="From")
    published_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="To")
    q = forms.CharField(required=False, max_length=200, label="Text")

    def filter(self, articles):
        if not self.is_valid():
            return articles
        data = self.cleaned_data
        if data["status"]:
            articles = articles.filter(status=data["status"])
        if data["outlet"]:
            articles = articles.filter(outlet=data["outlet"])
        if data["published_from"]:
            articles = articles.filter(published_at__date__gte=data["published_from"])
        if data["published_to"]:
            articles = articles.filter(published_at__date__lte=data["published_to"])
        if data["q"]:
            articles = articles.filter(Q(title__icontains=data["q"]) | Q(text__icontains=data["q"]))
        return articles
