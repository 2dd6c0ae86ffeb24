"""Violence told without a named party and material cooperation (issue 14, classes 2, 3 and 6).

Victims named only by role are an attack's recipients; attacks heard, seen, reported or counted are
asserted by an unidentified armed group of the place's country, the observer being no party; aid,
releases, access and withdrawals are coded in their everyday phrasings. Sentences written for these tests.
"""

from __future__ import annotations

import pytest
from digest_helpers import asserted_types, countries, one
from digest_helpers import code as _code

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "country", "victim"),
    [
        ("A radio reporter was stabbed to death in Peshawar, Pakistan, on Sunday.", "PAK", "reporter"),
        ("A traffic policeman was shot dead at a junction in Kandahar, Afghanistan.", "AFG", "policeman"),
        ("An elderly priest was abducted from his parish in Kaduna, Nigeria.", "NGA", "priest"),
        ("The bodies of three farmers were found with gunshot wounds near Tumaco, Colombia.", "COL", "farmers"),
        ("A blogger died in police custody in Hanoi, Vietnam, on Thursday.", "VNM", "blogger"),
    ],
)
def test_a_victim_named_by_role_is_the_recipient_of_an_attack_by_an_unidentified_group(
    text: str, country: str, victim: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert [r.text.split()[-1] for r in event.recipient] == [victim]
    assert countries(event.recipient) == {country}
    assert countries(event.actor) == {country}
    assert event.actor[0].name == "Unidentified armed group"


def test_a_named_attacker_keeps_the_victim_named_by_role(pipeline: Pipeline) -> None:
    event = one(_code("A shopkeeper was beaten to death by soldiers in Sylhet, Bangladesh.", pipeline), "ASSAULT")
    assert countries(event.actor) == {"BGD"}
    assert [r.text for r in event.recipient] == ["shopkeeper"]


@pytest.mark.parametrize(
    "text",
    [
        "A teenager was killed in a car crash outside Lyon on Saturday.",
        "Rescuers found the bodies of four climbers after an avalanche in the Swiss Alps.",
        "Syria protested over three air raids in which it said 14 people were killed in Homs.",
    ],
)
def test_no_unnamed_attack_where_an_accident_or_another_attack_is_the_cause(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in doc.events if e.status == "asserted" and e.actor and not e.actor[0].text]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Heavy shelling was heard on the outskirts of Bakhmut, Ukraine, overnight.", "UKR"),
        ("Residents reported several explosions in Hodeidah, Yemen, on Friday.", "YEM"),
        ("Monitors counted 30 blasts near the town of Kadugli, Sudan, on Monday.", "SDN"),
        ("Sustained gunfire was heard in the Burkinabe capital Ouagadougou early on Sunday.", "BFA"),
    ],
)
def test_an_observed_attack_is_asserted_with_an_unidentified_attacker(
    text: str, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), "ASSAULT")
    assert countries(event.actor) == {country}
    assert event.actor[0].name == "Unidentified armed group"
    assert not event.actor[0].text  # the observers or residents are not the attackers


def test_an_attack_that_is_condemned_is_not_observed(pipeline: Pipeline) -> None:
    doc = _code("The envoy condemned the shelling of Kramatorsk, Ukraine.", pipeline)
    assert "ASSAULT" not in asserted_types(doc)


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Burundi's government freed a jailed opposition candidate on Tuesday.", "RETREAT", "release"),
        ("Myanmar's junta released hundreds of student protesters from Insein prison.", "RETREAT", "release"),
        ("Serbia granted the OSCE monitors access to the polling stations.", "RETREAT", "access"),
        ("French soldiers began leaving Niger on Tuesday.", "RETREAT", "withdraw"),
        ("Portugal sent a navy detachment to Mozambique.", "AID", None),
        ("The United Nations deployed 400 peacekeepers to the Central African Republic.", "AID", None),
        ("Norway gave 40 million dollars to rebuild schools in Somalia.", "AID", None),
    ],
)
def test_material_cooperation_in_everyday_phrasings(
    text: str, event_type: str, mode: str | None, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), event_type)
    assert event.mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "The rebels announced a 72-hour cease-fire with the army in Kachin, Myanmar.",
        "Mali's junta declared a cessation of hostilities in the north of the country.",
    ],
)
def test_a_declared_ceasefire_however_spelled_is_a_concession(text: str, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), "CONCEDE").mode == "ceasefire"


def test_aid_given_abroad_is_for_the_country_it_is_given_in(pipeline: Pipeline) -> None:
    event = one(_code("Japan provided 12 million dollars to restore water supplies in Haiti.", pipeline), "AID")
    assert countries(event.recipient) == {"HTI"}


def test_aid_spent_at_home_for_no_one_named_is_no_event(pipeline: Pipeline) -> None:
    # PLOVER's AID needs a recipient: spent at home, with no one named, it is no event
    doc = _code("Germany gave 300 million euros to promote investment in Bavaria.", pipeline)
    assert "AID" not in asserted_types(doc)


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Bus drivers in Accra downed tools on Monday over unpaid allowances.", "PROTEST", "strike"),
        (
            "Stone-throwing youths clashed with police in Kashmir; youths threw rocks at police in Sopore.",
            "PROTEST",
            "riot",
        ),
        ("Egypt reimposed its blockade on the border town of Rafah.", "COERCE", "restrict"),
        ("The interior ministry ordered police patrols across Nairobi, Kenya.", "MOBILIZE", "police"),
        ("Rebels violated the truce twice overnight near Goma, Congo.", "ASSAULT", None),
        ("Dock employees stopped work at the port of Antwerp, Belgium, on Monday.", "PROTEST", "strike"),
        ("The militia held dozens of villagers as human shields in Marawi, Philippines.", "ASSAULT", "abduct"),
        ("North Korea waged cyber warfare against South Korean banks.", "COERCE", "cyber"),
        ("Peru's government declared a state of siege in the province of Puno.", "COERCE", "martial-law"),
        ("Minibus drivers staged a strike in Kampala, Uganda, over new licence fees.", "PROTEST", "strike"),
        ("Thousands of pensioners took to the streets of Asuncion, Paraguay, on Friday.", "PROTEST", "demo"),
        ("Protesters gathered outside the electoral commission in Kinshasa, Congo.", "PROTEST", "demo"),
        ("A herder was hacked to death by unknown assailants in Plateau, Nigeria.", "ASSAULT", "primitive"),
        ("A mob set fire to a church in Minya, Egypt, on Friday.", "PROTEST", "riot"),
        ("Angry villagers burned the house of a suspected witch in Kisii, Kenya.", "ASSAULT", "destroy"),
    ],
)
def test_coverage_of_material_conflict(text: str, event_type: str, mode: str | None, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), event_type).mode == mode


def test_a_strike_staged_by_aircraft_stays_an_air_strike(pipeline: Pipeline) -> None:
    doc = _code("Israeli jets staged a strike on a weapons depot near Hama, Syria.", pipeline)
    assert one(doc, "ASSAULT").mode == "aerial"
    assert "PROTEST" not in asserted_types(doc)
