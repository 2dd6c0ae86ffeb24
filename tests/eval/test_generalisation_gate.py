"""The generalisation gate: fixed tune/check halves, the ConfliBERT quad-class scores, the held-aside stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.eval.penta import PentaSentence, code_penta, read_penta, score_penta
from backchannel.eval.split import half_of, hash_rank, split_halves
from backchannel.eval.suite import format_table
from backchannel.eval.synthetic import read_held_aside
from backchannel.pipeline import Pipeline, default_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()


IDS = [f"PLOVER-GSR01-ASSAULT-{i:04d}" for i in range(200)] + [f"AFP0808020625_{i}" for i in range(200)]


def test_a_half_depends_on_the_id_alone() -> None:
    forward = split_halves(IDS, lambda x: x)
    backward = split_halves(list(reversed(IDS)), lambda x: x)
    assert set(forward[0]) == set(backward[0])
    assert set(forward[1]) == set(backward[1])
    assert [half_of(i) for i in IDS] == [half_of(i) for i in IDS]


def test_the_halves_partition_the_set_and_are_near_even() -> None:
    tune, check = split_halves(IDS, lambda x: x)
    assert not set(tune) & set(check)
    assert sorted(tune + check) == sorted(IDS)
    assert 0.4 < len(tune) / len(IDS) < 0.6


def test_adding_items_moves_no_other_item() -> None:
    before = {i: half_of(i) for i in IDS[:100]}
    tune, check = split_halves(IDS[:100] + [f"new-{i}" for i in range(50)], lambda x: x)
    assert all((i in tune) == (before[i] == "tune") for i in IDS[:100])
    assert {half_of(i) for i in check} == {"check"}


def test_hash_rank_is_a_fixed_order() -> None:
    templates = ["{country_1} troops shell border town", "{country_1} pledges aid to {country_2}", "Strike in {city}"]
    assert sorted(templates, key=hash_rank) == sorted(reversed(templates), key=hash_rank)
    assert len({hash_rank(t) for t in templates}) == len(templates)


def _story(i: int, template: str, event_type: str) -> str:
    return json.dumps({"id": i, "title_template": template, "text": f"Story {i}.", "plover_event": event_type})


def test_held_aside_stories_cover_every_type_and_few_per_headline(tmp_path: Path) -> None:
    lines = []
    for t in range(20):
        lines += [_story(100 * t + k, f"Riot template {t}", "PROTEST") for k in range(12)]
    lines += [_story(5000 + k, "The only aid headline", "AID") for k in range(12)]
    path = tmp_path / "stories.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stories = read_held_aside(path, per_thousand=100, per_template=5)
    by_type = {s.event_type for s in stories}
    assert by_type == {"PROTEST", "AID"}  # a type with one headline still gets measured
    protest_templates = {s.template for s in stories if s.event_type == "PROTEST"}
    assert len(protest_templates) == 2  # a tenth of 20 headlines
    assert all(sum(s.template == t for s in stories) == 5 for t in protest_templates)
    assert stories == read_held_aside(path, per_thousand=100, per_template=5)


PENTA = [
    ("p-0", "The finance minister said inflation had slowed to four percent in March.", 0),
    ("p-1", "The spokesman added that the new stadium would open next spring.", 0),
    ("p-2", "Rebels shelled the northern town of Kadugli on Monday, killing six civilians.", 4),
    ("p-3", "Police arrested 40 opposition activists in the capital on Saturday.", 4),
    ("p-4", "The foreign minister of Chile met his Peruvian counterpart in Lima.", 1),
    ("p-5", "Iran accused Britain of meddling in its internal affairs.", 3),
]


def test_quad_hit_and_statement_rate(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "penta.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t, "penta": p}) for i, t, p in PENTA), encoding="utf-8")
    items = read_penta(path)
    assert items[2] == PentaSentence("p-2", PENTA[2][1], 4)
    report = score_penta(items, code_penta(items, pipeline))
    assert report.statements == 2
    assert report.statement_event_rate == 0.0
    assert report.support == {1: 1, 2: 0, 3: 1, 4: 2}
    assert report.quad_hit == {1: 1.0, 3: 1.0, 4: 1.0}  # a class without sentences has no score
    # a subset is scored from the same coded results
    statements = score_penta(items[:2], code_penta(items, pipeline))
    assert statements.quad_hit == {} and statements.statements == 2


YIELD_PENTA = [
    ("y-0", "The interior ministry lifted the nightly curfew in the capital on Sunday.", 2),
    ("y-1", "The army eased travel restrictions on the border province after the vote.", 2),
]


def test_a_cameo_yield_counts_as_material_cooperation(tmp_path: Path, pipeline: Pipeline) -> None:
    # ConfliBERT's classes are CAMEO's: "yield" (PLOVER CONCEDE) is material cooperation there
    path = tmp_path / "yield.jsonl"
    lines = (json.dumps({"id": i, "text": t, "penta": p}) for i, t, p in YIELD_PENTA)
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read_penta(path)
    results = code_penta(items, pipeline)
    assert all(any(e.event_type == "CONCEDE" for e in results[i.id].events) for i in items)
    assert score_penta(items, results).quad_hit == {2: 1.0}


def test_the_table_prints_both_halves_and_their_gap() -> None:
    scores = {
        "plover.macro_f1": 0.8,
        "plover.tune.macro_f1": 0.9,
        "plover.check.macro_f1": 0.7,
        "petr2.tune.noevent_false_rate": 0.1,
        "petr2.check.noevent_false_rate": 0.3,
    }
    table = format_table(scores, {"events": 12.4})
    assert "| PLOVER GSR dev: event type macro-F1 | 0.900 | 0.700 | +0.200 |" in table
    # lower is better: a higher false rate on the check half is a positive (worse) gap
    assert "| PETR2 GSR: no-event sentences with a false event | 0.100 | 0.300 | +0.200 |" in table
    assert "events 12 s" in table


CURRENT = [
    ("c-0", "Armed conflicts and attacks", "Rebels shelled the town of Kadugli, killing six civilians."),
    ("c-1", "Armed conflicts and attacks", "The defence minister said the war had cost the economy billions."),
    ("c-2", "Disasters and accidents", "A fire breaks out at a market in Lagos, killing twelve people."),
    ("c-3", "Sports", "Argentina wins the final against France in a penalty shootout."),
    ("c-4", "Arts and culture", "The novelist is awarded the Booker Prize for her third book."),
    ("c-5", "Law and Crime", "Police arrest 40 opposition activists in Caracas."),
    ("c-6", "Law and crime", "A court in Paris opens the trial of a former minister."),
]


def test_current_events_lines_are_scored_by_their_category(tmp_path: Path, pipeline: Pipeline) -> None:
    from backchannel.eval.current_events import code_lines, read_current_events, score_lines

    path = tmp_path / "current.jsonl"
    lines = (json.dumps({"id": i, "category": c, "text": t, "date": "2025-10-01"}) for i, c, t in CURRENT)
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read_current_events(path)
    assert items[5].category == items[6].category == "law and crime"  # the portal's spellings are merged
    results = code_lines(items, pipeline)
    assert results["c-0"].events and results["c-0"].events[0].date is not None  # dated by the portal day
    report = score_lines(items, results)
    assert report.support == {
        "armed conflicts and attacks": 2,
        "arts and culture": 1,
        "disasters and accidents": 1,
        "law and crime": 2,
        "sports": 1,
    }
    assert report.conflict_found == 0.5  # the shelling, not the minister's remark
    assert report.disaster_assault_rate == 0.0  # a fire attacked nobody
    assert report.quiet_event_rate == 0.0
    assert report.crime_any >= 0.5  # the arrest
