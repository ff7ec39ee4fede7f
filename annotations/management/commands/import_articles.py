"""Import articles from files, folders or URLs; a summary at the end, exit 0 / 1 (some failed) / 2 (usage)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from annotations.corpus.importer import Duplicate, Importer
from annotations.corpus.sources import FORMATS, UsageError, from_paths
from annotations.formats.records import RecordError
from annotations.tasks import enqueue_suggestions


class Command(BaseCommand):
    help = "Import articles (txt, jsonl, html, url, citron, brat); duplicates are skipped, failures reported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; for --format url also URLs")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--outlet", metavar="DOMAIN", help="the outlet of articles whose files name none")
        parser.add_argument("--no-suggest", action="store_true", help="do not queue suggestions for new articles")

    def handle(self, *args: Any, **options: Any) -> None:
        unknown: set[str] = set()
        importer = Importer(outlet=options["outlet"])
        imported: list[int] = []
        duplicates = 0
        failures: list[str] = []
        entries = from_paths(options["paths"], options["format"], unknown_keys=unknown)
        # The bar goes to stderr and only to a terminal: scripts and logs get the summary alone.
        bar = tqdm(desc="Importing", unit=" articles", file=sys.stderr, disable=not sys.stderr.isatty())
        try:
            for entry in entries:
                bar.update()
                try:
                    if isinstance(entry.result, RecordError):
                        raise entry.result
                    outcome = importer.add(entry.result)
                except RecordError as error:
                    failures.append(f"{entry.where}: {error.message}")
                    continue
                if isinstance(outcome, Duplicate):
                    duplicates += 1
                else:
                    imported.append(outcome.article.pk)
        except UsageError as error:
            raise CommandError(str(error), returncode=2) from None
        finally:
            bar.close()
        if unknown:
            self.stderr.write(f"Ignored keys this schema does not know: {', '.join(sorted(unknown))}")
        for failure in failures:
            self.stderr.write(f"failed {failure}")
        self.stdout.write(f"Imported {len(imported)}, skipped {duplicates} as duplicates, failed {len(failures)}.")
        if imported and not options["no_suggest"]:
            tasks = enqueue_suggestions(imported)
            self.stdout.write(f"Queued suggestions for {len(imported)} articles ({tasks} tasks).")
        if failures:
            raise CommandError(f"{len(failures)} record(s) failed; the others went in.", returncode=1)
