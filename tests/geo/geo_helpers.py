"""Helpers of the place tests."""

from __future__ import annotations

from spacy.language import Language

from backchannel.geo import PlaceResolver
from backchannel.records import PlaceMention


def found(nlp: Language, resolver: PlaceResolver, text: str) -> dict[str, PlaceMention]:
    """The places ``resolver`` finds in ``text``, by their words; each span quotes its words."""
    places = resolver.find(nlp(text))
    assert all(p.text == text[p.start : p.end] for p in places)
    return {p.text: p for p in places}
