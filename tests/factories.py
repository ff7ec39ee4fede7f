"""Small factories: the least a test needs to say to get a valid record."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from annotations.models import Article, Claim, Outlet, Quote, QuotePart, Speaker, SpeakerAlias

TEXT = 'Peskov said the talks would go ahead. "We are ready," he said. "Minsk is the place."'


def make_user(username: str = "editor", *, role: str | None = None, password: str = "pw", **fields):
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_outlet(name: str = "Wire", domain: str = "wire.example") -> Outlet:
    return Outlet.objects.create(name=name, domain=domain)


def make_article(text: str = TEXT, **fields) -> Article:
    fields.setdefault("title", "Talks in Minsk")
    return Article.objects.create(text=text, **fields)


def make_speaker(name: str = "Dmitry Peskov", *, aliases: tuple[str, ...] = (), **fields) -> Speaker:
    speaker = Speaker.objects.create(name=name, **fields)
    for alias in aliases:
        SpeakerAlias.objects.create(speaker=speaker, name=alias)
    return speaker


def make_quote(article: Article, content: str | tuple[str, ...], **fields) -> Quote:
    """A quote whose parts are the first occurrences of the given strings in the article's text."""
    parts = (content,) if isinstance(content, str) else content
    quote = Quote.objects.create(article=article, **fields)
    for part in parts:
        start = article.text.index(part)
        QuotePart.objects.create(quote=quote, start=start, end=start + len(part))
    return quote


def make_claim(article: Article, statement: str = "The talks will go ahead.", **fields) -> Claim:
    return Claim.objects.create(article=article, statement=statement, **fields)
