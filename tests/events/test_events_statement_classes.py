"""Statements that report no act get no asserted event (issue 14: raise recall without raising the
statement rate); a real act told in a sentence of a similar shape is still coded.

Classes: declining comment and denying an accusation (CAMEO 011 and 016, public statements PLOVER drops),
condolences (CAMEO 018, an empathetic comment, not PLOVER SUPPORT), the content of an accusation, claim or
concern (alleged, not asserted), an act warned against, and acquisitions agreed between firms.  Sentences
written for these tests.
"""

from __future__ import annotations

import pytest
from digest_helpers import asserted_types as _types
from digest_helpers import code as _code

from backchannel.pipeline import Pipeline


def _coded(text: str, pipeline: Pipeline) -> list[tuple[str, str, str]]:
    return [(e.event_type, e.status, e.trigger.text) for e in _code(text, pipeline).events]


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman for the Kenyan interior ministry declined to comment on the report.",
        "The Pentagon declined comment when asked about the troop numbers.",
        "Officials in Ankara refused to elaborate on the talks with the Syrian opposition.",
        "Asked about the arrests, a police spokeswoman in Lagos declined to speculate on a motive.",
    ],
)
def test_declining_comment_is_no_rejection(text: str, pipeline: Pipeline) -> None:
    assert "REJECT" not in _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "Iran declined to attend the talks in Vienna.",
        "The Serbian government refused to extradite the former commander to Croatia.",
        "Hamas rejected the Egyptian proposal for a long-term truce.",
    ],
)
def test_refusing_an_act_is_still_a_rejection(text: str, pipeline: Pipeline) -> None:
    assert "REJECT" in _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor of Durban has denied charges of fraud and money laundering.",
        "Myanmar's military government rejected accusations of ethnic cleansing in Rakhine State.",
        "The Zambian finance minister dismissed the allegations as politically motivated.",
        "Moscow on Tuesday denied the charge that its diplomats had spied on the Estonian government.",
        "The Egyptian government denied that its forces had attacked the convoy near Rafah.",
        "The governor of Lagos state denied any involvement in the killing of the journalist.",
    ],
)
def test_denying_an_accusation_is_no_rejection(text: str, pipeline: Pipeline) -> None:
    assert "REJECT" not in _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "Israel denied visas to a delegation of European lawmakers.",
        "The opposition rejected the government's offer of a unity cabinet.",
        "The Ethiopian government rejected the suggestion that the talks be moved to Nairobi.",
    ],
)
def test_denying_entry_or_rejecting_an_offer_is_still_a_rejection(text: str, pipeline: Pipeline) -> None:
    assert "REJECT" in _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister of Portugal expressed condolences to the families of the victims of the flood.",
        "Indonesia's foreign minister expressed her deepest sympathy to the people of Turkey after the quake.",
        "The Chilean government expressed its condolences to Peru over the death of the former president.",
        "The Vietnamese prime minister offered his condolences to the families of the victims.",
    ],
)
def test_condolences_are_no_support(text: str, pipeline: Pipeline) -> None:
    assert not {"SUPPORT", "AGREE"} & _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "The Lithuanian president expressed support for Ukraine's bid to join the European Union.",
        "Egypt expressed solidarity with Sudan in its dispute over the dam.",
        "Turkey offered to host talks between Russia and Ukraine in Istanbul.",
    ],
)
def test_support_and_offers_are_still_coded(text: str, pipeline: Pipeline) -> None:
    assert {"SUPPORT", "AGREE"} & _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    ("text", "alleged"),
    [
        ("The senator denied charges that he took bribes from a construction firm.", "took"),
        ("The ministry rejected accusations that its soldiers shelled a market in Kharkiv.", "shelled"),
        ("Gabon suspended access to TikTok, citing concerns that it undermines national security.", "undermines"),
        ("Police opened an investigation into claims that two guards beat prisoners in the jail.", "beat"),
    ],
)
def test_content_of_an_accusation_is_not_asserted(text: str, alleged: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    asserted = [e for e in doc.events if e.status == "asserted" and e.trigger.text == alleged]
    assert not asserted, _coded(text, pipeline)


def test_accusation_itself_and_an_act_beside_it_are_kept(pipeline: Pipeline) -> None:
    doc = _code("Police opened an investigation into claims that two guards beat prisoners in the jail.", pipeline)
    assert "ACCUSE" in _types(doc)
    doc = _code("Troops shelled a market in Kharkiv after the ministry rejected accusations of abuse.", pipeline)
    assert "ASSAULT" in _types(doc), _coded("Troops shelled a market", pipeline)


def test_filed_charges_are_still_an_accusation(pipeline: Pipeline) -> None:
    doc = _code("Prosecutors in Seoul charged the former defence minister with insurrection.", pipeline)
    assert "ACCUSE" in _types(doc)


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The United States warned Iran against attacking shipping in the Gulf.", "attacking"),
        ("Jordan cautioned the militias against shelling the border crossing.", "shelling"),
    ],
)
def test_act_warned_against_is_not_asserted(text: str, act: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in doc.events if e.status == "asserted" and e.trigger.text == act], _coded(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft agrees to acquire the game maker Activision Blizzard for $69 billion.",
        "American video game company Electronic Arts agrees to be acquired by a group of private investors.",
        "Meta agrees to purchase millions of chips from AMD over five years.",
    ],
)
def test_company_acquisitions_are_no_agreement(text: str, pipeline: Pipeline) -> None:
    assert "AGREE" not in _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    "text",
    [
        "India agreed to buy 26 Rafale jets from France.",
        "The Pakistani government agreed to purchase wheat from Russia.",
    ],
)
def test_purchases_agreed_by_states_are_still_agreements(text: str, pipeline: Pipeline) -> None:
    assert "AGREE" in _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    ("text", "not_coded"),
    [
        ("The Nepalese election commission releases the official results of the recent election.", "RETREAT"),
        ("The court struck down a law banning protests near parliament.", "ASSAULT"),
        ("A federal judge struck down the president's tariffs on Chinese goods.", "ASSAULT"),
        ("OpenAI deploys its technology on the Pentagon's network.", "MOBILIZE"),
    ],
)
def test_texts_laws_and_technology_are_no_people_or_targets(text: str, not_coded: str, pipeline: Pipeline) -> None:
    assert not_coded not in _types(_code(text, pipeline)), _coded(text, pipeline)


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("Iran released a senior official of the opposition party.", "RETREAT"),
        ("Ukrainian air defences struck down a Russian drone over Kyiv.", "ASSAULT"),
        ("Russia deployed S-400 air defence systems in Crimea.", "MOBILIZE"),
    ],
)
def test_people_freed_and_weapons_are_still_coded(text: str, coded: str, pipeline: Pipeline) -> None:
    assert coded in _types(_code(text, pipeline)), _coded(text, pipeline)
