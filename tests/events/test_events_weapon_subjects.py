"""A weapon as the subject of the verb that tells its use: the attack of whoever used it, else of an
unidentified armed group of the place (PLOVER manual ASSAULT; ACLED codebook, Explosions/Remote violence).
Sentences written for these tests."""

from __future__ import annotations

import pytest
from digest_helpers import code as _code
from digest_helpers import countries, one

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "actor_country", "mode"),
    [
        ("A car bomb exploded outside a police station in Mogadishu.", "SOM", "explosives"),
        ("A bomb went off in a crowded market in Peshawar on Friday.", "PAK", "explosives"),
        ("Artillery shells landed on a market in Donetsk, killing six.", "UKR", "heavy-weapons"),
        ("A roadside bomb struck a military convoy near Quetta.", "PAK", None),
        ("A Ukrainian drone struck an oil depot in Klintsy on Thursday.", "UKR", None),
        ("Two rockets exploded near the airport in Erbil.", "IRQ", "explosives"),
    ],
)
def test_a_weapon_that_went_off_or_hit_is_an_attack(
    text: str, actor_country: str, mode: str | None, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert countries(event.actor) == {actor_country}
    if mode is not None:
        assert event.mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "A gas cylinder exploded in a restaurant in Lahore.",
        "The pipeline exploded near Ufa after a pressure failure.",
        "The storm struck the coast of Florida on Monday.",
        "Inflation hit a record high in Argentina.",
        "The plane landed in Nairobi on Monday.",
    ],
)
def test_what_is_no_weapon_attacks_no_one(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in doc.events if e.event_type == "ASSAULT" and e.status == "asserted"]
