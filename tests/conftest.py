"""Shared fixtures: the spaCy model loads once per test session; shared data lives in ../shared.

Each dev gold set is scored at most once per test session (``dates_report``, ``geowebnews_report``,
``event_location_report``): the stage gates and the accuracy gate read the same reports.
"""

from __future__ import annotations

import importlib.util
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from spacy.language import Language

from backchannel.records import Article
from backchannel.store import Store, ingest

if TYPE_CHECKING:  # the gold-set fixtures import the eval modules only when a test asks for them
    from backchannel.eval.dates import DateEvalReport
    from backchannel.eval.event_location import Report as EventLocationReport
    from backchannel.eval.places import PlacesReport
    from backchannel.geo import PlaceResolver

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STUBCODER = Path(__file__).resolve().parent / "store" / "stubcoder.py"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data folder not found at {SHARED}")
    return SHARED


def _python_steps(call: Callable[[], object]) -> int:
    """The Python lines ``call()`` executes, each turn of a loop or comprehension counted again.

    A measure of work that no clock or neighbouring job can change: a pass quadratic in the length of
    its input shows as steps growing with the square of it, whatever the machine's load.
    """
    steps = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal steps
        if event == "line":
            steps += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(previous)
    return steps


def _allocation_peak(call: Callable[[], object]) -> int:
    """The most bytes Python held at once during ``call()``, above what it held before (tracemalloc).

    A deterministic stand-in for "quickly": reading, inflating or expanding a hostile input shows as
    allocations the size of what it would produce.
    """
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


@pytest.fixture(scope="session")
def python_steps() -> Callable[[Callable[[], object]], int]:
    return _python_steps


@pytest.fixture(scope="session")
def allocation_peak() -> Callable[[Callable[[], object]], int]:
    return _allocation_peak


@pytest.fixture(scope="session")
def nlp() -> Language:
    from backchannel.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def dates_report(shared_dir: Path) -> DateEvalReport:
    """The time tagger (and the dateparser baseline) on TimeBank + AQUAINT, scored once per session."""
    from backchannel.eval.dates import evaluate_dates
    from backchannel.time import TimeTagger

    return evaluate_dates([shared_dir / "eval" / "timebank.jsonl", shared_dir / "eval" / "aquaint.jsonl"], TimeTagger())


@pytest.fixture(scope="session")
def place_resolver() -> PlaceResolver:
    from backchannel.geo import Gazetteer, PlaceResolver

    return PlaceResolver(Gazetteer.load())


@pytest.fixture(scope="session")
def geowebnews_report(shared_dir: Path, nlp: Language, place_resolver: PlaceResolver) -> PlacesReport:
    """The place resolver on all of GeoWebNews, scored once per session."""
    from backchannel.eval.places import evaluate_places

    return evaluate_places(shared_dir / "eval" / "geowebnews.jsonl", place_resolver, nlp)


@pytest.fixture(scope="session")
def event_location_report(shared_dir: Path, nlp: Language, place_resolver: PlaceResolver) -> EventLocationReport:
    """Event-location attachment on the adjudicated items and every 20th item, scored once per session."""
    from backchannel.eval.event_location import evaluate_event_location

    return evaluate_event_location(
        shared_dir / "eval" / "event-location-dev.jsonl", nlp, place_resolver, sample_every=20
    )


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


# Three outlets report Haniyeh's meeting with China's ambassador in Doha on Thursday 29 February 2024
# (two that day, one the next), an aggregator reposts the first story, and a wire reports a second
# meeting three weeks later.  Fused, that is two real events between them; as stored, five mentions.
STATEMENT = (
    "Hamas political bureau chief Ismail Haniyeh met the Chinese Ambassador to Qatar, Cao Xiaolin, in Doha on "
    "Thursday, the movement said in a statement. The two sides reviewed the situation in the Gaza Strip and the "
    "efforts to halt the war, according to the statement. Beijing has called for an immediate truce and for more "
    "aid to reach civilians in the enclave, and has hosted Palestinian factions in the past."
)
MEETING_REPORTS = [
    Article(doc_id="statement", text=STATEMENT, date="2024-02-29", source="movement website"),
    Article(
        doc_id="agency",
        text=(
            "In Doha on Thursday, Haniyeh met with the Chinese Ambassador, Cao Xiaolin, to exchange views on the "
            "ceasefire negotiations. The ambassador reaffirmed Beijing's position on a two-state solution."
        ),
        date="2024-02-29",
        source="news agency",
    ),
    Article(
        doc_id="daily",
        text=(
            "Ismail Haniyeh met the Chinese Ambassador in Doha on Thursday, Hamas officials told reporters on Friday. "
            "They gave no details of the talks."
        ),
        date="2024-03-01",
        source="regional daily",
    ),
    Article(
        doc_id="repost",
        text="Reposted from the movement's website by our editors. " + STATEMENT,
        date="2024-03-01",
        source="aggregator",
    ),
    Article(
        doc_id="wire",
        text="Haniyeh met the Chinese Ambassador again in Doha on Wednesday to follow up on the truce proposal.",
        date="2024-03-20",
        source="wire",
    ),
]


@pytest.fixture(scope="session")
def meeting_db(tmp_path_factory: pytest.TempPathFactory, stubcoder: ModuleType) -> Callable[[bool], Path]:
    """A database of ``MEETING_REPORTS`` coded by the stub coder, fused (``True``) or as stored; built once each."""
    built: dict[bool, Path] = {}

    def build(fuse: bool) -> Path:
        if fuse not in built:
            from backchannel.fusion import refuse

            path = tmp_path_factory.mktemp("meeting") / ("fused.duckdb" if fuse else "unfused.duckdb")
            with Store.open(path) as store:
                ingest(store, MEETING_REPORTS, stubcoder.StubCoder(), stubcoder.VERSION)
                if fuse:
                    refuse(store)
            built[fuse] = path
        return built[fuse]

    return build
