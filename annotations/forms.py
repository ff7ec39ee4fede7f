"""The input of every review action and of the queue's filters, validated before an action runs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from annotations.corpus.export_files import FORMATS
from annotations.corpus.exporter import ExportError, ExportFilters, find_speaker
from annotations.models import MAX_RATIONALE_CHARS, MAX_STATEMENT_CHARS, Article, Claim, Outlet, Quote, Speaker
from annotations.review import SPAN_ROLES


def parse_id(value: str | None) -> int | None:
    """A positive id from a query string or form, or None: the one place ids from outside are parsed."""
    if value is None:
        return None
    value = str(value).strip()
    # str.isdigit() accepts "²" and other digits int() refuses: ASCII digits only.
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def parse_versions(values: list[str]) -> dict[int, int]:
    """Checked quotes as "pk:version" each, so a quote changed since the list was shown is refused."""
    versions: dict[int, int] = {}
    for value in values:
        pk, _, version = value.partition(":")
        pk_, version_ = parse_id(pk), parse_id(version)
        if pk_ is None or version_ is None:
            raise forms.ValidationError(f"“{value[:50]}” is not a quote in the list.")
        versions[pk_] = version_
    return versions


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


class MoveForm(QuoteActionForm):
    role = forms.ChoiceField(choices=list(SPAN_ROLES.items()))
    edge = forms.ChoiceField(choices=[("start", "start"), ("end", "end")])
    step = forms.TypedChoiceField(choices=[("-1", "left"), ("1", "right")], coerce=int)
    # A word at a time, or to the next comma, quotation mark or clause edge.
    unit = forms.ChoiceField(choices=[("word", "word"), ("phrase", "phrase")], required=False)


class JoinForm(QuoteActionForm):
    other = forms.IntegerField(min_value=1, label="Next quote")
    other_version = forms.IntegerField(min_value=1)


class NewQuoteForm(forms.Form):
    """A selection, or without one the next sentence after `after` that no quote covers yet."""

    start = forms.IntegerField(min_value=0, required=False)
    end = forms.IntegerField(min_value=0, required=False)
    after = forms.IntegerField(min_value=0, required=False)
    snap = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=Quote.Kind.choices, initial=Quote.Kind.DIRECT)
    # The editor's time since their last action: finding and marking what the suggester missed.
    seconds = forms.FloatField(required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise forms.ValidationError("A new quote needs both a start and an end, or neither.")
        if start is not None and end <= start:
            raise forms.ValidationError("The selection is empty or reversed: select some words in the article.")
        return data


class ChecklistForm(forms.Form):
    # Each checked quote as "pk:version", so a quote changed since the list was shown is refused.
    quotes = forms.CharField(required=False)

    def __init__(self, data=None, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        self.checked = data.getlist("quotes") if data is not None else []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["versions"] = parse_versions(self.checked)
        if not data["versions"]:
            raise forms.ValidationError("Tick at least one quote.")
        return data


class LinkSameForm(ChecklistForm):
    speaker = forms.IntegerField(min_value=1)


class BulkThresholdForm(forms.Form):
    threshold = forms.FloatField(min_value=0, max_value=1, initial=0.9, label="Confidence at least")


class BulkConfirmForm(ChecklistForm, BulkThresholdForm):
    without_speaker = forms.BooleanField(required=False, label="Also confirm quotes with no linked speaker")


class RejectBelowForm(forms.Form):
    below = forms.FloatField(min_value=0, max_value=1, initial=0.5, label="Confidence below")


class BulkRejectForm(ChecklistForm, RejectBelowForm):
    pass


class DoneForm(forms.Form):
    anyway = forms.BooleanField(required=False, label="Mark done with suggestions still unreviewed")


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


class ExportForm(forms.Form):
    """What to export and which part of the corpus: the export page and export_corpus validate alike."""

    format = forms.ChoiceField(choices=[], widget=forms.RadioSelect)
    status = forms.ChoiceField(
        choices=[*Quote.Status.choices, ("all", "Any status")], initial=Quote.Status.CONFIRMED, required=False
    )
    origin = forms.ChoiceField(choices=[], initial="editorial", required=False)
    outlet = forms.CharField(required=False, max_length=253, widget=forms.Select)
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published from")
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}), label="Published to")
    speaker = forms.CharField(required=False, max_length=300, help_text="A speaker's id, name or alias.")
    ids = forms.CharField(required=False, label="Article ids", help_text="Separated by commas or spaces.")
    q = forms.CharField(required=False, max_length=200, label="Text")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [(fmt.name, fmt.label) for fmt in FORMATS.values()]
        known = Quote.objects.exclude(origin__in=["gold", "manual", "import"]).values_list("origin", flat=True)
        self.fields["origin"].choices = [
            ("editorial", "Editors' and imported (not the gold reference)"),
            ("gold", "Gold reference only"),
            ("manual", "Added by editors"),
            ("import", "Imported"),
            *[(origin, f"Suggested by {origin}") for origin in sorted(set(known.distinct()))],
            ("all", "Every origin"),
        ]
        outlets = Outlet.objects.order_by("name").values_list("domain", "name")
        self.fields["outlet"].widget.choices = [("", "Any outlet"), *outlets]

    def clean_status(self) -> str:
        return self.cleaned_data["status"] or Quote.Status.CONFIRMED

    def clean_origin(self) -> str:
        return self.cleaned_data["origin"] or "editorial"

    def clean_outlet(self) -> str:
        outlet = self.cleaned_data["outlet"].strip()
        if outlet and not Outlet.objects.filter(Q(domain__iexact=outlet) | Q(name__iexact=outlet)).exists():
            raise forms.ValidationError(f"There is no outlet {outlet!r}: give its domain or its name.")
        return outlet

    def clean_speaker(self) -> int | None:
        value = self.cleaned_data["speaker"].strip()
        if not value:
            return None
        try:
            return find_speaker(value).pk
        except ExportError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_ids(self) -> tuple[int, ...]:
        values = self.cleaned_data["ids"].replace(",", " ").split()
        bad = [value for value in values if parse_id(value) is None]
        if bad:
            raise forms.ValidationError(f"Article ids are whole numbers; not {', '.join(bad)[:200]}.")
        return tuple(int(value) for value in values)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError("The date range ends before it starts.")
        return data

    def filters(self) -> ExportFilters:
        data = self.cleaned_data
        return ExportFilters(
            status=data["status"],
            origin=data["origin"],
            outlet=data["outlet"],
            since=data["since"],
            until=data["until"],
            speaker=data["speaker"],
            article_ids=data["ids"],
            text=data["q"].strip(),
        )
