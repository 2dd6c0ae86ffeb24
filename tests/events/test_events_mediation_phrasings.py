"""Mediation in its phrasings (issue 14, class 7): who mediates an event, and when nobody does.

A mediator is the third party of the PLOVER manual's CONSULT (mode third-party); the project's convention
extends it to a third party who brokers, convenes, chairs, facilitates, drafts for or guarantees an accord
between others, and names a person who mediates for his state. The sentences are ours, written for
each phrasing in several shapes; each class's knowledge is in ``events/data/wordclasses.tsv``.
"""

from __future__ import annotations

import pytest

from backchannel.pipeline import Pipeline, extract
from backchannel.records import DocumentResult


def _code(text: str, pipeline: Pipeline) -> DocumentResult:
    return extract(text, date="2024-05-01", pipeline=pipeline)


def _mediator_countries(doc: DocumentResult) -> set[str | None]:
    return {m.country for e in doc.events for m in e.mediator}


def _trace(doc: DocumentResult) -> list[tuple[str, str, list[str | None], list[str | None]]]:
    return [
        (e.event_type, e.trigger.text, [a.country for a in e.actor], [m.country for m in e.mediator])
        for e in doc.events
    ]


MEDIATED = [
    # a participle of mediation on the event, with helpers
    ("Colombia and the ELN signed a deal mediated by Norway with the help of Mexico.", {"NOR", "MEX"}),
    ("Israel and Hamas accepted a truce brokered by Egypt with the help of Qatar.", {"EGY", "QAT"}),
    # a hyphenated modifier, one token or split at the hyphen
    ("The army and the rebels signed the Angola-brokered truce on Monday.", {"AGO"}),
    ("Israel and Hamas agreed to an Egyptian-brokered ceasefire.", {"EGY"}),
    ("The Qatar-mediated talks between Israel and Hamas resumed on Monday.", {"QAT"}),
    # convening, chairing, facilitating
    ("Armenian and Azerbaijani officials attended talks convened by the OSCE in Vienna.", {"IGO"}),
    ("The OSCE convened talks between Armenia and Azerbaijan in Vienna.", {"IGO"}),
    ("The Colombian government and the ELN held talks convened by the United Nations.", {"IGO"}),
    ("Talks between Russia and Ukraine convened by Turkey opened in Istanbul on Monday.", {"TUR"}),
    ("Sudan's army and the RSF resumed negotiations facilitated by Switzerland.", {"CHE"}),
    ("Serbian and Kosovar leaders attended a meeting chaired by the Swiss president.", {"CHE"}),
    ("Serbia and Kosovo held talks chaired by the Swiss president in Geneva.", {"CHE"}),
    # a mediator of the parties' own country who is no agent of its state
    ("The Colombian government and the ELN resumed talks mediated by the Colombian Catholic Church.", {"COL"}),
    # a participle set off by commas or fronted
    ("The talks between Israel and Hamas, mediated by Egypt and Qatar, resumed in Cairo.", {"EGY", "QAT"}),
    ("Mediated by Qatar, the talks between the Taliban and the United States resumed in Doha.", {"QAT"}),
    ("The negotiations between Armenia and Azerbaijan were facilitated by the European Union.", {"IGO"}),
    ("The talks between Iran and the United States are mediated by Pakistan and Qatar.", {"PAK", "QAT"}),
    ("The African Union-brokered talks between Ethiopia and the TPLF opened in Pretoria.", {"IGO"}),
    ("A US-sponsored meeting between Israeli and Lebanese officials took place in Naqoura.", {"USA"}),
    # a preposition of mediation with a noun of mediation
    (
        "Sudan's army and the RSF resumed talks in Jeddah under the aegis of Saudi Arabia and the United States.",
        {"SAU", "USA"},
    ),
    ("The talks between Kinshasa and the M23 rebels were held under Angolan sponsorship.", {"AGO"}),
    ("The talks between Russia and Ukraine took place in Istanbul with Turkish mediation.", {"TUR"}),
    ("Ethiopian and Egyptian officials met in Washington at the invitation of the US Treasury.", {"USA"}),
    ("Israel and the PLO held talks under the auspices of the Vatican.", {"VAT"}),
    ("Sudan's warring parties signed a truce in Jeddah under Saudi and American auspices.", {"SAU", "USA"}),
    (
        "Ethiopia and Eritrea signed an agreement reached through the good offices of the UN secretary-general.",
        {"IGO"},
    ),
    ("Ethiopia and the TPLF signed a peace deal in Pretoria through the mediation of the African Union.", {"IGO"}),
    ("Iran and Saudi Arabia restored ties thanks to Chinese mediation.", {"CHN"}),
    ("Israel and Hamas negotiated through Egyptian mediators and Qatari facilitators.", {"EGY", "QAT"}),
    # guarantors and mediators named by their role over the event
    ("Brazil and Chile will act as guarantors of the accord between Colombia and the FARC.", {"BRA", "CHL"}),
    ("Turkey and the UN served as guarantors of the grain deal between Russia and Ukraine.", {"TUR", "IGO"}),
    ("Norway, the mediator of the talks between Colombia and the ELN, said progress was made.", {"NOR"}),
    # mediators who draft for the parties, shuttle between them or meet them
    ("Ethiopia and Eritrea accepted a plan drafted by Kenyan mediators.", {"KEN"}),
    ("Norwegian facilitators drafted a framework accepted by the Philippine government and the NDF.", {"NOR"}),
    ("Omani and Jordanian mediators shuttled between the delegations of Iran and the United States.", {"OMN", "JOR"}),
    ("Kuwaiti and Omani mediators met the Saudi and Yemeni delegations separately in Riyadh.", {"KWT", "OMN"}),
]


