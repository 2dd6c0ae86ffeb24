"""Events told with no named agent (issue 14, classes 1 and 2).

An event never needs a named actor: where the text names none, ACLED and PLOVER code an unidentified
party of the country where it happened (an unidentified armed group, the police, the judiciary), or the
party a demonym on the weapon names ("a Russian drone strike"). Sentences written for these tests.
"""

from __future__ import annotations

import pytest
from digest_helpers import code as _code
from digest_helpers import countries, events, one

from backchannel.pipeline import Pipeline
from backchannel.records import Event


def _names(event: Event) -> set[str | None]:
    return {a.name for a in event.actor}


def _sectors(event: Event) -> set[str | None]:
    return {a.sector for a in event.actor}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Dozens of people were killed in a missile strike on a market in Kramatorsk, Ukraine.", "UKR"),
        ("Hundreds of villagers are wounded in an overnight raid on Baga, Nigeria.", "NGA"),
        ("A family is injured when a shell hits their house in Kherson, Ukraine.", "UKR"),
        ("Two of his guards and a passerby were shot dead in Quetta, Pakistan, on Monday.", "PAK"),
        ("The suspect was killed in a firefight near Kidal, Mali.", "MLI"),
    ],
)
def test_people_harmed_by_no_one_named_are_victims_of_an_unidentified_group(
    text: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert event.recipient, event
    assert countries(event.actor) == {country}
    assert _sectors(event) <= {"UAF"} or any(a.actor_id for a in event.actor)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Three men are arrested in Hamburg, Germany, over a plot to bomb a synagogue.", "DEU"),
        ("Five suspects were detained in Quito, Ecuador, after the shooting.", "ECU"),
        ("Nine cartel members are apprehended in Culiacan, Mexico, during an overnight operation.", "MEX"),
        ("Dozens of people have been arrested in Nairobi, Kenya, since Tuesday.", "KEN"),
    ],
)
def test_an_arrest_with_no_one_named_is_done_by_the_police_of_the_place(
    text: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "COERCE")
    assert event.mode == "arrest"
    assert event.recipient
    assert countries(event.actor) == {country}
    assert _sectors(event) == {"COP"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The gunman who attacked a mosque in Christchurch, New Zealand, is charged with 51 counts of murder.", "NZL"),
        ("A former mayor was charged with extortion in Monterrey, Mexico, on Friday.", "MEX"),
        ("Two teenagers have been charged with arson in Leeds, England.", "GBR"),
    ],
)
def test_a_charge_with_no_one_named_is_brought_by_the_judiciary(text: str, country: str, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), "ACCUSE")
    assert event.recipient
    assert countries(event.actor) == {country}
    assert _sectors(event) == {"JUD"}


