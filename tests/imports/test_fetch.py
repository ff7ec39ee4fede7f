from __future__ import annotations

import ipaddress
import socket

import pytest

from annotations import fetch
from annotations.fetch import FetchError


def test_it_fetches_a_page_from_an_allowed_server(web_server):
    page = fetch.fetch(f"{web_server}/article/1", allow_private=True)
    assert b"Harbour master Lena Dahl" in page.body
    assert page.url == f"{web_server}/article/1"


def test_it_follows_a_few_redirects_and_reports_where_it_ended(web_server):
    page = fetch.fetch(f"{web_server}/redirect-to/{web_server}/article/2", allow_private=True)
    assert page.url == f"{web_server}/article/2"
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch.fetch(f"{web_server}/loop", allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "gopher://x/", "/etc/passwd"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch.fetch(url, allow_private=True)


def test_loopback_and_private_addresses_are_refused_unless_allowed(web_server):
    with pytest.raises(FetchError, match="refused"):
        fetch.fetch(f"{web_server}/article/1")
    for url in ["http://10.0.0.5/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]/"]:
        with pytest.raises(FetchError, match="refused"):
            fetch.fetch(url)


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch):
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "intranet.news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 80))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=r"intranet.news.example .*10\.1\.2\.3"):
        fetch.fetch("http://intranet.news.example/story")


def test_a_redirect_to_a_private_address_is_refused(web_server, monkeypatch):
    # Here our test server stands for a public site: only its own address counts as public.
    monkeypatch.setattr(fetch, "is_public", lambda address: address == ipaddress.ip_address("127.0.0.1"))
    assert fetch.fetch(f"{web_server}/article/3").body
    with pytest.raises(FetchError, match=r"169\.254\.169\.254.*refused"):
        fetch.fetch(f"{web_server}/redirect-to/http://169.254.169.254/latest/meta-data")
    with pytest.raises(FetchError, match="refused"):
        fetch.fetch(f"{web_server}/redirect-to/http://127.0.0.2:1/")


def test_pages_past_the_size_cap_are_refused_announced_or_not(web_server):
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        fetch.fetch(f"{web_server}/huge", allow_private=True, max_bytes=1_000_000)
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        fetch.fetch(f"{web_server}/huge-unannounced", allow_private=True, max_bytes=1_000_000)


def test_a_server_that_does_not_answer_in_time_is_given_up_on(web_server):
    with pytest.raises(FetchError, match="did not answer within 1 seconds|stopped sending"):
        fetch.fetch(f"{web_server}/slow", allow_private=True, timeout=1)


def test_an_error_status_is_reported(web_server):
    with pytest.raises(FetchError, match="answered 404"):
        fetch.fetch(f"{web_server}/missing", allow_private=True)
