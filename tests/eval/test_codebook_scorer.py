"""The codebook scorer counts type recall, mode and countries given the type, and no-event alarms, per half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.eval.codebook import GoldCodebook, Predicted, format_report, read_gold, score_codebook
from backchannel.eval.split import half_of


def gold(item_id: str, etype: str | None, mode: str | None = None, actor: str | None = None) -> GoldCodebook:
    return GoldCodebook(item_id, "text", "2025-01-01", etype, mode, actor, None)


def event(etype: str, mode: str | None = None, *actors: str) -> Predicted:
    return Predicted(etype, mode, frozenset(actors))


def test_type_recall_is_per_type_then_macro() -> None:
    items = [gold("a", "ASSAULT"), gold("b", "ASSAULT"), gold("c", "AID")]
    report = score_codebook(items, {"a": [event("ASSAULT")], "c": [event("AID")]})
    counts = report.halves["all"]
    assert counts["type_recall"] == {"AID": 1.0, "ASSAULT": 0.5}
    assert counts["type_recall_macro"] == 0.75
    assert counts["type_recall_micro"] == round(2 / 3, 4)
    assert [m["id"] for m in report.misses] == ["b"]


def test_mode_and_actor_are_scored_only_where_the_type_is_found() -> None:
    items = [
        gold("a", "ASSAULT", "aerial", "RUS"),
        gold("b", "ASSAULT", "drone", "UKR"),
        gold("c", "COERCE", "arrest", "GEO"),
    ]
    predicted = {
        "a": [event("ASSAULT", "aerial", "RUS")],
        "b": [event("ASSAULT", "firearms", "RUS"), event("ACCUSE", "allege", "UKR")],
        "c": [event("ASSAULT", "arrest", "GEO")],
    }
    counts = score_codebook(items, predicted).halves["all"]
    assert (counts["mode_accuracy"], counts["actor_country"]) == (0.5, 0.5)
    assert counts["extra_types"] == 2  # ACCUSE on b, ASSAULT on c


def test_any_event_on_a_no_event_sentence_is_a_false_alarm() -> None:
    items = [gold("a", None), gold("b", None), gold("c", None), gold("d", None)]
    report = score_codebook(items, {"a": [event("ACCUSE")], "b": []})
    assert report.halves["all"]["noevent_false_rate"] == 0.25
    assert report.halves["all"]["noevent_total"] == 4


def test_each_item_counts_in_its_own_half() -> None:
    ids = [f"cb-X-{n}" for n in range(12)]
    report = score_codebook([gold(i, "AID") for i in ids], {})
    tune = sum(half_of(i) == "tune" for i in ids)
    assert report.halves["tune"]["sentences"] == tune
    assert report.halves["check"]["sentences"] == len(ids) - tune
    assert "check" in format_report(report)


def test_reading_rejects_a_malformed_line(tmp_path: Path) -> None:
    good = {"id": "cb-AID-x-1", "text": "Japan sent aid.", "event_type": "AID", "mode": None}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(good) + "\n\n", encoding="utf-8")
    assert read_gold(path)[0].event_type == "AID"
    path.write_text(json.dumps({"text": "no id"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a codebook record"):
        read_gold(path)
