"""Conventions of the PLOVER manual expressed as lexicon rows only (triggers.tsv, issue 14 section)."""

from __future__ import annotations

import pytest

from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline

CASES = [
    # REJECT: "all rejections and refusals" -- ruling something out, talks ending without a deal
    ("The Egyptian government ruled out talks with the Muslim Brotherhood.", "REJECT", "Egyptian government"),
    ("Israel ruled out a ceasefire with Hamas on Sunday.", "REJECT", "Israel"),
    ("Ethiopia and Egypt ended their talks without an agreement on the dam.", "REJECT", "Ethiopia"),
    ("Serbia and Kosovo ended the Brussels round without a deal.", "REJECT", "Serbia"),
    # PROTEST mode strike: workers abandoning work
    ("Teachers in Kenya went on strike on Monday over pay.", "PROTEST", "Teachers in Kenya"),
    ("Nigerian unions called a general strike over fuel prices.", "PROTEST", "Nigerian unions"),
    ("French rail workers began a nationwide strike against the pension reform.", "PROTEST", "French rail workers"),
    # AID: money given, provision "with", training another's forces, peacekeeping
    ("Norway gave 40 million dollars to Sudan for the refugee camps.", "AID", "Norway"),
    ("South Korea provided $200 million to Ukraine last year.", "AID", "South Korea"),
    ("Turkey has provided Somalia with armored vehicles and ammunition.", "AID", "Turkey"),
    ("British instructors trained Ukrainian soldiers in Salisbury.", "AID", "British"),
    ("Bangladeshi troops joined the peacekeeping mission in Mali.", "AID", "Bangladeshi troops"),
    # RETREAT: property handed back, economic sanctions and tariffs eased
    ("France returned 26 looted artworks to Benin in November.", "RETREAT", "France"),
    ("Italy returned stolen antiquities to Greece on Thursday.", "RETREAT", "Italy"),
    ("The European Union removed sanctions on Belarusian potash exports.", "RETREAT", "European Union"),
    ("Washington cut tariffs on Mexican steel on Monday.", "RETREAT", "Washington"),
    ("Canada eased sanctions against Venezuela after the vote.", "RETREAT", "Canada"),
    ("Arab oil producers lifted their boycott of Danish goods.", "RETREAT", "Arab"),
    ("Saudi Arabia lifted its boycott of Qatari goods.", "RETREAT", "Saudi Arabia"),
    # sharing evidence is sharing information; opening borders to people gives them refuge
    ("Swiss prosecutors shared evidence with their Brazilian counterparts.", "COOPERATE", "Swiss prosecutors"),
    ("Moldova opened its borders to refugees from Ukraine.", "AID", "Moldova"),
    # human shields, arson, stones (a violent protest) and grenades (an attack) thrown
    ("Hamas fighters used civilians as human shields in Gaza.", "ASSAULT", "Hamas fighters"),
    ("ISIS militants used residents of Mosul as human shields.", "ASSAULT", "ISIS militants"),
    ("Angry villagers set fire to the home of a Kenyan MP.", "ASSAULT", "villagers"),
    ("Protesters threw stones at Indian police in Srinagar.", "PROTEST", "Protesters"),
    ("Palestinian youths threw rocks and firebombs at Israeli troops.", "PROTEST", "Palestinian youths"),
    ("Taliban gunmen threw a grenade into a crowded market in Kabul.", "ASSAULT", "Taliban gunmen"),
]


@pytest.mark.parametrize(("text", "event_type", "actor"), CASES)
def test_a_convention_row_codes_the_event(pipeline: Pipeline, text: str, event_type: str, actor: str) -> None:
    doc = pipeline.extract_article(read_text(text, doc_id="t", date="2024-05-01"))
    found = [e for e in doc.events if e.event_type == event_type and e.status == "asserted"]
    assert found, f"no asserted {event_type} in {text!r}: {[e.event_type for e in doc.events]}"
    assert any(actor in [a.text for a in e.actor] for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "Israeli jets carried out air strikes on Gaza.",
        "A Russian drone strike hit a power plant near Kharkiv.",
    ],
)
def test_an_air_strike_stays_an_attack(pipeline: Pipeline, text: str) -> None:
    doc = pipeline.extract_article(read_text(text, doc_id="t", date="2024-05-01"))
    types = {e.event_type for e in doc.events if e.status == "asserted"}
    assert "ASSAULT" in types and "PROTEST" not in types
