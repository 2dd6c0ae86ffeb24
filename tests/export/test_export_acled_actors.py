"""ACLED's actor names and its unit of an event, on text coded by the real pipeline and exported."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from backchannel.cli import main
from backchannel.export.acled_actors import acled_names
from backchannel.ingest import read_text
from backchannel.pipeline import PIPELINE_VERSION, Pipeline
from backchannel.store import Store, ingest

NOTES = {
    "gunmen": "Unidentified gunmen opened fire on a market in Maiduguri on Tuesday, killing five people.",
    "stabbed": "A journalist was stabbed to death by two assailants in Lahore on Monday.",
    "teargas": "Police fired tear gas at students demonstrating against fee rises in Nairobi on Friday.",
    "farmers": "Israeli troops shot dead two Palestinian farmers near Hebron on Sunday.",
    "raid": "Soldiers killed three villagers in a raid on a village near Gao in Mali on Thursday.",
    "taliban": "Taliban gunmen killed two policemen in Kunduz on Monday.",
    "hezbollah": "Hezbollah militants fired rockets at northern Israel on Sunday.",
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> dict[str, list[dict[str, str]]]:
    """The ACLED rows of each note, by the note's name."""
    folder = tmp_path_factory.mktemp("acled")
    db = folder / "notes.duckdb"
    articles = [read_text(text, doc_id=name, date="2025-10-11") for name, text in NOTES.items()]
    with Store.open(db) as store:
        summary = ingest(store, articles, Pipeline(nlp=nlp), PIPELINE_VERSION, inputs=["notes"])
        assert summary.failures == 0
    out = folder / "acled.csv"
    assert main(["export", "--format", "acled", "--out", str(out), "--db", str(db)]) == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    by_doc: dict[str, list[dict[str, str]]] = {}
    for record in frame.to_dict("records"):
        by_doc.setdefault(str(record["bc_doc_id"]), []).append({str(k): str(v) for k, v in record.items()})
    return by_doc


def _pairs(rows: list[dict[str, str]]) -> set[tuple[str, str, str, str, str]]:
    return {(r["actor1"], r["assoc_actor_1"], r["actor2"], r["assoc_actor_2"], r["interaction"]) for r in rows}


def test_unnamed_attackers_are_an_unidentified_armed_group_of_the_place(rows: dict[str, list[dict[str, str]]]) -> None:
    assert _pairs(rows["stabbed"]) == {
        ("Unidentified Armed Group (Pakistan)", "", "Civilians (Pakistan)", "Journalists (Pakistan)", "37")
    }
    assert ("Unidentified Armed Group (Nigeria)", "", "Civilians (Nigeria)", "", "37") in _pairs(rows["gunmen"])


def test_state_forces_are_named_as_acled_names_them(rows: dict[str, list[dict[str, str]]]) -> None:
    # Israeli forces in the West Bank act outside their own country: inter 8
    assert _pairs(rows["farmers"]) == {
        ("Military Forces of Israel", "", "Civilians (Palestine)", "Farmers (Palestine)", "78")
    }
    assert _pairs(rows["raid"]) == {("Military Forces of Mali", "", "Civilians (Mali)", "", "17")}


def test_members_of_a_named_group_are_the_group(rows: dict[str, list[dict[str, str]]]) -> None:
    assert _pairs(rows["taliban"]) == {("Taliban", "", "Police Forces of Afghanistan", "", "12")}
    assert {r["actor1"] for r in rows["hezbollah"]} == {"Hezbollah"}


def test_force_against_demonstrators_and_the_demonstration(rows: dict[str, list[dict[str, str]]]) -> None:
    pairs = _pairs(rows["teargas"])
    assert ("Police Forces of Kenya", "", "Protesters (Kenya)", "Students (Kenya)", "16") in pairs
    assert ("Protesters (Kenya)", "", "", "", "60") in pairs  # a state protested against is no second actor


def test_one_attack_told_by_two_verbs_is_one_acled_event(rows: dict[str, list[dict[str, str]]]) -> None:
    # "opened fire on a market ..., killing five people": ACLED's event is one per day, place and actor pair
    (attack,) = rows["gunmen"]
    assert attack["event_type"] == "Violence against civilians"
    assert attack["bc_same_event_ids"] and attack["bc_same_event_ids"] != attack["bc_event_id"]


def test_every_name_template_has_a_country_slot() -> None:
    names = acled_names()
    assert names.forces("COP", "Chad") == "Police Forces of Chad"
    assert names.forces(None, "Chad") == "Military Forces of Chad"  # a state's forces unless they are police
    assert names.armed("UAF", None) == "Unidentified Armed Group"
    assert names.civilian_group("JRN", None) == "Journalists"
    assert all("{country}" in t for t in names.templates.values())


def test_a_bad_role_in_the_name_table_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backchannel.export import acled_actors

    bad = tmp_path / "data"
    bad.mkdir()
    (bad / "acled_actors.tsv").write_text("# header\nMIL\tsoldiers\tMilitary Forces of {country}\n", encoding="utf-8")
    monkeypatch.setattr(acled_actors.resources, "files", lambda _package: tmp_path)
    acled_actors.acled_names.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"acled_actors.tsv:2: role 'soldiers'"):
            acled_actors.acled_names()
    finally:
        acled_actors.acled_names.cache_clear()
