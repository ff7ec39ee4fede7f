"""The insight pages: search, speakers, the dashboard, suggestion quality and effort. All read-only.

Every role that logs in reads them; an htmx request (typing in a search box)
gets the results partial of the same template, and every chart is also a CSV.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from annotations.insight import counts, effort, quality, search, speakers
from annotations.insight.charts import Chart
from annotations.insight.filters import CorpusFilterForm, SearchForm
from annotations.models import Speaker

PAGE_SIZE = 25
SUGGESTIONS_SHOWN = 20


def _query_without_page(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in ("page", "csv", *names):
        query.pop(name, None)
    return query.urlencode()


def _csv(charts: list[Chart], key: str, name: str) -> HttpResponse:
    chart = next((chart for chart in charts if chart.key == key), None)
    if chart is None:
        raise Http404("No such chart.")
    response = HttpResponse(chart.as_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="quotebook-{name}-{key}.csv"'
    return response


@require_GET
@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    asked = any(form.values().values())
    quotes = Paginator(search.quotes_matching(form), PAGE_SIZE).get_page(request.GET.get("page")) if asked else None
    claims = search.claims_matching(form) if asked else None
    if quotes is not None:
        for quote in quotes:
            quote.context = search.in_context(quote, quote.article)
    context = {
        "form": form,
        "asked": asked,
        "page": quotes,
        "claims": claims[:PAGE_SIZE] if claims is not None else [],
        "claim_count": claims.count() if claims is not None else 0,
        "query": _query_without_page(request),
        "full_text": search.full_text(),
    }
    template = "annotations/insight/search.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@require_GET
@login_required
def speaker_list(request: HttpRequest) -> HttpResponse:
    words = request.GET.get("q", "")[:300]
    sort = request.GET.get("sort", "quotes")
    sort = sort if sort in speakers.SORTS else "quotes"
    page = Paginator(speakers.speaker_list(words=words, sort=sort), 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": words, "sort": sort, "query": _query_without_page(request)}
    template = "annotations/insight/speaker_list.html"
    return render(request, f"{template}#speakers" if request.htmx else template, context)


@require_GET
@login_required
def speaker_detail(request: HttpRequest, speaker_id: int) -> HttpResponse:
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), pk=speaker_id)
    record = speakers.speaker_record(speaker)
    charts = [record.over_time, record.outlets, record.alongside, record.verdicts]
    if "csv" in request.GET:
        return _csv(charts, request.GET["csv"], f"speaker-{speaker.pk}")
    context = {
        "speaker": speaker,
        "record": record,
        "charts": charts,
        "page": Paginator(record.confirmed, PAGE_SIZE).get_page(request.GET.get("page")),
        "suggested": record.suggested[:SUGGESTIONS_SHOWN],
        "suggested_count": record.suggested.count(),
        "claims": record.claims[:PAGE_SIZE],
        "query": "",
    }
    return render(request, "annotations/insight/speaker_detail.html", context)


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    form = CorpusFilterForm(request.GET)
    answer = counts.dashboard(form)
    if "csv" in request.GET:
        return _csv(answer["charts"], request.GET["csv"], "dashboard")
    context = {"form": form, **answer, "query": _query_without_page(request)}
    return render(request, "annotations/insight/dashboard.html", context)


@require_GET
@login_required
def quality_page(request: HttpRequest) -> HttpResponse:
    form = CorpusFilterForm(request.GET)
    answer = quality.quality(form)
    context = {"form": form, "quality": answer, "overall": [answer.overall]}
    return render(request, "annotations/insight/quality.html", context)


@require_GET
@login_required
def effort_page(request: HttpRequest) -> HttpResponse:
    form = CorpusFilterForm(request.GET)
    work = effort.effort(form)
    charts = [work.statuses, work.per_day, work.per_editor, work.seconds]
    if "csv" in request.GET:
        return _csv(charts, request.GET["csv"], "effort")
    context = {"form": form, "effort": work, "charts": charts, "query": _query_without_page(request)}
    return render(request, "annotations/insight/effort.html", context)
