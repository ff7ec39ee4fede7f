"""Score the quote finder against gold attributions in the PolNeAR layout."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.evaluation import (
    Attribution,
    GoldFormatError,
    evaluate,
    find_errors,
    format_errors,
    format_report,
    read_gold,
)
from annotations.nlp import ModelNotInstalled, origin, suggest
from annotations.suggest import pipeline


class Command(BaseCommand):
    help = "Precision, recall and F1 (overlap and exact), speaker and cue accuracy against GOLD_DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir", metavar="GOLD_DIR", help="folder with text/NAME.txt and attributions/*.ann")
        parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
        parser.add_argument(
            "--errors", action="store_true", help="also list misses, false positives and wrong speakers by category"
        )
        parser.add_argument("--batch-size", type=int, default=16)
        parser.add_argument(
            "--content-without-that",
            action="store_true",
            help='for gold that starts a reported clause after its "that"; PolNeAR keeps it, and so does the scoring',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            documents = read_gold(options["gold_dir"])
        except GoldFormatError as error:
            raise CommandError(str(error)) from error
        if not documents:
            raise CommandError(f"{options['gold_dir']}: no text has an annotation file")
        try:
            nlp = pipeline(content_keeps_that=not options["content_without_that"])
        except ModelNotInstalled as error:
            raise CommandError(str(error)) from error
        texts = [document.text for document in documents]
        predictions = {}

        def unread(number: int, why: str) -> None:
            self.stderr.write(f"{documents[number].name}: the suggester could not read it ({why}); scored as no quotes")

        suggestions = suggest(nlp, texts, batch_size=options["batch_size"], on_failure=unread)
        for document, found in zip(documents, suggestions, strict=True):
            predictions[document.name] = [
                Attribution(
                    contents=s.parts,
                    source=(s.speaker,) if s.speaker else (),
                    cue=(s.cue,) if s.cue else (),
                )
                for s in found
            ]
        report = evaluate(documents, predictions)
        errors = find_errors(documents, predictions) if options["errors"] else None
        if options["json"]:
            figures = {"origin": origin(nlp), **report.summary()}
            if errors is not None:
                figures["errors"] = asdict(errors)
            self.stdout.write(json.dumps(figures, indent=2))
        else:
            self.stdout.write(f"origin: {origin(nlp)}")
            self.stdout.write(format_report(report))
            if errors is not None:
                self.stdout.write(format_errors(errors))
