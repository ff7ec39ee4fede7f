"""Error pages that cannot fail themselves: no template, no database, no context processor."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBadRequest
from django.utils.html import escape

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bad request · Quotebook</title></head>
<body><h1>Bad request</h1><p>{message}</p><p><a href="/">Back to the review queue</a></p></body></html>
"""


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponseBadRequest:
    """400: the request could not be read (too large, malformed, badly encoded); says so in words."""
    try:
        message = str(exception) if exception is not None and str(exception) else ""
    except Exception:  # an exception whose message cannot even be turned into text
        message = ""
    message = message or "The request could not be read: it was too large, malformed or badly encoded."
    return HttpResponseBadRequest(_PAGE.format(message=escape(message[:500])), content_type="text/html; charset=utf-8")
