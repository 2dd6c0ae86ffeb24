"""The manual's commitment conventions, and two events in one sentence (issue 14, classes 5 and 8).

PLOVER manual: a stated future cooperative act is an AGREE (AGREE: "cooperative actions ... reported in
future tense"); a stated future or conditional conflictual act is a THREATEN whose mode is what is
threatened; ending talks without a deal, refusing a demand or ruling something out is a REJECT. The act
keeps its own future event. An arrest on charges is an arrest and an accusation; a strike that paralysed
a city happened. Sentences written for these tests.
"""

from __future__ import annotations

import pytest
from digest_helpers import asserted_types, events, one
from digest_helpers import code as _code

from backchannel.errors import ConfigError
from backchannel.events.commitments import Commitments
from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("Japan will fund the reconstruction of the port in Mariupol.", "AID"),
        ("Germany said it will send 50 tanks to Ukraine.", "AID"),
        ("The Qatari emir will travel to Cairo next week.", "CONSULT"),
        # "Egypt said it was willing to mediate between Sudan and Ethiopia": an offer to mediate is an AGREE
        # whose future talks keep no mediator (test_events_mediation_phrasings3.py)
        ("Turkey is ready to provide troops for the peacekeeping mission in Gaza.", "AID"),
    ],
)
def test_a_stated_future_cooperative_act_is_an_agree_and_keeps_its_own_future_event(
    text: str, act: str, pipeline: Pipeline
) -> None:
    doc = _code(text, pipeline)
    agree = one(doc, "AGREE")
    future = one(doc, act, status="future")
    assert agree.trace.derived_from == act
    assert "commitments.tsv" in (agree.trace.modality or "")
    # the same actor, the same words of the text
    assert {a.name for a in agree.actor} <= {a.name for a in future.actor} | {a.name for a in future.mediator}
    assert agree.trigger.start == future.trigger.start


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Moscow warned that it would expel the British envoys.", "expel"),
        ("The EU could suspend aid to Georgia unless the vote is rerun.", "relations"),
        ("Beijing said it would attack Taiwan's warships if they entered the strait.", "violence"),
    ],
)
def test_a_stated_or_conditional_conflictual_act_is_a_threat_of_its_content(
    text: str, mode: str, pipeline: Pipeline
) -> None:
    threat = one(_code(text, pipeline), "THREATEN")
    assert threat.mode == mode


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Farmers in France threatened to block motorways around Paris.", "restrict"),
        ("North Korea threatened to expel the UN inspectors.", "expel"),
        ("Pyongyang threatened to attack South Korean warships.", "violence"),
    ],
)
def test_a_threat_verb_takes_the_mode_of_what_it_threatens(text: str, mode: str, pipeline: Pipeline) -> None:
    threat = one(_code(text, pipeline), "THREATEN")
    assert threat.mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "If the opposition wins, it will fund the new hospitals.",
        "If Labour wins the election, it will send aid to Somalia.",
    ],
)
def test_a_condition_on_the_actors_own_fortune_promises_nothing(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert "AGREE" not in asserted_types(doc)
    assert any(e.status == "hypothetical" for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "Japan did not pledge to fund the reconstruction.",
        "The minister refused to rule out talks with the junta.",
        "Seoul declined to reject the proposal for a summit.",
    ],
)
def test_negation_and_a_refused_refusal_assert_nothing(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not ({"AGREE", "REJECT"} & asserted_types(doc))


@pytest.mark.parametrize(
    "text",
    [
        "The third round of talks between Armenia and Azerbaijan ended without a deal.",
        "Talks between Colombia and the ELN rebels collapsed on Friday.",
        "Negotiations between Sudan and the RSF broke down in Jeddah.",
        "The summit between Serbia and Kosovo ended in deadlock.",
    ],
)
def test_talks_that_fail_are_a_rejection_by_their_parties(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    rejections = events(doc, "REJECT")
    assert len(rejections) == 1, [(e.event_type, e.trigger.text) for e in doc.events]
    assert rejections[0].mode == "meet"
    assert len(rejections[0].actor) == 2
    assert "CONSULT" not in asserted_types(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Colombia and the ELN rebels resumed on Friday.",
        "Negotiations between Sudan and the RSF were held in Jeddah.",
    ],
)
def test_talks_that_go_on_are_no_rejection(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert "REJECT" not in asserted_types(doc)


@pytest.mark.parametrize(
    "text",
    [
        "The Nigerian government refused the kidnappers' ransom demand.",
        "The United States ruled out talks with the junta in Niger.",
        "Hamas turned down the Israeli proposal for a truce.",
    ],
)
def test_refusing_a_demand_or_ruling_out_is_a_rejection(text: str, pipeline: Pipeline) -> None:
    assert "REJECT" in asserted_types(_code(text, pipeline))


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Iranian authorities detained a French tourist on charges of spying for a foreign power.", "charges"),
        ("A court in Cairo jailed an activist on charges of spreading false news.", "charges"),
        ("Israel arrested two Palestinians on suspicion of planning an attack.", "suspicion"),
    ],
)
def test_an_arrest_on_charges_is_also_an_accusation_of_the_arrested(text: str, noun: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    arrest = one(doc, "COERCE")
    accusation = one(doc, "ACCUSE")
    assert accusation.mode == "allege"
    assert accusation.trigger.text == noun
    assert accusation.recipient == arrest.recipient
    assert accusation.actor == arrest.actor


@pytest.mark.parametrize(
    "text",
    [
        "Israel arrested two Palestinians, the army said.",
        "Police in Lagos did not detain anyone on charges of fraud.",
    ],
)
def test_no_accusation_without_charges_or_without_an_arrest(text: str, pipeline: Pipeline) -> None:
    assert "ACCUSE" not in asserted_types(_code(text, pipeline))


@pytest.mark.parametrize(
    "text",
    [
        "A general strike paralysed the port city of Mombasa, Kenya.",
        "A general strike paralysed Kenya on Monday.",
        "A nationwide strike disrupted flights across Nigeria on Monday.",
    ],
)
def test_a_strike_that_paralysed_a_place_is_a_protest(text: str, pipeline: Pipeline) -> None:
    protest = one(_code(text, pipeline), "PROTEST")
    assert protest.mode == "strike"
    assert protest.actor and protest.actor[0].name == "Protesters"


def test_a_protest_and_its_repression_in_one_sentence(pipeline: Pipeline) -> None:
    doc = _code("Police fired water cannon at students demonstrating against fee rises in Nairobi.", pipeline)
    assert {"PROTEST", "ASSAULT"} <= asserted_types(doc)
    assert one(doc, "ASSAULT").mode == "crowd-control"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Riot police fired tear gas at protesters in Dhaka.", "crowd-control"),
        ("Police fired rubber bullets at fans outside the stadium in Buenos Aires.", "crowd-control"),
        ("Soldiers fired on protesters in Khartoum, killing three.", "firearms"),
    ],
)
def test_less_lethal_weapons_are_crowd_control(text: str, mode: str, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), "ASSAULT").mode == mode


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("AID\t*\tAGREE\t-\tREJECT\n", "6 tab-separated"),
        ("AIDE\t*\tAGREE\t-\tREJECT\tassist\n", "unknown PLOVER event type"),
        ("*\t*\tAGREE\t-\tREJECT\tassist\n", "act type"),
    ],
)
def test_a_broken_commitment_table_names_its_problem(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        Commitments.from_text(text)


def test_a_row_for_a_mode_wins_over_the_types_row() -> None:
    table = Commitments.load()
    arrest, other = table.of("COERCE", "arrest"), table.of("COERCE", "seize")
    assert arrest is not None and other is not None
    assert (arrest.stated, arrest.stated_mode) == ("THREATEN", "arrest")
    assert (other.stated, other.stated_mode) == ("THREATEN", "restrict")
    assert table.of("REQUEST", None) is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Iran pledged to hand back the seized vessels to Britain.", "future"),
        ("Iran handed back the seized British tanker on Friday.", "asserted"),
        ("The militia gave back the looted ambulances to the Red Crescent.", "asserted"),
    ],
)
def test_seized_property_handed_back_is_a_return(text: str, status: str, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), "RETREAT", status=status).mode == "return"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Moscow warned that it would expel the British envoys.", "expel"),
        ("The EU warned Serbia that it would suspend talks on membership.", "relations"),
        ("Ankara warned that it will strike Kurdish positions in northern Syria.", "violence"),
    ],
)
def test_a_warning_of_the_speakers_own_act_is_the_threat(text: str, mode: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    threats = events(doc, "THREATEN")
    assert [t.mode for t in threats] == [mode]
    assert "ACCUSE" not in asserted_types(doc)


@pytest.mark.parametrize(
    "text",
    [
        "China warned that the visit would harm relations.",
        "Iran warned that Israel would attack its nuclear sites.",
    ],
)
def test_a_warning_of_what_others_will_do_threatens_nothing(text: str, pipeline: Pipeline) -> None:
    doc = _code(text, pipeline)
    assert not [e for e in events(doc, "THREATEN") if e.trigger.text == "warned"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("The United States ruled out talks with the junta in Niger.", "meet"),
        ("Iran refused to allow UN inspectors into the Fordow site.", "yield"),
        ("The prime minister rejected calls to resign.", "change"),  # codebook: "reject a request for resignation"
    ],
)
def test_a_refusal_takes_the_mode_of_what_it_refuses(text: str, mode: str | None, pipeline: Pipeline) -> None:
    assert one(_code(text, pipeline), "REJECT").mode == mode
