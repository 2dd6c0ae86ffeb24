"""Accuracy gate for the geo stage: GeoWebNews geocoding and event-location attachment.

Floors are the scores measured when the rules were written, minus 0.01.  A floor moves down only in an
explicit, explained commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from backchannel.eval.event_location import evaluate_event_location
from backchannel.eval.places import evaluate_places
from backchannel.geo import Gazetteer, PlaceResolver

# Measured 2026-11-28 on fixed subsets that keep the gate under a minute: the first 100 GeoWebNews documents
# (the whole 200 score 0.954 / 0.975 / 0.659), and the 246 adjudicated event-location items plus every 20th
# item (the whole 9,930 score 0.725).
PLACES_DOCUMENTS = 100
PLACES_ACCURACY_161KM = 0.952 - 0.01
PLACES_COUNTRY_ACCURACY = 0.973 - 0.01
PLACES_RECALL_NOMINAL = 0.650 - 0.01
EVENT_LOCATION_ADJUDICATED = 0.829 - 0.01
EVENT_LOCATION_SAMPLE = 0.738 - 0.01
EVENT_LOCATION_SAMPLE_EVERY = 20


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer.load())


def test_geowebnews_gate(shared_dir: Path, nlp: Language, resolver: PlaceResolver):
    report = evaluate_places(shared_dir / "eval" / "geowebnews.jsonl", resolver, nlp, limit=PLACES_DOCUMENTS)
    assert report.documents == PLACES_DOCUMENTS and report.gold > 1300
    assert report.accuracy_161km >= PLACES_ACCURACY_161KM, report.format()
    assert report.country_accuracy >= PLACES_COUNTRY_ACCURACY, report.format()
    assert report.recall_nominal >= PLACES_RECALL_NOMINAL, report.format()
    # better than taking the most populous place of that name
    assert report.accuracy_161km > report.baseline_accuracy_161km + 0.05, report.format()
    assert report.country_accuracy > report.baseline_country_accuracy, report.format()


def test_event_location_gate(shared_dir: Path, nlp: Language, resolver: PlaceResolver):
    report = evaluate_event_location(
        shared_dir / "eval" / "event-location-dev.jsonl", nlp, resolver, sample_every=EVENT_LOCATION_SAMPLE_EVERY
    )
    assert report.adjudicated.items > 240
    assert report.adjudicated.accuracy >= EVENT_LOCATION_ADJUDICATED, report.format()
    assert report.all_items.accuracy >= EVENT_LOCATION_SAMPLE, report.format()
