"""Mediation phrasings of real text, second set: accords recalled with their mediator, who leads a mediation.

Real sentences name a mediator most often on an accord the sentence does not report ("fighting has
stopped under the Saudi-brokered truce"): the accord is coded as a background event (historical, so no
dev-set count of reported events changes) that keeps its mediator. A mediation's doer ("the mediation
led by the Emir of Qatar", "mediation efforts by Oman") mediates (PLOVER manual CONSULT, mode
third-party; CAMEO 045 "engage in mediation"). The sentences are ours; the knowledge is in
``events/data/wordclasses.tsv`` and the lexicon.
"""

from __future__ import annotations

import pytest

from backchannel.pipeline import Pipeline, extract
from backchannel.records import DocumentResult, Event


def _code(text: str, pipeline: Pipeline) -> DocumentResult:
    return extract(text, date="2025-06-01", pipeline=pipeline)


def _mediated(doc: DocumentResult) -> list[Event]:
    return [e for e in doc.events if e.mediator]


def _trace(doc: DocumentResult) -> list[tuple[str, str, bool, list[str | None], list[str | None]]]:
    return [
        (e.event_type, e.trigger.text, e.historical, [a.country for a in e.actor], [m.country for m in e.mediator])
        for e in doc.events
    ]


RECALLED = [
    # a hyphenated mediator on the accord
    ("Fighting has nearly stopped under the Saudi-brokered truce in Yemen.", {"SAU"}),
    ("The shelling ended a period of calm that began under a UN-brokered truce last year.", {"IGO"}),
    ("The army said it would respect the Turkish-brokered truce.", {"TUR"}),
    # a participle of mediation with its agent
    ("The region has been quiet since the ceasefire brokered by Qatar took effect in March.", {"QAT"}),
    ("Aid flows have improved under the truce mediated by the African Union.", {"IGO"}),
    (
        "Trade resumed after the grain corridor deal brokered by Turkey and the United Nations took effect.",
        {"TUR", "IGO"},
    ),
    # a preposition of mediation on the accord's own participle
    ("Both sides honoured the prisoner exchange agreement reached under the auspices of the ICRC.", {"IGO"}),
    ("Calm has held since the deal signed under the auspices of the Vatican.", {"VAT"}),
    ("The families were freed under an agreement concluded under the auspices of the ICRC.", {"IGO"}),
]


@pytest.mark.parametrize(("sentence", "countries"), RECALLED)
def test_an_accord_recalled_with_its_mediator_is_a_background_event(
    pipeline: Pipeline, sentence: str, countries: set[str]
) -> None:
    doc = _code(sentence, pipeline)
    mediated = _mediated(doc)
    assert {m.country for e in mediated for m in e.mediator} == countries, _trace(doc)
    recalled = [e for e in mediated if e.trigger.text.split()[-1] in ("truce", "ceasefire", "deal", "agreement")]
    assert recalled and all(e.historical for e in recalled), _trace(doc)


def test_the_recalled_accord_names_its_rule_and_phrasing(pipeline: Pipeline) -> None:
    doc = _code("Fighting has nearly stopped under the Saudi-brokered truce in Yemen.", pipeline)
    traces = [e.trace for e in _mediated(doc) if e.trace is not None]
    assert any(
        "mediated accord" in (t.trigger_rule or "") and "mediator:hyphen-prefix" in t.arguments for t in traces
    ), traces


def test_an_accord_already_coded_keeps_one_event(pipeline: Pipeline) -> None:
    """ "signed a truce brokered by X": the reported truce names its mediator; no second, recalled truce."""
    doc = _code("Sudan's army and the RSF signed a truce brokered by Saudi Arabia in Jeddah.", pipeline)
    assert _mediated(doc), _trace(doc)
    assert not any(e.historical for e in _mediated(doc)), _trace(doc)


LED = [
    ("Kenya praised the mediation led by the Emir of Qatar.", {"QAT"}),
    ("The ministers commended the mediation led by the President of Kenya.", {"KEN"}),
    ("The talks made progress thanks to mediation efforts by Oman.", {"OMN"}),
    ("The summit praised the mediation efforts by Norway and Switzerland to end the conflict.", {"NOR", "CHE"}),
    ("Turkey is still engaged in mediation efforts to end the war between Russia and Ukraine.", {"TUR"}),
]


@pytest.mark.parametrize(("sentence", "countries"), LED)
def test_who_leads_a_mediation_mediates(pipeline: Pipeline, sentence: str, countries: set[str]) -> None:
    doc = _code(sentence, pipeline)
    assert {m.country for e in _mediated(doc) for m in e.mediator} == countries, _trace(doc)


NOBODY = [
    # an offer or a rejection of mediation, unnamed mediators
    "Hamas rejected Egyptian mediation.",
    "Egypt offered mediation between the two sides.",
    "Several countries have initiated mediation efforts to end the war.",
    "The rebels accepted a humanitarian truce proposed by international mediators.",
    # the other senses of the words: drafting, providing, backing and sponsoring are not mediating
    "The Security Council adopted a US-drafted resolution on the war.",
    "The agency distributed UN-provided food aid in the camps.",
    "Washington welcomed the US-backed transfer of detainees to Iraq.",
    "The company ran an advertisement sponsored by the provincial government.",
    # an accord or talks with no mediator named
    "Both sides say the talks were constructive and agreed to meet again.",
    "Fighting has nearly stopped under the truce in Yemen.",
]


@pytest.mark.parametrize("sentence", NOBODY)
def test_no_named_mediator_means_no_mediator(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    assert _mediated(doc) == [], _trace(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "Israeli strikes killed four people in Gaza despite the Egyptian-brokered truce.",
        "Militias attacked a village in Darfur in breach of the ceasefire mediated by the African Union.",
    ],
)
def test_an_attack_never_takes_the_mediator_of_the_truce_it_breaks(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    attacks = [e for e in doc.events if e.event_type == "ASSAULT"]
    assert attacks and not any(e.mediator for e in attacks), _trace(doc)
    assert all(e.historical for e in _mediated(doc)), _trace(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "The announcement came after a summit hosted by Egypt.",
        "Prices fell after a meeting chaired by the Swiss president.",
        "The ministers left a conference convened by the African Union.",
    ],
)
def test_a_host_or_chair_of_a_recalled_meeting_with_no_two_sides_mediates_nothing(
    pipeline: Pipeline, sentence: str
) -> None:
    doc = _code(sentence, pipeline)
    assert _mediated(doc) == [], _trace(doc)