def test_a_named_arresting_party_is_kept(pipeline: Pipeline) -> None:
    event = one(_code("Turkish police arrested three journalists in Istanbul on Monday.", pipeline), "COERCE")
    assert countries(event.actor) == {"TUR"}
    assert "Police forces" not in _names(event)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Heavy clashes broke out in Tripoli, Libya, on Sunday night.", "LBY"),
        ("Fighting erupted near Goma, Democratic Republic of the Congo, on Tuesday.", "COD"),
        ("A gunfight took place in the Mexican city of Culiacan overnight.", "MEX"),
    ],
)
def test_fighting_that_breaks_out_with_no_party_named_is_an_assault_of_an_unidentified_group(
    text: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert countries(event.actor) == {country}
    assert _sectors(event) == {"UAF"}


@pytest.mark.parametrize(
    "text",
    [
        "The two sides agreed to a truce, but sporadic clashes were still continuing near Tripoli, Libya.",
        "There was a pause in the bombing of Aleppo, Syria, on Sunday.",
        "The bridge in Nampula, Mozambique, was damaged by floods.",
    ],
)
def test_fighting_told_as_a_backdrop_or_a_hazard_is_no_unnamed_assault(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in events(doc, "ASSAULT") if _sectors(e) == {"UAF"}]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("An oil tanker was hit by an unknown projectile off the coast of Fujairah, United Arab Emirates.", "ARE"),
        ("A hotel in Mogadishu, Somalia, was struck by a drone on Friday.", "SOM"),
        ("A drone strike was carried out on a fuel depot in Port Sudan, Sudan.", "SDN"),
        ("The port of Odesa, Ukraine, suffered a drone attack overnight.", "UKR"),
    ],
)
def test_a_target_hit_by_a_weapon_is_attacked_by_an_unidentified_group(
    text: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert countries(event.actor) == {country}
    assert _sectors(event) == {"UAF"}


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("A refinery in Ras Tanura, Saudi Arabia, shut down following an Iranian drone attack.", "IRN"),
        ("Five aircraft were damaged in a Russian missile strike on an airfield near Lviv, Ukraine.", "RUS"),
        ("The ministry confirmed the death of its spokesman from an Israeli airstrike in Beirut.", "ISR"),
        ("The death toll from the Pakistani airstrikes in Khost, Afghanistan, rose to 40.", "PAK"),
    ],
)
def test_an_attack_told_as_a_cause_is_an_assault_by_the_weapons_owner(
    text: str, attacker: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert attacker in countries(event.actor)


@pytest.mark.parametrize(
    "text",
    [
        "Seven people were killed and 25 more injured in a suicide bombing at a market in Maiduguri, Nigeria.",
        "Four people are killed and eight others are injured in an arson attack on a bus in Kerzers, Switzerland.",
    ],
)
def test_one_attack_told_by_two_verbs_and_a_noun_is_one_event(text: str, pipeline: Pipeline) -> None:
    assert len(events(_code(text, pipeline), "ASSAULT")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of residents fled Uvira, Democratic Republic of the Congo, across the border.",
        "The minister discussed a possible pause in the bombing with envoys in Doha, Qatar.",
        "Two crew members were killed when their cargo plane crashed near Goma, Congo.",
    ],
)
def test_flight_talk_and_accidents_are_no_agentless_attack(text: str, pipeline: Pipeline) -> None:
    assert not events(_code(text, pipeline), "ASSAULT")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A court in Lima, Peru, sentenced a former governor to 14 years in prison for bribery.", "PER"),
        ("A former police officer was sentenced to life imprisonment in Ankara, Turkey, on Thursday.", "TUR"),
        ("A Kenyan court sentenced two police officers to ten years in jail for the killing of a lawyer.", "KEN"),
    ],
)
def test_a_sentence_to_prison_is_also_an_arrest(text: str, country: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    conviction = one(doc, "SANCTION")
    arrest = one(doc, "COERCE")
    assert arrest.mode == "arrest"
    assert {r.text for r in arrest.recipient} == {r.text for r in conviction.recipient}
    assert countries(arrest.actor) == {country}


@pytest.mark.parametrize(
    "text",
    [
        "A court in Dhaka, Bangladesh, sentenced the former prime minister to death in absentia.",
        "A court in Milan, Italy, sentenced the company to a fine of 2 million euros.",
    ],
)
def test_a_sentence_to_death_or_a_fine_is_no_arrest(text: str, pipeline: Pipeline) -> None:
    assert not events(_code(text, pipeline), "COERCE")


@pytest.mark.parametrize(
    ("text", "attacker", "target"),
    [
        ("Jordan's air force intercepted three missiles launched from Iran on Sunday.", "IRN", "JOR"),
        ("The Saudi military says it shot down several Houthi drones fired at Jizan.", "YEM", "SAU"),
        ("Kuwait's air defences repelled a number of attacks from Iran overnight.", "IRN", "KWT"),
        ("The Israeli army intercepted a rocket launched from Gaza by Hamas.", "PSE", "ISR"),
    ],
)
def test_weapons_intercepted_are_an_attack_by_where_they_came_from(
    text: str, attacker: str, target: str, pipeline: Pipeline
) -> None:
    found = events(_code(text, pipeline), "ASSAULT")
    assert any(attacker in countries(e.actor) and target in countries(e.recipient) for e in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Police intercepted a shipment of cocaine from Colombia in Rotterdam.",
        "The army downed a Chinese-made drone near El Obeid, Sudan.",
        "Air defences intercepted two drones over the capital overnight.",
    ],
)
def test_interceptions_with_no_weapon_origin_are_no_attack_by_a_country(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in events(doc, "ASSAULT") if e.trace.trigger_rule.startswith("intercepted")]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A journalist was beaten by unidentified men in Dhaka, Bangladesh.", "BGD"),
        ("A priest was kidnapped by masked men in Enugu, Nigeria.", "NGA"),
        ("Two shopkeepers were shot by unknown assailants in Karachi, Pakistan.", "PAK"),
    ],
)
def test_the_town_of_an_unnamed_agent_is_not_the_agent(text: str, country: str, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert countries(event.actor) == {country}
    assert all(a.sector == "UAF" for a in event.actor), event.actor


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("The army confirmed the death of a commander in a Turkish drone strike in Sinjar, Iraq.", "TUR"),
        ("Officials reported the killing of two rangers in a Ugandan airstrike in Ituri, Congo.", "UGA"),
    ],
)
def test_a_death_in_an_attack_is_an_assault_by_the_weapons_owner(text: str, attacker: str, pipeline: Pipeline) -> None:
    assert any(attacker in countries(e.actor) for e in events(_code(text, pipeline), "ASSAULT"))


@pytest.mark.parametrize(
    "text",
    [
        "Residents fled their homes in Sumy, Ukraine, after the shelling.",
        "Farmers abandoned their fields near Kidal, Mali, following a drone strike.",
        "Shops closed early in Kharkiv, Ukraine, after a missile attack.",
    ],
)
def test_the_subject_of_a_clause_around_an_attack_is_not_its_attacker(text: str, pipeline: Pipeline) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert _sectors(event) == {"UAF"}, event.actor


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A former police chief was indicted by a grand jury in Nairobi, Kenya.", "KEN"),
        ("Two former police officers were convicted by a jury in Leeds, England.", "GBR"),
    ],
)
def test_a_court_act_by_an_unnamed_body_is_the_judiciarys(text: str, country: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    found = [e for e in doc.events if e.status == "asserted" and _sectors(e) == {"JUD"}]
    assert found, doc.events
    assert countries(found[0].actor) == {country}
