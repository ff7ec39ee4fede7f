"""Export the annotated corpus in one format; `--format jsonl --status all --origin all` is a full dump."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from annotations.corpus.export_files import FORMATS, export_meta
from annotations.corpus.exporter import CHUNK_SIZE, count_articles, export_records
from annotations.forms import ExportForm


class Command(BaseCommand):
    help = (
        "Write the corpus to PATH in one format. By default only confirmed quotes that editors made or confirmed, "
        "or that were imported; --origin gold for the demo's reference layer, --origin all for everything."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=list(FORMATS))
        parser.add_argument("-o", "--output", required=True, metavar="PATH", help="the file to write; - for stdout")
        parser.add_argument("--status", default="confirmed", help="confirmed (default), suggested, rejected or all")
        parser.add_argument(
            "--origin", default="editorial", help="editorial (default), gold, manual, import, a suggester, or all"
        )
        parser.add_argument("--outlet", default="", help="an outlet's domain or name")
        parser.add_argument("--since", default="", metavar="YYYY-MM-DD", help="published on or after")
        parser.add_argument("--until", default="", metavar="YYYY-MM-DD", help="published on or before")
        parser.add_argument("--speaker", default="", help="a speaker's id, name or alias: only their quotes")
        parser.add_argument("--ids", nargs="*", default=[], metavar="ID", help="only these articles")
        parser.add_argument("--search", default="", help="only articles with these words in the title or text")
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="articles read per batch")

    def handle(self, *args: Any, **options: Any) -> None:
        form = ExportForm(
            {
                "format": options["format"],
                "status": options["status"],
                "origin": options["origin"],
                "outlet": options["outlet"],
                "since": options["since"],
                "until": options["until"],
                "speaker": options["speaker"],
                "ids": " ".join(options["ids"]),
                "q": options["search"],
            }
        )
        if not form.is_valid():
            raise CommandError(_problems(form))
        fmt = FORMATS[form.cleaned_data["format"]]
        filters = form.filters()
        total = count_articles(filters)
        records = tqdm(
            export_records(filters, chunk_size=options["chunk_size"]),
            total=total,
            unit="article",
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
        )
        chunks = fmt.write(records, export_meta(filters))
        output = options["output"]
        if output == "-":
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
        else:
            self._write_file(Path(output), chunks)
            self.stderr.write(f"Exported {total} article{'s' if total != 1 else ''} as {fmt.name} to {output}.")

    def _write_file(self, path: Path, chunks) -> None:
        # Written beside the target and renamed at the end: a failed export never leaves half a file at PATH.
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("wb") as out:
                for chunk in chunks:
                    out.write(chunk)
            os.replace(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"{path}: {error.strerror or error}") from error
        except BaseException:
            partial.unlink(missing_ok=True)
            raise


def _problems(form: ExportForm) -> str:
    """The form's errors named by the options that caused them."""
    options = {"q": "--search", "__all__": ""}
    return "; ".join(
        f"{options.get(name, f'--{name}')} {' '.join(errors)}".strip() for name, errors in form.errors.items()
    )
