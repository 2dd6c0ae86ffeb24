"""The gazetteer: alias index, ranking by prior, our own entries, acronyms and non-places."""

from __future__ import annotations

import pytest

from backchannel.geo import Gazetteer
from backchannel.geo.gazetteer import distance_km, normalize_name


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Doha", "QAT", 25.29, 51.53),
        ("Gaza", "PSE", 31.42, 34.37),
        ("Rafah", "PSE", 31.30, 34.24),
        ("Moscow", "RUS", 55.75, 37.62),
        ("Kiev", "UKR", 50.45, 30.52),
        ("Kyiv", "UKR", 50.45, 30.52),
        ("Khan Younis", "PSE", 31.34, 34.31),
        ("Khān Yūnis", "PSE", 31.34, 34.31),
        ("Al-Quds", "ISR", 31.77, 35.22),
        ("Strait of Hormuz", None, 26.57, 56.25),
        ("U.S.", "USA", 39.76, -98.5),
        ("Britain", "GBR", 54.76, -2.70),
    ],
)
def test_best_candidate_is_the_news_sense(gazetteer: Gazetteer, name: str, country: str | None, lat: float, lon: float):
    best = gazetteer.candidates(name)[0]
    assert best.country_code == country
    assert best.lat is not None and best.lon is not None
    assert distance_km(best.lat, best.lon, lat, lon) < 50


def test_candidates_span_the_name_and_rank_capital_over_namesake(gazetteer: Gazetteer):
    paris = gazetteer.candidates("Paris")
    assert [p.country_code for p in paris[:2]] == ["FRA", "USA"]
    assert all((p.start, p.end, p.text) == (0, 5, "Paris") for p in paris)
    assert paris[0].feature_code == "PPLC" and paris[0].geonameid == 2988507


def test_country_outranks_us_state_of_the_same_name(gazetteer: Gazetteer):
    assert [(p.country_code, p.feature_code) for p in gazetteer.candidates("Georgia")[:2]] == [
        ("GEO", "PCLI"),
        ("USA", "ADM1"),
    ]


def test_former_name_of_a_capital_yields_to_the_town_bearing_it(gazetteer: Gazetteer):
    assert gazetteer.candidates("Salisbury")[0].country_code == "GBR"  # not Harare


def test_acronyms_match_only_in_capitals(gazetteer: Gazetteer):
    assert gazetteer.candidates("CAR")[0].country_code == "CAF"
    assert gazetteer.candidates("Car") == []


def test_actor_names_and_demonyms_are_not_places(gazetteer: Gazetteer):
    assert gazetteer.is_nonplace("Hamas") and gazetteer.is_nonplace("the Kremlin")
    assert not gazetteer.is_nonplace("Gaza")
    assert gazetteer.demonym_country("Israeli") == "ISR"
    assert gazetteer.demonym_country("Palestinians") == "PSE"
    assert gazetteer.demonym_country("Doha") is None


def test_normalize_name():
    assert normalize_name("the Gaza Strip's") == "gaza strip"
    assert normalize_name("Khān Yūnis") == "khan yunis"
    assert normalize_name("U.S.") == "u.s."
    assert normalize_name("Washington.") == "washington"


def test_our_own_entries_have_no_geonames_id_but_us_states_do(gazetteer: Gazetteer):
    assert gazetteer.candidates("West Bank")[0].geonameid is None
    texas = gazetteer.candidates("Texas")[0]
    assert (texas.geonameid, texas.feature_code, texas.country_code) == (4736286, "ADM1", "USA")


def test_saint_and_st_are_one_name():
    gazetteer = Gazetteer.load()
    # "St. Petersburg" names the Russian city too (not only the Florida one); "St Louis" is "St. Louis"
    assert "RUS" in {m.entry.country for m in gazetteer.lookup("St. Petersburg") if m.primary}
    assert gazetteer.lookup("St Louis")[0].entry.country == "USA"
    assert gazetteer.lookup("Saint Louis")[0].entry.name == gazetteer.lookup("St. Louis")[0].entry.name
