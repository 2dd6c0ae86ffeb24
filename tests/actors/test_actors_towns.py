"""A town or city written before a title gives the title its country ("Gyumri mayor", "Mosul police chief"),
through the place lookup the pipeline builds from its gazetteer; without a lookup the resolver still works."""

from __future__ import annotations

import pytest
from spacy.language import Language

from backchannel.actors import ActorKB, ActorResolver, GazetteerPlaces
from backchannel.geo import Gazetteer
from backchannel.pipeline import extract
from backchannel.records import ActorMention

DATE = "2025-11-20"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


@pytest.fixture(scope="module")
def places() -> GazetteerPlaces:
    return GazetteerPlaces(Gazetteer.load())


@pytest.fixture(scope="module")
def resolver(kb: ActorKB, places: GazetteerPlaces) -> ActorResolver:
    return ActorResolver(kb, places=places)


def _mentions(nlp: Language, resolver: ActorResolver, text: str) -> list[ActorMention]:
    return resolver.find(nlp(text), DATE)


def _describe(mentions: list[ActorMention]) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.country, m.sector) for m in mentions]


@pytest.mark.parametrize(
    ("text", "mention", "country", "sector"),
    [
        (
            "Gyumri mayor Vardan Ghukasyan was detained on bribery charges on Thursday.",
            "Gyumri mayor Vardan Ghukasyan",
            "ARM",
            "GOV",
        ),
        ("The Mosul police chief was killed by a roadside bomb near the old city.", "Mosul police chief", "IRQ", "COP"),
        ("A Tabriz prosecutor charged three journalists with spreading propaganda.", "Tabriz prosecutor", "IRN", "JUD"),
        ("Aleppo city council condemned the shelling of the eastern districts.", "Aleppo city council", "SYR", "GOV"),
        ("Mosul provincial council voted to dismiss the governor.", "Mosul provincial council", "IRQ", "GOV"),
        ("Gyumri's mayor resigned after the protests.", "Gyumri's mayor", "ARM", "GOV"),
        # already known as sub-national units: the lookup changes nothing there
        (
            "Kharkiv governor Oleh Syniehubov said two people were killed in the strike.",
            "Kharkiv governor Oleh Syniehubov",
            "UKR",
            "GOV",
        ),
        ("Lviv mayor Andriy Sadovyi asked residents to stay in shelters.", "Lviv mayor Andriy Sadovyi", "UKR", "GOV"),
    ],
)
def test_town_before_a_title_gives_its_country_and_is_no_actor_of_its_own(
    nlp: Language, resolver: ActorResolver, text: str, mention: str, country: str, sector: str
) -> None:
    mentions = _mentions(nlp, resolver, text)
    found = [m for m in mentions if m.text == mention]
    assert len(found) == 1, _describe(mentions)
    assert (found[0].country, found[0].sector) == (country, sector)
    town = mention.split()[0].removesuffix("'s")
    assert not any(m.text == town for m in mentions), _describe(mentions)


def test_town_of_two_countries_takes_the_country_the_text_names(nlp: Language, resolver: ActorResolver) -> None:
    # Hyderabad is a city of India and of Pakistan
    mentions = _mentions(nlp, resolver, "Hyderabad police arrested a Pakistani national at the railway station.")
    found = [m for m in mentions if m.text == "Hyderabad police"]
    assert [(m.country, m.sector) for m in found] == [("PAK", "COP")], _describe(mentions)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Most officials declined to comment on the report.", "Most"),  # Most is a town in Czechia
        ("Roman prosecutors opened an inquiry into the contracts.", "Roman"),  # Roman is a town in Romania
    ],
)
def test_ordinary_word_before_a_title_is_no_town(nlp: Language, resolver: ActorResolver, text: str, word: str) -> None:
    mentions = _mentions(nlp, resolver, text)
    assert not any(m.text.startswith(word) and m.country is not None for m in mentions), _describe(mentions)


def test_surname_of_a_person_before_a_title_is_no_town(nlp: Language, resolver: ActorResolver) -> None:
    mentions = _mentions(nlp, resolver, "Defense Secretary Lloyd Austin met police officials in Manila.")
    assert any(m.text == "Defense Secretary Lloyd Austin" and m.country == "USA" for m in mentions)
    assert not any(m.text.startswith("Austin") for m in mentions), _describe(mentions)


def test_lookup_gives_towns_not_countries_demonyms_or_small_places(places: GazetteerPlaces) -> None:
    assert places("Gyumri") == ("ARM",)
    assert places("Tabriz") == ("IRN",)
    assert set(places("Hyderabad")) == {"IND", "PAK"}
    assert places("Georgia") == ()  # a country before it is a US state
    assert places("Israeli") == ()  # a demonym
    assert places("Police") == ()  # a town in Poland, but a word the gazetteer lists as no place
    assert places("Federal") == ()  # a town of 16,000 people in Argentina


def test_resolver_without_a_place_lookup_still_finds_actors(nlp: Language, kb: ActorKB) -> None:
    plain = ActorResolver(kb)  # the default: no lookup
    mentions = plain.find(nlp("Gyumri mayor Vardan Ghukasyan met Armenian police officers in Yerevan."), DATE)
    mayor = [m for m in mentions if m.text.endswith("Vardan Ghukasyan")]
    assert [(m.text, m.sector, m.country) for m in mayor] == [("mayor Vardan Ghukasyan", "GOV", None)]
    assert any(m.text == "Armenian police officers" and m.country == "ARM" for m in mentions), _describe(mentions)


def test_pipeline_codes_the_town_mayor_with_the_town_country() -> None:
    doc = extract("Gyumri mayor Vardan Ghukasyan met Russian diplomats in Yerevan on Monday.", date="2025-10-06")
    actors = [a for event in doc.events for a in event.actor if a.name == "Vardan Ghukasyan"]
    assert actors, [(e.event_type, [a.name for a in e.actor]) for e in doc.events]
    assert {(a.country, a.sector) for a in actors} == {("ARM", "GOV")}
