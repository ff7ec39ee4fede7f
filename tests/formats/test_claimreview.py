from __future__ import annotations

import json

from annotations.formats import claimreview
from annotations.formats.records import ClaimRecord
from tests.formats.export_records import article, span_of

ORG = claimreview.Organisation(name="Wire Fact Check", url="https://checks.example")


def export(*records) -> list[dict]:
    return json.loads("".join(claimreview.encode(records, ORG)))


def test_it_writes_a_claimreview_with_every_field_for_a_claim_with_a_verdict():
    (review,) = export(article())
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Russia is ready to hold talks in Minsk."
    assert review["url"] == "https://checks.example/minsk"
    assert review["datePublished"] == "2024-03-07"
    assert review["author"] == {"@type": "Organization", "name": "Wire Fact Check", "url": "https://checks.example"}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly true",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Person",
        "name": "Dmitry Peskov",
        "sameAs": "https://www.wikidata.org/wiki/Q2284",
    }
    assert item["appearance"] == {
        "@type": "NewsArticle",
        "url": "https://wire.example/minsk",
        "headline": "Talks in Minsk",
        "datePublished": "2024-03-05",
    }


def test_it_rates_verdicts_on_the_documented_scale_and_leaves_unrated_claims_out():
    verdicts = ["false", "misleading", "mixed", "mostly_true", "true", "unverifiable", "unrated"]
    claims = [ClaimRecord(statement=verdict, verdict=verdict) for verdict in verdicts]
    reviews = export(article(claims=claims))
    ratings = {review["claimReviewed"]: review["reviewRating"] for review in reviews}
    assert [ratings[v].get("ratingValue") for v in verdicts[:6]] == [1, 2, 3, 4, 5, None]
    assert ratings["unverifiable"]["alternateName"] == "Unverifiable"
    assert "unrated" not in ratings


def test_it_names_an_organisation_as_the_author_of_what_an_organisation_said():
    claim = ClaimRecord(statement="Talks go ahead.", verdict="true", span=span_of(article().text, "talks"), quote="32")
    (review,) = export(article(claims=[claim]))
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Kremlin"}


def test_it_falls_back_to_the_article_url_and_writes_an_empty_array_without_verdicts():
    (review,) = export(article(claims=[ClaimRecord(statement="x", verdict="false")]))
    assert review["url"] == "https://wire.example/minsk"
    assert "author" not in review["itemReviewed"]
    assert export(article(claims=[])) == []
