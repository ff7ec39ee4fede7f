from __future__ import annotations

import pytest
from spacy.language import Language

from annotations.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    # Loading the model takes seconds: once per test session.
    return load_pipeline()
