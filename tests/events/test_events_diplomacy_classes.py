"""Diplomatic and verbal event classes the coder missed on real news lines (issue 14), several shapes each:

- "called for X to do Y" is a REQUEST to X when Y is a codable act (the parser makes "for" the mark);
- "becomes the first country to recognize X": the infinitive's subject is the subject of the copula;
- a sanction that names what it targets ("sanctions on 14 oil tankers") is kept without a known party;
- "failed to reach an agreement" is a REJECT (PLOVER manual REJECT, mode meet);
- lexicon rows: support ended, a watch list, a diplomat ordered to leave, frozen assets released, an
  agreement confirmed, an embassy opened, a treaty left, a country listed, airspace reopened (CAMEO 162,
  166, 085, 050, 161, 086, 115, 1721, 081 by CAMEO2PLOVER).
Negatives: opinions, questions, denials, texts of bills, and the same verbs with other objects.
"""

from __future__ import annotations

import pytest

from backchannel.pipeline import Pipeline, extract
from backchannel.records import DocumentResult, Event


def _code(text: str, pipeline: Pipeline) -> DocumentResult:
    return extract(text, date="2025-05-01", pipeline=pipeline)


def _asserted(doc: DocumentResult, event_type: str) -> list[Event]:
    return [e for e in doc.events if e.event_type == event_type and e.status == "asserted"]


def _ids(refs: tuple[object, ...]) -> set[str | None]:
    return {getattr(r, "actor_id", None) or getattr(r, "country", None) for r in refs}


# ------------------------------------------------------------------ "call for X to ..."


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("The Arab League called for Israel to withdraw from the occupied territories.", "ARAB_LEAGUE", "ISR"),
        ("On Tuesday Germany called for Russia to release the detained journalists.", "DEU", "RUS"),
        ("France is calling for Iran to free the detained French nationals without delay.", "FRA", "IRN"),
        ("Turkey has called for Sweden to extradite the suspects.", "TUR", "SWE"),
    ],
)
def test_a_call_for_a_party_to_act_is_a_request_to_that_party(
    text: str, actor: str, recipient: str, pipeline: Pipeline
) -> None:
    requests = _asserted(_code(text, pipeline), "REQUEST")
    assert requests, text
    assert any(actor in _ids(e.actor) and recipient in _ids(e.recipient) for e in requests), [
        (e.actor, e.recipient) for e in requests
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Will Germany call for Russia to release the journalists?",
        "Germany did not call for Russia to release the journalists.",
        "The money was set aside for Russia to repay its debts.",
        "The minister called for people to stay calm.",
    ],
)
def test_no_request_in_questions_denials_or_a_purpose(text: str, pipeline: Pipeline) -> None:
    assert not _asserted(_code(text, pipeline), "REQUEST")


# ------------------------------------------------------------------ infinitive on a noun


@pytest.mark.parametrize(
    ("text", "event_type", "actor"),
    [
        ("Israel becomes the first country to recognize Somaliland as a sovereign state.", "SUPPORT", "ISR"),
        ("Colombia became the second country to recognise the new government in Damascus.", "SUPPORT", "COL"),
        ("Kenya was the only country to condemn the coup in Niger.", "ACCUSE", "KEN"),
        ("Uganda became the first country to expel the Sudanese ambassador.", "SANCTION", "UGA"),
    ],
)
def test_an_infinitive_on_a_predicate_or_object_noun_is_done_by_the_subject(
    text: str, event_type: str, actor: str, pipeline: Pipeline
) -> None:
    events = _asserted(_code(text, pipeline), event_type)
    assert any(actor in _ids(e.actor) for e in events), [(e.event_type, e.actor) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "The Lithuanian parliament registers a resolution to open an embassy in Brazil.",
        "The House passes legislation to impose new sanctions on Russia.",
        "Is Israel the first country to recognize Somaliland?",
    ],
)
def test_the_content_of_a_bill_or_a_question_is_no_event(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in doc.events if e.status == "asserted" and e.event_type in ("SUPPORT", "SANCTION")]


# ------------------------------------------------------------------ sanctions with a named target


@pytest.mark.parametrize(
    "text",
    [
        "The State Department issues sanctions on 14 oil tankers that carried Iranian crude.",
        "The U.S. Treasury announced sanctions against nine firms linked to the drone program.",
        "Canada announced new sanctions targeting entities involved in the shadow fleet.",
        "The European Union imposed an export ban on three shipping firms in Dubai.",
    ],
)
def test_a_sanction_that_names_its_target_is_kept(text: str, pipeline: Pipeline) -> None:
    assert _asserted(_code(text, pipeline), "SANCTION"), text


@pytest.mark.parametrize(
    "text",
    [
        "The nutrition agency suspends its free meal programme during public holidays.",
        "The ministry suspended the programme for three months.",
        "The airline suspended its loyalty scheme.",
    ],
)
def test_a_measure_with_no_target_stays_out(text: str, pipeline: Pipeline) -> None:
    assert not _asserted(_code(text, pipeline), "SANCTION")


