"""The suggester with a model trained on PolNeAR train, scored on PolNeAR dev beside the rules alone.

    .venv/bin/python benchmarks/learned_suggester.py [--max-minutes 14] [--model DIR] [--skip-training]

PolNeAR stands in for a newsroom's annotations: its train split (first
annotator of each article) is converted straight to spaCy DocBins through the
brat codec, a tenth of it held back to pick the best checkpoint, and the model
trained within the time limit. Then `evaluate_quotes` scores PolNeAR dev with
the rules alone and with the trained model, and the suggester's throughput is
measured with the model against the bare spaCy pipeline.

The model is written to learned-models/polnear in this folder, which git
ignores: the corpus has no licence for redistribution, so nothing trained on
it may be committed or packaged.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from annotations.formats import brat  # noqa: E402
from annotations.formats.records import RecordError  # noqa: E402
from annotations.learning.examples import HELD_BACK_SHARE, TrainingArticle, split, to_docbin  # noqa: E402
from annotations.learning.trainer import Progress, train  # noqa: E402
from annotations.nlp import DEFAULT_MODELS, load_pipeline  # noqa: E402
from annotations.nlp.component import COMPONENT_NAME, PARAGRAPHS_NAME  # noqa: E402
from annotations.nlp.learned import LEARNED_NAME  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
DEFAULT_MODEL_DIR = ROOT / "learned-models" / "polnear"


def polnear_articles(split_dir: Path) -> list[TrainingArticle]:
    """Each article of the split with its first annotator's content parts."""
    articles = []
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        annotations = sorted((split_dir / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        for record in brat.decode(text_path.read_bytes(), annotations[0].read_bytes(), name=text_path.name):
            if isinstance(record, RecordError):
                raise SystemExit(f"{annotations[0]}: {record.where(annotations[0].name)} {record.message}")
            contents = [(part.start, part.end) for quote in record.quotes for part in quote.parts]
            articles.append(TrainingArticle(text_path.stem, record.text, contents))
    return articles


def train_model(model_dir: Path, max_minutes: float) -> dict:
    articles = polnear_articles(POLNEAR / "train")
    to_train, held_back = split(articles, HELD_BACK_SHARE)
    contents = sum(len(article.contents) for article in to_train)
    print(f"PolNeAR train: {len(to_train)} articles ({contents} content parts) to train on, {len(held_back)} held back")
    load_before = os.getloadavg()
    last_report = [0.0]

    def report(progress: Progress) -> None:
        if progress.seconds - last_report[0] >= 60:
            last_report[0] = progress.seconds
            score = f"{100 * progress.score:.1f}" if progress.score is not None else "-"
            print(
                f"  {progress.seconds / 60:4.1f} min  step {progress.step:>5}  held-back F (exact) {score}", flush=True
            )

    with tempfile.TemporaryDirectory(prefix="quotebook-polnear-") as folder:
        blank = spacy.blank("en")
        to_docbin(blank, to_train).to_disk(Path(folder) / "train.spacy")
        to_docbin(blank, held_back).to_disk(Path(folder) / "held-back.spacy")
        result = train(
            Path(folder) / "train.spacy",
            Path(folder) / "held-back.spacy",
            model_dir,
            base_model=next(name for name in DEFAULT_MODELS if spacy.util.is_package(name)),
            max_minutes=max_minutes,
            about={"trained_on": "PolNeAR train (benchmark only: never commit)"},
            on_progress=report,
        )
    load_after = os.getloadavg()
    print(
        f"Trained {result.version} in {result.seconds / 60:.1f} min ({result.steps} steps, stopped by "
        f"{result.stopped_by}); load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on "
        f"{os.cpu_count()} cores"
    )
    print(f"The model is in {model_dir} (git-ignored: never commit it or anything trained on PolNeAR).")
    return {"minutes": result.seconds / 60, "steps": result.steps, "load": (load_before[0], load_after[0])}


def evaluate(model_dir: Path | None) -> dict:
    env = dict(os.environ, QUOTEBOOK_LEARNED_MODEL_DIR=str(model_dir) if model_dir else "")
    command = [sys.executable, str(ROOT / "manage.py"), "evaluate_quotes", str(POLNEAR / "dev"), "--json"]
    answer = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(answer.stdout)


def print_table(name: str, figures: dict) -> None:
    print(f"\n{name} ({figures['origin']})")
    print(f"{'':18}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'exact F1':>10}{'speaker':>9}{'cue':>8}")
    for kind in ("direct", "indirect", "all"):
        row = figures[kind]
        overlap = row["overlap"]
        print(
            f"{kind:18}{row['gold']:>6}{row['predicted']:>6}{overlap['precision']:>7.1f}{overlap['recall']:>7.1f}"
            f"{overlap['f1']:>7.1f}{row['exact']['f1']:>10.1f}{row['speaker_accuracy']:>8.1f}%{row['cue_accuracy']:>7.1f}%"
        )


def throughput(model_dir: Path) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted((POLNEAR / "dev" / "text").glob("*.txt"))]
    nlp = load_pipeline(DEFAULT_MODELS, str(model_dir))
    if LEARNED_NAME not in nlp.pipe_names:
        raise SystemExit(f"{model_dir}: the trained model did not load (see the warning above)")
    ours = [COMPONENT_NAME, PARAGRAPHS_NAME, LEARNED_NAME]

    def run(disabled: list[str]) -> float:
        started = time.perf_counter()
        with nlp.select_pipes(disable=disabled):
            tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
        return tokens / (time.perf_counter() - started)

    run(ours)  # warm-up
    # Alternate and keep each one's best: the shared machine's noise is larger than the gaps.
    rates: dict[str, list[float]] = {"bare": [], "rules": [], "learned": []}
    for _ in range(2):
        rates["bare"].append(run(ours))
        rates["rules"].append(run([LEARNED_NAME]))
        rates["learned"].append(run([]))
    bare, rules, learned = (max(rates[key]) for key in ("bare", "rules", "learned"))
    print(f"\nThroughput over {len(texts)} dev texts, one process:")
    print(f"  bare spaCy pipeline      {bare:>8,.0f} tokens/s")
    print(f"  rules                    {rules:>8,.0f} tokens/s  {100 * rules / bare:5.1f}% of bare")
    print(f"  rules + trained model    {learned:>8,.0f} tokens/s  {100 * learned / bare:5.1f}% of bare")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-minutes", type=float, default=14.0, help="training time limit")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="where the model goes (git-ignored)")
    parser.add_argument("--skip-training", action="store_true", help="score the model already in --model")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    if not (POLNEAR / "train").is_dir():
        raise SystemExit(f"PolNeAR is not at {POLNEAR}")
    model_dir = args.model.resolve()
    if not args.skip_training:
        train_model(model_dir, args.max_minutes)
    print_table("Rules alone", evaluate(None))
    print_table("Rules + trained model", evaluate(model_dir))
    if not args.skip_throughput:
        throughput(model_dir)


if __name__ == "__main__":
    main()
