"""Plain records for an article with its quotes, speakers and claims: what every codec reads and writes.

One shape for every format. Decoders turn bytes into ArticleRecords (or a
RecordError naming where and why); encoders turn ArticleRecords into bytes.
Spans are [start, end) in Python str indices of the article's text, as in the
database. The JSONL export writes these records field for field and the JSONL
import reads them back: SCHEMA_VERSION is that file's version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SCHEMA_VERSION = 1

KINDS = ("direct", "indirect", "mixed")
STATUSES = ("suggested", "confirmed", "rejected")
VERDICTS = ("unrated", "true", "mostly_true", "mixed", "misleading", "false", "unverifiable")
SPEAKER_KINDS = ("person", "organisation", "group")
# What an imported annotation is, unless the file says otherwise.
IMPORT_ORIGIN = "import"


class RecordError(ValueError):
    """A record that cannot be read. `line` is 1-based where the format has lines (JSONL)."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def where(self, name: str) -> str:
        return f"{name}:{self.line}" if self.line is not None else name


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def problem(self, text: str, label: str) -> str | None:
        """Why this span cannot point into text, in words; None when it can."""
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            return f"the {label} needs whole-number offsets"
        if self.start < 0 or self.end <= self.start:
            return f"the {label} [{self.start}, {self.end}) is empty or reversed"
        if self.end > len(text):
            return f"the {label} [{self.start}, {self.end}) runs past the end of the text ({len(text)} characters)"
        return None


@dataclass
class OutletRecord:
    name: str
    domain: str = ""


@dataclass
class SpeakerRecord:
    """A speaker as the file knows it; `key` is how the file's quotes refer to it (an id, or the name)."""

    key: str
    name: str
    kind: str = "person"
    description: str = ""
    wikidata_id: str = ""
    gender: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class QuoteRecord:
    parts: list[Span]
    kind: str = "direct"
    status: str = "confirmed"
    cue: Span | None = None
    mention: Span | None = None
    # Further stretches of the source, beyond the mention (Citron's second and later sources).
    more_mentions: list[Span] = field(default_factory=list)
    # A key into the article's speakers, or None; speaker_name is the name to link by when there is no key.
    speaker: str | None = None
    speaker_name: str | None = None
    confidence: float | None = None
    origin: str = IMPORT_ORIGIN
    reviewed_by: str | None = None  # a username
    reviewed_at: datetime | None = None
    review_seconds: float | None = None
    # The suggestion as first made (Quote.suggested), kept so a restore can still measure the suggester.
    suggested: dict[str, Any] | None = None
    # The exporting database's id: claims refer to their quote by it.
    key: str | None = None


@dataclass
class ClaimRecord:
    statement: str
    verdict: str = "unrated"
    rationale: str = ""
    review_url: str = ""
    span: Span | None = None
    quote: str | None = None  # the key of a quote in the same article
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None


@dataclass
class ArticleRecord:
    text: str
    title: str = ""
    url: str | None = None
    outlet: OutletRecord | None = None
    published_at: datetime | None = None
    byline: str = ""
    language: str = "en"
    status: str | None = None
    suggester_version: str = ""
    quotes: list[QuoteRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    speakers: list[SpeakerRecord] = field(default_factory=list)
    key: str | None = None  # the exporting database's id

    def problems(self) -> list[str]:
        """Everything that keeps this record out of the database, in words: empty text, spans outside it."""
        if not self.text or not self.text.strip():
            return ["the article has no text"]
        found = []
        speaker_keys = {speaker.key for speaker in self.speakers}
        quote_keys = {quote.key for quote in self.quotes if quote.key is not None}
        for number, quote in enumerate(self.quotes, 1):
            if not quote.parts:
                found.append(f"quote {number} has no content")
            spans = [(part, "content") for part in quote.parts] + [(quote.cue, "cue"), (quote.mention, "mention")]
            spans += [(span, "mention") for span in quote.more_mentions]
            for span, label in spans:
                problem = span.problem(self.text, f"quote {number}'s {label}") if span is not None else None
                if problem:
                    found.append(problem)
            if quote.kind not in KINDS:
                found.append(f"quote {number} has an unknown kind {quote.kind!r} (one of {', '.join(KINDS)})")
            if quote.status not in STATUSES:
                found.append(f"quote {number} has an unknown status {quote.status!r} (one of {', '.join(STATUSES)})")
            if quote.confidence is not None and not 0 <= quote.confidence <= 1:
                found.append(f"quote {number}'s confidence {quote.confidence} is not between 0 and 1")
            if quote.speaker is not None and quote.speaker not in speaker_keys:
                found.append(f"quote {number} refers to speaker {quote.speaker!r}, who is not in the record")
        for number, claim in enumerate(self.claims, 1):
            if claim.span is not None:
                problem = claim.span.problem(self.text, f"claim {number}'s span")
                if problem:
                    found.append(problem)
            if claim.verdict not in VERDICTS:
                found.append(f"claim {number} has an unknown verdict {claim.verdict!r}")
            if claim.quote is not None and claim.quote not in quote_keys:
                found.append(f"claim {number} refers to quote {claim.quote!r}, which is not in the record")
        return found
