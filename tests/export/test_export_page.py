"""The export page for each role: anonymous to login, any reading role downloads, nobody without a role."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.urls import URLPattern, get_resolver, reverse

from annotations.models import Article, Claim, Quote, Speaker
from tests.factories import make_article, make_claim, make_quote, make_speaker, make_user

pytestmark = pytest.mark.django_db
PAGE, DOWNLOAD = reverse("annotations:export"), reverse("annotations:export_download")


@pytest.fixture
def quote():
    article = make_article(title="Minsk")
    quote = make_quote(article, '"We are ready,"', status=Quote.Status.CONFIRMED, speaker=make_speaker())
    make_claim(article, quote=quote, verdict="false", review_url="https://checks.example/1")
    make_quote(article, '"Minsk is the place."', status=Quote.Status.SUGGESTED)
    return quote


def download(client, **query) -> tuple[object, bytes]:
    response = client.get(DOWNLOAD, query)
    return response, b"".join(response.streaming_content) if response.streaming else response.content


def test_it_sends_anonymous_visitors_to_the_login_page(client, quote):
    for path in (PAGE, DOWNLOAD + "?format=csv"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_refuses_an_account_without_a_role(client, quote):
    client.force_login(make_user("nobody"))
    assert client.get(PAGE).status_code == 403
    assert client.get(DOWNLOAD, {"format": "csv"}).status_code == 403


@pytest.mark.parametrize("role", ["researcher", "fact_checker", "editor"])
def test_it_lets_every_reading_role_download_each_format(client, quote, role, request):
    client.force_login(request.getfixturevalue(role))
    page = client.get(PAGE)
    assert page.status_code == 200
    assert f'href="{PAGE}"'.encode() in page.content  # the nav link
    for fmt in ("jsonl", "csv", "citron", "brat", "spacy", "claimreview"):
        response, body = download(client, format=fmt)
        assert response.status_code == 200, fmt
        assert response.streaming, fmt
        assert response["Content-Disposition"].startswith("attachment; filename="), fmt
        if fmt in ("citron", "brat", "spacy"):
            assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
    _, body = download(client, format="csv")
    (row,) = csv.DictReader(io.StringIO(body.decode("utf-8")))
    assert row["quote"] == '"We are ready,"'
    _, body = download(client, format="claimreview")
    assert json.loads(body)[0]["claimReviewed"] == "The talks will go ahead."


def test_it_applies_the_filters_and_counts_what_they_select(client, researcher, quote):
    client.force_login(researcher)
    _, body = download(client, format="csv", status="all")
    assert len(list(csv.DictReader(io.StringIO(body.decode())))) == 2
    _, body = download(client, format="csv", q="nowhere to be found")
    assert list(csv.DictReader(io.StringIO(body.decode()))) == []
    assert b"1 article matches these filters" in client.get(PAGE, {"format": "csv", "status": "all"}).content


def test_it_shows_bad_filters_on_the_page_with_400(client, researcher, quote):
    client.force_login(researcher)
    response = client.get(DOWNLOAD, {"format": "csv", "since": "2024-05-01", "until": "2024-04-01"})
    assert response.status_code == 400
    assert "The date range ends before it starts." in response.content.decode()
    response = client.get(DOWNLOAD, {"format": "pdf"})
    assert response.status_code == 400 and b"Select a valid choice" in response.content


def test_it_keeps_researchers_off_every_endpoint_that_changes_anything(client, researcher, quote):
    """Every route of the app, posted to and fetched by a researcher: every post refused, and nothing changed."""
    client.force_login(researcher)
    claim = Claim.objects.get()
    ids = {"article_id": quote.article_id, "quote_id": quote.pk, "claim_id": claim.pk, "speaker_id": quote.speaker_id}
    patterns = [p for p in get_resolver().url_patterns if getattr(p, "app_name", None) == "annotations"][0].url_patterns
    before = [model.objects.count() for model in (Article, Quote, Claim, Speaker)]
    refused = []
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        path = reverse(f"annotations:{pattern.name}", kwargs={k: ids.get(k, 1) for k in pattern.pattern.converters})
        response = client.post(path, {"version": 1, "start": 0, "end": 5, "statement": "x", "kind": "direct"})
        assert response.status_code in (403, 405), (pattern.name, response.status_code)
        refused.append(pattern.name)
        client.get(path, {"threshold": 0.5, "q": "Peskov"})
    assert {"quote_confirm", "claim_edit", "export"} <= set(refused)
    assert [model.objects.count() for model in (Article, Quote, Claim, Speaker)] == before
    assert Quote.objects.get(pk=quote.pk).version == 1
    assert Claim.objects.get().version == 1
    assert Article.objects.get().status == "new"
