"""Verbs only the generated CAMEO backoff lexicon (events/data/triggers_cameo.tsv) codes."""

from __future__ import annotations

import pytest

from backchannel.events.lexicon import Lexicon
from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline

CASES = [
    ("Egyptian police patrolled the streets of Cairo on Friday.", "MOBILIZE", "Egyptian police"),
    ("Indian troops patrolled the border with Pakistan overnight.", "MOBILIZE", "Indian troops"),
    ("Militiamen ransacked the offices of the Kenyan electoral commission in Nairobi.", "ASSAULT", "Militiamen"),
    ("Rebels ransacked a hospital in the Congolese town of Beni.", "ASSAULT", "Rebels"),
    ("Ugandan police whipped opposition supporters in Kampala.", "ASSAULT", "Ugandan police"),
    ("Zimbabwean soldiers bludgeoned a street vendor in Harare.", "ASSAULT", "Zimbabwean soldiers"),
    ("Saudi authorities flogged a blogger in Jeddah.", "ASSAULT", "Saudi authorities"),
]


@pytest.mark.parametrize(("text", "event_type", "actor"), CASES)
def test_a_backoff_verb_codes_an_event(pipeline: Pipeline, text: str, event_type: str, actor: str) -> None:
    verb = next(w for w in ("patrol", "ransack", "whip", "bludgeon", "flog") if w in text.lower())
    assert verb in pipeline.coder.lexicon.verbs
    doc = pipeline.extract_article(read_text(text, doc_id="t", date="2024-05-01"))
    found = [e for e in doc.events if e.event_type == event_type and e.status == "asserted"]
    assert found, f"no asserted {event_type} in {text!r}: {[e.event_type for e in doc.events]}"
    assert any(actor in [a.text for a in e.actor] for e in found)


def test_the_hand_written_lexicon_lacks_these_verbs() -> None:
    from importlib import resources

    text = resources.files("backchannel.events").joinpath("data/triggers.tsv").read_text(encoding="utf-8")
    hand = Lexicon.from_text(text)
    assert not {"patrol", "ransack", "whip", "bludgeon", "flog"} & set(hand.verbs)
    assert {"patrol", "ransack", "whip", "bludgeon", "flog"} <= set(Lexicon.load().verbs)
