"""Attaching an event trigger to the place of its clause."""

from __future__ import annotations

import pytest
from spacy.language import Language

from backchannel.geo import PlaceResolver, attach_location


def _attach(nlp: Language, resolver: PlaceResolver, text: str, verb: str) -> str | None:
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == verb)
    place = attach_location(trigger, resolver.find(doc, keep_unresolved=True))
    return place.text if place is not None else None


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Haniyeh met the Chinese ambassador to Qatar in Doha on Thursday.", "met", "Doha"),
        ("Fatah and Hamas will hold talks in Moscow next week.", "hold", "Moscow"),
        ("Israel said its army would attack the Rafah crossing.", "attack", "Rafah"),
        ("Two soldiers were killed in the town of Sheykler near Aleppo.", "killed", "Sheykler"),
        ("A bomb exploded in Taji, just north of Baghdad, killing three people.", "exploded", "Taji"),
        ("Shelling hit a trolleybus in Donetsk on Thursday, killing 8 people.", "killing", "Donetsk"),
        ("In Vienna, some 200,000 people marched for their rights.", "marched", "Vienna"),
        ("Eritrean troops captured Badme at the start of the war.", "captured", "Badme"),
        ("The ministers discussed the situation in Gaza at their meeting in Doha.", "discussed", "Doha"),
    ],
)
def test_place_of_the_clause(nlp: Language, resolver: PlaceResolver, text: str, verb: str, expected: str):
    assert _attach(nlp, resolver, text, verb) == expected


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # the place belongs to another clause
        ("The spokesman said that two soldiers were killed in Gaza.", "said"),
        ("He was arrested, and later appeared before a judge in Madrid.", "arrested"),
        # the place is the actor, a topic, or where someone is from
        ("Eritrea captured the town after a week of fighting.", "captured"),
        ("The ministers discussed the situation in Gaza.", "discussed"),
        ("The envoy, reached by telephone from Libreville, protested.", "protested"),
        ("A U.S. airstrike killed the commander.", "killed"),
    ],
)
def test_no_place_for_the_event(nlp: Language, resolver: PlaceResolver, text: str, verb: str):
    assert _attach(nlp, resolver, text, verb) is None
