"""Articles in from the web: paste one, upload files, list URLs; watch a batch import in the background."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from annotations import roles
from annotations.corpus.batches import create_batch, progress
from annotations.corpus.importer import Duplicate, Importer
from annotations.corpus.sources import from_upload
from annotations.formats.records import ArticleRecord, OutletRecord, RecordError
from annotations.import_forms import PasteForm, UploadForm, UrlListForm
from annotations.models import Article, ImportBatch, ImportItem
from annotations.tasks import enqueue_suggestions, import_batch_task
from annotations.views.common import review_context

TEMPLATE = "annotations/article_add.html"


def _editor_only(request: HttpRequest) -> None:
    if not roles.can_add_articles(request.user):
        raise PermissionDenied("Only editors add articles.")


def _page(request: HttpRequest, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "paste_form": forms.get("paste_form") or PasteForm(),
        "upload_form": forms.get("upload_form") or UploadForm(),
        "url_form": forms.get("url_form") or UrlListForm(),
        "batches": ImportBatch.objects.filter(created_by=request.user)[:10],
        "active": next((name for name, form in forms.items() if form is not None), "paste_form"),
    }
    return render(request, TEMPLATE, context, status=status)


@require_GET
@login_required
def article_add(request: HttpRequest) -> HttpResponse:
    _editor_only(request)
    return _page(request)


@require_POST
@login_required
def article_paste(request: HttpRequest) -> HttpResponse:
    _editor_only(request)
    form = PasteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        record = ArticleRecord(
            text=data["text"],
            title=data["title"],
            url=data["url"] or None,
            outlet=OutletRecord(name=data["outlet"], domain=data["outlet"]) if data["outlet"] else None,
            published_at=_midnight(data["published_at"]),
        )
        try:
            outcome = Importer(user=request.user).add(record)
        except RecordError as error:
            form.add_error(None, error.message)
        else:
            if isinstance(outcome, Duplicate):
                link = reverse("annotations:article_detail", args=[outcome.article.pk])
                form.add_error(
                    None,
                    format_html(
                        'This article is here already (the same {}): <a href="{}">{}</a>.',
                        outcome.reason,
                        link,
                        outcome.article.title,
                    ),
                )
            else:
                enqueue_suggestions([outcome.article.pk])
                return redirect("annotations:article_detail", article_id=outcome.article.pk)
    return _page(request, status=400, paste_form=form)


@require_POST
@login_required
def article_upload(request: HttpRequest) -> HttpResponse:
    _editor_only(request)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        entries = from_upload(((upload.name, upload.read()) for upload in data["files"]), data["format"])
        batch = create_batch(
            editor=request.user, fmt=data["format"], entries=entries, outlet=data["outlet"], suggest=data["suggest"]
        )
        return redirect("annotations:import_batch", batch_id=batch.pk)
    return _page(request, status=400, upload_form=form)


@require_POST
@login_required
def article_urls(request: HttpRequest) -> HttpResponse:
    _editor_only(request)
    form = UrlListForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        urls = [(url, url) for url in data["urls"]]
        batch = create_batch(editor=request.user, fmt="url", urls=urls, outlet=data["outlet"], suggest=data["suggest"])
        return redirect("annotations:import_batch", batch_id=batch.pk)
    return _page(request, status=400, url_form=form)


@require_GET
@login_required
def import_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    _editor_only(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    items = batch.items.select_related("article")
    context = {"batch": batch, "items": items, "progress": progress(batch)}
    template = "annotations/import_batch.html"
    return render(request, f"{template}#batch-progress" if request.htmx else template, context)


@require_POST
@login_required
def import_batch_resume(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Queue the batch's task again, for a batch a stopped worker left halfway; items already in stay as they are."""
    _editor_only(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    if batch.items.filter(state=ImportItem.State.PENDING).exists():
        import_batch_task.enqueue(batch.pk)
    return redirect("annotations:import_batch", batch_id=batch.pk)


@require_GET
@login_required
def suggestion_status(request: HttpRequest, article_id: int) -> HttpResponse:
    """While an article waits for its suggestions, the waiting notice; once they are in, the review area itself."""
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=article_id)
    if not request.htmx:
        return redirect("annotations:article_detail", article_id=article.pk)
    if article.awaits_suggestions:
        return render(request, "annotations/article_detail.html#suggestions-pending", {"article": article})
    response = render(request, "annotations/article_detail.html#review", review_context(request, article))
    response["HX-Retarget"] = "#review"
    response["HX-Reswap"] = "outerHTML"
    return response


def _midnight(day: date | None) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, time())) if day else None
