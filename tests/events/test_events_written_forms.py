"""Event nouns in the forms news writes them: hyphenated ("sit-in", "walk-out", "counter-attack") and as
the subject of a passive light verb ("a rally was held").  Sentences written for these tests."""

from __future__ import annotations

import pytest
from digest_helpers import code as _code
from digest_helpers import countries, one

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "event_type", "trigger"),
    [
        ("Around 200 residents staged a sit-in outside the governorate building in Sousse.", "PROTEST", "sit-in"),
        ("Teachers held a sit-in at the education ministry in Rabat on Monday.", "PROTEST", "sit-in"),
        ("Dockworkers staged a walk-out at the port of Mombasa on Monday.", "PROTEST", "walk-out"),
        ("The army began a crack-down on protesters in Dhaka.", "COERCE", "crack-down"),
        ("A cease-fire between the army and the rebels took effect in Goma on Saturday.", "RETREAT", "cease-fire"),
    ],
)
def test_a_hyphenated_event_noun_is_one_word(text: str, event_type: str, trigger: str, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), event_type)
    assert event.trigger.text.endswith(trigger)
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text


def test_a_hyphen_with_spaces_joins_nothing(pipeline: Pipeline) -> None:
    # "sit - in" is not the noun; "in" is then no event at all
    doc = _code("They came to sit - in silence - at the memorial in Rabat.", pipeline)
    assert not [e for e in doc.events if e.event_type == "PROTEST"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A protest was held outside parliament in Tunis on Friday.", "TUN"),
        ("A rally was staged in Lagos on Monday against fuel prices.", "NGA"),
        ("Two sit-ins were held in front of the courthouse in Sfax.", "TUN"),
        ("Demonstrations were organised in several cities of Peru on Sunday.", "PER"),
    ],
)
def test_a_demonstration_told_in_the_passive_has_protesters_of_the_place(
    text: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "PROTEST")
    assert countries(event.actor) == {country}
    assert {a.name for a in event.actor} == {"Protesters"}


@pytest.mark.parametrize(
    "text",
    [
        "A protest was banned by the governor of Lagos on Monday.",
        "No rally was held in Tunis this year.",
    ],
)
def test_a_demonstration_that_did_not_happen_is_not_asserted(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in doc.events if e.event_type == "PROTEST" and e.status == "asserted"]


@pytest.mark.parametrize(
    ("text", "recipient_word"),
    [
        ("A truck rammed into protesters in Nice, killing three.", "protesters"),
        ("A man rammed his car into a crowd of worshippers in Berlin.", "worshippers"),
        ("Soldiers mowed down fleeing villagers near Goma.", "villagers"),
    ],
)
def test_a_vehicle_driven_into_people_is_an_assault(text: str, recipient_word: str, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert any(recipient_word in r.text for r in event.recipient)


@pytest.mark.parametrize(
    "text", ["The ship rammed the pier in heavy fog near Dover.", "Two buses collided in Lagos, killing four."]
)
def test_a_vehicle_that_hits_a_thing_or_another_vehicle_is_no_assault(text: str, pipeline: Pipeline) -> None:
    assert not [e for e in _code(text, pipeline).events if e.event_type == "ASSAULT" and e.status == "asserted"]
