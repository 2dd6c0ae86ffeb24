"""`backchannel extract` and `backchannel code` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.cli import main

BRIEF = (
    "Egypt's foreign minister met his Qatari counterpart in Cairo on Monday. "
    "The two ministers agreed to push for a ceasefire in Gaza."
)


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_extract_writes_one_contract_object_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    seed = shared_dir / "corpus" / "seed-article.txt"
    brief = _write(tmp_path / "brief.txt", BRIEF)
    code = main(["extract", str(seed), str(brief), "--date", "2024-03-04", "--quiet-warnings"])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert len(out) == 2
    docs = [json.loads(line) for line in out]
    for doc in docs:
        assert doc["schema_version"] == "1"
        assert set(doc) >= {"doc_id", "events", "actors", "places", "times", "removed", "warnings", "date"}
    brief_doc = next(d for d in docs if d["doc_id"] == "brief")
    consult = [e for e in brief_doc["events"] if e["event_type"] == "CONSULT"]
    assert consult and consult[0]["date"] == "2024-03-04"
    assert consult[0]["location"]["country_code"] == "EGY"
    text = BRIEF
    for e in brief_doc["events"]:
        assert text[e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]


def test_batch_goes_on_past_bad_documents_and_fails_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "good.txt", BRIEF)
    empty = _write(tmp_path / "empty.txt", "")
    binary = _write(tmp_path / "blob.txt", b"\x00\x01\x02\xff\xfe" * 200)
    lines = _write(
        tmp_path / "records.jsonl",
        json.dumps({"id": "ok-1", "date": "2024-01-12", "text": "The United States struck Houthi targets in Yemen."})
        + "\n{not json}\n"
        + json.dumps({"id": "bad-type", "text": 42})
        + "\n",
    )
    code = main(["extract", str(good), str(empty), str(binary), str(lines), "--quiet-warnings"])
    captured = capsys.readouterr()
    ids = [json.loads(line)["doc_id"] for line in captured.out.strip().splitlines()]
    assert code == 1
    assert "good" in ids and "ok-1" in ids
    assert len(ids) == 2
    for name in ("empty.txt", "blob.txt", "records.jsonl:2", "records.jsonl:3"):
        assert name in captured.err, captured.err


def test_code_prints_a_table_with_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = _write(
        tmp_path / "brief.txt", "Hamas did not attend the talks in Cairo. Israel will attack Rafah, officials said."
    )
    assert main(["code", str(brief), "--date", "2024-03-01"]) == 0
    out = capsys.readouterr().out
    assert "negated" in out and "future" in out
    assert main(["code", str(brief), "--date", "2024-03-01", "--asserted"]) == 0
    assert "negated" not in capsys.readouterr().out


def test_missing_date_keeps_relative_dates_unresolved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = _write(tmp_path / "brief.txt", "Israel struck targets in Lebanon last week.")
    assert main(["extract", str(brief)]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["date"] is None
    assert all(e["date"] is None for e in doc["events"])
    assert "no document date" in captured.err


def test_bad_date_argument_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = _write(tmp_path / "brief.txt", BRIEF)
    assert main(["extract", str(brief), "--date", "last tuesday"]) == 2
    assert "last tuesday" in capsys.readouterr().err


def test_extract_trace_adds_each_events_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = _write(tmp_path / "brief.txt", BRIEF)
    assert main(["extract", str(brief), "--date", "2024-03-04", "--quiet-warnings"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["extract", str(brief), "--date", "2024-03-04", "--quiet-warnings", "--trace"]) == 0
    traced = json.loads(capsys.readouterr().out)
    assert plain["events"] and all("trace" not in e for e in plain["events"])
    for before, after in zip(plain["events"], traced["events"], strict=True):
        assert {k: v for k, v in after.items() if k != "trace"} == before
        assert after["trace"]["entry"].startswith("backchannel/events/data/triggers.tsv:")
        assert after["trace"]["modality"]


def test_code_explain_prints_the_rules_under_each_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    brief = _write(tmp_path / "brief.txt", BRIEF)
    assert main(["code", str(brief), "--date", "2024-03-04", "--quiet-warnings", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "    trigger   " in out and "triggers.tsv:" in out
    assert "    status    " in out and "    arguments " in out
    assert main(["code", str(brief), "--date", "2024-03-04", "--quiet-warnings"]) == 0
    assert "triggers.tsv:" not in capsys.readouterr().out
