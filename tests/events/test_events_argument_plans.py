"""Argument plans: each event type's fallback strategies come from events/data/argument_plans.tsv."""

from __future__ import annotations

import pytest

from backchannel.errors import ConfigError
from backchannel.events.argument_plans import STRATEGIES, ArgumentPlans
from backchannel.events.ontology import EVENT_TYPES


def test_every_event_type_has_a_plan_of_registered_strategies() -> None:
    plans = ArgumentPlans.load()
    assert set(plans.plans) == set(EVENT_TYPES)
    for event_type, strategies in plans.plans.items():
        assert strategies, event_type
        assert all(s is STRATEGIES[s.name] for s in strategies)
        assert plans.origins[event_type].startswith("backchannel/events/data/argument_plans.tsv:")


def test_every_registered_strategy_is_used_and_versioned() -> None:
    used = {s.name for strategies in ArgumentPlans.load().plans.values() for s in strategies}
    assert used == set(STRATEGIES)
    assert all(name.rsplit(".", 1)[-1].startswith("v") for name in STRATEGIES)


def _plans_text(**overrides: str) -> str:
    rows = {t: "place_target.v1" for t in EVENT_TYPES} | overrides
    return "".join(f"{t}\t{names}\n" for t, names in rows.items())


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (_plans_text(ASSAULT="place_target.v2"), "unknown argument strategies"),
        (_plans_text() + "RIOT\tplace_target.v1\n", "unknown PLOVER event type"),
        ("AGREE\tplace_target.v1\n", "no argument plan for"),
        ("AGREE place_target.v1\n", "expected event_type <TAB>"),
    ],
)
def test_a_broken_plan_names_its_line(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        ArgumentPlans.from_text(text, origin="plans.tsv")


@pytest.mark.parametrize(
    ("sentence", "event_type", "recipient_country"),
    [
        ("Iran threatened to strike the United States.", "THREATEN", "USA"),  # in the infinitive
        ("Russia broke off relations with Georgia on Tuesday.", "SANCTION", "GEO"),  # the relation's other side
        ("Rebels shelled the capital Juba on Monday.", "ASSAULT", "SSD"),  # a place for its country
        ("Police in Tbilisi arrested dozens of protesters.", "COERCE", "GEO"),  # an unnamed object
    ],
)
def test_a_plan_finds_the_recipient_the_parse_leaves_out(
    pipeline, sentence: str, event_type: str, recipient_country: str
) -> None:
    from backchannel.pipeline import extract

    doc = extract(sentence, date="2024-03-01", pipeline=pipeline)
    events = [e for e in doc.events if e.event_type == event_type]
    assert events, [e.event_type for e in doc.events]
    assert any(r.country == recipient_country for e in events for r in e.recipient)
