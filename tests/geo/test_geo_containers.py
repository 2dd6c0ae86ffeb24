"""Places named with their containers ("<town>, <division>, <country>"), divisions named "<Name> State",
and common nouns that a gazetteer also knows as towns."""

from __future__ import annotations

from geo_helpers import found as _found
from spacy.language import Language

from backchannel.geo import PlaceResolver
from backchannel.geo.gazetteer import distance_km
from backchannel.pipeline import default_pipeline, extract


def test_lowercase_common_noun_is_never_a_toponym(nlp: Language, resolver: PlaceResolver):
    # the small model tags "van" as a name and "Van" is a Turkish city: a lowercase word is no place
    places = _found(nlp, resolver, "Police stopped a van carrying weapons and arrested its driver.")
    assert places == {}
    places = _found(
        nlp,
        resolver,
        "Two people were wounded when a bomb hit a delivery van near the market in Bannu, Khyber Pakhtunkhwa, "
        "Pakistan.",
    )
    assert "van" not in places
    assert {p.country_code for p in places.values()} == {"PAK"}
    assert places["Bannu"].country_code == "PAK"


def test_event_is_not_located_in_a_lowercase_noun():
    text = "Militants fired rockets targeting an army truck and a checkpoint in Mir Ali, North Waziristan, Pakistan."
    result = extract(text, date="2026-02-10", pipeline=default_pipeline())
    assert all(p.text[:1].isupper() for p in result.places)
    located = [e.location for e in result.events if e.location is not None]
    assert located
    assert all(place.country_code == "PAK" for place in located)


def test_name_state_is_a_division_not_the_country(nlp: Language, resolver: PlaceResolver):
    text = "Bandits abducted 30 villagers from a farming settlement in Niger State, Nigeria, on Tuesday."
    places = _found(nlp, resolver, text)
    assert places["Niger State"].country_code == "NGA"
    assert places["Niger State"].feature_code == "ADM1"
    assert all(p.country_code != "NER" for p in places.values())
    # known without a container too
    places = _found(nlp, resolver, "Flooding displaced thousands of families across Niger State.")
    assert places["Niger State"].country_code == "NGA"


def test_event_in_name_state_is_in_the_named_country():
    text = "Gunmen attacked two villages in Niger State, Nigeria, killing at least 12 farmers."
    result = extract(text, date="2026-02-10", pipeline=default_pipeline())
    located = [e.location for e in result.events if e.location is not None]
    assert located
    assert {place.country_code for place in located} == {"NGA"}
    assert "Niger State" in {place.text for place in located}


def test_unknown_town_takes_the_country_of_its_container(nlp: Language, resolver: PlaceResolver):
    text = "Security forces repelled an attack on a checkpoint in Tall Hamis, Al-Hasakah Governorate, Syria."
    places = _found(nlp, resolver, text)
    assert places["Tall Hamis"].country_code == "SYR"
    assert places["Al-Hasakah Governorate"].country_code == "SYR"
    assert places["Al-Hasakah Governorate"].feature_code == "ADM1"
    # a town of the big index is placed at its own point, inside the governorate
    town, governorate = places["Tall Hamis"], places["Al-Hasakah Governorate"]
    assert town.lat is not None and town.lon is not None and governorate.lat is not None and governorate.lon is not None
    assert distance_km(town.lat, town.lon, governorate.lat, governorate.lon) < 150
    # a village no gazetteer knows is placed at its nearest named container, not at the country's centre
    text = "Security forces repelled an attack on a checkpoint in Khirbet Zulfana, Al-Hasakah Governorate, Syria."
    places = _found(nlp, resolver, text)
    assert places["Khirbet Zulfana"].country_code == "SYR"
    assert (places["Khirbet Zulfana"].lat, places["Khirbet Zulfana"].lon) == (
        places["Al-Hasakah Governorate"].lat,
        places["Al-Hasakah Governorate"].lon,
    )


def test_conjoined_towns_share_their_container(nlp: Language, resolver: PlaceResolver):
    text = "Militants stormed a police post in Mir Ali and Spinwam, North Waziristan, Pakistan."
    places = _found(nlp, resolver, text)
    assert {places[name].country_code for name in ("Mir Ali", "Spinwam", "North Waziristan")} == {"PAK"}


def test_named_container_overrides_a_same_name_town_elsewhere(nlp: Language, resolver: PlaceResolver):
    # the gazetteer's only "Chala" is in Tanzania; the sentence says Peru
    places = _found(nlp, resolver, "A bus plunged into a gorge near Chala, Arequipa, Peru, killing nine passengers.")
    assert places["Chala"].country_code == "PER"
    assert places["Arequipa"].country_code == "PER"


def test_district_and_province_words(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Fighting spread across Badakhshan province, Afghanistan, after the ambush.")
    assert places["Badakhshan province"].country_code == "AFG"
    text = "Six people died when a truck hit a bus in Lakki Marwat District on the highway to Bannu."
    places = _found(nlp, resolver, text)
    assert places["Lakki Marwat District"].country_code == "PAK"
    assert places["Lakki Marwat District"].feature_code == "ADM2"


def test_division_word_inside_a_longer_name_is_not_a_division(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Researchers at Arizona State University published the study.")
    assert "Arizona State" not in places
    places = _found(nlp, resolver, "The law was passed in a US state last year.")
    assert places["US"].country_code == "USA"


def test_long_country_name_split_by_the_tagger(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Rebels seized two villages in Ituri, Democratic Republic of the Congo.")
    assert places["Democratic Republic of the Congo"].country_code == "COD"
    assert places["Ituri"].country_code == "COD"
    assert all(p.country_code != "COG" for p in places.values())
    places = _found(nlp, resolver, "Ministers from The United States Central Command met on Monday.")
    assert "The United States" not in places


def test_a_list_of_countries_is_not_a_container(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Protests spread to Syria, Iraq and Jordan on Friday.")
    assert {p.text: p.country_code for p in places.values()} == {"Syria": "SYR", "Iraq": "IRQ", "Jordan": "JOR"}


def test_sudan_states_are_known(nlp: Language, resolver: PlaceResolver):
    places = _found(nlp, resolver, "Heavy rain flooded homes in the Blue Nile region and in White Nile State.")
    assert places["Blue Nile region"].country_code == "SDN"
    assert places["White Nile State"].country_code == "SDN"


def test_division_word_after_a_country_name_keeps_the_country(nlp: Language, resolver: PlaceResolver):
    # not the Brazilian town Montenegro: a country's name before "province" is that country
    places = _found(nlp, resolver, "Belgrade lifted the curfew in Montenegro province on Wednesday.")
    assert places["Montenegro"].country_code == "MNE"
