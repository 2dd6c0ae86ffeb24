"""The whole accuracy suite: every dev gold set, one dictionary of scores.

Used by ``make eval`` (which writes ``eval_report.json`` and prints the README table) and by the
accuracy gate test (which compares each score with ``eval_baseline.json``).  Score names are
stable: ``<set>.<metric>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backchannel.eval.places import register_geovirus
from backchannel.pipeline import Pipeline

__all__ = ["TARGETS", "Target", "format_table", "run_suite"]


@dataclass(frozen=True)
class Target:
    label: str
    target: float | None  # the target; None: reported, no target
    higher_is_better: bool = True


TARGETS: dict[str, Target] = {
    "plover.macro_f1": Target("PLOVER GSR dev: event type macro-F1", 0.80),
    "plover.accuracy": Target("PLOVER GSR dev: event type accuracy (top event)", 0.85),
    "plover.actor_country": Target("PLOVER GSR dev: actor country accuracy", 0.85),
    "plover.recipient_country": Target("PLOVER GSR dev: recipient country accuracy", 0.75),
    "plover.actor_sector": Target("PLOVER GSR dev: actor sector accuracy", 0.65),
    "plover.actor_country_given_type": Target("PLOVER GSR dev: actor country, type right", None),
    "plover.recipient_country_given_type": Target("PLOVER GSR dev: recipient country, type right", None),
    "petr2.triple_f1": Target("PETR2 GSR: root type + source + target F1", 0.70),
    "petr2.macro_f1": Target("PETR2 GSR: event type macro-F1", None),
    "petr2.noevent_false_rate": Target("PETR2 GSR: no-event sentences with a false event", 0.10, False),
    "dates.recall": Target("TimeBank+AQUAINT: DATE recall", 0.85),
    "dates.value_accuracy": Target("TimeBank+AQUAINT: DATE exact value accuracy", 0.85),
    "dates.baseline_recall": Target("  dateparser baseline: recall", None),
    "dates.baseline_value_accuracy": Target("  dateparser baseline: value accuracy", None),
    "places.accuracy_161km": Target("GeoWebNews: accuracy@161 km", 0.85),
    "places.country_accuracy": Target("GeoWebNews: country accuracy", 0.95),
    "places.recall": Target("GeoWebNews: toponym recall", None),
    "places.baseline_accuracy_161km": Target("  population baseline: accuracy@161 km", None),
    "places.baseline_country_accuracy": Target("  population baseline: country accuracy", None),
    "event_location.adjudicated": Target("Event-location dev (adjudicated): accuracy", 0.80),
}


def _events(shared: Path, pipeline: Pipeline, scores: dict[str, float]) -> None:
    from backchannel.eval.events import evaluate_events, read_petr2_gsr, read_plover_gsr

    plover = evaluate_events(read_plover_gsr(shared / "eval" / "plover-gsr-dev.jsonl"), pipeline, "plover")
    scores["plover.macro_f1"] = plover.macro_f1
    scores["plover.accuracy"] = plover.accuracy
    scores["plover.actor_country"] = plover.actor_country or 0.0
    scores["plover.recipient_country"] = plover.recipient_country or 0.0
    scores["plover.actor_sector"] = plover.actor_sector or 0.0
    scores["plover.actor_country_given_type"] = plover.actor_country_given_type or 0.0
    scores["plover.recipient_country_given_type"] = plover.recipient_country_given_type or 0.0
    petr = evaluate_events(read_petr2_gsr(shared / "eval" / "petr2-gsr.jsonl"), pipeline, "petr2")
    scores["petr2.triple_f1"] = petr.triple_f1 or 0.0
    scores["petr2.macro_f1"] = petr.macro_f1
    scores["petr2.noevent_false_rate"] = petr.noevent_false_rate or 0.0


def _dates(shared: Path, pipeline: Pipeline, scores: dict[str, float]) -> None:
    from backchannel.eval.dates import evaluate_dates

    report = evaluate_dates([shared / "eval" / "timebank.jsonl", shared / "eval" / "aquaint.jsonl"], pipeline.times)
    scores["dates.recall"] = report.recall
    scores["dates.value_accuracy"] = report.value_accuracy
    scores["dates.baseline_recall"] = report.baseline_recall or 0.0
    scores["dates.baseline_value_accuracy"] = report.baseline_value_accuracy or 0.0


def _places(shared: Path, pipeline: Pipeline, scores: dict[str, float]) -> None:
    from backchannel.eval.places import evaluate_places

    report = evaluate_places(shared / "eval" / "geowebnews.jsonl", pipeline.places, pipeline.parser.nlp)
    scores["places.accuracy_161km"] = report.accuracy_161km
    scores["places.country_accuracy"] = report.country_accuracy
    scores["places.recall"] = report.recall
    scores["places.baseline_accuracy_161km"] = report.baseline_accuracy_161km
    scores["places.baseline_country_accuracy"] = report.baseline_country_accuracy


def _event_location(shared: Path, pipeline: Pipeline, scores: dict[str, float]) -> None:
    from backchannel.eval.event_location import evaluate_event_location

    report = evaluate_event_location(
        shared / "eval" / "event-location-dev.jsonl", pipeline.parser.nlp, pipeline.places, sample_every=0
    )
    scores["event_location.adjudicated"] = report.adjudicated.accuracy


SECTIONS: dict[str, Callable[[Path, Pipeline, dict[str, float]], None]] = {
    "events": _events,
    "dates": _dates,
    "places": _places,
    "event_location": _event_location,
}
register_geovirus(TARGETS, SECTIONS)  # GeoVirus, scored like GeoWebNews (backchannel.eval.places)


def run_suite(shared: Path, pipeline: Pipeline, sections: tuple[str, ...] = tuple(SECTIONS)) -> dict[str, float]:
    """Every score of the chosen sections, by stable name."""
    scores: dict[str, float] = {}
    for name in sections:
        SECTIONS[name](shared, pipeline, scores)
    return {k: round(v, 4) for k, v in scores.items()}


def format_table(scores: dict[str, float]) -> str:
    """A Markdown table of scores against the issue's targets."""
    lines = ["| set and metric | score | target | met |", "|---|---|---|---|"]
    for key, spec in TARGETS.items():
        if key not in scores:
            continue
        value = scores[key]
        if spec.target is None:
            lines.append(f"| {spec.label} | {value:.3f} | | |")
            continue
        met = value >= spec.target if spec.higher_is_better else value <= spec.target
        sign = "≥" if spec.higher_is_better else "≤"
        lines.append(f"| {spec.label} | {value:.3f} | {sign} {spec.target:.2f} | {'yes' if met else 'no'} |")
    return "\n".join(lines)
