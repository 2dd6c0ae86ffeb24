"""Regressions found by auditing one-line world-event digests: sub-national units before titles, demonyms
that begin a place name, diaspora groups, international sports bodies, and names of bodies cut short."""

from __future__ import annotations

import pytest
from actor_helpers import one as _one
from spacy.language import Language

from backchannel.actors import ActorResolver
from backchannel.records import ActorMention

DATE = "2025-11-20"


def _find(nlp: Language, resolver: ActorResolver, text: str) -> list[ActorMention]:
    return resolver.find(nlp(text), DATE)


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        (
            "Ontario premier Doug Ford and Canadian industry minister Mélanie Joly meet steelworkers in Hamilton.",
            "Ontario premier Doug Ford",
            "CAN",
        ),
        ("Texas governor Greg Abbott orders state troopers to the border.", "Texas governor Greg Abbott", "USA"),
        (
            "Bavarian state premier Markus Söder rejects the coalition's budget plan.",
            "Bavarian state premier Markus Söder",
            "DEU",
        ),
        ("The Cebu governor is suspended for six months over a land deal.", "Cebu governor", "PHL"),
        # Punjab is a state of India and a province of Pakistan: the country of the text decides
        (
            "Punjab chief minister Bhagwant Mann asks India's finance ministry for flood relief.",
            "Punjab chief minister Bhagwant Mann",
            "IND",
        ),
        (
            "Punjab chief minister Maryam Nawaz tours flooded villages with Pakistani army officers.",
            "Punjab chief minister Maryam Nawaz",
            "PAK",
        ),
    ],
)
def test_sub_national_unit_before_a_title_gives_its_country(
    nlp: Language, resolver: ActorResolver, text: str, mention: str, country: str
) -> None:
    mentions = _find(nlp, resolver, text)
    found = _one(mentions, mention)
    assert (found.country, found.sector, found.kind) == (country, "GOV", "person")
    # the unit is part of the title, not an actor of its own; and not the head of the national government
    assert found.actor_id is None or not found.actor_id.startswith("P:")


def test_provincial_premier_is_not_the_prime_minister(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "The Alberta premier threatens a referendum on leaving Canada.")
    premier = _one(mentions, "Alberta premier")
    assert (premier.country, premier.actor_id) == ("CAN", "CAN_GOV")


def test_ambiguous_unit_without_a_country_in_the_text_gets_none(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "The Punjab chief minister announces free bus travel for women.")
    assert _one(mentions, "Punjab chief minister").country is None


@pytest.mark.parametrize(
    ("text", "demonym"),
    [
        ("Wildfires force thousands to leave their homes in British Columbia.", "British"),
        ("Flooding in Iraqi Kurdistan cuts the road to Erbil.", "Iraqi"),
    ],
)
def test_demonym_that_begins_a_place_name_is_no_actor(
    nlp: Language, resolver: ActorResolver, text: str, demonym: str
) -> None:
    mentions = _find(nlp, resolver, text)
    assert all(m.text != demonym for m in mentions), [(m.text, m.country) for m in mentions]


@pytest.mark.parametrize(
    ("text", "group", "country"),
    [
        ("Iranian Americans rally outside the federal building in Los Angeles.", "Iranian Americans", "USA"),
        ("Turkish Germans vote in large numbers in the Bundestag election.", "Turkish Germans", "DEU"),
        ("Somali Canadians in Toronto raise funds for drought relief.", "Somali Canadians", "CAN"),
    ],
)
def test_diaspora_compound_is_one_group_of_the_second_country(
    nlp: Language, resolver: ActorResolver, text: str, group: str, country: str
) -> None:
    found = _one(_find(nlp, resolver, text), group)
    assert (found.country, found.sector) == (country, "CVL")


def test_resident_ethnicity_still_belongs_to_the_first_country(nlp: Language, resolver: ActorResolver) -> None:
    found = _one(_find(nlp, resolver, "Bosnian Serbs boycott the state institutions."), "Bosnian Serbs")
    assert found.country == "BIH"


@pytest.mark.parametrize(
    ("text", "body", "actor_id"),
    [
        ("UEFA fines the Serbian football federation over racist chanting.", "UEFA", "UEFA"),
        (
            "The World Anti-Doping Agency appeals the acquittal of the Chinese swimmer.",
            "World Anti-Doping Agency",
            "WADA",
        ),
        (
            "The Court of Arbitration for Sport upholds the ban on the Russian skater.",
            "Court of Arbitration for Sport",
            "CAS",
        ),
        ("World Athletics bars transgender women from female events.", "World Athletics", "WORLD_ATHLETICS"),
    ],
)
def test_international_sports_bodies_are_international_ngos(
    nlp: Language, resolver: ActorResolver, text: str, body: str, actor_id: str
) -> None:
    found = _one(_find(nlp, resolver, text), body)
    assert (found.actor_id, found.country, found.sector) == (actor_id, "IGO", "NGO")


def test_officials_of_an_international_ngo_take_its_sector(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "FIFA officials inspect the stadiums in Morocco.")
    assert (_one(mentions, "FIFA officials").country, _one(mentions, "FIFA officials").sector) == ("IGO", "NGO")


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        (
            "The Constitutional Court of Slovakia strikes down the amnesty law.",
            "Constitutional Court of Slovakia",
            "SVK",
            "JUD",
        ),
        (
            "Prosecutors question New Reform Party lawmaker Lee Jun-seok over the leak.",
            "New Reform Party lawmaker Lee Jun-seok",
            None,
            "LEG",
        ),
    ],
)
def test_capitalised_words_before_a_sector_noun_stay_in_the_name(
    nlp: Language, resolver: ActorResolver, text: str, name: str, country: str | None, sector: str
) -> None:
    found = _one(_find(nlp, resolver, text), name)
    assert (found.country, found.sector) == (country, sector)


def test_hyphenated_given_name_does_not_use_up_the_name_length(nlp: Language, resolver: ActorResolver) -> None:
    text = "Ghana's former finance minister Ken Ofori-Atta is detained in Washington."
    mentions = _find(nlp, resolver, text)
    text2 = "Mali's transitional president Jean-Marie Kouassi Traoré meets envoys."
    assert any(m.text.endswith("Ofori-Atta") for m in mentions), [m.text for m in mentions]
    assert any(m.text.endswith("Kouassi Traoré") for m in _find(nlp, resolver, text2))


def test_title_inside_an_agency_name_does_not_set_its_sector(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "The Directorate General of Civil Aviation of India grounds the airline's fleet.")
    agency = _one(mentions, "Directorate General of Civil Aviation of India")
    assert (agency.country, agency.sector) == ("IND", "GOV")


def test_business_noun_before_a_company_name_gives_business(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Dutch airline KLM cancels flights to Tel Aviv.")
    airline = _one(mentions, "KLM")
    assert (airline.country, airline.sector) == ("NLD", "BUS")


def test_capital_in_an_address_is_a_place_not_the_government(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _find(nlp, resolver, "Police disperse a march in Kibera, Nairobi, with tear gas.")
    assert _one(mentions, "Nairobi").sector is None
    listed = _find(nlp, resolver, "Envoys of Berlin, Paris and London sign the statement.")
    assert _one(listed, "Paris").sector == "GOV"
