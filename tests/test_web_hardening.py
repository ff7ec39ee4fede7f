"""What every response carries and how the site answers a request it cannot read or a guessed password."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def test_it_sends_a_content_security_policy_without_inline_script_or_style(client, editor):
    client.force_login(editor)
    article = make_article()
    pages = [reverse("annotations:article_list"), reverse("annotations:article_detail", args=[article.pk])]
    for url in ["/login/", *pages]:
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert directives["frame-ancestors"] == "'none'"


def test_it_sends_a_permissions_policy_refusing_camera_microphone_and_location(client):
    policy = client.get("/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_it_locks_a_username_out_after_repeated_wrong_passwords_with_a_clear_message(client):
    make_user("ned", password="right-password-1")
    answers = [
        client.post("/login/", {"username": "ned", "password": f"wrong{i}"}, REMOTE_ADDR=f"10.0.0.{i}").status_code
        for i in range(1, 7)
    ]
    # Five wrong passwords are answered as wrong; then the account is paused, whatever the address.
    assert answers[:4] == [200, 200, 200, 200]
    assert answers[5] == 429
    locked = client.post("/login/", {"username": "ned", "password": "right-password-1"}, REMOTE_ADDR="10.0.0.99")
    assert locked.status_code == 429
    assert b"Logging in is paused" in locked.content
    assert b"After 5 wrong passwords for this account or from this address" in locked.content
    assert b"paused for 15 minutes" in locked.content


def test_it_locks_an_address_out_that_tries_many_usernames(client):
    for i in range(6):
        client.post("/login/", {"username": f"guess{i}", "password": "x"}, REMOTE_ADDR="10.1.1.1")
    make_user("real", password="right-password-1")
    locked = client.post("/login/", {"username": "real", "password": "right-password-1"}, REMOTE_ADDR="10.1.1.1")
    assert locked.status_code == 429
    elsewhere = client.post("/login/", {"username": "real", "password": "right-password-1"}, REMOTE_ADDR="10.2.2.2")
    assert elsewhere.status_code == 302


def test_it_logs_in_with_the_right_password(client):
    make_user("ned", password="right-password-1")
    response = client.post("/login/", {"username": "ned", "password": "right-password-1"})
    assert response.status_code == 302
    assert response.url == reverse("annotations:article_list")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_it_refuses_a_body_over_the_upload_cap_with_a_400_that_says_why(editor_client):
    article = make_article()
    url = reverse("annotations:claim_add", args=[article.pk])
    response = editor_client.post(url, {"statement": "x" * 5000})
    assert response.status_code == 400
    assert b"Bad request" in response.content
    assert b"exceeded" in response.content  # Django's own words: "Request body exceeded settings.DATA_UPLOAD..."
    assert not article.claims.exists()


@pytest.mark.parametrize(
    ("charset", "message"),
    [("latin-1", b"must be UTF-8 encoded"), ("no-such-charset", b"This field is required")],
)
def test_it_refuses_a_form_body_not_in_utf_8_with_a_400_that_says_so(editor_client, charset, message):
    article = make_article()
    url = reverse("annotations:claim_add", args=[article.pk])
    body = b"statement=Caf%E9+cr%E8me"
    response = editor_client.generic(
        "POST", url, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code == 400
    assert message in response.content
    assert not article.claims.exists()


def test_it_answers_400_even_when_the_error_itself_cannot_be_turned_into_text(rf):
    from newsroom.errors import bad_request

    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no words")

    response = bad_request(rf.get("/"), Unprintable())
    assert response.status_code == 400
    assert b"could not be read" in response.content


def test_it_escapes_the_error_it_shows(rf):
    from newsroom.errors import bad_request

    response = bad_request(rf.get("/"), ValueError("<script>alert(1)</script>"))
    assert b"<script>" not in response.content
    assert b"&lt;script&gt;" in response.content


@override_settings(QUOTEBOOK_MAX_UPLOAD_BYTES=10_000)
def test_it_refuses_an_uploaded_file_over_the_cap_with_a_400_that_says_why(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = make_article()
    url = reverse("annotations:claim_add", args=[article.pk])
    upload = SimpleUploadedFile("articles.jsonl", b"x" * 50_000)
    response = editor_client.post(url, {"statement": "A claim.", "file": upload})
    assert response.status_code == 400
    assert b"larger than the 10,000 bytes this server accepts" in response.content
    assert not article.claims.exists()


@override_settings(QUOTEBOOK_MAX_UPLOAD_BYTES=100_000)
def test_it_takes_an_upload_under_the_cap(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = make_article()
    url = reverse("annotations:claim_add", args=[article.pk])
    upload = SimpleUploadedFile("articles.jsonl", b"x" * 5_000)
    response = editor_client.post(url, {"statement": "A claim.", "verdict": "unrated", "file": upload})
    assert response.status_code == 302
    assert article.claims.count() == 1


def test_it_counts_failures_by_the_connecting_address_not_a_header_the_client_chose(client):
    # Without a trusted proxy, X-Forwarded-For is the client's own words: rotating it dodges nothing.
    make_user("ned", password="right-password-1")
    for i in range(6):
        client.post(
            "/login/",
            {"username": f"guess{i}", "password": "x"},
            REMOTE_ADDR="10.3.3.3",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{i}",
        )
    locked = client.post("/login/", {"username": "ned", "password": "right-password-1"}, REMOTE_ADDR="10.3.3.3")
    assert locked.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_it_counts_failures_by_the_client_behind_a_trusted_proxy_so_one_client_locks_out_no_colleague(client):
    make_user("ned", password="right-password-1")
    for i in range(6):
        client.post(
            "/login/",
            {"username": f"guess{i}", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="6.6.6.6",
        )
    colleague = client.post(
        "/login/",
        {"username": "ned", "password": "right-password-1"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert colleague.status_code == 302
    attacker = client.post(
        "/login/",
        {"username": "ned", "password": "right-password-1"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    assert attacker.status_code == 429
