"""Refuse what no page can use before any view sees it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from newsroom.errors import bad_request


class RefuseNulCharacters:
    """A NUL character in a query string is refused with 400: PostgreSQL cannot store or compare one.

    Forms refuse NUL in what they read themselves; this covers every search box, the admin's included.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = ((key, *values) for key, values in request.GET.lists())
        if "\x00" in request.path or any("\x00" in text for texts in query for text in texts):
            return bad_request(request, ValueError("The address contains a NUL character, which no page accepts."))
        return self.get_response(request)
