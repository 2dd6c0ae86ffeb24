"""Every event says which rules made it: the lexicon line, the argument rules, the modality rule."""

from __future__ import annotations

import re

import pytest

from backchannel.pipeline import Pipeline, extract
from backchannel.records import Event

LEXICON_LINE = re.compile(r"^backchannel/events/data/triggers\.tsv:\d+$")


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return list(extract(text, date="2024-03-01", pipeline=pipeline).events)


def test_every_event_names_its_lexicon_line_and_status_rule(pipeline: Pipeline) -> None:
    text = (
        "Israeli troops raided the Jenin refugee camp on Tuesday. "
        "Egypt's foreign minister met his Qatari counterpart in Cairo. "
        "The government said it would not negotiate with the rebels."
    )
    events = _events(pipeline, text)
    assert events
    for e in events:
        assert e.trace is not None
        assert LEXICON_LINE.match(e.trace.entry), e.trace
        assert e.trace.modality.startswith(e.status) or e.trace.derived_from
        assert e.trace.arguments, e.trace


def test_the_lexicon_line_is_the_one_that_codes_the_trigger(pipeline: Pipeline) -> None:
    from importlib import resources

    lines = resources.files("backchannel.events").joinpath("data/triggers.tsv").read_text(encoding="utf-8")
    rows = lines.splitlines()
    for e in _events(pipeline, "Rebels attacked a police station in the north. Japan sent aid to Turkey."):
        assert e.trace is not None
        row = rows[int(e.trace.entry.rsplit(":", 1)[1]) - 1].split("\t")
        assert row[2] == (e.trace.derived_from or e.event_type) or e.trace.retype


# sentence -> the type it is coded as and the lexicon option that recodes it
RETYPED = {
    "NATO peacekeeping troops arrived in Bosnia on Monday.": ("AID", "retype=AID@peace_troops"),
    "Russian troops arrived in Belarus on Monday.": ("MOBILIZE", "retype=MOBILIZE/troops@troops"),
    "Russia is conducting military exercises in the Arctic.": ("MOBILIZE", "retype=MOBILIZE/troops@alone"),
}


@pytest.mark.parametrize("text", sorted(RETYPED))
def test_a_retyped_event_names_the_option_that_retyped_it(pipeline: Pipeline, text: str) -> None:
    event_type, option = RETYPED[text]
    events = [e for e in _events(pipeline, text) if e.event_type == event_type]
    assert events, [e.event_type for e in _events(pipeline, text)]
    assert all(e.trace is not None and e.trace.retype == option for e in events)


def test_a_joint_exercise_is_not_retyped(pipeline: Pipeline) -> None:
    events = _events(pipeline, "India and France began a joint naval exercise off Goa on Monday.")
    assert any(e.event_type == "COOPERATE" and e.trace is not None and e.trace.retype is None for e in events)


def test_a_plan_strategy_is_named_in_the_trace(pipeline: Pipeline) -> None:
    events = [
        e for e in _events(pipeline, "Iran threatened to strike the United States.") if e.event_type == "THREATEN"
    ]
    assert events and events[0].trace is not None
    assert "recipient:complement_target.v1" in events[0].trace.arguments


def test_a_derived_speech_act_says_what_it_is_derived_from(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Russia said it would withdraw its troops from Syria.")
    derived = [e for e in events if e.trace is not None and e.trace.derived_from]
    assert derived
    assert all(e.trace is not None and e.trace.derived_from == "RETREAT" for e in derived)


def test_the_trace_stays_out_of_the_default_output(pipeline: Pipeline) -> None:
    doc = extract("Rebels attacked a police station in the north.", date="2024-03-01", pipeline=pipeline)
    plain, traced = doc.to_contract()["events"], doc.to_contract(trace=True)["events"]
    assert isinstance(plain, list) and isinstance(traced, list) and plain
    assert all("trace" not in e for e in plain)
    assert all(e["trace"]["entry"] for e in traced)
    assert '"trace"' not in doc.model_dump_json()
