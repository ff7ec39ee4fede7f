"""Train the suggester's quote-content model on this database's editorial layer."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from annotations.learning.data import PROVENANCE_WORDS, NotEnoughData, TrainingData
from annotations.learning.trainer import Progress
from annotations.learning.training import DEFAULT_MAX_MINUTES, TrainingReport, train_from_database
from annotations.nlp.pipeline import ModelNotInstalled


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--since {value!r} is not a date (YYYY-MM-DD)") from error


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"


class Command(BaseCommand):
    help = (
        "Train the quote-content model from confirmed, corrected, added and imported quotes (never the gold "
        "layer, never undecided suggestions), measure it on held-back articles and save it to --output "
        "(default: QUOTEBOOK_LEARNED_MODEL_DIR)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", metavar="DIR", help="where to save the model (default: the setting)")
        parser.add_argument(
            "--max-minutes", type=float, default=DEFAULT_MAX_MINUTES, help="stop training after this long"
        )
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after")
        parser.add_argument("--max-steps", type=int, help="stop after this many updates (a quick trial)")
        parser.add_argument("--eval-frequency", type=int, help="measure on the held-back articles every N updates")

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or settings.QUOTEBOOK_LEARNED_MODEL_DIR
        if not output:
            raise CommandError(
                "Where should the model go? Pass --output DIR or set QUOTEBOOK_LEARNED_MODEL_DIR "
                "(a folder outside the repository, e.g. ~/.local/share/quotebook/suggester)."
            )
        if options["max_minutes"] <= 0:
            raise CommandError("--max-minutes must be more than 0")
        output_path = Path(output).expanduser().resolve()
        bar: tqdm | None = None

        def on_data(data: TrainingData, trained_on: int, held_back: int) -> None:
            nonlocal bar
            self.stdout.write(
                f"Training data: {data.quotes} confirmed quotes in {len(data.articles)} articles "
                f"({trained_on} to train on, {held_back} held back to measure the model)"
            )
            for key, words in PROVENANCE_WORDS.items():
                self.stdout.write(f"  {data.provenance.get(key, 0):>7}  {words}")
            self.stdout.write(
                "  Quotes confirmed as suggested teach the model little beyond the rules; "
                "corrected, added and imported ones teach it most."
            )
            bar = tqdm(
                total=options["max_steps"] or None,
                unit="step",
                desc="training",
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
            )

        def on_progress(progress: Progress) -> None:
            if bar is None:
                return
            bar.update(progress.step - bar.n)
            score = f"{100 * progress.score:.1f}" if progress.score is not None else "-"
            bar.set_postfix_str(f"held-back F {score}, {_minutes(progress.seconds)}", refresh=False)

        try:
            report = train_from_database(
                output_path,
                max_minutes=options["max_minutes"],
                since=_date(options["since"]) if options["since"] else None,
                max_steps=options["max_steps"],
                eval_frequency=options["eval_frequency"],
                on_data=on_data,
                on_progress=on_progress,
            )
        except NotEnoughData as error:
            raise CommandError(str(error)) from error
        except ModelNotInstalled as error:
            raise CommandError(str(error)) from error
        finally:
            if bar is not None:
                bar.close()
        self._report(report, output_path)

    def _report(self, report: TrainingReport, output: Path) -> None:
        result = report.result
        stopped = {"time": "the time limit", "steps": "the step limit", "patience": "no more improvement"}
        self.stdout.write(
            f"Trained in {_minutes(result.seconds)}: {result.steps} steps, stopped by {stopped[result.stopped_by]}."
        )
        overlap = report.figures()
        exact = result.scores
        self.stdout.write(
            f"On {report.held_back} held-back articles ({report.tally.gold} contents), the model alone: "
            f"precision {overlap['precision']:.1f}, recall {overlap['recall']:.1f}, F1 {overlap['f1']:.1f} "
            f"(content overlap >= 0.5, as evaluate_quotes counts); exact boundaries "
            f"P {100 * (exact.get('ents_p') or 0):.1f} R {100 * (exact.get('ents_r') or 0):.1f} "
            f"F {100 * (exact.get('ents_f') or 0):.1f}."
        )
        self.stdout.write(self.style.SUCCESS(f"Saved model {result.version} to {output}."))
        configured = settings.QUOTEBOOK_LEARNED_MODEL_DIR
        if not configured or Path(configured).expanduser().resolve() != output:
            self.stdout.write(f"To suggest with it, set QUOTEBOOK_LEARNED_MODEL_DIR={output}")
        self.stdout.write(
            "The suggester loads it when its process starts (restart the server and workers); "
            "then `manage.py suggest_articles --outdated` suggests again in articles suggested by an older version."
        )
