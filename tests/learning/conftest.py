from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from annotations.models import Article, Quote
from annotations.review.quotes import quote_add, quote_confirm, quote_set_span
from annotations.suggest import suggest_articles

SECOND_ARTICLE = "fixtures/demo-article-2.txt"
# In the second demo article, what the islanders' association called the fare rise: the rules read it
# inside a longer mixed quote; the editor marks it as a quote of its own.
ADDED = '"a tax on living here."'


@pytest.fixture
def demo_articles(db) -> list[Article]:
    """The two demo articles with the rules' suggestions, as `make demo` leaves them."""
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    title, _, body = Path(SECOND_ARTICLE).read_text(encoding="utf-8").partition("\n")
    Article.objects.create(title=title.strip(), text=body.strip())
    articles = list(Article.objects.order_by("pk"))
    suggest_articles(articles)
    return articles


@pytest.fixture
def reviewed_demo(demo_articles, editor) -> list[Article]:
    """An editor went through the demo: confirmed the suggestions, corrected one, added one the rules missed."""
    suggestions = list(Quote.objects.filter(status=Quote.Status.SUGGESTED).prefetch_related("parts").order_by("pk"))
    for quote in suggestions:
        quote_confirm(quote=quote, editor=editor, version=quote.version)
    corrected = Quote.objects.get(pk=suggestions[0].pk)
    part = corrected.parts.get()
    quote_set_span(
        quote=corrected, editor=editor, version=corrected.version, role="content", start=part.start, end=part.end - 1
    )
    second = demo_articles[1]
    start = second.text.index(ADDED)
    quote_add(article=second, editor=editor, start=start, end=start + len(ADDED), kind=Quote.Kind.DIRECT)
    return demo_articles


@pytest.fixture(scope="session")
def nlp():
    from annotations.nlp import load_pipeline

    # Loading the model takes seconds: once per test session.
    return load_pipeline()
