"""Mediation phrasings of real text, third set: who leads a mediation, offers, hosts of talks, look-alikes.

A mediation's owner mediates and the sides it is between are its parties, never its mediators. An offer
to mediate or to host talks is no mediation yet (CAMEO 039 "express intent to mediate" is PLOVER AGREE):
the offer is an AGREE and the talks it offers keep no mediator. Talks of a third party's kind named only
with their place ("ahead of peace talks in Oman") are hosted by the place's country, unless someone of
that country is named; talks hosted by X after which two other sides act are mediated by X (PLOVER manual
CONSULT, mode third-party: "a meeting between two actors is hosted by a third actor"). A month's name is
no protest march. The sentences are ours; the knowledge is in ``events/data/wordclasses.tsv``.
"""

from __future__ import annotations

import pytest

from backchannel.pipeline import Pipeline, extract
from backchannel.records import DocumentResult


def _code(text: str, pipeline: Pipeline) -> DocumentResult:
    return extract(text, date="2025-06-01", pipeline=pipeline)


def _mediators(doc: DocumentResult) -> set[str | None]:
    return {m.country for e in doc.events for m in e.mediator}


def _trace(doc: DocumentResult) -> list[tuple[str, str, str, list[str | None], list[str | None], list[str | None]]]:
    return [
        (
            e.event_type,
            e.status,
            e.trigger.text,
            [a.country for a in e.actor],
            [r.country for r in e.recipient],
            [m.country for m in e.mediator],
        )
        for e in doc.events
    ]


OWNED = [
    ("Kuwait's mediation between Saudi Arabia and Qatar continued through the summer.", "KWT", {"SAU", "QAT"}),
    ("Norway's mediation between Colombia and Venezuela resumed after the elections.", "NOR", {"COL", "VEN"}),
    ("Mediation by Algeria between Mali and Niger broke down in the spring.", "DZA", {"MLI", "NER"}),
]


@pytest.mark.parametrize(("sentence", "mediator", "sides"), OWNED)
def test_the_owner_of_a_mediation_mediates_and_its_sides_do_not(
    pipeline: Pipeline, sentence: str, mediator: str, sides: set[str]
) -> None:
    doc = _code(sentence, pipeline)
    assert _mediators(doc) == {mediator}, _trace(doc)
    mediated = [e for e in doc.events if e.mediator]
    assert all({a.country for a in e.actor} <= sides for e in mediated), _trace(doc)


OFFERS = [
    ("Turkey offered to mediate between Russia and Ukraine.", "TUR"),
    ("Egypt said it is ready to host negotiations between Ethiopia and Sudan.", "EGY"),
    ("Oman is willing to mediate between Iran and the United States.", "OMN"),
    ("The Kenyan president said Kenya was prepared to host talks between Sudan's warring generals.", "KEN"),
]


