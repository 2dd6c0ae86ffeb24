"""scripts/build_cameo_lexicon.py on small dictionaries written for the test (not PETRARCH2's file)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from backchannel.events.lexicon import Lexicon

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_cameo_lexicon.py"

PLOVER = """\
# CAMEO to PLOVER conversion table (a few rows)
03: AGREE
030: AGREE,  , diplomatic # Express intent to cooperate
07: AID
070: AID,   ,  # Provide aid
073: AID,   ,   humanitarian # Provide humanitarian aid
14: PROTEST
144: PROTEST, obstruct,    # Obstruct passage, block
15: MOBILIZE
150: MOBILIZE, ,  # Demonstrate military or police power
154: MOBILIZE, troops, military # Mobilize or increase armed forces
18: ASSAULT
180: ASSAULT, ,    # Use unconventional violence
182: ASSAULT, beat,        # Physically assault
19: ASSAULT
190: ASSAULT, , military # Use conventional military force
"""

CAMEO = """\
# header comment
####### SYNONYM SETS #######

&FOOD
+FOOD
+GRAIN
+RICE_

&MILITARY
+TROOPS
+SOLDIERS

####### VERB PATTERNS #######

---  SPEED   [---]  ---
HURRY {HURRIES HURRYING HURRIED }
RUSH
- * AID                                               [070]         # RUSH
- * &FOOD                                             [073]         # RUSH
- * (TO BORDER)                                       [154]         # RUSH
- * (TO)                                              [042:043]     # RUSH
- * {ARMS SHIPMENT}                                   [072]         # RUSH
- * POLICE (TO BORDER)                                [153]         # RUSH
- &MILITARY *                                         [154]         # RUSH

---  PUT   [---]  ---
PUT {PUTS PUTTING }
- * UP BARRICADE                                      [144]         # PUT

---  PATROL   [150]  ---
PATROL
SWEEP
- * STREETS [150]

---  WALLOP   [180]  ---
WALLOP
THUMP [182]
TAKE
- * HIMSELF                                           [---]         # WALLOP
- * DRUM                                              [---]         # THUMP
- * WORKS                                             [030]         # WALLOP

---  TRANSFORMERS   [---]  ---
######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_cameo_lexicon", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_cameo_lexicon"] = module
    spec.loader.exec_module(module)
    return module


def _rows(script: ModuleType, reserved: frozenset[str] = frozenset()) -> dict[tuple[str, str], str]:
    rows = script.convert(CAMEO, PLOVER, reserved)
    return {(r.phrase, r.options): f"{r.event_type} {r.mode}".strip() for r in rows}


def test_codes_map_through_plover_with_their_parent_as_fallback(script: ModuleType) -> None:
    table = script.parse_plover_table(PLOVER)
    assert script.plover_of("154", table) == ("MOBILIZE", "troops")
    assert script.plover_of("1541", table) == ("MOBILIZE", "troops")  # nearest listed parent
    assert script.plover_of("1821", table) == ("ASSAULT", "beat")
    assert script.plover_of("010", table) is None  # statements: no PLOVER type
    assert script.plover_of("030", table) is None  # excluded family: intent to cooperate


def test_object_particle_and_preposition_patterns_become_constraints(script: ModuleType) -> None:
    rows = _rows(script)
    # one word and a synonym set, two codes of one PLOVER type: one row
    assert rows[("rush", "obj=aid|food|grain|rice")] == "AID"
    assert not any(p.startswith("hurry") for p, _ in rows)  # a pattern holds for the verb it was written for
    assert rows[("sweep", "obj=street|streets")] == "MOBILIZE"  # one without a verb holds for the whole block
    assert rows[("rush to", "obj=border")] == "MOBILIZE troops"
    assert rows[("put up", "obj=barricade")] == "PROTEST obstruct"
    assert rows[("rush", "subj=soldier|soldiers|troop|troops")] == "MOBILIZE troops"  # and singular subjects


def test_ambiguous_and_generic_patterns_are_left_out(script: ModuleType) -> None:
    rows = _rows(script)
    assert not any("police" in o or "shipment" in o for p, o in rows if p.startswith("rush"))
    assert not any(p == "take" for p, _ in rows)  # no code of its own, its block's patterns excluded or no event
    assert ("rush", "") not in rows  # no bare reading: the block has no code
    assert ("rush to", "") not in rows  # a bare preposition: too many readings
    assert ("sweep", "") not in rows  # a synonym without a code of its own: only in its patterns
    assert not any("works" in o for _, o in rows)  # an excluded family


def test_bare_verbs_keep_their_code_and_no_event_objects(script: ModuleType) -> None:
    rows = _rows(script)
    assert rows[("patrol", "")] == "MOBILIZE"
    assert rows[("patrol", "obj=street|streets")] == "MOBILIZE"  # plural and singular objects
    assert rows[("wallop", "notobj=drum|himself")] == "ASSAULT"
    assert rows[("thump", "notobj=drum|himself")] == "ASSAULT beat"  # its own code wins over the block's


def test_reserved_verbs_are_left_out(script: ModuleType) -> None:
    rows = _rows(script, frozenset({"rush", "patrol"}))
    assert not any(p.split()[0] in {"rush", "patrol"} for p, _ in rows)
    assert ("sweep", "obj=street|streets") in rows


def test_the_output_loads_as_a_lexicon_and_is_deterministic(script: ModuleType) -> None:
    text = script.render(script.convert(CAMEO, PLOVER))
    assert text == script.render(script.convert(CAMEO, PLOVER))
    assert "MIT" in text and "CC BY-SA 4.0" in text
    lexicon = Lexicon.from_text(text, origin="test")
    entry = next(e for e in lexicon.verbs["put up"])
    assert (entry.event_type, entry.mode, entry.objects) == ("PROTEST", "obstruct", frozenset({"barricade"}))


def test_the_hand_written_lexicon_wins_on_what_it_has() -> None:
    hand = Lexicon.from_text("verb\tgive\tAID\t\tobj=aid|food\nverb\trush\tASSAULT\t\t\n")
    backoff = Lexicon.from_text(
        "verb\tgive\tAID\t\tobj=money\n"
        "verb\tgive\tCOERCE\t\tobj=ultimatum\n"
        "verb\tgive\tSUPPORT\t\t\n"
        "verb\trush to\tMOBILIZE\t\tobj=border\n"
        "verb\tpatrol\tMOBILIZE\t\t\n"
    )
    merged = hand.with_backoff(backoff)
    assert [(e.event_type, sorted(e.objects)) for e in merged.verbs["give"]] == [
        ("AID", ["aid", "food"]),
        ("COERCE", ["ultimatum"]),  # another type with an object condition, after ours
    ]
    assert "rush to" not in merged.verbs  # would pre-empt our "rush"
    assert [e.event_type for e in merged.verbs["patrol"]] == ["MOBILIZE"]
    assert [e.event_type for e in hand.verbs["give"]] == ["AID"]  # ours is not changed
