"""The accuracy gate: every pinned dev score in eval_baseline.json holds to within 0.01.

A floor moves down only in its own commit that says why (see CONTRIBUTING in the README).
Rates where lower is better (``*false_rate``) may not rise by more than 0.01.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.eval.suite import TARGETS, run_suite

BASELINE = Path(__file__).resolve().parents[2] / "eval_baseline.json"
TOLERANCE = 0.01


@pytest.fixture(scope="module")
def scores(shared_dir: Path) -> dict[str, float]:
    from backchannel.pipeline import default_pipeline

    return run_suite(shared_dir, default_pipeline())


def _pinned() -> dict[str, float]:
    return {k: float(v) for k, v in json.loads(BASELINE.read_text(encoding="utf-8")).items()}


def test_baseline_pins_every_targeted_score() -> None:
    pinned = _pinned()
    missing = [k for k, t in TARGETS.items() if t.target is not None and k not in pinned]
    assert not missing, f"eval_baseline.json lacks {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(_pinned()))
def test_score_holds(name: str, scores: dict[str, float]) -> None:
    pinned = _pinned()[name]
    assert name in scores, f"the suite no longer reports {name}"
    spec = TARGETS.get(name)
    if spec is not None and not spec.higher_is_better:
        assert scores[name] <= pinned + TOLERANCE, f"{name}: {scores[name]:.4f} rose above pinned {pinned:.4f}"
    else:
        assert scores[name] >= pinned - TOLERANCE, f"{name}: {scores[name]:.4f} fell below pinned {pinned:.4f}"


@pytest.mark.slow
def test_we_beat_the_baselines(scores: dict[str, float]) -> None:
    assert scores["dates.recall"] > scores["dates.baseline_recall"]
    assert scores["dates.value_accuracy"] > scores["dates.baseline_value_accuracy"]
    assert scores["places.accuracy_161km"] > scores["places.baseline_accuracy_161km"]
    assert scores["places.country_accuracy"] > scores["places.baseline_country_accuracy"]
