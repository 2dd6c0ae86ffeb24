"""Regressions found by auditing one-line news summaries: namesakes of famous people, possessed
organisations, demonyms on things, relatives named by apposition, and legislative and military bodies."""

from __future__ import annotations

import pytest
from actor_helpers import one as _one
from spacy.language import Language

from backchannel.actors import ActorResolver
from backchannel.records import ActorMention

DATE = "2025-10-01"


def _find(nlp: Language, resolver: ActorResolver, text: str) -> list[ActorMention]:
    return resolver.find(nlp(text), DATE)


def test_given_name_before_a_famous_surname_is_another_person(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Former Bolivian interior minister Arturo Chávez asks for asylum in Brazil.")
    person = _one(mentions, "Bolivian interior minister Arturo Chávez")
    assert (person.actor_id, person.country, person.kind) == (None, "BOL", "person")
    assert all(m.actor_id != "P:hugo_chavez" for m in mentions)


def test_nationality_and_title_beat_a_foreign_namesake(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Argentine President Chávez visits Caracas.")
    person = _one(mentions, "Argentine President Chávez")
    assert (person.actor_id, person.country, person.sector) == (None, "ARG", "GOV")


def test_famous_surname_still_resolves_after_a_form_of_address(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Mr Netanyahu met the Egyptian foreign minister in Cairo.")
    assert _one(mentions, "Netanyahu").actor_id == "P:benjamin_netanyahu"


def test_surname_after_a_full_name_is_that_person_not_a_relative_in_office(
    nlp: Language, resolver: ActorResolver
) -> None:
    mentions = _find(nlp, resolver, "Rodrigo Duterte's lawyers say Duterte will appeal the ruling.")
    assert {m.actor_id for m in mentions if "Duterte" in m.text} == {"P:rodrigo_duterte"}


@pytest.mark.parametrize(
    ("text", "possessed", "country", "sector"),
    [
        ("The Indian army's Northern Command says two soldiers died.", "Northern Command", "IND", "MIL"),
        ("Turkey's Directorate of Communications denies the report.", "Directorate of Communications", "TUR", None),
    ],
)
def test_possessive_owner_gives_its_country(
    nlp: Language, resolver: ActorResolver, text: str, possessed: str, country: str, sector: str | None
) -> None:
    mention = _one(_find(nlp, resolver, text), possessed)
    assert (mention.country, mention.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "demonym"),
    [
        ("Brussels agrees to release frozen European assets held in Belgian banks.", "European"),
        ("Libya protests after Arab airspace is closed.", "Arab"),
        ("The summit discusses African exports to the Gulf.", "African"),
    ],
)
def test_unresolved_demonym_on_a_thing_is_not_an_actor(
    nlp: Language, resolver: ActorResolver, text: str, demonym: str
) -> None:
    mentions = _find(nlp, resolver, text)
    assert not [m for m in mentions if m.text == demonym]
    assert [m.country for m in mentions if m.text == "Belgian"] == (["BEL"] if "Belgian" in text else [])


@pytest.mark.parametrize(
    ("text", "relative", "country"),
    [
        (
            "Washington sanctions Nicaraguan president Daniel Ortega and his daughter Camila Ortega.",
            "Camila Ortega",
            "NIC",
        ),
        ("Kenyan President William Ruto's son-in-law Tom Otieno resigns.", "Tom Otieno", "KEN"),
    ],
)
def test_relative_named_by_apposition_shares_the_country(
    nlp: Language, resolver: ActorResolver, text: str, relative: str, country: str
) -> None:
    mention = _one(_find(nlp, resolver, text), relative)
    assert (mention.actor_id, mention.country) == (None, country)


def test_party_name_inside_a_longer_party_name(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "The Free Democratic Party leaves the coalition in Berlin.")
    party = _one(mentions, "Free Democratic Party")
    assert (party.actor_id, party.country, party.sector) == (None, None, "PTY")


def test_name_with_inner_capital_after_a_title(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Irish finance minister Sean McAllister resigns.")
    assert _one(mentions, "Irish finance minister Sean McAllister").country == "IRL"


def test_neighbour_country_is_not_guessed_across_a_verb(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Italian police have detained Sacra Corona Unita boss Marco Bellini.")
    assert _one(mentions, "Sacra Corona Unita").country is None


@pytest.mark.parametrize(
    ("text", "body", "country", "sector"),
    [
        ("The Japanese House of Representatives is dissolved.", "Japanese House of Representatives", "JPN", "LEG"),
        ("Two members of the U.S. National Guard are shot.", "U.S. National Guard", "USA", "MIL"),
        ("Uganda's Electoral Commission clears the incumbent.", "Uganda's Electoral Commission", "UGA", "GOV"),
        ("Belgian judicial authorities question the minister.", "Belgian judicial authorities", "BEL", "JUD"),
    ],
)
def test_legislative_military_and_judicial_bodies(
    nlp: Language, resolver: ActorResolver, text: str, body: str, country: str, sector: str
) -> None:
    mention = _one(_find(nlp, resolver, text), body)
    assert (mention.country, mention.sector) == (country, sector)


def test_spelling_variant_of_the_given_name_joins_the_title(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Palestinian president Mahmud Abbas met the Jordanian king in Amman.")
    person = _one(mentions, "Palestinian president Mahmud Abbas")
    assert (person.actor_id, person.country) == ("P:mahmoud_abbas", "PSE")


def test_unknown_body_of_a_country_split_by_the_tagger(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "The National Nutrition Agency of Indonesia suspends its programme.")
    assert _one(mentions, "National Nutrition Agency").country == "IDN"


def test_hyphened_syllable_stays_in_the_name(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "South Korean lawmaker Park Ji-won resigns from the party.")
    assert _one(mentions, "South Korean lawmaker Park Ji-won").country == "KOR"


def test_bare_sector_noun_on_a_thing_is_not_an_actor(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "The senator asks to publish classified government files before the budget vote.")
    assert not [m for m in mentions if "government" in m.text]
    mentions = _find(nlp, resolver, "Government sources say the talks failed.")
    assert _one(mentions, "Government").sector == "GOV"


@pytest.mark.parametrize(
    ("text", "surface", "actor_id", "country"),
    [
        ("Opposition groups reject Biya's re-election in Yaounde.", "Biya", "P:paul_biya", "CMR"),
        ("Europol coordinates the raids in six countries.", "Europol", "EUROPOL", "IGO"),
        ("The Federal Bureau of Investigation opens an inquiry.", "Federal Bureau of Investigation", "USA", "USA"),
    ],
)
def test_added_knowledge_base_entries(
    nlp: Language, resolver: ActorResolver, text: str, surface: str, actor_id: str, country: str
) -> None:
    mention = _one(_find(nlp, resolver, text), surface)
    assert (mention.actor_id, mention.country) == (actor_id, country)
