"""Classes of the PLOVER structured codebook that the lexicon and rules reach: an attack's mode from
the instrument it names, weapons tests, the mode of a request or a refusal from what it asks or refuses,
and rows for disarmament, access, searches, cordons, hangings, chemical weapons and embassies reopened.
Denying an accusation is no rejection (CAMEO 016, dropped by PLOVER).  Sentences written for these tests."""

from __future__ import annotations

import pytest
from digest_helpers import all_types, countries, events, one
from digest_helpers import code as _code

from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Rebels attacked the army base in Goma with drones.", "drone"),
        ("Gunmen attacked a bus in Zamfara state on Sunday.", "firearms"),
        ("Government helicopters attacked villages in North Darfur.", "aerial"),
        ("Insurgents attacked the convoy with a roadside bomb near Kandahar.", "explosives"),
        ("A suicide bomber attacked a checkpoint in Kabul.", "suicide-attack"),
    ],
)
def test_an_attack_takes_its_mode_from_the_instrument_it_names(text: str, mode: str, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), "ASSAULT").mode == mode


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Pakistan test-fired a cruise missile on Monday.", "PAK"),
        ("Iran test-launched a ballistic missile from Semnan.", "IRN"),
    ],
)
def test_a_weapons_test_is_a_mobilisation_not_an_attack(text: str, country: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    event = one(doc, "MOBILIZE")
    assert event.mode == "weapons"
    assert countries(event.actor) == {country}
    assert not events(doc, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Kenya asked the World Bank for a loan.", "REQUEST", "assist"),
        ("Venezuela's opposition called for talks with the government.", "REQUEST", "meet"),
        ("Amnesty International urged Egypt to free the jailed journalist.", "REQUEST", "yield"),
        ("The European Commission urged Hungary to change its asylum law.", "REQUEST", "change"),
        ("Iran rejected the American offer of direct talks.", "REJECT", "meet"),
    ],
)
def test_a_request_or_a_refusal_takes_its_mode_from_the_act_it_names(
    text: str, event_type: str, mode: str, pipeline: Pipeline
) -> None:
    assert one(_code(text, pipeline), event_type).mode == mode


@pytest.mark.parametrize(
    ("text", "event_type", "mode", "country"),
    [
        ("About 200 M23 fighters surrendered their weapons to Congolese troops.", "RETREAT", "disarm", "COD"),
        ("Russian troops laid down their weapons near Kursk.", "RETREAT", "disarm", "RUS"),
        ("Egypt opened the Rafah crossing to aid trucks on Saturday.", "RETREAT", "access", "EGY"),
        ("Turkish police searched the offices of the newspaper in Ankara.", "COERCE", "seize", "TUR"),
        ("Police sealed off the area around parliament in Nairobi.", "COERCE", "restrict", "KEN"),
        ("Saudi Arabia hanged two men convicted of drug smuggling.", "ASSAULT", "execute", "SAU"),
        (
            "The Sudanese army used chlorine against RSF fighters in Khartoum, U.S. officials said.",
            "ASSAULT",
            "unconventional",
            "SDN",
        ),
        ("Ghana reopened its embassy in Tripoli.", "SUPPORT", None, "GHA"),
    ],
)
def test_codebook_definitions_reached_by_the_lexicon(
    text: str, event_type: str, mode: str | None, country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), event_type)
    assert event.mode == mode
    assert country in countries(event.actor)


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin rejected claims that it had interfered in the Romanian election.",
        "Israel dismissed the reports as fabricated.",
    ],
)
def test_denying_an_accusation_is_no_rejection(text: str, pipeline: Pipeline) -> None:
    assert "REJECT" not in all_types(_code(text, pipeline))


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Nigeria deployed riot police across Lagos ahead of the vote.", "police"),
        ("Hezbollah mobilised its fighters in southern Lebanon.", "militia"),
        ("Pakistan put its missile forces on high alert.", "weapons"),
        ("Israel deployed two brigades to the Lebanese border.", "troops"),
    ],
)
def test_a_mobilisation_takes_its_mode_from_the_forces_it_names(text: str, mode: str, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), "MOBILIZE").mode == mode


def test_sanctions_are_a_discontinued_exchange(pipeline: Pipeline) -> None:
    event = one(_code("The United States imposed sanctions on Venezuelan officials.", pipeline), "SANCTION")
    assert event.mode == "discontinue"
    assert countries(event.recipient) == {"VEN"}


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The Thai government threatened to ban the Move Forward Party.", "ban"),
        ("The Turkish government threatened to censor newspapers that criticised the army.", "rights"),
    ],
)
def test_a_threatened_ban_or_censorship_gives_the_threat_its_mode(text: str, mode: str, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), "THREATEN").mode == mode


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Russia blocked the website of the BBC.", "RUS"),
        ("Mali's military government suspended the French broadcaster France 24.", "MLI"),
    ],
)
def test_a_blocked_site_or_suspended_broadcaster_is_censorship(text: str, country: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    event = one(doc, "COERCE")
    assert event.mode == "censor"
    assert countries(event.actor) == {country}
    assert not events(doc, "SANCTION")
