"""The learned PLOVER event-type classifier: artifact pinning, well-formed output, accuracy floor."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest
from spacy.language import Language

from backchannel.errors import ModelError
from backchannel.events.classifier import (
    ARTIFACT_NAME,
    ARTIFACT_SHA256,
    NONE_LABEL,
    EventTypeClassifier,
    sentence_features,
)
from backchannel.events.ontology import EVENT_TYPES

# Measured 0.363 on plover-gsr-dev (179 sentences) with the packaged artifact; floor = measured - 0.02.
DEV_ACCURACY_FLOOR = 0.343


@pytest.fixture(scope="module")
def classifier() -> EventTypeClassifier:
    return EventTypeClassifier.load()


def _packaged_artifact() -> Path:
    return Path(str(resources.files("backchannel.events") / "data" / ARTIFACT_NAME))


def test_packaged_artifact_is_small() -> None:
    assert _packaged_artifact().stat().st_size < 3_000_000


def test_tampered_artifact_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / ARTIFACT_NAME
    shutil.copyfile(_packaged_artifact(), copy)
    EventTypeClassifier.from_path(copy, ARTIFACT_SHA256)  # the untouched copy loads
    art = json.loads(copy.read_text(encoding="utf-8"))
    art["bias"][0] += 1.0
    copy.write_text(json.dumps(art, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    with pytest.raises(ModelError, match="sha256"):
        EventTypeClassifier.from_path(copy, ARTIFACT_SHA256)


def test_missing_artifact_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot be read"):
        EventTypeClassifier.from_path(tmp_path / "absent.json", ARTIFACT_SHA256)


@pytest.mark.parametrize(
    "text",
    [
        "The ministers met in Geneva on Tuesday.",
        "Officials said the talks would not resume before the election.",
        "It rained.",
        "",
    ],
)
def test_probabilities_are_well_formed(nlp: Language, classifier: EventTypeClassifier, text: str) -> None:
    doc = nlp(text)
    proba = classifier.predict_proba(doc)
    assert set(proba) == {*EVENT_TYPES, NONE_LABEL}
    assert len(proba) == 17
    assert all(0.0 <= p <= 1.0 for p in proba.values())
    assert sum(proba.values()) == pytest.approx(1.0, abs=1e-6)
    label, confidence = classifier.predict(doc)
    assert label == max(proba, key=proba.__getitem__)
    assert confidence == pytest.approx(proba[label])


def test_takes_sentence_spans(nlp: Language, classifier: EventTypeClassifier) -> None:
    doc = nlp("The talks ended on Monday. Rebels shelled the town overnight, killing four civilians.")
    first, second = list(doc.sents)
    assert classifier.predict(second)[0] == "ASSAULT"
    assert classifier.predict_proba(second) != classifier.predict_proba(first)


def test_negation_and_modality_are_features(nlp: Language) -> None:
    feats = sentence_features(nlp("The army will not withdraw its troops."))
    assert "neg:withdraw" in feats
    assert "modv:withdraw" in feats
    assert "vo:withdraw_troop" in feats


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed twelve soldiers in an attack on an army checkpoint near the border on Sunday.", "ASSAULT"),
        (
            "Thousands of demonstrators marched through the capital on Friday demanding the resignation "
            "of the prime minister.",
            "PROTEST",
        ),
        ("The European Union imposed new sanctions on Iran, freezing the assets of several officials.", "SANCTION"),
        (
            "The foreign ministers of India and Pakistan met in Islamabad on Tuesday to discuss border security.",
            "CONSULT",
        ),
        ("The opposition accused the government of rigging the election.", "ACCUSE"),
        ("North Korea threatened to launch missile strikes if the military exercises go ahead.", "THREATEN"),
        ("Police arrested dozens of opposition activists in a dawn raid on Monday.", "COERCE"),
        ("The rebels rejected the government's offer of talks.", "REJECT"),
        ("The army withdrew its troops from the disputed region.", "RETREAT"),
        ("The government deployed thousands of troops along the border.", "MOBILIZE"),
        pytest.param(
            "The United Nations delivered food and medical supplies to refugees displaced by the floods.",
            "AID",
            marks=pytest.mark.xfail(strict=True, reason="known gap: read as SUPPORT"),
        ),
        pytest.param(
            "The two countries signed an agreement to expand trade and investment.",
            "AGREE",
            marks=pytest.mark.xfail(strict=True, reason="known gap: read as SUPPORT"),
        ),
        pytest.param(
            "The president called on the international community to send humanitarian aid.",
            "REQUEST",
            marks=pytest.mark.xfail(strict=True, reason="known gap: read as NONE"),
        ),
    ],
)
def test_clear_sentences_get_their_type(
    nlp: Language, classifier: EventTypeClassifier, text: str, expected: str
) -> None:
    assert classifier.predict(nlp(text))[0] == expected


def test_dev_accuracy_floor(nlp: Language, classifier: EventTypeClassifier, shared_dir: Path) -> None:
    path = shared_dir / "eval" / "plover-gsr-dev.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = nlp.pipe(item["text"] for item in items)
    correct = sum(classifier.predict(doc)[0] == item["event_plover_v1"] for doc, item in zip(docs, items, strict=True))
    assert len(items) >= 100
    assert correct / len(items) >= DEV_ACCURACY_FLOOR
