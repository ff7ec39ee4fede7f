"""Speaker search for linking a quote: names and aliases, as the editor types."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from annotations import roles
from annotations.models import Speaker, normalise_name

LIMIT = 8


@require_GET
@login_required
def speaker_search(request: HttpRequest) -> HttpResponse:
    if not roles.can_edit_quotes(request.user):
        raise PermissionDenied("Only editors link speakers.")
    typed = request.GET.get("q", "").strip()[:300]
    normalised = normalise_name(typed)
    speakers: list[Speaker] = []
    if normalised:
        # Two steps, so the LIMIT applies to speakers rather than to speaker-alias join rows.
        matching = (
            Speaker.objects.filter(Q(name__icontains=typed) | Q(aliases__normalized__contains=normalised))
            .values("pk")
            .distinct()
        )
        speakers = list(Speaker.objects.filter(pk__in=matching).prefetch_related("aliases").order_by("name")[:LIMIT])
    quote_id = request.GET.get("quote", "")
    return render(
        request,
        "annotations/article_detail.html#speaker-options",
        {"speakers": speakers, "typed": typed, "quote_id": int(quote_id) if quote_id.isdigit() else None},
    )
