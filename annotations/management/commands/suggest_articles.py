"""Suggest quotes in stored articles, in the background workers (inline with the immediate backend)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from annotations.models import Article
from annotations.nlp import ModelNotInstalled, origin
from annotations.suggest import pipeline
from annotations.tasks import SUGGEST_CHUNK, suggest_articles_task


class Command(BaseCommand):
    help = (
        "Suggest quotes in stored articles (by default those still new). Quotes an editor decided on or added "
        "are never touched; suggestions already there are not made twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ids", nargs="+", type=int, metavar="ID", help="these articles")
        parser.add_argument("--status", choices=Article.Status.values, help="articles with this status")
        parser.add_argument(
            "--outdated", action="store_true", help="articles suggested by an older version of the suggester"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.order_by("pk")
        if options["ids"]:
            articles = articles.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}", returncode=2)
        if options["status"]:
            articles = articles.filter(status=options["status"])
        if options["outdated"]:
            try:
                current = origin(pipeline())
            except ModelNotInstalled as error:
                raise CommandError(str(error)) from error
            articles = articles.exclude(suggester_version="").exclude(suggester_version=current)
        if not (options["ids"] or options["status"] or options["outdated"]):
            articles = articles.filter(status=Article.Status.NEW)
        ids = list(articles.values_list("pk", flat=True))
        chunks = [ids[i : i + SUGGEST_CHUNK] for i in range(0, len(ids), SUGGEST_CHUNK)]
        quiet = not sys.stderr.isatty()
        with tqdm(total=len(ids), desc="Suggesting", unit=" articles", file=sys.stderr, disable=quiet) as bar:
            for chunk in chunks:
                suggest_articles_task.enqueue(chunk)
                bar.update(len(chunk))
        self.stdout.write(f"Queued {len(ids)} articles for suggestions in {len(chunks)} tasks.")
