"""Digest sentences whose present-tense verb the parser reads as a noun are re-read around that verb."""

from __future__ import annotations

import pytest
from spacy.language import Language

from backchannel.events.lexicon import Lexicon
from backchannel.nlp import Parser, load_model
from backchannel.nlp.headline import HeadlineRepair
from backchannel.pipeline import Pipeline, extract

BROKEN = "The Israeli Air Force bombs at least ten Houthi targets near the port of Hodeidah."
FINE = "Yemen's Houthi movement said the strikes would not deter it."


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def repair(nlp: Language) -> HeadlineRepair:
    return HeadlineRepair(nlp, Lexicon.load().verb_lemmas())


def test_the_parser_alone_builds_the_digest_sentence_around_a_noun(nlp: Language) -> None:
    # the reason for the repair: without it there is no verb at the root
    assert nlp(BROKEN)[:].root.pos_ in ("NOUN", "PROPN")


def test_verb_read_as_a_noun_becomes_the_root(nlp: Language, repair: HeadlineRepair) -> None:
    doc = repair(nlp(BROKEN))
    assert doc.text == BROKEN
    root = doc[:].root
    assert (root.text, root.tag_, root.pos_, root.lemma_) == ("bombs", "VBZ", "VERB", "bomb")
    subject = next(c for c in root.children if c.dep_ == "nsubj")
    assert subject.text == "Force"
    assert "Houthi" in {e.text for e in doc.ents}


def test_sound_sentences_are_left_alone(nlp: Language, repair: HeadlineRepair) -> None:
    doc = nlp(FINE)
    assert repair(doc) is doc


def test_only_the_broken_sentence_of_a_text_changes(nlp: Language, repair: HeadlineRepair) -> None:
    text = FINE + " " + BROKEN + "\nOfficials in Sanaa gave no figure."
    before = nlp(text)
    after = repair(before)
    assert after.text == text and len(after) == len(before)
    changed = {t.i for t, u in zip(before, after, strict=True) if (t.dep_, t.head.i) != (u.dep_, u.head.i)}
    broken = next(s for s in after.sents if "bombs" in s.text)
    assert changed and all(broken.start <= i < broken.end for i in changed)
    assert [s.text for s in after.sents] == [s.text for s in before.sents]


def test_parser_applies_the_repair_when_given_verbs(nlp: Language) -> None:
    plain = Parser(nlp)
    repaired = Parser(nlp, headline_verbs=Lexicon.load().verb_lemmas())
    assert plain(BROKEN)[:].root.pos_ in ("NOUN", "PROPN")
    root = repaired(BROKEN)[:].root
    assert (root.text, root.pos_) == ("bombs", "VERB")


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        ("The U.S. Treasury sanctions 12 Iranian officials linked to the drone program.", "SANCTION", "USA", "IRN"),
        (BROKEN, "ASSAULT", "ISR", "YEM"),
    ],
)
def test_digest_sentences_yield_their_event(text: str, event_type: str, actor: str, recipient: str) -> None:
    from backchannel.pipeline import default_pipeline

    pipeline: Pipeline = default_pipeline()
    doc = extract(text, date="2026-03-01", pipeline=pipeline)
    hits = [e for e in doc.events if e.event_type == event_type and e.status == "asserted"]
    assert hits, [(e.event_type, e.trigger.text) for e in doc.events]
    assert {a.country for a in hits[0].actor} == {actor}
    assert recipient in {r.country for r in hits[0].recipient}
