"""Attaching events to places in a run-on sentence: many clauses, each with its own place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from backchannel.geo import PlaceResolver, attach_location
from backchannel.records import PlaceMention

CITIES = ("Cairo", "Doha", "Amman", "Beirut", "Ankara", "Riyadh", "Tunis", "Algiers", "Rabat", "Muscat")
PAIRS = (("Hamas", "Fatah"), ("Egypt", "Qatar"), ("Jordan", "Iraq"), ("Lebanon", "Syria"))


def _run_on(clauses: int, shape: str) -> str:
    """One sentence of ``clauses`` clauses, each naming two parties and the city of their meeting."""
    parts = []
    for k in range(clauses):
        first, second = PAIRS[k % len(PAIRS)]
        parts.append(shape.format(a=first, b=second, city=CITIES[k % len(CITIES)]))
    return " and ".join(parts)


def _parsed(nlp: Language, resolver: PlaceResolver, text: str) -> tuple[Doc, list[PlaceMention]]:
    doc = nlp(text)
    return doc, resolver.find(doc, keep_unresolved=True)


@pytest.mark.parametrize(
    ("shape", "verb"),
    [
        ("{a} and {b} met in {city} and talked", "met"),
        ("{a} signed a deal with {b} in {city}", "signed"),
        ("envoys of {a} met {b} in {city}", "met"),
        ("{a} fought {b} near {city}", "fought"),
    ],
)
def test_each_clause_of_a_run_on_sentence_gets_its_own_place(
    nlp: Language, resolver: PlaceResolver, shape: str, verb: str
):
    doc, places = _parsed(nlp, resolver, _run_on(20, shape))
    assert len(list(doc.sents)) < 5  # one long sentence (or very few), with dozens of places
    attached = [attach_location(t, places) for t in doc if t.text == verb]
    cities = [p.text if p is not None else None for p in attached]
    assert len(cities) == 20
    assert cities == [CITIES[k % len(CITIES)] for k in range(20)]


def test_a_clause_reads_its_own_places_not_every_place_of_the_sentence(
    nlp: Language, resolver: PlaceResolver, python_steps: Callable[[Callable[[], object]], int]
):
    # the first clause's subtree spans the whole run-on sentence: a walk up from every place of it made the
    # cost of one event grow with the sentence
    def steps(clauses: int) -> int:
        doc, places = _parsed(nlp, resolver, _run_on(clauses, "{a} and {b} met in {city} and talked"))
        first = next(t for t in doc if t.text == "met")
        assert attach_location(first, places) is not None  # what is read once per document is read here
        return python_steps(lambda: attach_location(first, places))

    assert steps(40) / steps(10) < 1.5
