"""Articles with their quote contents as spaCy training Docs: one entity label, CONTENT, per content part.

Pure spaCy: no Django here. The trained `ner` learns where what someone said
begins and ends; cues and speakers stay with the rules' attribution machinery.
Text nobody has decided on yet (a suggestion still waiting for an editor) is
marked missing, so it teaches neither "a quote" nor "no quote".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

LABEL = "CONTENT"
# The share of articles kept out of training to measure the model on.
HELD_BACK_SHARE = 0.1

Bounds = tuple[int, int]


@dataclass
class TrainingArticle:
    """One article's text, the content parts the model should find, and the text left undecided."""

    key: str
    text: str
    contents: list[Bounds] = field(default_factory=list)
    undecided: list[Bounds] = field(default_factory=list)


def _spans(doc: Doc, bounds: Iterable[Bounds], label: str = "") -> list[Span]:
    spans = []
    for start, end in bounds:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


def to_doc(nlp: Language, article: TrainingArticle) -> Doc:
    """The article tokenised by nlp, its contents as entities; overlapping contents keep the longest."""
    doc = nlp.make_doc(article.text)
    entities = filter_spans(_spans(doc, article.contents, LABEL))
    undecided = [
        span
        for span in filter_spans(_spans(doc, article.undecided))
        if not any(span.start < entity.end and entity.start < span.end for entity in entities)
    ]
    doc.set_ents(entities, missing=undecided, default="outside")
    return doc


def held_back(key: str, share: float) -> bool:
    """Whether an article is kept out of training to measure the model: stable across runs, by its key."""
    digest = hashlib.sha256(key.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def split(articles: Sequence[TrainingArticle], share: float) -> tuple[list[TrainingArticle], list[TrainingArticle]]:
    """(to train on, held back); at least one article on each side when there are two or more."""
    train = [article for article in articles if not held_back(article.key, share)]
    test = [article for article in articles if held_back(article.key, share)]
    if len(articles) >= 2 and not test:
        test, train = train[-1:], train[:-1]
    elif len(articles) >= 2 and not train:
        train, test = test[:1], test[1:]
    return train, test


def to_docbin(nlp: Language, articles: Iterable[TrainingArticle]) -> DocBin:
    docs = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"])
    for article in articles:
        docs.add(to_doc(nlp, article))
    return docs
