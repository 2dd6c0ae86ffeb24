"""Streets, buildings and sites that no gazetteer lists, found by their shape and placed at a town of the
document: the one right after them, or else the one town their sentence names."""

from __future__ import annotations

import pytest
from geo_helpers import found as _found
from spacy.language import Language

from backchannel.geo import PlaceResolver
from backchannel.geo.gazetteer import distance_km


@pytest.mark.parametrize(
    ("text", "site", "feature", "town"),
    [
        (
            "Doctors at the Alder Hey Children's Hospital in Liverpool, England, kept him on life support.",
            "Alder Hey Children's Hospital",
            "HSP",
            "Liverpool",
        ),
        (
            "Patients fled Al-Shifa hospital in Gaza City on Monday, Palestinian medics said.",
            "Al-Shifa hospital",
            "HSP",
            "Gaza City",
        ),
        (
            "Fire crews in Winnipeg were called to Assiniboine Avenue after 11 p.m. on Friday.",
            "Assiniboine Avenue",
            "ST",
            "Winnipeg",
        ),
    ],
)
def test_a_site_is_placed_at_its_town(
    nlp: Language, resolver: PlaceResolver, text: str, site: str, feature: str, town: str
) -> None:
    places = _found(nlp, resolver, text)
    found, near = places[site], places[town]
    assert found.kind == "toponym" and found.feature_code == feature and found.geonameid is None
    assert found.lat is not None and found.lon is not None and near.lat is not None and near.lon is not None
    assert distance_km(found.lat, found.lon, near.lat, near.lon) < 1
    assert found.country_code == near.country_code


def test_a_border_crossing_takes_the_region_the_document_names(nlp: Language, resolver: PlaceResolver) -> None:
    text = "Aid trucks waited at the Kerem Shalom crossing on Sunday, officials in the Gaza Strip said."
    crossing = _found(nlp, resolver, text)["Kerem Shalom crossing"]
    assert crossing.country_code == "PSE" and crossing.feature_code == "PSTB"


@pytest.mark.parametrize(
    "text",
    [
        "Royal Street was the return route of the streetcar before the line closed.",  # no town to place it at
        "The parade left Royal Street. Crowds later gathered in New Orleans.",  # the town is in another sentence
        "The brick building in Leeds, England, was once a Methodist church.",  # a kind of church, not a name
        "Exporters in Istanbul, Turkey, want a bigger share of the British market.",
    ],
)
def test_no_site_without_a_name_or_a_town(nlp: Language, resolver: PlaceResolver, text: str) -> None:
    places = resolver.find(nlp(text))
    assert not [p for p in places if p.geonameid is None and p.feature_code not in (None, "PCLI", "PPL", "ADM1")]
