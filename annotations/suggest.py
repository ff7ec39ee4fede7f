"""Running the quote finder over Articles and storing what it suggests."""

from __future__ import annotations

from django.conf import settings
from spacy.language import Language

from annotations.nlp import DEFAULT_MODELS, cached_pipeline


def spacy_model_names() -> tuple[str, ...]:
    """QUOTEBOOK_SPACY_MODEL as a tuple: a str names one model, unset tries the defaults."""
    configured = getattr(settings, "QUOTEBOOK_SPACY_MODEL", None)
    if not configured:
        return DEFAULT_MODELS
    if isinstance(configured, str):
        return (configured,)
    return tuple(configured)


def pipeline() -> Language:
    """The process's spaCy pipeline with the quote finder, loaded on first use."""
    return cached_pipeline(spacy_model_names())