@pytest.mark.parametrize(("sentence", "countries"), MEDIATED)
def test_the_phrasing_names_its_mediators(pipeline: Pipeline, sentence: str, countries: set[str]) -> None:
    doc = _code(sentence, pipeline)
    assert _mediator_countries(doc) == countries, _trace(doc)


def test_mediators_are_not_also_parties(pipeline: Pipeline) -> None:
    for sentence in (
        "The army and the rebels signed the Angola-brokered truce on Monday.",
        "Kuwaiti and Omani mediators met the Saudi and Yemeni delegations separately in Riyadh.",
    ):
        doc = _code(sentence, pipeline)
        for e in doc.events:
            mediators = {m.country for m in e.mediator}
            parties = {a.country for a in (*e.actor, *e.recipient)}
            assert not mediators & parties, _trace(doc)


def test_a_person_mediates_for_his_state_and_is_named(pipeline: Pipeline) -> None:
    doc = _code("Serbian and Kosovar leaders attended a meeting chaired by the Swiss president.", pipeline)
    mediators = [m for e in doc.events for m in e.mediator]
    assert mediators, _trace(doc)
    assert {(m.text, m.country) for m in mediators} == {("Swiss president", "CHE")}


NOT_MEDIATED = [
    # a state receiving its counterpart, or holding its own talks, mediates nothing
    "Chile's foreign minister received his Peruvian counterpart in Santiago.",
    "Peru's president received his Chilean counterpart in Lima on Tuesday.",
    "Chile said its foreign minister received his Peruvian counterpart in Santiago.",
    "India and Pakistan held bilateral talks in New Delhi, officials said.",
    "Chile hosted bilateral talks with Peru in Santiago.",
    "The Saudi king received the Pakistani prime minister in Riyadh.",
    # an inviter who is a party is no third party
    "Putin visited China at the invitation of President Xi Jinping.",
    # the chair of one side's own meeting is no third party, nor the convener of a meeting of one side
    "US officials attended a meeting convened by the National Academies of Sciences.",
    "Treasury and Commerce officials attended a roundtable convened by the Brookings Institution.",
    "Ministers of the European Union attended a session chaired by Hungary's foreign minister.",
    "The Egyptian cabinet held a meeting chaired by President Abdel Fattah el-Sisi in Cairo.",
    "French and German ministers met in a session chaired by the French prime minister.",
    # unnamed mediators lend their role to nobody met beside them
    "Hamas meets with mediators and Palestinian factions in Cairo to discuss the ceasefire.",
    # the text says nobody mediated, even where the place of talks would imply a host
    "Serbia and Kosovo held talks with no third party present.",
    "Serbia and Kosovo held peace talks in Brussels with no third party present.",
    "Israel and Hamas held ceasefire negotiations in Doha without a third party.",
    "Israeli and Palestinian negotiators held direct talks in Jerusalem without mediators.",
]


