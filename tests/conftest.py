"""Shared fixtures: the spaCy model loads once per test session; shared data lives in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data folder not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def nlp() -> Language:
    from backchannel.nlp import load_model

    return load_model()
