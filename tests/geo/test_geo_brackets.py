"""ACLED's bracket convention, "<location> (<admin2>, <admin1>)" and "<location> (<admin1>)": the bracket names
the divisions the place lies in; brackets that are no places (agencies, acronyms, years, captions) are not."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from geo_helpers import found as _found
from spacy.language import Language

from backchannel.geo import PlaceResolver
from backchannel.geo.brackets import BracketReader
from backchannel.geo.gazetteer import distance_km
from backchannel.pipeline import default_pipeline, extract
from backchannel.records import PlaceMention


def _km(a: PlaceMention, b: PlaceMention) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


@pytest.mark.parametrize(
    ("text", "village", "district", "province", "country"),
    [
        # "Boni" is known only as a foreign alternate name (Bonn): never placed abroad
        (
            "JNIM militants clashed with Malian soldiers near Boni (Douentza, Mopti) on Friday.",
            "Boni",
            "Douentza",
            "Mopti",
            "MLI",
        ),
        (
            "Gang members shot two residents in Cite Soleil (Port-au-Prince, Ouest) overnight.",
            "Cite Soleil",
            "Port-au-Prince",
            "Ouest",
            "HTI",
        ),
        (
            "Unidentified gunmen killed a farmer in Tawo (Kauru, Kaduna) and stole his cattle.",
            "Tawo",
            "Kauru",
            "Kaduna",
            "NGA",
        ),
        (
            "Suspected militants attacked Boni (Douentza, Mopti) and burned a lorry carrying grain.",
            "Boni",
            "Douentza",
            "Mopti",
            "MLI",
        ),
    ],
)
def test_two_part_bracket_places_the_village_in_its_district(
    nlp: Language, resolver: PlaceResolver, text: str, village: str, district: str, province: str, country: str
):
    places = _found(nlp, resolver, text)
    assert {places[name].country_code for name in (village, district, province)} == {country}
    assert places[province].feature_code == "ADM1"  # the province, not its capital town
    assert _km(places[village], places[district]) < 50


def test_known_town_in_its_own_district(nlp: Language, resolver: PlaceResolver):
    text = "Armed bandits raided a market in Kagarko (Kagarko, Kaduna), killing three traders."
    places = resolver.find(nlp(text))
    town, district, state = places
    assert (town.text, district.text, state.text) == ("Kagarko", "Kagarko", "Kaduna")
    assert town.feature_code is not None and town.feature_code.startswith("PPL")
    assert (district.feature_code, state.feature_code) == ("ADM2", "ADM1")
    assert {p.country_code for p in places} == {"NGA"}
    places_by_text = _found(nlp, resolver, "ADF rebels killed 12 civilians in Oicha (Beni, North Kivu) at night.")
    assert places_by_text["Beni"].feature_code == "ADM2"
    assert places_by_text["North Kivu"].country_code == "COD"
    assert _km(places_by_text["Oicha"], places_by_text["Beni"]) < 50


@pytest.mark.parametrize(
    ("text", "town", "province", "country"),
    [
        ("A drone struck a fuel depot in Klintsy (Bryansk) before dawn.", "Klintsy", "Bryansk", "RUS"),
        ("Hundreds of graduates marched in Sousse (Sousse) to demand jobs.", "Sousse", "Sousse", "TUN"),
        ("Police dispersed traders in Bannu (Khyber Pakhtunkhwa) on Friday.", "Bannu", "Khyber Pakhtunkhwa", "PAK"),
        ("Fighters clashed near Zintan (Jabal al Gharbi) after midnight.", "Zintan", "Jabal al Gharbi", "LBY"),
    ],
)
def test_one_part_bracket_names_the_province(
    nlp: Language, resolver: PlaceResolver, text: str, town: str, province: str, country: str
):
    places = resolver.find(nlp(text))
    named = [p for p in places if p.text in (town, province)]
    assert [p.text for p in named] == [town, province]
    assert {p.country_code for p in named} == {country}
    assert named[0].feature_code is not None and named[0].feature_code.startswith("PPL")


def test_same_name_town_abroad_yields_to_the_bracket(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Gunmen attacked worshippers in Paris (Kaduna) on Sunday.")
    assert places["Paris"].country_code == "NGA"
    assert places["Kaduna"].feature_code == "ADM1"
    assert _km(places["Paris"], places["Kaduna"]) < 150
    # the bracket's province settles a name shared by two countries ("Punjab")
    places = _found(nlp, resolver, "Police arrested dozens of protesters in Lahore (Lahore, Punjab).")
    assert places["Punjab"].country_code == "PAK"
    assert places["Punjab"].feature_code == "ADM1"


def test_bracket_parts_are_read_as_divisions_where_the_gazetteer_has_one(nlp: Language, resolver: PlaceResolver):
    # "Mopti" and "Kidal" are towns and regions: in the bracket's last place they are the region
    places = resolver.find(nlp("Rebels shelled Kidal (Kidal) and Tessalit (Tessalit, Kidal) on Monday."))
    assert [(p.text, p.feature_code) for p in places if p.text == "Kidal"][1:] == [("Kidal", "ADM1")] * 2
    assert {p.country_code for p in places} == {"MLI"}
    text = "Militiamen attacked the village of Ogossagou (Bankass, Mopti), killing 160 herders."
    places_by_text = _found(nlp, resolver, text)
    assert places_by_text["Mopti"].feature_code == "ADM1"
    assert places_by_text["Ogossagou"].country_code == "MLI"


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("GAZA (AFP) - Israeli strikes killed 12 people overnight.", {"AFP"}),
        ("KABUL, Afghanistan (AP) — A blast hit a mosque on Friday.", {"AP"}),
        ("The United Nations (UN) sent aid convoys to Aleppo on Tuesday.", {"UN", "The United Nations"}),
        ("The minister (pictured) visited Lagos on Monday.", {"pictured"}),
        ("Talks with India (2019) collapsed over Kashmir.", {"2019"}),
        ("Former prime minister Imran Khan (PTI) addressed a rally in Peshawar.", {"PTI", "Imran Khan"}),
        ("Senator Jane Doe (Ohio) criticised the bill in Washington.", {"Jane Doe", "Senator Jane Doe"}),
        ("They said they paid that kid at Arizona (Ayton) a fortune.", {"Ayton"}),
    ],
)
def test_brackets_that_are_not_places_are_no_containers(
    nlp: Language, resolver: PlaceResolver, text: str, not_places: set[str]
):
    places = _found(nlp, resolver, text)
    assert not not_places & set(places)
    assert all(p.country_code not in ("IND", "GBR") or p.text == "India" for p in places.values())


def test_bracketed_country_acronym_stays_a_place(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Experts flew to the Democratic Republic of the Congo (DRC) to fight the outbreak.")
    assert places["DRC"].country_code == "COD"
    places = _found(nlp, resolver, "Troops entered Goma (DRC) after heavy fighting.")
    assert places["Goma"].country_code == "COD"


def test_event_in_a_bracketed_village_is_located_in_its_district():
    text = "JNIM militants ambushed a Malian army convoy near Boni (Douentza, Mopti), killing four soldiers."
    result = extract(text, date="2026-02-10", pipeline=default_pipeline())
    located = [e.location for e in result.events if e.location is not None]
    assert located
    douentza = next(p for p in result.places if p.text == "Douentza")
    assert all(p.country_code == "MLI" and _km(p, douentza) < 50 for p in located)


def test_reading_brackets_is_linear_in_their_number(
    nlp: Language, resolver: PlaceResolver, python_steps: Callable[[Callable[[], object]], int]
):
    sentence = "Gunmen killed a farmer in Tawo (Kauru, Kaduna) and a trader near Boni (Douentza, Mopti). "
    reader: BracketReader = resolver.brackets
    short, long = nlp(sentence * 2), nlp(sentence * 8)
    reader.find(short), reader.find(long)  # warm the index's look-up cache
    ratio = python_steps(lambda: reader.find(long)) / python_steps(lambda: reader.find(short))
    assert ratio < 4 * 1.5


def test_division_words_and_unknown_division_names(nlp: Language, resolver: PlaceResolver):
    # "Kauru LGA", "Kaduna State", "Mopti Region": the divisions of those names
    places = _found(nlp, resolver, "Bandits killed five villagers in Tawo (Kauru LGA, Kaduna State) on Monday.")
    assert places["Kauru LGA"].feature_code == "ADM2"
    assert places["Kaduna State"].feature_code == "ADM1"
    assert places["Tawo"].country_code == "NGA"
    places = _found(nlp, resolver, "Militants attacked a checkpoint near Boni (Douentza, Mopti Region).")
    assert places["Mopti Region"].feature_code == "ADM1"
    assert places["Boni"].country_code == "MLI"
    # a province the gazetteer cannot name is read from the district inside it
    places = _found(nlp, resolver, "Al Shabaab fighters attacked a police post in Bulo Marer (Marka, Lower Shabelle).")
    assert {places[name].country_code for name in ("Bulo Marer", "Marka", "Lower Shabelle")} == {"SOM"}
    assert _km(places["Bulo Marer"], places["Marka"]) < 50


def test_known_city_with_a_district_the_gazetteer_lacks(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Police fired tear gas at protesters in Karachi (Karachi South, Sindh).")
    assert places["Karachi"].geonameid is not None  # the city itself, not a point in the province
    assert places["Sindh"].feature_code == "ADM1"
    assert _km(places["Karachi South"], places["Karachi"]) < 50


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        # an organisation or a person with its city and state: no place is made of the name
        ("- Bay Area Community Health (Fremont, CA) received a grant.", {"Bay Area Community Health", "CA"}),
        ("Congressman Bobby Scott (VA): the nominee has a strong record.", {"Scott", "Bobby Scott"}),
        ("Maurice Dykes (Knoxville, Tennessee) is training to become a teacher.", {"Maurice Dykes", "Dykes"}),
        ("Sedelta Oosahwee (Mandan, Hidatsa, Arikara Nation) is a senior adviser.", {"Sedelta Oosahwee", "Hidatsa"}),
    ],
)
def test_a_name_with_its_home_town_is_no_bracketed_place(
    nlp: Language, resolver: PlaceResolver, text: str, not_places: set[str]
):
    places = _found(nlp, resolver, text)
    assert not not_places & set(places)


def test_place_noun_between_the_name_and_its_bracket(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "ADF rebels raided Mukondi village (Beni, North Kivu), killing nine civilians.")
    assert places["Mukondi"].country_code == "COD"
    assert _km(places["Mukondi"], places["Beni"]) < 50


def test_bracket_known_only_as_an_alternate_name_is_no_container(nlp: Language, resolver: PlaceResolver):
    text = "The allies will launch a Collaboration on Privacy Enhancing Technologies (PETs) next year."
    places = _found(nlp, resolver, text)
    assert not {"PETs", "Privacy Enhancing Technologies"} & set(places)


@pytest.mark.parametrize(
    ("text", "quarter", "city"),
    [
        ("Militias clashed in Tripoli - Souq al Jumaa (Tripoli) after midnight.", "Tripoli - Souq al Jumaa", "Tripoli"),
        ("Drones struck a building in Kyiv - Shevchenkivskyi (Kyiv City) overnight.", "Kyiv - Shevchenkivskyi", "Kyiv"),
    ],
)
def test_city_quarter_is_placed_at_its_city(nlp: Language, resolver: PlaceResolver, text: str, quarter: str, city: str):
    # ACLED's "<city> - <quarter>": a quarter the gazetteer lacks lies in the city, not at the province's centre
    places = _found(nlp, resolver, text)
    town = next(m.entry for m in resolver.gazetteer.lookup(city) if m.entry.feature_code.startswith("PPL"))
    place = places[quarter]
    assert place.lat is not None and place.lon is not None
    assert distance_km(place.lat, place.lon, town.lat, town.lon) < 10


def test_alternate_names_that_agree_on_a_country(nlp: Language, resolver: PlaceResolver):
    # "Kafr Nabl" and "Idleb" are both alternate spellings (of Kafranbel and Idlib): together they are Syria's
    for text in (
        "Clashes were reported in Kafr Nabl (Maaret An Nu'man, Idleb) on Tuesday.",
        "Regime forces shelled Kafr Nabl (Kafr Nabl, Maaret An Nu'man, Idleb) overnight.",
    ):
        places = resolver.find(nlp(text))
        assert places[0].text == "Kafr Nabl"
        assert {p.country_code for p in places} == {"SYR"}
        assert _km(places[0], places[-1]) < 50
