"""The accuracy gate: every pinned dev score in eval_baseline.json holds to within 0.01.

A floor moves down only in its own commit that says why (see CONTRIBUTING in the README).
Rates where lower is better (``*false_rate``) may not rise by more than 0.01.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backchannel.eval import dates, event_location, places
from backchannel.eval.dates import DateEvalReport
from backchannel.eval.event_location import Report as EventLocationReport
from backchannel.eval.places import PlacesReport
from backchannel.eval.suite import TARGETS, run_suite

BASELINE = Path(__file__).resolve().parents[2] / "eval_baseline.json"
TOLERANCE = 0.01


@pytest.fixture(scope="module")
def scores(
    shared_dir: Path,
    dates_report: DateEvalReport,
    geowebnews_report: PlacesReport,
    event_location_report: EventLocationReport,
) -> Iterator[dict[str, float]]:
    """The whole suite's scores; the gold sets the stage gates also score are read from the session's
    reports (tests/conftest.py) instead of being scored a second time."""
    from backchannel.pipeline import default_pipeline

    gold = shared_dir / "eval"
    cached = [
        (dates, "evaluate_dates", [gold / "timebank.jsonl", gold / "aquaint.jsonl"], dates_report),
        (places, "evaluate_places", gold / "geowebnews.jsonl", geowebnews_report),
        (event_location, "evaluate_event_location", gold / "event-location-dev.jsonl", event_location_report),
    ]
    with pytest.MonkeyPatch.context() as patch:
        for module, name, source, report in cached:
            patch.setattr(module, name, _reuse(getattr(module, name), source, report))
        yield run_suite(shared_dir, default_pipeline())


def _reuse(evaluate: Callable[..., object], source: object, report: object) -> Callable[..., object]:
    """``evaluate``, answering the whole-file call on ``source`` that the suite makes with ``report``."""

    def call(*args: object, **kwargs: object) -> object:
        whole = kwargs.get("limit") is None and kwargs.get("sample_every", 0) in (0, 20)
        return report if whole and args and args[0] == source else evaluate(*args, **kwargs)

    return call


def _pinned() -> dict[str, float]:
    return {k: float(v) for k, v in json.loads(BASELINE.read_text(encoding="utf-8")).items()}


def test_baseline_pins_every_targeted_score() -> None:
    pinned = _pinned()
    missing = [k for k, t in TARGETS.items() if t.target is not None and k not in pinned]
    assert not missing, f"eval_baseline.json lacks {missing}"


@pytest.mark.parametrize("name", sorted(_pinned()))
def test_score_holds(name: str, scores: dict[str, float]) -> None:
    pinned = _pinned()[name]
    assert name in scores, f"the suite no longer reports {name}"
    spec = TARGETS.get(name)
    if spec is not None and not spec.higher_is_better:
        assert scores[name] <= pinned + TOLERANCE, f"{name}: {scores[name]:.4f} rose above pinned {pinned:.4f}"
    else:
        assert scores[name] >= pinned - TOLERANCE, f"{name}: {scores[name]:.4f} fell below pinned {pinned:.4f}"


def test_we_beat_the_baselines(scores: dict[str, float]) -> None:
    assert scores["dates.recall"] > scores["dates.baseline_recall"]
    assert scores["dates.value_accuracy"] > scores["dates.baseline_value_accuracy"]
    assert scores["places.accuracy_161km"] > scores["places.baseline_accuracy_161km"]
    assert scores["places.country_accuracy"] > scores["places.baseline_country_accuracy"]
