"""An unnamed party of several states ("Western leaders", "foreign governments") takes no country guessed from its
sentence: the only country named there is usually the other side's (word class ``bloc_modifiers``).
Sentences written for these tests."""

from __future__ import annotations

import pytest
from digest_helpers import code as _code
from digest_helpers import countries, one

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "event_type", "target"),
    [
        ("Western governments imposed new sanctions on Iran on Monday.", "SANCTION", "IRN"),
        ("European diplomats criticized Hungary over its veto of the aid package.", "ACCUSE", "HUN"),
        ("Foreign ministers urged Venezuela to release the detained opposition leaders.", "REQUEST", "VEN"),
        ("International observers accused Belarus of rigging the vote.", "ACCUSE", "BLR"),
    ],
)
def test_a_bloc_party_does_not_take_the_other_side_s_country(
    text: str, event_type: str, target: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), event_type)
    assert target in countries(event.recipient)
    assert target not in countries(event.actor)


@pytest.mark.parametrize(
    ("text", "event_type", "country"),
    [
        ("Officials in Nairobi criticized Ethiopia's decision to close the border.", "ACCUSE", "KEN"),
        ("Police in Lagos arrested dozens of protesters on Tuesday.", "COERCE", "NGA"),
    ],
)
def test_an_unnamed_party_of_one_place_still_takes_its_country(
    text: str, event_type: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), event_type)
    assert countries(event.actor) == {country}
