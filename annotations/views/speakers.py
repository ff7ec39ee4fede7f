"""Speaker search for linking a quote: names and aliases, as the editor types."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from annotations import roles
from annotations.speakers import search_speakers
from annotations.views.common import parse_id

LIMIT = 8


@require_GET
@login_required
def speaker_search(request: HttpRequest) -> HttpResponse:
    if not roles.can_edit_quotes(request.user):
        raise PermissionDenied("Only editors link speakers.")
    typed = request.GET.get("q", "").strip()[:300]
    return render(
        request,
        "annotations/article_detail.html#speaker-options",
        {
            "speakers": search_speakers(typed, limit=LIMIT),
            "typed": typed,
            "quote_id": parse_id(request.GET.get("quote", "")),
        },
    )
