"""Suggesting quotes, cues and speakers with spaCy. Pure spaCy and the standard library: no Django."""

from __future__ import annotations

from .component import COMPONENT_NAME, COMPONENT_VERSION, QuoteFinder, register_extensions
from .context import disjoint
from .pipeline import (
    DEFAULT_MODELS,
    INSTALL_HINT,
    ModelNotInstalled,
    Suggestion,
    cached_pipeline,
    load_pipeline,
    origin,
    suggest,
    suggestions_in,
)

__all__ = [
    "COMPONENT_NAME",
    "COMPONENT_VERSION",
    "DEFAULT_MODELS",
    "INSTALL_HINT",
    "ModelNotInstalled",
    "QuoteFinder",
    "Suggestion",
    "cached_pipeline",
    "disjoint",
    "load_pipeline",
    "origin",
    "register_extensions",
    "suggest",
    "suggestions_in",
]
