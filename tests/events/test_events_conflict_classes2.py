"""Violence and crime told the way news digests tell them (issue 14, second round): a verdict for a crime of
years ago is news, a place taken by force, attacks given as a reason or a response, digest verbs read as
nouns.  PLOVER manual ASSAULT, COERCE (arrest, seize) and SANCTION (convict).  Sentences written for these
tests; the report date of ``code`` is 2026-03-01."""

from __future__ import annotations

import pytest
from digest_helpers import asserted_types, countries, one
from digest_helpers import code as _code

from backchannel.pipeline import Pipeline


def _reported(text: str, pipeline: Pipeline, event_type: str) -> bool:
    doc = _code(text, pipeline)
    return any(e.event_type == event_type and e.status == "asserted" and not e.historical for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "A court in Lyon sentenced the former mayor to eight years in prison for the 2019 embezzlement of city funds.",
        "A Hamburg court sentences a Syrian man to 12 years in prison for the June 2023 knife attack on a bus.",
        "A tribunal in Dhaka sentenced 2018 election candidate Rafiq Hossain to ten years in prison for arson.",
        "A judge in Ohio sentenced the driver to six years in jail for the 2021 crash that killed two cyclists.",
    ],
)
def test_a_verdict_for_an_old_crime_is_news(text: str, pipeline: Pipeline) -> None:
    assert _reported(text, pipeline, "COERCE")
    assert _reported(text, pipeline, "SANCTION")


def test_the_old_crime_itself_stays_back_story(pipeline: Pipeline) -> None:
    text = "A court in Lyon sentenced the gunman to life in prison for the May 2024 shooting, which killed four people."
    doc = _code(text, pipeline)
    assert not [e for e in doc.events if e.event_type == "ASSAULT" and e.status == "asserted" and not e.historical]


def test_an_attack_dated_in_its_subject_dates_the_verb(pipeline: Pipeline) -> None:
    doc = _code("The 2014 bombing of the embassy killed twelve people, a report recalled.", pipeline)
    assert all(e.historical for e in doc.events if e.event_type == "ASSAULT")


@pytest.mark.parametrize(
    ("text", "event_type", "actor_country"),
    [
        ("A court in Madrid, Spain, sentences a former police chief to nine years in prison.", "SANCTION", "ESP"),
        ("Police in Lagos, Nigeria, arrest 40 people outside the state assembly.", "COERCE", "NGA"),
        ("Troops in Bamako, Mali, detain a local journalist at a checkpoint.", "COERCE", "MLI"),
    ],
)
def test_a_digest_verb_after_a_place_in_commas_is_a_verb(
    text: str, event_type: str, actor_country: str, pipeline: Pipeline
) -> None:
    event = one(_code(text, pipeline), event_type)
    assert countries(event.actor) == {actor_country}


@pytest.mark.parametrize(
    "text",
    [
        "The Indian Coast Guard intercepts and seizes a fishing boat off the coast of Gujarat.",
        "The navy intercepts and seizes two smuggling vessels near Tripoli.",
    ],
)
def test_a_verb_the_lexicon_lacks_paired_with_one_it_has(text: str, pipeline: Pipeline) -> None:
    assert "COERCE" in asserted_types(_code(text, pipeline))


@pytest.mark.parametrize(
    "text",
    [
        "Islamist fighters took control of the city of Kidal after a week of fighting.",
        "The army regains control of Bakhmut, Donetsk Oblast, after heavy fighting.",
        "Tribal militias take control of the Hamidiya neighbourhood from government forces.",
        "The rebel coalition announces the capture of the Idlib Governorate from the Syrian army.",
        "Al-Shabaab fighters wrested control of the town of Mahas from Somali troops on Sunday.",
    ],
)
def test_a_place_taken_by_force_is_an_attack(text: str, pipeline: Pipeline) -> None:
    assert "ASSAULT" in asserted_types(_code(text, pipeline))


@pytest.mark.parametrize(
    "text",
    [
        "The Republicans took control of the House of Representatives in the midterm elections.",
        "The investment firm took control of the company last year.",
        "Police announced the capture of a suspect in the burglary.",
        "A football team captured the title on Sunday.",
        "The new manager regained control of the dressing room.",
    ],
)
def test_control_of_no_place_is_no_attack(text: str, pipeline: Pipeline) -> None:
    assert "ASSAULT" not in asserted_types(_code(text, pipeline))


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine schedules power outages across the country citing Russian attacks on power stations.",
        "The warship heads to Cyprus in response to a drone strike on the air base at Akrotiri.",
        "Power outages are reported in Belgorod following a Ukrainian missile and drone attack on the city.",
        "A state of emergency is declared in Crimea in response to a wave of airstrikes by Ukrainian forces.",
        "About 4,000 people in the Blue Nile region have been displaced following recent drone strikes.",
        "A police officer and a bystander are wounded in a shooting in Malmo on Saturday.",
        "Schools in Tripoli remain shut after two days of airstrikes on the city.",
        "Schools in Misrata remain shut after a week of drone attacks.",
    ],
)
def test_an_attack_given_as_a_reason_or_a_response_happened(text: str, pipeline: Pipeline) -> None:
    assert "ASSAULT" in asserted_types(_code(text, pipeline))


@pytest.mark.parametrize(
    "text",
    [
        "The coach cited the team's poor attack as the reason for the defeat.",
        "The minister cited rising prices in his speech on Monday.",
        "In response to a question about the strike by teachers, the minister said talks would go on.",
    ],
)
def test_a_reason_that_is_no_attack_is_no_event(text: str, pipeline: Pipeline) -> None:
    assert "ASSAULT" not in asserted_types(_code(text, pipeline))
