"""The "Add articles" page's three forms: paste one article, upload files, list URLs to fetch."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from annotations.corpus.sources import FORMATS

UPLOAD_FORMATS = [("auto", "By file extension")] + [(name, name) for name in FORMATS if name != "url"]
MAX_URLS = 500


class OutletField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_length=253, required=False, help_text="Domain, e.g. apnews.com (for articles that name none)", **kwargs
        )

    def clean(self, value: Any) -> str:
        value = super().clean(value).strip().lower()
        if value and (" " in value or "." not in value):
            raise forms.ValidationError("An outlet is given by its domain, such as apnews.com.")
        return value


class PasteForm(forms.Form):
    title = forms.CharField(max_length=500)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), strip=False)
    outlet = OutletField()
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https", label="URL")
    published_at = forms.DateField(required=False, label="Published", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if not text.strip():
            raise forms.ValidationError("The article has no text.")
        return text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(help_text="Text, JSONL, HTML, Citron JSON or brat files, or a zip of them.")
    format = forms.ChoiceField(choices=UPLOAD_FORMATS, initial="auto")
    outlet = OutletField()
    suggest = forms.BooleanField(required=False, initial=True, label="Suggest quotes once imported")

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data["files"]
        limit = settings.QUOTEBOOK_UPLOAD_MAX_BYTES
        total = sum(upload.size for upload in files)
        if total > limit:
            raise forms.ValidationError(
                f"The files come to {filesizeformat(total)}; the limit is {filesizeformat(limit)}. "
                "Upload them in smaller batches, or use manage.py import_articles."
            )
        return files


class UrlListForm(forms.Form):
    urls = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="URLs",
        help_text="One per line; lines starting with # are skipped.",
    )
    outlet = OutletField()
    suggest = forms.BooleanField(required=False, initial=True, label="Suggest quotes once imported")

    def clean_urls(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines()]
        urls = [line for line in lines if line and not line.startswith("#")]
        if not urls:
            raise forms.ValidationError("List at least one URL.")
        if len(urls) > MAX_URLS:
            raise forms.ValidationError(f"At most {MAX_URLS} URLs at a time; this list has {len(urls)}.")
        return urls
