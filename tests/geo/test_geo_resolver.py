"""Finding and resolving places in parsed text."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest
from spacy.language import Language

from backchannel.geo import PlaceResolver
from backchannel.records import PlaceMention


def _places(
    nlp: Language,
    resolver: PlaceResolver,
    text: str,
    context_countries: Sequence[str] = (),
    keep_unresolved: bool = False,
) -> list[PlaceMention]:
    """The toponyms of ``text`` (demonyms and names inside names are tested in test_geo_place_kinds)."""
    places = resolver.find(nlp(text), context_countries, keep_unresolved=keep_unresolved)
    return [p for p in places if p.kind == "toponym"]


def _by_text(places: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {p.text: p for p in places}


def test_seed_article_places(nlp: Language, resolver: PlaceResolver, shared_dir: Path):
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    places = resolver.find(nlp(text))
    found = {(p.text, p.country_code) for p in places}
    assert {("Doha", "QAT"), ("Gaza", "PSE"), ("Rafah", "PSE"), ("Moscow", "RUS"), ("Qatar", "QAT")} <= found
    assert all(p.text == text[p.start : p.end] for p in places)
    assert all(a.end <= b.start for a, b in pairwise(places))  # sorted, no overlap
    assert not any(p.text in {"Hamas", "Fatah"} for p in places)
    # a demonym names its country, as a demonym: never as a toponym
    assert all(p.kind == "demonym" for p in places if p.text in {"Palestinian", "Israeli"})
    doha = next(p for p in places if p.text == "Doha")
    assert (doha.geonameid, doha.feature_code) == (290030, "PPLC")


def test_rafah_in_gaza_context(nlp: Language, resolver: PlaceResolver):
    places = _by_text(_places(nlp, resolver, "Israeli tanks advanced on Rafah as strikes hit Khan Younis in Gaza."))
    assert places["Rafah"].country_code == "PSE"
    assert places["Khan Younis"].country_code == "PSE"


@pytest.mark.parametrize(
    ("text", "name", "country", "feature"),
    [
        ("The summit in Paris drew leaders from Germany and Italy.", "Paris", "FRA", "PPLC"),
        ("A tornado struck Paris, Texas, and several towns near Dallas.", "Paris", "USA", "PPL"),
        ("Protesters marched in Tbilisi, the capital of Georgia, against the bill.", "Georgia", "GEO", "PCLI"),
        ("Voters in Atlanta and Savannah decide the Georgia runoff.", "Georgia", "USA", "ADM1"),
        ("Officials in Washington said the talks would resume.", "Washington", "USA", "PPLC"),
        ("Wildfires spread from Seattle to Spokane across Washington.", "Washington", "USA", "ADM1"),
    ],
)
def test_ambiguous_names_follow_the_document(
    nlp: Language, resolver: PlaceResolver, text: str, name: str, country: str, feature: str
):
    place = _by_text(_places(nlp, resolver, text))[name]
    assert (place.country_code, place.feature_code) == (country, feature)


def test_context_countries_passed_in(nlp: Language, resolver: PlaceResolver):
    text = "Shelling resumed near Rafah on Monday."
    assert _by_text(_places(nlp, resolver, text, context_countries=["EGY"]))["Rafah"].country_code == "EGY"
    assert _by_text(_places(nlp, resolver, text, context_countries=["PSE"]))["Rafah"].country_code == "PSE"


@pytest.mark.parametrize(
    "text",
    [
        "Hamas and Fatah officials met again.",
        "Israeli and Palestinian negotiators resumed their work.",
        "We roasted a turkey for dinner.",
        "Michael Jordan scored forty points.",
        "The Kremlin denied the report.",
    ],
)
def test_non_places(nlp: Language, resolver: PlaceResolver, text: str):
    assert _places(nlp, resolver, text) == []


def test_misses_of_the_small_model_are_recovered(nlp: Language, resolver: PlaceResolver):
    # the small model labels "Rafah" PERSON here; the place noun "crossing" says otherwise
    text = "The Israeli army will eventually attack the Rafah crossing."
    assert [(p.text, p.country_code) for p in _places(nlp, resolver, text)] == [("Rafah", "PSE")]


def test_keep_unresolved_returns_unknown_place_names_without_coordinates(nlp: Language, resolver: PlaceResolver):
    text = "Militants were killed in the town of Sheykler near Aleppo."
    resolved = _by_text(_places(nlp, resolver, text))
    assert "Sheykler" not in resolved and resolved["Aleppo"].country_code == "SYR"
    kept = _by_text(_places(nlp, resolver, text, keep_unresolved=True))
    assert kept["Sheykler"].lat is None and kept["Sheykler"].name is None


def test_a_place_and_its_region_in_brackets(nlp: Language, resolver: PlaceResolver) -> None:
    # ACLED-style: the small model runs "Goma (North Kivu" together as one organisation
    places = _places(nlp, resolver, "On 12 February 2024, gunmen abducted two aid workers near Goma (North Kivu).")
    assert [(p.text, p.country_code) for p in places] == [("Goma", "COD"), ("North Kivu", "COD")]
    places = _places(nlp, resolver, "Fighting was reported in Kidal (Kidal region) and in Gao on Monday.")
    assert ("Gao", "MLI") in [(p.text, p.country_code) for p in places]
    assert all("(" not in p.text for p in places)