@pytest.mark.parametrize(("sentence", "offerer"), OFFERS)
def test_an_offer_to_mediate_or_host_is_an_agreement_not_a_mediation(
    pipeline: Pipeline, sentence: str, offerer: str
) -> None:
    doc = _code(sentence, pipeline)
    assert not _mediators(doc), _trace(doc)
    agree = [e for e in doc.events if e.event_type == "AGREE"]
    assert any(offerer in {a.country for a in e.actor} for e in agree), _trace(doc)
    assert not any(offerer in {r.country for r in e.recipient} for e in agree), _trace(doc)
    # the offered talks keep their own future event, between the sides
    assert any(e.event_type == "CONSULT" and e.status == "future" and e.actor for e in doc.events), _trace(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt said it is ready to host negotiations.",
        "Qatar says it stands ready to host the talks.",
    ],
)
def test_an_offer_to_host_unnamed_sides_is_never_made_to_the_host_itself(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    assert not _mediators(doc), _trace(doc)
    assert not any({a.country for a in e.actor} & {r.country for r in e.recipient} for e in doc.events), _trace(doc)


def test_a_scheduled_hosting_keeps_its_mediator(pipeline: Pipeline) -> None:
    doc = _code("Egypt will host talks between Israel and Hamas next week.", pipeline)
    assert _mediators(doc) == {"EGY"}, _trace(doc)


HOSTED = [
    ("Three soldiers were killed on the border ahead of peace talks in Switzerland.", {"CHE"}),
    ("Five people died in Israeli strikes ahead of ceasefire negotiations in Cairo.", {"EGY"}),
    (
        "In a statement after talks hosted by Saudi Arabia, Sudan and South Sudan said they had agreed to reopen "
        "the border.",
        {"SAU"},
    ),
    (
        "At the end of negotiations hosted by Turkey, Russia and Ukraine said they had agreed on a prisoner exchange.",
        {"TUR"},
    ),
]


@pytest.mark.parametrize(("sentence", "hosts"), HOSTED)
def test_the_host_of_talks_between_others_mediates(pipeline: Pipeline, sentence: str, hosts: set[str]) -> None:
    doc = _code(sentence, pipeline)
    assert _mediators(doc) == hosts, _trace(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukrainian officials prepared for peace talks in Kyiv.",  # the place's own country is named
        "Peace talks resumed on Monday.",  # no place
        "After a summit hosted by Egypt, the two leaders signed a statement.",  # no two other sides
    ],
)
def test_talks_with_no_third_place_or_sides_have_no_host_mediator(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    assert not _mediators(doc), _trace(doc)


SPACED_HYPHEN = [
    ("Fighting stopped under the Qatar- brokered truce.", {"QAT"}),
    ("Calm returned after the Egypt- mediated deal.", {"EGY"}),
    ("Both sides respected the UN and Türkiye- brokered ceasefire.", {"TUR", "IGO"}),
    # the hyphen left out
    ("Fighting stopped under the Qatar mediated truce.", {"QAT"}),
    ("The two governments returned to the EU facilitated dialogue in Brussels.", {"IGO"}),
]


@pytest.mark.parametrize(("sentence", "countries"), SPACED_HYPHEN)
def test_a_mediator_prefix_with_a_space_after_its_hyphen(
    pipeline: Pipeline, sentence: str, countries: set[str]
) -> None:
    doc = _code(sentence, pipeline)
    assert _mediators(doc) == countries, _trace(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "The UN-brokered truce that began in March 2022 has held for a year.",
        "Fighting resumed in March after a long lull.",
        "The ceasefire agreed in early March 2024 collapsed within weeks.",
    ],
)
def test_a_month_is_no_protest_march(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    assert not any(e.event_type == "PROTEST" for e in doc.events), _trace(doc)


def test_a_march_is_still_a_protest(pipeline: Pipeline) -> None:
    doc = _code("Thousands of students joined a march in Belgrade on Saturday.", pipeline)
    assert any(e.event_type == "PROTEST" for e in doc.events), _trace(doc)


PROPOSED = [
    (
        "Iran and Israel answered a proposal by Oman and Qatar to resume talks between the two countries.",
        {"OMN", "QAT"},
    ),
    ("Efforts by Norway to revive negotiations between Colombia and Venezuela continued.", {"NOR"}),
    ("Sudan's army rejected a proposal by Saudi Arabia to hold talks with the RSF.", {"SAU"}),
]


@pytest.mark.parametrize(("sentence", "authors"), PROPOSED)
def test_a_third_partys_proposal_of_talks_between_others_names_its_mediator(
    pipeline: Pipeline, sentence: str, authors: set[str]
) -> None:
    doc = _code(sentence, pipeline)
    assert _mediators(doc) == authors, _trace(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "Israel's proposal to hold talks with Hamas was rejected.",  # a side's own proposal
        "The efforts by Russia and Ukraine to reach a deal failed.",  # the sides' own efforts
    ],
)
def test_a_sides_own_proposal_names_no_mediator(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    assert not _mediators(doc), _trace(doc)


OVERSEEN = [
    ("The prisoner exchange between Armenia and Azerbaijan was overseen by the ICRC.", {"IGO"}),
    ("The withdrawal was overseen by African Union monitors.", {"IGO"}),
    ("The deal was the result of dialogue and mediation overseen by the Swiss foreign ministry.", {"CHE"}),
    ("The release followed quiet diplomacy and mediation overseen by the Vatican.", {"VAT"}),
]


@pytest.mark.parametrize(("sentence", "countries"), OVERSEEN)
def test_a_third_party_overseeing_an_exchange_or_a_mediation_mediates(
    pipeline: Pipeline, sentence: str, countries: set[str]
) -> None:
    doc = _code(sentence, pipeline)
    assert _mediators(doc) == countries, _trace(doc)


def test_an_election_overseen_by_a_commission_names_no_mediator(pipeline: Pipeline) -> None:
    doc = _code("The elections were overseen by the electoral commission.", pipeline)
    assert not _mediators(doc), _trace(doc)


TITLED = [
    ("Mediators Egypt and Qatar proposed a three-day truce in Gaza.", {"EGY", "QAT"}),
    ("Norway, the mediator, proposed a new ceasefire.", {"NOR"}),
    ("Mediators Pakistan and Oman propose a two-week ceasefire to revive the talks.", {"PAK", "OMN"}),
]


@pytest.mark.parametrize(("sentence", "countries"), TITLED)
def test_who_bears_a_mediators_title_mediates_the_accord_it_proposes(
    pipeline: Pipeline, sentence: str, countries: set[str]
) -> None:
    doc = _code(sentence, pipeline)
    assert _mediators(doc) == countries, _trace(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hamas proposed a truce.",  # a side's own proposal, no title
        "Mediators said Hamas rejected the truce.",  # the mediators speak; the truce is not theirs
    ],
)
def test_an_untitled_proposer_is_no_mediator(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    assert not _mediators(doc), _trace(doc)
