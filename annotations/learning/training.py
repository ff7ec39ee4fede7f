"""Training the suggester from the database: the data, the held-back articles, the model, the figures.

The management command and the background task both call train_from_database.
"""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import spacy

from annotations.evaluation import Attribution, Tally, score_document
from annotations.learning.data import TrainingData, check_enough, training_data
from annotations.learning.examples import HELD_BACK_SHARE, TrainingArticle, split, to_docbin
from annotations.learning.trainer import Progress, TrainingResult, train
from annotations.nlp.learned import load_model
from annotations.nlp.pipeline import INSTALL_HINT, ModelNotInstalled
from annotations.suggest import spacy_model_names

DEFAULT_MAX_MINUTES = 15.0


@dataclass
class TrainingReport:
    data: TrainingData
    trained_on: int  # articles
    held_back: int  # articles
    result: TrainingResult
    tally: Tally  # the model alone on the held-back articles, content overlap >= 0.5 as evaluate_quotes counts it

    def figures(self) -> dict[str, float]:
        return self.tally.summary()["overlap"]


def base_model() -> str:
    for name in spacy_model_names():
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(f"None of the spaCy models {', '.join(spacy_model_names())} is installed: {INSTALL_HINT}")


def measure(model_dir: Path, articles: list[TrainingArticle]) -> Tally:
    """The trained model alone on articles, scored as evaluate_quotes scores the suggester."""
    model = load_model(model_dir)
    tally = Tally()
    docs = model.pipe((article.text for article in articles), batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        gold = [Attribution(contents=(part,)) for part in sorted(article.contents)]
        found = [Attribution(contents=((entity.start_char, entity.end_char),)) for entity in doc.ents]
        tally.add(score_document(article.text, gold, found))
    return tally


def train_from_database(
    output: Path,
    *,
    max_minutes: float = DEFAULT_MAX_MINUTES,
    since: date | None = None,
    max_steps: int | None = None,
    eval_frequency: int | None = None,
    on_data: Callable[[TrainingData, int, int], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> TrainingReport:
    """Train on the database's editorial layer and save the model to output; NotEnoughData when too little."""
    data = training_data(since=since)
    check_enough(data)
    to_train, to_measure = split(data.articles, HELD_BACK_SHARE)
    if on_data is not None:
        on_data(data, len(to_train), len(to_measure))
    base = base_model()
    tokenizer = spacy.blank("en")
    about = {
        "trained_on": dict(data.provenance),
        "articles": len(to_train),
        "held_back_articles": len(to_measure),
    }
    with tempfile.TemporaryDirectory(prefix="quotebook-training-") as folder:
        train_path, measure_path = Path(folder) / "train.spacy", Path(folder) / "held-back.spacy"
        to_docbin(tokenizer, to_train).to_disk(train_path)
        to_docbin(tokenizer, to_measure).to_disk(measure_path)
        result = train(
            train_path,
            measure_path,
            output,
            base_model=base,
            max_minutes=max_minutes,
            max_steps=max_steps,
            eval_frequency=eval_frequency,
            about=about,
            on_progress=on_progress,
        )
    return TrainingReport(data, len(to_train), len(to_measure), result, measure(output, to_measure))
