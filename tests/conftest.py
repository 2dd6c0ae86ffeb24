"""Shared fixtures: the spaCy model loads once per test session; shared data lives in ../shared."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

from backchannel.records import Article
from backchannel.store import Store, ingest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STUBCODER = Path(__file__).resolve().parent / "store" / "stubcoder.py"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data folder not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def nlp() -> Language:
    from backchannel.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def stubcoder() -> ModuleType:
    """``tests/store/stubcoder.py``, the small rule-based coder of the store and API tests.

    Registered as ``stubcoder`` so that the store tests' ``import stubcoder`` finds this same module.
    """
    if "stubcoder" in sys.modules:
        return sys.modules["stubcoder"]
    spec = importlib.util.spec_from_file_location("stubcoder", STUBCODER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["stubcoder"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    return (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def stub_db(
    tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, seed_text: str, stubcoder: ModuleType
) -> Callable[[str, int], Path]:
    """Build a new database coded by the stub coder: the seed article, then the first ``whitehouse``
    White House readouts. Each call makes its own file, so no test module sees another's writes."""

    def build(name: str, whitehouse: int = 0) -> Path:
        path = tmp_path_factory.mktemp(name) / f"{name}.duckdb"
        articles = [Article(doc_id="seed-article", text=seed_text, date="2024-03-01")]
        if whitehouse:
            corpus = shared_dir / "corpus" / "whitehouse-2023-2024.jsonl"
            articles += list(stubcoder.read_jsonl(str(corpus), whitehouse))
        with Store.open(path) as store:
            ingest(store, articles, stubcoder.StubCoder(), stubcoder.VERSION)
        return path

    return build
