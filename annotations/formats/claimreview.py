"""schema.org ClaimReview as JSON-LD: what fact-checking search tools read, one object per claim with a verdict.

The file is a JSON array of ClaimReview objects, each with its own @context so
it can be pasted into a review page's <script type="application/ld+json">.

Verdicts on a 1-5 scale (worstRating 1, bestRating 5), in words in alternateName:

    false 1 · misleading 2 · mixed 3 · mostly true 4 · true 5

"Unverifiable" says nothing about truth, so it has alternateName only, no
ratingValue; unrated claims are not reviews and are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from annotations.formats.records import ArticleRecord, ClaimRecord, SpeakerRecord

CONTEXT = "https://schema.org"
RATINGS = {"false": 1, "misleading": 2, "mixed": 3, "mostly_true": 4, "true": 5}
VERDICT_WORDS = {
    "false": "False",
    "misleading": "Misleading",
    "mixed": "Mixed",
    "mostly_true": "Mostly true",
    "true": "True",
    "unverifiable": "Unverifiable",
}
WORST, BEST = 1, 5


@dataclass(frozen=True)
class Organisation:
    """The fact-checking organisation that authors every review (QUOTEBOOK_FACTCHECK_* settings)."""

    name: str
    url: str = ""

    def as_jsonld(self) -> dict[str, Any]:
        return _without_empty({"@type": "Organization", "name": self.name, "url": self.url})


def _without_empty(value: dict[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if item not in ("", None)}


def _person(speaker: SpeakerRecord) -> dict[str, Any]:
    return _without_empty(
        {
            "@type": "Person" if speaker.kind == "person" else "Organization",
            "name": speaker.name,
            "sameAs": f"https://www.wikidata.org/wiki/{speaker.wikidata_id}" if speaker.wikidata_id else "",
        }
    )


def _claim_author(record: ArticleRecord, claim: ClaimRecord) -> dict[str, Any] | None:
    quote = next((quote for quote in record.quotes if claim.quote is not None and quote.key == claim.quote), None)
    if quote is None:
        return None
    speaker = next((speaker for speaker in record.speakers if speaker.key == quote.speaker), None)
    if speaker is not None:
        return _person(speaker)
    return {"@type": "Person", "name": quote.speaker_name} if quote.speaker_name else None


def review(record: ArticleRecord, claim: ClaimRecord, organisation: Organisation) -> dict[str, Any]:
    published = record.published_at.date().isoformat() if record.published_at else ""
    rating = _without_empty(
        {
            "@type": "Rating",
            "ratingValue": RATINGS.get(claim.verdict),
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": VERDICT_WORDS[claim.verdict],
        }
    )
    appearance = _without_empty(
        {"@type": "NewsArticle", "url": record.url or "", "headline": record.title, "datePublished": published}
    )
    item = _without_empty(
        {
            "@type": "Claim",
            "author": _claim_author(record, claim),
            "datePublished": published,
            "appearance": appearance,
        }
    )
    return _without_empty(
        {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            # Without a review of its own the claim is reviewed where it appears.
            "url": claim.review_url or record.url or "",
            "claimReviewed": claim.statement,
            "datePublished": claim.reviewed_at.date().isoformat() if claim.reviewed_at else "",
            "author": organisation.as_jsonld(),
            "reviewRating": rating,
            "itemReviewed": item,
            "reviewBody": claim.rationale,
        }
    )


def reviews(record: ArticleRecord, organisation: Organisation) -> list[dict[str, Any]]:
    """A ClaimReview for each of the article's claims with a verdict."""
    return [review(record, claim, organisation) for claim in record.claims if claim.verdict in VERDICT_WORDS]


def encode(records: Iterable[ArticleRecord], organisation: Organisation) -> Iterator[str]:
    """The JSON array, piece by piece, so a large export is written as it is read."""
    yield "["
    first = True
    for record in records:
        for item in reviews(record, organisation):
            yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False, indent=None)
            first = False
    yield "\n]\n"
