"""Suggest quotes in plain-text files and write one JSON line per file (Citron's annotation objects)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.nlp import ModelNotInstalled, Suggestion, suggest
from annotations.suggest import pipeline


def _span(text: str, bounds: tuple[int, int]) -> dict[str, Any]:
    start, end = bounds
    return {"start": start, "end": end, "text": text[start:end]}


def citron_quote(text: str, suggestion: Suggestion) -> dict[str, Any]:
    return {
        "cue": _span(text, suggestion.cue) if suggestion.cue else None,
        "sources": [_span(text, suggestion.speaker)] if suggestion.speaker else [],
        "contents": [_span(text, part) for part in suggestion.parts],
        "confidence": round(suggestion.confidence, 3),
        "kind": suggestion.kind,
        "speaker": suggestion.speaker_name,
    }


def text_files(paths: list[str]) -> list[Path]:
    """The .txt files named, and those in the folders named, in order; CommandError for a bad path."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                raise CommandError(f"{name}: folder holds no .txt files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder")
    return files


class Command(BaseCommand):
    help = "Suggest quotes, cues and speakers in .txt files (or folders of them); one JSON line per file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt file or folder of .txt files")
        parser.add_argument("--format", choices=["citron-jsonl"], default="citron-jsonl")
        parser.add_argument("--batch-size", type=int, default=16)

    def handle(self, *args: Any, **options: Any) -> None:
        files = text_files(options["paths"])
        texts = []
        for path in files:
            try:
                texts.append(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{path}: cannot read as UTF-8 text: {error}") from error
        try:
            nlp = pipeline()
        except ModelNotInstalled as error:
            raise CommandError(str(error)) from error
        for path, text, found in zip(files, texts, suggest(nlp, texts, batch_size=options["batch_size"]), strict=True):
            line = {"file": str(path), "text": text, "quotes": [citron_quote(text, s) for s in found]}
            self.stdout.write(json.dumps(line, ensure_ascii=False))
