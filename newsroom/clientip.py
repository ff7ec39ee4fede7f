"""The address a request came from, as the login throttle counts it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind TRUSTED_PROXY_COUNT proxies, the address the outermost one saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    the entry that many places from the right is the client's; anything left of it is
    the client's own words (trusting it would let anyone choose the address they are counted under).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
