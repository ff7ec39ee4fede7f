"""Saved web pages: the article's text and metadata as trafilatura extracts them."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import trafilatura

from annotations.formats.common import parse_datetime
from annotations.formats.records import ArticleRecord, OutletRecord, RecordError


def domain_of(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.").lower()


def decode(data: bytes, *, name: str = "", url: str | None = None) -> Iterator[ArticleRecord | RecordError]:
    """One record per page: text, title, date, author, site name and canonical URL (else the URL it came from)."""
    if not data.strip():
        yield RecordError("the file is empty")
        return
    try:
        document = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as error:  # trafilatura raises what lxml raises on hopeless markup
        yield RecordError(f"cannot read the page as HTML: {error}")
        return
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        yield RecordError("no article text found in the page")
        return
    title = (document.title or "").strip()
    # trafilatura keeps the headline as the text's first line; the title holds it already.
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()
    canonical = document.url or url
    domain = domain_of(canonical)
    outlet = OutletRecord(name=(document.sitename or domain).strip(), domain=domain) if domain else None
    try:
        published_at = parse_datetime(document.date, "the page's date")
    except RecordError:
        published_at = None
    yield ArticleRecord(
        text=text,
        title=title or name.rsplit("/", 1)[-1] or "Untitled",
        url=canonical or None,
        outlet=outlet,
        published_at=published_at,
        byline=(document.author or "").strip(),
        language=(document.language or "en") if hasattr(document, "language") else "en",
    )
