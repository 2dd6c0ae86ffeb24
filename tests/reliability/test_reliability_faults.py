"""Faults: kill -9 at random points, locked / read-only / corrupted database files, a full disk.

The ingests run ``fault_child.py`` (the store's real ``ingest`` with the stub coder of ``tests/store``,
so that a run takes a second or two, not the pipeline's 10 s start-up) on real White House records.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backchannel.store import Store, StoreError, StoreLocked, document_hash

CHILD = Path(__file__).with_name("fault_child.py")
LIMIT = 1000
RUNS = 24


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    return env


def _child(*args: str, timeout: float = 120) -> tuple[int, list[dict[str, object]]]:
    done = subprocess.run(
        [sys.executable, str(CHILD), *args], capture_output=True, text=True, env=_env(), timeout=timeout, check=False
    )
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return done.returncode, reports


def _fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> str:
    return str(shared_dir / "corpus" / "whitehouse-2023-2024.jsonl")


@pytest.mark.parametrize(
    ("runs", "limit", "moments"),
    [
        # in make test: four kills, each after a random number of coded documents (no clock involved)
        (4, 200, False),
        # in make test-full: 24 kills, every other one at a random moment (start-up, migrations, a commit)
        pytest.param(RUNS, LIMIT, True, marks=pytest.mark.slow),
    ],
    ids=["4-kills", "24-kills"],
)
def test_kill_9_at_random_points_never_leaves_a_broken_database(
    tmp_path: Path, corpus: str, runs: int, limit: int, moments: bool
) -> None:
    db = tmp_path / "kill.duckdb"
    rnd = random.Random(int(os.environ.get("RELIABILITY_SEED", "20240301")))
    killed = 0
    seen: list[int] = []
    for run in range(runs):
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), "ingest", str(db), corpus, str(limit)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=_env(),
        )
        assert proc.stdout is not None
        if moments and run % 2:  # a random moment: start-up, migrations, coding or a commit
            time.sleep(rnd.uniform(0.0, 1.6))
        else:  # after a random number of coded documents
            target = rnd.randint(1, 40)
            for n, _line in enumerate(proc.stdout, start=1):
                if n >= target:
                    break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        killed += proc.returncode == -signal.SIGKILL
        code, reports = _child("open", str(db)) if db.exists() else (0, [{"ok": True}])
        assert code == 0 and reports == [{"ok": True}], (run, reports)
        if db.exists():
            status, checks = _child("check", str(db), corpus, str(limit))
            assert status == 0, checks
            report = checks[-1]["consistency"]
            assert isinstance(report, dict) and report["problems"] == [] and report["duplicates"] == 0, report
            seen.append(int(report["documents"]))
    assert killed >= runs * 2 // 3, f"only {killed} of {runs} runs were killed mid-way"
    assert seen == sorted(seen), "committed documents never disappear"
    status, reports = _child("ingest", str(db), corpus, str(limit), "check")
    assert status == 0, reports
    final = reports[-1]["consistency"]
    assert isinstance(final, dict)
    distinct = {
        document_hash(json.loads(line)["text"]) for line in Path(corpus).read_text("utf-8").splitlines()[:limit]
    }
    assert final == {"documents": len(distinct), "duplicates": 0, "problems": []}


def test_a_locked_database_is_a_clear_error_and_left_untouched(tmp_path: Path, corpus: str) -> None:
    db = tmp_path / "locked.duckdb"
    assert _child("ingest", str(db), corpus, "20")[0] == 0
    before = _fingerprint(db)
    with Store.open(db, read_only=True):  # a reader holds the file: DuckDB lets no other process write
        code, reports = _child("ingest", str(db), corpus, "40")
    assert code == 2 and reports[-1]["type"] == "StoreLocked"
    assert str(db) in str(reports[-1]["error"]) and "in use by another process" in str(reports[-1]["error"])
    assert _fingerprint(db) == before
    assert issubclass(StoreLocked, StoreError)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "zeros", "truncated", "flipped-middle", "text-file"],
)
def test_a_corrupted_database_is_a_clear_error_and_never_overwritten(tmp_path: Path, corpus: str, damage: str) -> None:
    db = tmp_path / "bad.duckdb"
    assert _child("ingest", str(db), corpus, "20")[0] == 0
    data = db.read_bytes()
    rnd = random.Random(damage)
    if damage == "garbage":
        data = rnd.randbytes(len(data))
    elif damage == "zeros":
        data = bytes(len(data))
    elif damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "flipped-middle":
        middle = len(data) // 2
        data = data[:4096] + rnd.randbytes(middle - 4096) + data[middle:]
    else:
        data = b"doc_id,text\n1,Hamas met Qatar in Doha.\n"
    db.write_bytes(data)
    wal = db.with_name(db.name + ".wal")
    assert not wal.exists()
    before = _fingerprint(db)
    for mode in ("rw", "ro"):
        code, reports = _child("open", str(db), mode)
        if code == 0:
            # Damage DuckDB cannot see (unused blocks) may still open; then the data must read back.
            assert damage == "flipped-middle", reports
            continue
        assert code == 2 and reports[-1]["type"] == "StoreError", reports
        assert str(db) in str(reports[-1]["error"])
    code, reports = _child("ingest", str(db), corpus, "40")
    if damage != "flipped-middle":
        assert code == 2 and str(db) in str(reports[-1]["error"]), reports
        assert _fingerprint(db) == before, "a corrupted database file was modified"
        assert not wal.exists()


def _namespace_ok() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(not _namespace_ok(), reason="needs root and unshare -m for a private mount")


@needs_mounts
def test_a_read_only_database_is_a_clear_error_and_left_untouched(tmp_path: Path, corpus: str) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "db.duckdb"
    assert _child("ingest", str(db), corpus, "20")[0] == 0
    before = _fingerprint(db)
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder} && "
        f"{sys.executable} {CHILD} ingest {db} {corpus} 40; echo rc=$?; "
        f"{sys.executable} {CHILD} open {db} ro; echo rc=$?"
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=_env(), timeout=120, check=False
    )
    lines = done.stdout.splitlines()
    assert "rc=2" in lines and "rc=0" in lines, done.stdout + done.stderr
    error = json.loads(next(line for line in lines if line.startswith('{"error"')))
    assert str(db) in error["error"] and "read-only" in error["error"].lower()
    assert _fingerprint(db) == before


@needs_mounts
def test_disk_full_during_ingest_is_a_clear_error_and_the_database_stays_consistent(
    tmp_path: Path, corpus: str
) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    db = mount / "db.duckdb"
    script = (
        f"mount -t tmpfs -o size=3m tmpfs {mount} && "
        f"{sys.executable} {CHILD} ingest {db} {corpus} 2000 check; echo rc=$?; df -k {mount} | tail -1"
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=_env(), timeout=300, check=False
    )
    lines = done.stdout.splitlines()
    reports = [json.loads(line) for line in lines if line.startswith("{")]
    errors = [r for r in reports if "error" in r]
    assert "rc=2" in lines, done.stdout[-2000:] + done.stderr[-2000:]
    assert errors and str(db) in str(errors[0]["error"]) and "space" in str(errors[0]["error"]).lower(), errors
    checks = [r for r in reports if "consistency" in r or "consistency_error" in r]
    assert checks, done.stdout[-2000:]
    check = checks[-1].get("consistency")
    if check is None:
        # Re-opening for a check may itself need space (WAL replay); it must then fail clearly, naming the file.
        assert str(db) in str(checks[-1]["consistency_error"])
    else:
        assert isinstance(check, dict) and check["problems"] == [] and check["duplicates"] == 0, check
        assert 0 < int(check["documents"]) < 2000