@pytest.mark.parametrize("sentence", NOT_MEDIATED)
def test_no_third_party_means_no_mediator(pipeline: Pipeline, sentence: str) -> None:
    doc = _code(sentence, pipeline)
    assert _mediator_countries(doc) == set(), _trace(doc)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        (
            "Israeli air strikes killed five people in Gaza despite an ongoing United States-brokered truce"
            " with Hamas.",
            "USA",
        ),
        ("Rebels shelled army positions near Goma in violation of the Angola-mediated ceasefire.", "AGO"),
    ],
)
def test_an_attack_has_no_mediator_though_the_truce_it_breaks_has_one(
    pipeline: Pipeline, sentence: str, country: str
) -> None:
    doc = _code(sentence, pipeline)
    attacks = [e for e in doc.events if e.event_type == "ASSAULT"]
    assert attacks and not any(e.mediator for e in attacks), _trace(doc)
    # the truce is recalled, not reported: a background event that keeps its mediator
    truces = [e for e in doc.events if e.mediator]
    assert truces and all(e.historical for e in truces), _trace(doc)
    assert {m.country for e in truces for m in e.mediator} == {country}, _trace(doc)


@pytest.mark.parametrize(
    ("sentence", "place", "country"),
    [
        ("Israeli and Hamas negotiators resumed indirect ceasefire negotiations in Doha on Sunday.", "Doha", "QAT"),
        ("Israeli and Hamas negotiators resumed indirect talks in Doha on Sunday.", "Doha", "QAT"),
        ("Armenian and Azerbaijani diplomats held peace talks in Washington, officials said.", "Washington", "USA"),
    ],
)
def test_a_host_read_from_the_place_quotes_the_place(
    pipeline: Pipeline, sentence: str, place: str, country: str
) -> None:
    doc = _code(sentence, pipeline)
    hosts = [m for e in doc.events for m in e.mediator if m.country == country]
    assert hosts, _trace(doc)
    for m in hosts:
        assert m.start is not None and m.end is not None
        assert (m.text, sentence[m.start : m.end]) == (place, place)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Israel and the PLO held talks under the auspices of the Vatican.", "mediator:mediation-preposition"),
        ("Sudan's army and the RSF resumed negotiations facilitated by Switzerland.", "mediator:mediation-participle"),
        ("Israel and Hamas agreed to an Egyptian-brokered ceasefire.", "mediator:hyphen-prefix"),
        (
            "Brazil and Chile will act as guarantors of the accord between Colombia and the FARC.",
            "mediator:role-holder",
        ),
    ],
)
def test_the_trace_names_the_phrasing(pipeline: Pipeline, sentence: str, rule: str) -> None:
    doc = _code(sentence, pipeline)
    traces = [e.trace.arguments for e in doc.events if e.mediator and e.trace is not None]
    assert any(rule in arguments for arguments in traces), traces


@pytest.mark.parametrize(
    "sentence",
    [
        "Israeli and Hamas negotiators resumed indirect ceasefire negotiations in Doha, mediated by Qatar and Egypt.",
        "The talks between Armenia and Azerbaijan, facilitated by the European Union, ended on Friday.",
        "Sudan's army and the RSF signed a truce brokered by Saudi Arabia in Jeddah.",
    ],
)
def test_a_mediation_participle_on_an_event_adds_its_mediator_and_no_event_of_its_own(
    pipeline: Pipeline, sentence: str
) -> None:
    """PLOVER manual, CONSULT mode third-party: "mediated by X" on talks or a deal names the third party of
    that event; it is not a second CONSULT whose actors are the parties."""
    doc = extract(sentence, date="2024-05-01", pipeline=pipeline)
    participles = [e for e in doc.events if e.trigger.text in ("mediated", "facilitated", "brokered")]
    assert participles == [], [(e.event_type, e.trigger.text) for e in participles]
    assert any(e.mediator for e in doc.events), [(e.event_type, e.trigger.text) for e in doc.events]
