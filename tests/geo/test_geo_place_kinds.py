"""Places named otherwise than by their own name standing alone: demonyms ("Syrian forces") and places inside
organisations' names ("the Pakistan Army").  Both are carried in the places output with their ``kind``; neither
is ever an event's location nor a place row of the store."""

from __future__ import annotations

import pytest
from spacy.language import Language

from backchannel.geo import PlaceResolver
from backchannel.geo.attach import attach_location, toponyms
from backchannel.records import PlaceMention


def _found(nlp: Language, resolver: PlaceResolver, text: str) -> dict[str, PlaceMention]:
    places = resolver.find(nlp(text))
    assert all(p.text == text[p.start : p.end] for p in places)
    assert [p.start for p in places] == sorted(p.start for p in places)
    return {p.text: p for p in places}


@pytest.mark.parametrize(
    ("text", "demonym", "country"),
    [
        ("Syrian troops shelled the outskirts of the town on Tuesday.", "Syrian", "SYR"),
        ("The Russian Foreign Ministry summoned the ambassador.", "Russian", "RUS"),
        ("Thousands of Afghan families crossed the border last month, aid workers said.", "Afghan", "AFG"),
        ("Two South Korean fishermen were rescued off the coast.", "South Korean", "KOR"),
        ("Turkey fired on towns along the Syrian-Turkish border.", "Turkish", "TUR"),
        ("The Russian and Venezuelan delegations signed the mining deal.", "Venezuelan", "VEN"),
    ],
)
def test_a_country_demonym_names_its_country(
    nlp: Language, resolver: PlaceResolver, text: str, demonym: str, country: str
) -> None:
    place = _found(nlp, resolver, text)[demonym]
    assert place.kind == "demonym"
    assert place.country_code == country and place.feature_code == "PCLI"
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    ("text", "adjective", "region"),
    [
        ("European leaders met in the afternoon to discuss the budget.", "European", "Europe"),
        ("A Central American caravan reached the border crossing.", "Central American", "Central America"),
        ("African Union observers said the vote was calm.", "African", "Africa"),
    ],
)
def test_a_region_adjective_names_its_region(
    nlp: Language, resolver: PlaceResolver, text: str, adjective: str, region: str
) -> None:
    place = _found(nlp, resolver, text)[adjective]
    assert place.kind == "demonym" and place.name == region


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Senator Judith French said on Monday that the bill would pass.", "French"),  # a surname
        ("Thousands of Afghans crossed the border last month.", "Afghans"),  # a people
        ("The suspect said something in Spanish before he ran.", "Spanish"),  # a language
        ("Many Chinese are on their own spiritual quest.", "Chinese"),
    ],
)
def test_a_demonym_that_modifies_nothing_names_no_country(
    nlp: Language, resolver: PlaceResolver, text: str, word: str
) -> None:
    assert word not in _found(nlp, resolver, text)


def test_a_country_named_like_a_plural_demonym_stays_a_toponym(nlp: Language, resolver: PlaceResolver) -> None:
    places = _found(nlp, resolver, "Filipino officials said the outbreak in the Philippines had slowed.")
    assert places["Philippines"].kind == "toponym" and places["Philippines"].country_code == "PHL"
    assert places["Filipino"].kind == "demonym"


def test_a_toponym_keeps_its_own_kind_beside_a_demonym(nlp: Language, resolver: PlaceResolver) -> None:
    places = _found(nlp, resolver, "Iraqi officials said the attack in Mosul killed four people.")
    assert places["Mosul"].kind == "toponym" and places["Mosul"].country_code == "IRQ"
    assert places["Iraqi"].kind == "demonym"


@pytest.mark.parametrize(
    ("text", "inner", "country"),
    [
        ("Tribal elders thanked the Pakistan Army for restoring peace.", "Pakistan", "PAK"),
        ("The Jamaica Cancer Society will offer free screenings on Friday.", "Jamaica", "JAM"),
        ("Nobody at Air Zimbabwe would say when the flights resume.", "Zimbabwe", "ZWE"),
        ("Liverpool won again on Saturday.", "Liverpool", "GBR"),  # a club named by its city alone
        ("The Lagos Chamber of Commerce and Industry signed the memorandum.", "Lagos", "NGA"),
        ("The New York Times reported that police had encountered the man before.", "New York", "USA"),
    ],
)
def test_a_place_inside_an_organisation_name(
    nlp: Language, resolver: PlaceResolver, text: str, inner: str, country: str
) -> None:
    place = _found(nlp, resolver, text)[inner]
    assert place.kind == "embedded" and place.country_code == country


@pytest.mark.parametrize(
    "text",
    [
        "Members of the Allendale Woman's Club organised the fashion show.",  # a small town: no evidence
        "The German army captured Brest-Litovsk in 1915.",  # half of a hyphenated town's name
        "They are living in Boa Vista, the state capital.",  # the tagger's "Vista" ORG is the end of a name
    ],
)
def test_no_place_is_cut_out_of_a_name_without_evidence(nlp: Language, resolver: PlaceResolver, text: str) -> None:
    places = resolver.find(nlp(text))
    assert not [p for p in places if p.kind == "embedded"]


@pytest.mark.parametrize(
    ("text", "verb", "location"),
    [
        ("Syrian forces shelled Idlib on Tuesday.", "shelled", "Idlib"),
        ("The Pakistan Army launched an operation in Peshawar.", "launched", "Peshawar"),
        ("Russian warplanes bombed a market.", "bombed", None),
    ],
)
def test_only_a_toponym_is_an_event_location(
    nlp: Language, resolver: PlaceResolver, text: str, verb: str, location: str | None
) -> None:
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == verb)
    place = attach_location(trigger, toponyms(resolver.find(doc)))
    assert (place.text if place else None) == location
