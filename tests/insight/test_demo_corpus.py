"""The demo corpus: loaded, suggested, partly reviewed, so every insight page has something to show."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.demo_corpus import CORPUS, load_demo_corpus, read_article
from annotations.models import Article, Claim, Quote

pytestmark = pytest.mark.django_db


def test_it_reads_every_article_with_an_outlet_and_a_date_over_several_weeks():
    articles = [read_article(path) for path in sorted(CORPUS.glob("*.txt"))]
    assert len(articles) >= 12
    assert len({article.outlet for article in articles}) == 3
    days = sorted(article.published for article in articles)
    assert (days[-1] - days[0]).days >= 28
    assert all(article.text and not article.text.startswith("Title:") for article in articles)


def test_it_gives_every_insight_page_numbers_and_loads_only_once(editor_client):
    assert "Loaded 14 demo corpus articles" in load_demo_corpus()
    counts = (Article.objects.count(), Quote.objects.count(), Claim.objects.count())
    statuses = dict(Quote.objects.values_list("pk", "status"))
    assert load_demo_corpus() == "Demo corpus already loaded."
    assert (Article.objects.count(), Quote.objects.count(), Claim.objects.count()) == counts
    assert dict(Quote.objects.values_list("pk", "status")) == statuses

    dashboard = editor_client.get(reverse("annotations:dashboard")).context
    assert all(not chart.empty for chart in dashboard["charts"])
    quality = editor_client.get(reverse("annotations:quality")).context["quality"].overall
    assert quality.unchanged and quality.corrected and quality.rejected and quality.added
    assert quality.aspects["boundaries"] and quality.aspects["speaker"]
    effort = editor_client.get(reverse("annotations:effort")).context["effort"]
    assert effort.saved_per_quote is not None and effort.saved_per_quote > 0
    assert len(effort.per_editor.rows) == 2 and len(effort.per_day.rows) >= 5
    # some articles are still waiting for an editor
    assert Article.objects.filter(status=Article.Status.SUGGESTED).count() == 4


def test_it_keeps_every_span_inside_its_article():
    load_demo_corpus()
    for quote in Quote.objects.select_related("article").prefetch_related("parts"):
        for part in quote.parts.all():
            assert 0 <= part.start < part.end <= len(quote.article.text)
