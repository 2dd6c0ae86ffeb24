"""The learned fallback (issue 14): off by default; when on, an event of the classifier's type only in a
sentence where the lexicon finds no trigger, never asserted from a negated or hypothetical clause."""

from __future__ import annotations

import pytest
from spacy.language import Language

from backchannel.events.fallback import CONFIDENCE_PENALTY, FALLBACK_RULE
from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline, Settings
from backchannel.records import Event

THRESHOLD = 0.75  # a test setting: the default is off (None)

# Verdicts told with "found ... guilty": no lexicon trigger, the classifier is sure of a type.
VERDICTS = [
    "The court found the former mayor guilty of embezzlement.",
    "A Nairobi magistrate found two police officers guilty of assault on Thursday.",
    "Judges in The Hague found the militia leader guilty of recruiting child soldiers.",
]

NO_EVENT = [
    "The weather in Lagos was pleasant on Sunday.",
    "The report is 300 pages long and has twelve chapters.",
    "Rainfall this year was the lowest since records began.",
    "The prime minister spent the weekend at his country residence.",
    "The new bridge is four kilometres long and cost $300 million.",
]

NOT_ASSERTED = [
    "The court did not find the former mayor guilty of embezzlement.",
    "The tribunal may find the former army chief guilty of war crimes.",
    "If the court finds the former mayor guilty, he will lose his seat.",
]

RULE_CODED = [
    "The army shelled rebel positions near the border overnight.",
    "Norway provided Sudan with emergency medical supplies worth $5 million.",
    "The Kenyan government expelled two British journalists on Tuesday.",
]


@pytest.fixture(scope="module")
def rules(nlp: Language) -> Pipeline:
    return Pipeline(nlp=nlp)


@pytest.fixture(scope="module")
def fallback(nlp: Language) -> Pipeline:
    return Pipeline(Settings(fallback_threshold=THRESHOLD), nlp=nlp)


def _events(pipeline: Pipeline, text: str) -> tuple[Event, ...]:
    return pipeline.extract_article(read_text(text, doc_id="fallback-test")).events


def _from_fallback(event: Event) -> bool:
    return event.trace is not None and event.trace.trigger_rule.startswith(FALLBACK_RULE)


def test_off_by_default(rules: Pipeline) -> None:
    assert Settings().fallback_threshold is None
    assert rules.coder.fallback is None
    for text in VERDICTS:
        assert not any(_from_fallback(e) for e in _events(rules, text))


@pytest.mark.parametrize("text", VERDICTS)
def test_codes_the_classifier_type_where_the_rules_see_no_trigger(fallback: Pipeline, text: str) -> None:
    assert fallback.coder.fallback is not None
    label, p = fallback.coder.fallback.top_event_type(fallback.parser.nlp(text))
    events = [e for e in _events(fallback, text) if e.status == "asserted"]
    assert events, text
    assert all(_from_fallback(e) for e in events)
    assert {e.event_type for e in events} == {label}
    assert p >= THRESHOLD
    assert all(e.actor for e in events)  # the argument filler named who acted
    assert all(e.confidence <= 0.95 - CONFIDENCE_PENALTY for e in events)
    assert all(e.trace is not None and f"p={p:.3f}" in e.trace.trigger_rule for e in events)


@pytest.mark.parametrize("text", NO_EVENT)
def test_silent_on_sentences_without_an_event(fallback: Pipeline, text: str) -> None:
    assert _events(fallback, text) == ()


@pytest.mark.parametrize("text", NOT_ASSERTED)
def test_never_asserts_a_negated_or_hypothetical_clause(fallback: Pipeline, text: str) -> None:
    assert not [e for e in _events(fallback, text) if e.status == "asserted"]


@pytest.mark.parametrize("text", RULE_CODED)
def test_leaves_what_the_rules_code_alone(rules: Pipeline, fallback: Pipeline, text: str) -> None:
    with_fallback = _events(fallback, text)
    assert with_fallback
    assert not any(_from_fallback(e) for e in with_fallback)
    assert [e.id for e in with_fallback] == [e.id for e in _events(rules, text)]


def test_threshold_gates(nlp: Language) -> None:
    strict = Pipeline(Settings(fallback_threshold=1.01, tune_collector=False), nlp=nlp)
    for text in VERDICTS:
        assert not any(_from_fallback(e) for e in _events(strict, text))
