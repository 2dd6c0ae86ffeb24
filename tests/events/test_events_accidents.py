"""Disasters, accidents and animals kill and destroy, but they are no actors: no PLOVER event.

Sentences written for these tests in the style of event digests; each pair checks that a hostile
author named in a similar sentence still gives an ASSAULT.
"""

from __future__ import annotations

import pytest
from digest_helpers import asserted_types as _types
from digest_helpers import code as _code

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    "text",
    [
        "A fire broke out at a nightclub in Skopje, killing 59 people and injuring 150 others.",
        "Twelve miners were killed after a methane gas explosion at a coal mine in Zonguldak, Turkey.",
        "A minibus plunges into a ravine in northern Peru, killing 14 passengers.",
        "Floods killed at least 40 people in Kerala, India, and destroyed 2,000 homes.",
        "A grizzly bear attacked two hikers near Banff, Canada, injuring both.",
        "Three soldiers were killed in a training accident at a base in Lithuania.",
        "A storm system killed five people and left 300,000 without power across southern Brazil.",
    ],
)
def test_no_assault_without_a_hostile_author(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not {"ASSAULT", "COERCE"} & _types(doc), [(e.event_type, e.trigger.text) for e in doc.events]


@pytest.mark.parametrize(
    "text",
    [
        "A car bomb explosion killed nine soldiers at a checkpoint in Mogadishu.",
        "Rebels set fire to a village in North Kivu, killing 12 people.",
        "Eighty Iranian sailors were killed when their frigate was sunk by a US submarine off Galle.",
        "Russian shelling killed five people as a fire spread through the market in Kherson.",
    ],
)
def test_attacks_near_fires_and_explosions_are_kept(text: str, pipeline: Pipeline) -> None:
    assert "ASSAULT" in _types(_code(text, pipeline))


def test_hazard_warning_is_no_threat(pipeline: Pipeline) -> None:
    doc = _code("A strong earthquake struck off Chile, and tsunami warnings were issued for the coast.", pipeline)
    assert not _types(doc) & {"THREATEN", "ASSAULT"}


def test_suspending_classes_is_no_sanction_but_suspending_a_member_is(pipeline: Pipeline) -> None:
    assert "SANCTION" not in _types(_code("The governor suspends classes across the province.", pipeline))
    doc = _code("The African Union suspended Mali from the bloc after the coup.", pipeline)
    sanction = [e for e in doc.events if e.event_type == "SANCTION"]
    assert sanction and {r.country for r in sanction[0].recipient} == {"MLI"}


def test_killed_when_attacked_takes_the_attacks_author(pipeline: Pipeline) -> None:
    doc = _code("Eighty Iranian sailors were killed when their frigate was sunk by a US submarine off Galle.", pipeline)
    killed = [e for e in doc.events if e.trigger.text == "killed"]
    assert killed and {a.country for a in killed[0].actor} == {"USA"}


def test_acled_style_attacks_with_explosives(pipeline: Pipeline) -> None:
    doc = _code(
        "On 3 April 2024, Al Shabaab militants detonated an IED targeting an AMISOM convoy near Afgooye "
        "(Lower Shabelle). Casualties unknown.",
        pipeline,
    )
    attacks = [e for e in doc.events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1  # one attack, not one for "detonated" and one for "targeting"
    assert {a.country for a in attacks[0].actor} == {"SOM"} and {r.country for r in attacks[0].recipient} == {"IGO"}
    assert attacks[0].mode == "explosives"
    doc = _code("A landmine planted by an armed group exploded near Tal Afar, killing two shepherds.", pipeline)
    killed = [e for e in doc.events if e.event_type == "ASSAULT"]
    assert killed and [a.text for a in killed[0].actor] == ["armed group"]


def test_minting_a_coin_is_no_strike(pipeline: Pipeline) -> None:
    assert "ASSAULT" not in _types(_code("The Royal Mint strikes its last gold sovereign of the reign.", pipeline))
    assert "ASSAULT" in _types(_code("Russian missiles struck a power plant in Kharkiv overnight.", pipeline))


def test_protest_misread_as_a_reduced_relative_still_has_its_protesters(pipeline: Pipeline) -> None:
    doc = _code(
        "On 21 June 2024, around 300 teachers protested in front of the Ministry of Education in Tegucigalpa "
        "demanding payment of salary arrears.",
        pipeline,
    )
    protest = [e for e in doc.events if e.event_type == "PROTEST"]
    assert protest and [a.text for a in protest[0].actor] == ["teachers"]


@pytest.mark.parametrize(
    "text",
    [
        "The toll of last week's earthquakes in Ecuador rises to 90 people killed and 400 injured.",
        "Typhoon Haishen makes landfall in Okinawa, Japan, killing at least four people.",
        "A school bus falls off a cliff near Cusco, Peru, killing 12 pupils.",
        "Five people have been killed by flooding from thunderstorms in eastern Kentucky.",
    ],
)
def test_natural_hazards_named_anywhere_are_the_cause(text: str, pipeline: Pipeline) -> None:
    assert "ASSAULT" not in _types(_code(text, pipeline))


@pytest.mark.parametrize(
    "text",
    [
        "Sectarian violence erupts in the Homs area of Syria, targeting the Alawite population.",
        "A Houthi drone attack sank a Greek-owned cargo ship in the Red Sea, officials said.",
    ],
)
def test_violence_that_erupts_or_an_attack_that_sinks_is_no_accident(text: str, pipeline: Pipeline) -> None:
    assert "ASSAULT" in _types(_code(text, pipeline))
