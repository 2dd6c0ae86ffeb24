"""Events whose parties have no name, and hedges on who did it (issue 14, classes 1 and 4).

ACLED and PLOVER code an event with no named actor: protesters, rioters or an unidentified armed group
of the country where it happened. A hedge on the actor's identity ("suspected", "believed to be") leaves
the act asserted. Sentences written for these tests.
"""

from __future__ import annotations

import pytest
from digest_helpers import code as _code
from digest_helpers import countries, one

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("Protests erupted in several towns across Malawi on Thursday over fuel prices.", "MWI", "Protesters"),
        ("Demonstrations took place in Quito, Ecuador, after the vote.", "ECU", "Protesters"),
        ("A general strike broke out in the port city of Chittagong, Bangladesh.", "BGD", "Protesters"),
        ("Riots broke out in the Kenyan town of Kisumu on Sunday.", "KEN", "Rioters"),
    ],
)
def test_a_protest_with_no_one_named_has_protesters_of_the_place(
    text: str, country: str, name: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "PROTEST")
    assert countries(event.actor) == {country}
    assert event.actor[0].name == name


@pytest.mark.parametrize(
    "text",
    [
        "The government condemned the protests in Malawi.",
        "Protests are expected in Lilongwe, Malawi, next week.",
        "Officials discussed the riots with the mayor of Kisumu, Kenya.",
    ],
)
def test_a_protest_not_told_as_happening_gets_no_unnamed_protesters(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in doc.events if e.status == "asserted" and any(a.name == "Protesters" for a in e.actor)]


@pytest.mark.parametrize(
    ("text", "event_type", "country"),
    [
        ("Inmates rioted at a prison near Tegucigalpa, Honduras, on Monday.", "PROTEST", "HND"),
        ("Villagers barricaded the main highway near Mbarara, Uganda, with burning tyres.", "PROTEST", "UGA"),
        ("Rioters looted shops and torched cars in the Guinean capital Conakry.", "PROTEST", "GIN"),
        ("Bandits kidnapped dozens of farmers in Katsina state, Nigeria.", "ASSAULT", "NGA"),
        ("Poachers killed two park rangers in Zakouma, Chad.", "ASSAULT", "TCD"),
        ("Herdsmen raided a farming settlement in Nasarawa, Nigeria.", "ASSAULT", "NGA"),
        ("Cartel hitmen murdered a radio presenter in Sonora, Mexico.", "ASSAULT", "MEX"),
    ],
)
def test_parties_named_by_what_they_did_are_actors_of_the_place(
    text: str, event_type: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), event_type)
    assert countries(event.actor) == {country}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Alleged gang members abducted a pastor in Cap-Haitien, Haiti, on Saturday.", "HTI"),
        ("Suspected militants attacked a police post in Balochistan, Pakistan.", "PAK"),
        ("Presumed jihadists killed four soldiers in the Mopti region of Mali.", "MLI"),
        ("Attackers thought to be separatists burned a school in Buea, Cameroon.", "CMR"),
        ("Gunmen believed to be rebels ambushed an army convoy in Ituri, Congo.", None),
    ],
)
def test_a_hedge_on_who_did_it_leaves_the_act_asserted(text: str, country: str | None, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert event.actor
    if country is not None:
        assert countries(event.actor) == {country}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Unidentified assailants set fire to a church in Kirinda, Sri Lanka.", "LKA"),
        ("Masked men opened fire on a bus terminal in Kano, Nigeria.", "NGA"),
        ("Unknown gunmen shot at a minibus in Chihuahua, Mexico.", "MEX"),
    ],
)
def test_an_unknown_attacker_is_an_unidentified_armed_group(text: str, country: str, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert [(a.name, a.country, a.sector) for a in event.actor] == [("Unidentified armed group", country, "UAF")]


@pytest.mark.parametrize(
    "text",
    [
        "Unidentified soldiers beat two traders at a market in Bukavu, Congo.",
        "Unidentified protesters blocked a road in Ibadan, Nigeria.",
    ],
)
def test_state_forces_and_protesters_keep_their_sector_when_unidentified(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert doc.events
    assert all(a.sector != "UAF" for e in doc.events for a in e.actor)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Gunmen killed a farmer near Beni, in eastern Congo.", None),
        ("Police beat a student at the university in Jinja, Uganda.", "UGA"),
    ],
)
def test_one_unnamed_victim_named_by_trade_is_a_recipient(text: str, country: str | None, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert event.recipient
    if country is not None:
        assert countries(event.recipient) == {country}


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("An attack blamed on separatists killed two gendarmes in Kumba, Cameroon.", "REB"),
        ("An ambush carried out by suspected rebels killed four soldiers in Masisi, Congo.", "REB"),
    ],
)
def test_an_attack_attributed_to_a_party_names_it_as_actor(text: str, sector: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    attacks = [e for e in doc.events if e.event_type == "ASSAULT" and e.status == "asserted"]
    assert any(a.sector == sector for e in attacks for a in e.actor), [
        [(a.text, a.sector) for a in e.actor] for e in attacks
    ]
