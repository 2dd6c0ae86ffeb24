"""The PLOVER -> CAMEO and PLOVER -> ACLED mappings, on realistic events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from backchannel.export.acled import acled_rows, acled_type
from backchannel.export.cameo_codes import BY_CONTEXT, BY_MODE, BY_MODE_CONTEXT, DEFAULTS, OUR_CHOICES, cameo_code
from backchannel.export.source import ExportEvent, ExportSet, Provenance, SourceDoc
from backchannel.store.models import EventActor, EventRow, Span


def conversion_table(shared_dir: Path) -> dict[str, tuple[str, str, set[str]]]:
    """CAMEO code -> (PLOVER type, mode, contexts) from the shared CAMEO2PLOVER table."""
    lines = (shared_dir / "reference" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines()
    table: dict[str, tuple[str, str, set[str]]] = {}
    for line in lines:
        head, _, rest = line.split("#")[0].partition(":")
        fields = [f.strip() for f in rest.split(",")]
        if head.strip().isdigit() and len(fields) == 3:
            table[head.strip()] = (fields[0], fields[1], {c.strip() for c in fields[2].split(";") if c.strip()})
    return table


def test_code_tables_follow_the_conversion_table(shared_dir: Path) -> None:
    table = conversion_table(shared_dir)
    assert len(table) > 250
    wrong: list[str] = []
    for (plover_type, mode), code in BY_MODE.items():
        listed_type, listed_mode, _ = table[code]
        if listed_type != plover_type or ((plover_type, mode) not in OUR_CHOICES and listed_mode != mode):
            wrong.append(f"{plover_type} {mode} -> {code}")
    for (plover_type, context), code in BY_CONTEXT.items():
        listed_type, listed_mode, contexts = table[code]
        if listed_type != plover_type or listed_mode or context not in contexts:
            wrong.append(f"{plover_type} [{context}] -> {code}")
    for (plover_type, mode, context), code in BY_MODE_CONTEXT.items():
        if table[code] != (plover_type, mode, {context}):
            wrong.append(f"{plover_type} {mode} [{context}] -> {code}")
    for plover_type, code in DEFAULTS.items():
        listed_type, listed_mode, _ = table[code]
        if listed_type != plover_type or ((plover_type,) not in OUR_CHOICES and listed_mode):
            wrong.append(f"{plover_type} -> {code}")
    assert wrong == []


@pytest.mark.parametrize(
    ("event_type", "mode", "context", "state", "code", "source"),
    [
        ("CONSULT", "phone", (), False, "041", "table"),
        ("CONSULT", None, ("diplomatic", "ceasefire"), False, "040", "table"),
        ("AID", None, ("terrorism", "humanitarian"), False, "073", "table"),
        ("COERCE", "restrict", ("military",), False, "191", "table"),
        ("RETREAT", "ceasefire", ("military",), False, "0871", "table"),
        ("ASSAULT", None, ("military",), False, "190", "table"),
        ("ASSAULT", None, (), True, "190", "backchannel"),
        ("ASSAULT", None, (), False, "180", "table"),
        ("RETREAT", "resign", (), False, "084", "backchannel"),
        ("ACCUSE", "allege", (), False, "112", "backchannel"),
    ],
)
def test_cameo_code(
    event_type: str, mode: str | None, context: tuple[str, ...], state: bool, code: str, source: str
) -> None:
    found = cameo_code(event_type, mode, context, state_force=state)
    assert (found.code, found.source, found.root, found.base) == (code, source, code[:2], code[:3])


def _actor(key: str, country: str | None, sector: str | None, resolved: bool = True) -> EventActor:
    return EventActor(key=key, text=key.lower(), actor_id=key if resolved else None, name=key, country=country,
                      sector=sector)  # fmt: skip


def _event(
    event_type: str,
    sentence: str,
    trigger: str,
    actors: list[EventActor],
    recipients: list[EventActor] | None = None,
    mode: str | None = None,
    status: str = "asserted",
) -> ExportEvent:
    start = sentence.index(trigger)
    row = EventRow(
        event_id=f"doc:{len(sentence)}{trigger}", doc_id="doc", event_type=event_type, mode=mode, status=status,
        historical=False, date="2024-03-01", date_precision="day", day="2024-03-01", quad_class=4, intensity=-9.5,
        confidence=0.8, trigger=trigger, sentence=sentence, actors=actors, recipients=recipients or [],
        pipeline_version="test.v1",
    )  # fmt: skip
    prov = Provenance(
        sentence_index=0, sentence=Span(start=0, end=len(sentence), text=sentence),
        trigger=Span(start=start, end=start + len(trigger), text=trigger), time=None, date_text=None, context=(),
    )  # fmt: skip
    doc = SourceDoc("doc", None, "Wire", None, "2024-03-01", None, datetime(2024, 3, 2), len(sentence))
    return ExportEvent(row, prov, doc)


ISR_MIL = _actor("ISR_MIL", "ISR", "MIL")
PSE_CVL = _actor("PSE_CVL", "PSE", "CVL")
HOUTHIS = _actor("HOUTHIS", "YEM", "REB")
CROWD = _actor("~protesters", "ISR", "OPP", resolved=False)
STUDENTS = _actor("~students", "USA", "EDU", resolved=False)


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (_event("PROTEST", "Thousands of Israelis protested in Tel Aviv.", "protested", [CROWD], mode="demo"),
         ("Protests", "Peaceful protest")),
        (_event("PROTEST", "Protesters rioted outside the parliament.", "rioted", [CROWD], mode="riot"),
         ("Riots", "Violent demonstration")),
        (_event("ASSAULT", "Israeli troops shot dead two Palestinian civilians.", "shot", [ISR_MIL], [PSE_CVL],
                mode="firearms"),
         ("Violence against civilians", "Attack")),
        (_event("ASSAULT", "An Israeli airstrike hit Houthi positions.", "airstrike", [ISR_MIL], [HOUTHIS]),
         ("Explosions/Remote violence", "Air/drone strike")),
        (_event("ASSAULT", "Israeli forces shelled Houthi positions.", "shelled", [ISR_MIL], [HOUTHIS]),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        (_event("ASSAULT", "Israeli troops clashed with Houthi fighters.", "clashed", [ISR_MIL, HOUTHIS]),
         ("Battles", "Armed clash")),
        (_event("ASSAULT", "Protesters stormed the embassy.", "stormed", [CROWD], [ISR_MIL]),
         ("Riots", "Violent demonstration")),
        (_event("ASSAULT", "Gunmen abducted three aid workers.", "abducted", [HOUTHIS], [PSE_CVL], mode="abduct"),
         ("Violence against civilians", "Abduction/forced disappearance")),
        (_event("ASSAULT", "Students beat up a reporter.", "beat", [STUDENTS], [_actor("~reporter", "USA", "JRN")]),
         ("Riots", "Mob violence")),
        (_event("COERCE", "Police arrested the protest leaders.", "arrested", [ISR_MIL], [CROWD], mode="arrest"),
         None),
    ],
)  # fmt: skip
def test_acled_type(event: ExportEvent, expected: tuple[str, str] | None) -> None:
    found = acled_type(event, ExportSet(events=(event,)))
    got = (found.event_type, found.sub_event_type) if found else None
    assert got == expected


def test_acled_rows_follow_acled_actor_conventions() -> None:
    protest = _event("PROTEST", "Thousands of Israelis protested in Tel Aviv.", "protested", [CROWD], mode="demo")
    attack = _event("ASSAULT", "Israeli troops shot dead two civilians.", "shot", [ISR_MIL], [PSE_CVL])
    threat = _event("ASSAULT", "Israel will attack Rafah.", "attack", [ISR_MIL], [PSE_CVL], status="future")
    events = ExportSet(events=(protest, attack, threat), country_names={"ISR": "Israel", "PSE": "Palestine"})
    rows = {r["bc_event_id"]: r for r in acled_rows(events)}
    assert set(rows) == {protest.row.event_id, attack.row.event_id}  # a future attack is not an ACLED event
    first = rows[protest.row.event_id]
    assert (first["actor1"], first["inter1"], first["interaction"], first["country"]) == (
        "Protesters (Israel)", 6, 60, "Israel"
    )  # fmt: skip
    second = rows[attack.row.event_id]
    assert (second["inter1"], second["inter2"], second["interaction"]) == (8, 7, 78)
    assert second["civilian_targeting"] == "Civilian targeting" and second["iso"] == "275"
    assert second["event_id_cnty"] == "PSE1" and second["notes"] == attack.row.sentence
