"""Training the quote-content finder with spaCy's own training loop, within a time limit.

Pure spaCy: DocBins in, a saved pipeline out. The loop is spaCy's
(`train_while_improving`: batches, dropout, evaluation on the held-back
articles every few hundred steps, the best checkpoint kept); what is added
here is a time limit, a progress callback and the meta that names the model.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly
from spacy import util
from spacy.schemas import ConfigSchemaTraining
from spacy.training.initialize import init_nlp
from spacy.training.loop import create_evaluation_callback, create_train_batches, train_while_improving

CONFIG_PATH = Path(__file__).with_name("suggester.cfg")
MODEL_NAME = "quotebook_learned"
META_KEY = "quotebook"


@dataclass
class Progress:
    step: int
    seconds: float
    loss: float
    score: float | None  # the held-back articles' entity F (0-1) at the last evaluation


@dataclass
class TrainingResult:
    version: str
    path: Path
    steps: int
    seconds: float
    stopped_by: str  # "time", "steps" or "patience"
    scores: dict[str, Any] = field(default_factory=dict)


def model_version(now: float | None = None) -> str:
    """The trained model's version: when it was trained, in UTC, to the second."""
    return time.strftime("%Y%m%d.%H%M%S", time.gmtime(now))


def train(
    train_path: Path,
    held_back_path: Path,
    output: Path,
    *,
    base_model: str,
    max_minutes: float,
    max_steps: int | None = None,
    eval_frequency: int | None = None,
    about: dict[str, Any] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> TrainingResult:
    """Train on train_path, keep the checkpoint scoring best on held_back_path, save it to output.

    The model is written to a folder beside output first and moved into place
    only when training finished, so a suggester reading output never sees half a model.
    """
    overrides: dict[str, Any] = {
        "paths.train": str(train_path),
        "paths.dev": str(held_back_path),
        "paths.base_model": base_model,
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    if eval_frequency is not None:
        overrides["training.eval_frequency"] = eval_frequency
    config = util.load_config(CONFIG_PATH, overrides=overrides, interpolate=False)
    started = time.monotonic()
    nlp = init_nlp(config, use_gpu=-1)
    settings = util.registry.resolve(nlp.config.interpolate()["training"], schema=ConfigSchemaTraining)
    train_corpus, held_back_corpus = util.resolve_dot_names(
        nlp.config.interpolate(), [settings["train_corpus"], settings["dev_corpus"]]
    )
    optimizer = settings["optimizer"]
    frozen = settings["frozen_components"]
    steps = train_while_improving(
        nlp,
        optimizer,
        create_train_batches(nlp, train_corpus, settings["batcher"], settings["max_epochs"]),
        create_evaluation_callback(nlp, held_back_corpus, settings["score_weights"]),
        dropout=settings["dropout"],
        accumulate_gradient=settings["accumulate_gradient"],
        patience=settings["patience"],
        max_steps=settings["max_steps"],
        eval_frequency=settings["eval_frequency"],
        exclude=frozen,
        annotating_components=settings["annotating_components"],
        before_update=settings["before_update"],
    )
    staging = output.with_name(output.name + ".training")
    if staging.exists():
        shutil.rmtree(staging)
    deadline = started + max_minutes * 60
    best: dict[str, Any] | None = None
    stopped_by = "patience"
    step = 0  # updates made
    score: float | None = None
    for _batch, info, is_best in steps:
        step = info["step"] + 1
        if is_best is not None:
            score = info["score"]
        if is_best:
            best = dict(info["other_scores"])
            with nlp.use_params(optimizer.averages):
                if staging.exists():
                    shutil.rmtree(staging)
                nlp.to_disk(staging)
        if on_progress is not None:
            on_progress(Progress(step, time.monotonic() - started, float(info["losses"].get("ner", 0.0)), score))
        if time.monotonic() >= deadline:
            stopped_by = "time"
            break
        if step >= settings["max_steps"] > 0:
            stopped_by = "steps"
    if best is None:
        # Stopped before the first evaluation: keep what was learned so far, scored now.
        best = dict(create_evaluation_callback(nlp, held_back_corpus, settings["score_weights"])()[1])
        nlp.to_disk(staging)
    seconds = time.monotonic() - started
    version = model_version()
    _write_meta(staging, version, base_model, best, about or {}, seconds, step)
    if output.exists():
        shutil.rmtree(output)
    staging.rename(output)
    return TrainingResult(version, output, step, seconds, stopped_by, best)


def _write_meta(
    path: Path, version: str, base_model: str, scores: dict, about: dict, seconds: float, steps: int
) -> None:
    meta_path = path / "meta.json"
    meta = srsly.read_json(meta_path)
    base = util.get_model_meta(util.get_package_path(base_model)) if util.is_package(base_model) else {}
    meta.update(
        {
            "name": MODEL_NAME,
            "version": version,
            "description": "Quote contents learned from a newsroom's annotations (Quotebook train_suggester).",
            META_KEY: {
                "base_model": f"{base.get('lang', 'en')}_{base.get('name', base_model)}-{base.get('version', '0')}",
                "held_back_scores": {key: value for key, value in scores.items() if key.startswith("ents_")},
                "seconds": round(seconds, 1),
                "steps": steps,
                **about,
            },
        }
    )
    srsly.write_json(meta_path, meta)
