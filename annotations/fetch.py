"""Fetching a web page for import, carefully: the URL comes from a user, the server is ours.

http(s) only; a timeout on connecting and on each read, and one for the whole
fetch; a size cap; a few redirects, each checked like the first. The host is
resolved once and every address it resolves to must be public (not private,
loopback, link-local or reserved) before we connect, and we connect to the
address we checked, so a DNS answer cannot change between check and use.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "Quotebook article import (+https://github.com/)"


class FetchError(Exception):
    """Why a URL was not fetched, in words for the editor."""


@dataclass(frozen=True)
class Page:
    url: str  # where the page was found, after redirects
    body: bytes
    content_type: str


def fetch_page(url: str) -> Page:
    """fetch() with the limits from settings."""
    return fetch(
        url,
        timeout=settings.QUOTEBOOK_FETCH_TIMEOUT,
        max_bytes=settings.QUOTEBOOK_FETCH_MAX_BYTES,
        allow_private=settings.QUOTEBOOK_FETCH_ALLOW_PRIVATE,
    )


def fetch(
    url: str, *, timeout: float = 10, max_bytes: int = 5_000_000, max_redirects: int = 3, allow_private: bool = False
) -> Page:
    deadline = time.monotonic() + timeout * 3
    for _hop in range(max_redirects + 1):
        response = _get(url, timeout=timeout, allow_private=allow_private)
        try:
            if response.status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"the server answered {response.status} without saying where to")
                url = urljoin(url, location)
                continue
            if response.status >= 400:
                raise FetchError(f"the server answered {response.status}")
            body = _read(response, max_bytes=max_bytes, deadline=deadline)
            return Page(url=url, body=body, content_type=response.headers.get("Content-Type", ""))
        finally:
            response.release_conn()
    raise FetchError(f"more than {max_redirects} redirects")


def public_address(host: str, port: int, *, allow_private: bool = False) -> str:
    """The address to connect to; FetchError when any address the host resolves to is not public."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot find the host {host!r}") from error
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in found]
    if not addresses:
        raise FetchError(f"cannot find the host {host!r}")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise FetchError(f"{host} is a private, loopback or link-local address ({address}); refused")
    return str(addresses[0])


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.is_global and not address.is_multicast


def _get(url: str, *, timeout: float, allow_private: bool) -> urllib3.BaseHTTPResponse:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}")
    host = parts.hostname
    if not host:
        raise FetchError("the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError("the URL's port is not a number") from error
    address = public_address(host, port, allow_private=allow_private)
    limits = urllib3.Timeout(connect=timeout, read=timeout)
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, timeout=limits, retries=False, server_hostname=host, assert_hostname=host
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=limits, retries=False)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
    try:
        return pool.urlopen("GET", path, headers=headers, redirect=False, preload_content=False)
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError(f"{host} did not answer within {timeout:g} seconds") from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"cannot fetch from {host}: {error.__class__.__name__}") from error


def _read(response: urllib3.BaseHTTPResponse, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the page is larger than {max_bytes:,} bytes")
    chunks, size = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"the page is larger than {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError("the page took too long to arrive")
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError("the server stopped sending the page") from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"the page could not be read: {error.__class__.__name__}") from error
    return b"".join(chunks)
