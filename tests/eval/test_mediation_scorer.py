"""The mediator scorer counts matches, misses and extras per sentence and per half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.eval.mediation import GoldMediation, format_report, read_gold, score_mediators
from backchannel.eval.split import half_of
from backchannel.records import ActorRef

QATAR = ActorRef(text="Qatar", actor_id="QAT", country="QAT")
EMIR = ActorRef(text="the Emir of Qatar", actor_id="P:tamim_bin_hamad", country="QAT", sector="GOV")
EGYPT_GOV = ActorRef(text="the Egyptian Government", actor_id="EGY_GOV", country="EGY", sector="GOV")
UN_ENVOY = ActorRef(text="the UN envoy", actor_id="IGO_DIP", country="IGO", sector="DIP")
UN = ActorRef(text="the United Nations", actor_id="UN", country="IGO")
TURKEY = ActorRef(text="Turkey", actor_id="TUR", country="TUR")


def gold(item_id: str, *codes: str) -> GoldMediation:
    return GoldMediation(item_id, "text", "2025-01-01", codes)


def test_a_country_code_matches_the_state_its_agent_or_its_leader() -> None:
    items = [gold("a", "QAT", "EGY"), gold("b", "QAT")]
    report = score_mediators(items, {"a": [EMIR, EGYPT_GOV], "b": [QATAR, EMIR]})
    counts = report.halves["all"]
    # the emir and Qatar both stand for QAT: one true positive, not two
    assert (counts["tp"], counts["fp"], counts["fn"]) == (3, 0, 0)
    assert counts["recall"] == counts["precision"] == 1.0


def test_an_organisation_is_matched_by_its_id_not_by_its_pseudo_country() -> None:
    report = score_mediators([gold("a", "UN")], {"a": [UN_ENVOY]})
    counts = report.halves["all"]
    assert (counts["tp"], counts["fp"], counts["fn"]) == (0, 1, 1)
    assert report.misses[0]["missed"] == ["UN"] and report.misses[0]["wrong"] == ["IGO_DIP"]
    assert score_mediators([gold("a", "UN")], {"a": [UN]}).halves["all"]["recall"] == 1.0


def test_a_mediator_on_a_sentence_where_nobody_mediates_is_a_false_positive() -> None:
    items = [gold("a"), gold("b", "TUR"), gold("c", "TUR")]
    report = score_mediators(items, {"a": [QATAR, EMIR], "b": [TURKEY]})
    counts = report.halves["all"]
    assert (counts["tp"], counts["fp"], counts["fn"]) == (1, 1, 1)  # QAT once; c's Turkey missed
    assert counts["precision"] == 0.5 and counts["recall"] == 0.5
    assert [m["id"] for m in report.misses] == ["a", "c"]


def test_the_halves_split_by_item_id_and_add_up() -> None:
    ids = [f"med-item-{i}" for i in range(40)]
    items = [gold(i, "QAT") for i in ids]
    report = score_mediators(items, {i: [QATAR] for i in ids[::2]})
    tune, check, whole = (report.halves[h] for h in ("tune", "check", "all"))
    assert tune["sentences"] == sum(half_of(i) == "tune" for i in ids)
    assert tune["sentences"] + check["sentences"] == whole["sentences"] == 40
    assert tune["tp"] + check["tp"] == whole["tp"] == 20
    assert "tune" in format_report(report) and "check" in format_report(report)


def test_the_gold_file_is_read_and_a_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    record = {"id": "x", "text": "Talks mediated by Qatar.", "date": "2025-01-01", "mediators": ["QAT"]}
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    assert read_gold(path) == [GoldMediation("x", "Talks mediated by Qatar.", "2025-01-01", ("QAT",))]
    path.write_text('{"id": "y", "text": "no labels"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:1"):
        read_gold(path)


def test_the_dev_set_is_well_formed() -> None:
    path = Path(__file__).resolve().parents[2] / "eval" / "mediation-dev.jsonl"
    items = read_gold(path)
    assert len(items) == len({g.id for g in items}) >= 80
    assert sum(not g.mediators for g in items) >= 30  # sentences where nobody mediates
