"""Small towns, districts and provinces from the big index: found only where a span stands for a place, and
kept only inside the document's country or a division named next to them."""

from __future__ import annotations

import pytest
from geo_helpers import found as _found
from spacy.language import Language

from backchannel.geo import PlaceResolver


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Two people were killed in Pandi, Bulacan, police in the Philippines said.", "Pandi", "PHL"),
        ("Residents of Waverly, Tenn., cleaned up on Sunday after the flood.", "Waverly", "USA"),
        ("Deputies found the car outside Lemoore in Kings County, California.", "Lemoore", "USA"),
    ],
)
def test_town_named_with_its_division(nlp: Language, resolver: PlaceResolver, text: str, name: str, country: str):
    places = _found(nlp, resolver, text)
    assert places[name].country_code == country


def test_town_before_a_division_lies_in_that_division(nlp: Language, resolver: PlaceResolver):
    # "Kings County" is also Brooklyn's county; next to California it is the Californian county
    places = _found(nlp, resolver, "Deputies found the car outside Lemoore in Kings County, California.")
    kings = places["Kings County"]
    assert kings.country_code == "USA" and kings.feature_code == "ADM2"
    assert kings.lat is not None and 35 < kings.lat < 37.5  # central California, not New York


def test_acled_style_village_with_its_division(nlp: Language, resolver: PlaceResolver):
    places = _found(
        nlp,
        resolver,
        "Fighting was reported in Kaga Bandoro (Nana-Grebizi) on Monday, the Central African Republic army said.",
    )
    assert places["Kaga Bandoro"].country_code == "CAF"
    assert places["Nana-Grebizi"].country_code == "CAF" and places["Nana-Grebizi"].feature_code == "ADM1"


@pytest.mark.parametrize(
    ("text", "county", "state_lat"),
    [
        ("Voters in Fulton County, Georgia, waited for hours in Atlanta.", "Fulton County", (33.0, 35.0)),
        (
            "Orange County is one of the richest jurisdictions in California, officials in Anaheim said.",
            "Orange County",
            (33.0, 34.5),
        ),
    ],
)
def test_county_resolves_to_the_county_of_the_documents_state(
    nlp: Language, resolver: PlaceResolver, text: str, county: str, state_lat: tuple[float, float]
):
    place = _found(nlp, resolver, text)[county]
    assert place.country_code == "USA" and place.feature_code == "ADM2"
    assert place.lat is not None and state_lat[0] < place.lat < state_lat[1]


def test_small_town_after_a_place_preposition_needs_the_documents_country(nlp: Language, resolver: PlaceResolver):
    inside = _found(nlp, resolver, "Rebels shelled villages near Sarmin in Idlib, Syria, on Friday.")
    assert inside["Sarmin"].country_code == "SYR"
    # with no country of its own in the document a small town is not guessed
    alone = _found(nlp, resolver, "The singer grew up near Sarmin before moving abroad.")
    assert "Sarmin" not in alone


@pytest.mark.parametrize(
    "text",
    [
        "Bill Smith said the West would respond to Hope and Grant in the coming weeks.",
        "Mark told reporters in Washington that Faith had left the room.",
        "In Summary, the North and the South agreed on Victory Day celebrations.",
    ],
)
def test_common_words_and_first_names_are_no_small_places(nlp: Language, resolver: PlaceResolver, text: str):
    places = _found(nlp, resolver, text)
    assert all(
        p.feature_code in {"PCLI", "ADM1", "PPLC", "RGN", "CONT"} or (p.name or "") == "Washington"
        for p in places.values()
    ), places


@pytest.mark.parametrize(
    ("text", "town", "province_admin1"),
    [
        ("Firefighters were called to a barn fire in Creston, British Columbia, on Saturday.", "Creston", "02"),
        ("Police closed the road between Carleton Place and Almonte, Ontario, after the crash.", "Almonte", "08"),
    ],
)
def test_small_town_inside_a_province_of_our_table(
    nlp: Language, resolver: PlaceResolver, text: str, town: str, province_admin1: str
):
    # our own province entries take the GeoNames admin1 code of the big index's division of that name
    place = _found(nlp, resolver, text)[town]
    assert place.country_code == "CAN"
    matches = [e for e in resolver.gazetteer.entries() if e.feature_code == "ADM1" and e.country == "CAN"]
    assert province_admin1 in {e.admin1 for e in matches}


def test_a_name_split_into_two_place_entities_is_read_whole(nlp: Language, resolver: PlaceResolver):
    # the small model tags "Baja" and "California" apart: the Mexican state, not a Hungarian town and a US state
    text = "Work on the sewage plant in Baja California will start in ten days, a Mexican official in Tijuana said."
    places = _found(nlp, resolver, text)
    assert places["Baja California"].country_code == "MEX"
    assert "Baja" not in places and "California" not in places
