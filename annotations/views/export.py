"""The export page: researchers, fact-checkers and editors download the corpus, filtered, in any export format."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from annotations import roles
from annotations.corpus.export_files import FORMATS, export_meta
from annotations.corpus.exporter import count_articles, export_records
from annotations.forms import ExportForm

TEMPLATE = "annotations/export.html"


def _form(request: HttpRequest) -> ExportForm:
    if not roles.can_export(request.user):
        raise PermissionDenied("Your account has no role that reads the corpus.")
    return ExportForm(request.GET or None, initial={"format": "jsonl", "status": "confirmed", "origin": "editorial"})


@require_GET
@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    """The choices; with filters given, how many articles they select."""
    form = _form(request)
    matching = count_articles(form.filters()) if form.is_bound and form.is_valid() else None
    return render(request, TEMPLATE, {"form": form, "formats": FORMATS.values(), "matching": matching})


@require_GET
@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    """The file, streamed while the database is read: nothing waits for the whole corpus."""
    form = _form(request)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form, "formats": FORMATS.values()}, status=400)
    fmt = FORMATS[form.cleaned_data["format"]]
    filters = form.filters()
    response = StreamingHttpResponse(
        fmt.write(export_records(filters), export_meta(filters)), content_type=fmt.content_type
    )
    stem, _, extension = fmt.filename.partition(".")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{timezone.now():%Y-%m-%d}.{extension}"'
    return response