# ------------------------------------------------------------------ failed to reach a deal


@pytest.mark.parametrize(
    "text",
    [
        "The United States and South Korea failed to reach agreement on a free-trade deal.",
        "Ukraine and the separatists have failed to reach a deal on a prisoner exchange.",
        "Serbia and Kosovo failed to agree on the terms of the normalisation plan.",
        "Armenia and Azerbaijan again failed to reach a settlement after two days of talks in Geneva.",
    ],
)
def test_failing_to_reach_an_agreement_is_a_rejection(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert _asserted(doc, "REJECT"), [(e.event_type, e.status) for e in doc.events]
    assert not _asserted(doc, "AGREE")


@pytest.mark.parametrize(
    "text",
    [
        "Rescue teams failed to reach the village after the landslide.",
        "The two sides reached an agreement on a prisoner exchange.",
        "Did Serbia and Kosovo fail to agree on the plan?",
    ],
)
def test_no_rejection_without_a_failed_agreement(text: str, pipeline: Pipeline) -> None:
    assert not _asserted(_code(text, pipeline), "REJECT")


# ------------------------------------------------------------------ lexicon rows


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Hungary has ended all support for Ukraine until oil transfers resume.", "SANCTION"),
        ("Poland ended its backing for the government of Moldova.", "SANCTION"),
        ("The United States places Brazil on the watchlist of its trafficking report.", "SANCTION"),
        ("Myanmar's junta ordered the Thai ambassador to leave the country within a week.", "SANCTION"),
        ("The government ordered two Russian diplomats to leave Moldova by Friday.", "SANCTION"),
        ("The United States begins releasing frozen Venezuelan assets.", "RETREAT"),
        ("Washington agreed to unfreeze Iranian assets held in South Korea.", "AGREE"),
        ("Australia and Turkey confirm an agreement on hosting the climate conference.", "AGREE"),
        ("Israel opened an embassy in Ljubljana on Monday.", "SUPPORT"),
        ("Lithuania opened a consulate in Brazil last year.", "SUPPORT"),
        ("The United States adds Colombia to its list of countries failing to curb drug production.", "SANCTION"),
        ("Burkina Faso left the International Criminal Court on Monday.", "SANCTION"),
        ("Algeria and Mali reopen their airspaces to each other.", "RETREAT"),
        ("Armenia withdrew its ambassador from Russia.", "SANCTION"),
        ("South Africa filed a genocide case against Israel at the International Court of Justice.", "ACCUSE"),
        ("The Taliban imposes a nationwide internet blackout in Afghanistan.", "COERCE"),
        ("Indonesia lifts its temporary suspension of TikTok's operating license.", "CONCEDE"),
        ("The EU slaps tariffs on Chinese electric vehicles.", "SANCTION"),
        ("Niger revokes its military agreement with the United States.", "SANCTION"),
        ("Mali ends the mandate of the UN peacekeeping mission.", "SANCTION"),
        ("The United States and China resume military communications.", "SUPPORT"),
        ("The Philippines protests China's use of water cannon against its vessels.", "ACCUSE"),
        ("Germany approves the delivery of Leopard tanks to Ukraine.", "SUPPORT"),
        ("Mexico recalls its ambassador to Peru for consultations.", "SANCTION"),
        ("Armenia suspends its participation in the CSTO.", "SANCTION"),
        ("The Sudanese government and southern rebels initialed a framework accord in Kenya.", "SUPPORT"),
        ("Japan extended a $1 billion loan to Indonesia.", "AID"),
        ("Russia cut off gas supplies to Ukraine.", "SANCTION"),
    ],
)
def test_diplomatic_lexicon_rows(text: str, event_type: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert _asserted(doc, event_type), [(e.event_type, e.status, e.trigger.text) for e in doc.events]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("The coach ordered the players to leave the pitch.", "SANCTION"),
        ("The museum opened a new exhibition in Ljubljana.", "SUPPORT"),
        ("The band released a new album.", "RETREAT"),
        ("The army confirmed the attack on the convoy.", "AGREE"),
        ("Did the United States place Brazil on its watchlist?", "SANCTION"),
        ("Hungary denied that it had ended its support for Ukraine.", "SANCTION"),
        ("UNESCO adds the old town of Tbilisi to its World Heritage list.", "SANCTION"),
        ("The striker left the club after ten seasons.", "SANCTION"),
        ("The storm caused a blackout across the city.", "COERCE"),
        ("The EU slaps tariffs on Chinese electric vehicles.", "ASSAULT"),
        ("Niger revokes its military agreement with the United States.", "AGREE"),
        ("The court extended the deadline to Friday.", "AID"),
    ],
)
def test_the_same_verbs_with_other_objects_or_in_questions_and_denials(
    text: str, event_type: str, pipeline: Pipeline
) -> None:
    assert not _asserted(_code(text, pipeline), event_type)
