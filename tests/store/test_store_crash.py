"""A real ``kill -9`` in the middle of an ingest leaves a consistent database; a re-run finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
from stubcoder import code, read_jsonl

from backchannel.store import Store, document_hash

STUB = Path(__file__).with_name("stubcoder.py")
LIMIT = 400


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    return env


def _check_consistent(con: duckdb.DuckDBPyConnection, corpus: str) -> int:
    """Every stored document has exactly the rows its coding produces; nothing dangles."""
    by_id = {a.doc_id: a for a in read_jsonl(corpus, LIMIT)}
    docs = con.execute("SELECT doc_id, content_hash FROM documents").fetchall()
    for doc_id, digest in docs:
        expected = code(by_id[doc_id])
        assert digest == document_hash(by_id[doc_id].text)
        events = con.execute("SELECT count(*) FROM events WHERE doc_id = ?", [doc_id]).fetchone()
        mentions = con.execute("SELECT count(*) FROM mentions WHERE doc_id = ?", [doc_id]).fetchone()
        assert events == (len(expected.events),) and mentions == (len(expected.actors),), doc_id
    orphans = con.execute(
        "SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT event_id FROM events)"
    ).fetchone()
    assert orphans == (0,)
    for table in ("events", "event_actors", "event_dyads", "mentions", "places", "times", "removed"):
        stray = con.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
        assert stray.fetchone() == (0,), table
    return len(docs)


def test_kill_9_mid_ingest_then_rerun_completes_without_duplicates(tmp_path: Path, shared_dir: Path) -> None:
    corpus = str(shared_dir / "corpus" / "whitehouse-2023-2024.jsonl")
    db = tmp_path / "crash.duckdb"
    command = [sys.executable, str(STUB), str(db), corpus, str(LIMIT)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout is not None
    coded = 0
    for line in proc.stdout:
        coded += line.startswith("coded ")
        if coded >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    with Store.open(db, read_only=True) as store:
        con = store.cursor()
        partial = _check_consistent(con, corpus)
        runs = con.execute("SELECT finished FROM ingest_runs").fetchall()
    distinct = len({document_hash(a.text) for a in read_jsonl(corpus, LIMIT)})
    assert 0 < partial < distinct
    assert runs == [(None,)]  # the killed run is visible as unfinished

    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    with Store.open(db, read_only=True) as store:
        con = store.cursor()
        assert _check_consistent(con, corpus) == distinct
        dupes = con.execute("SELECT count(*) - count(DISTINCT content_hash) FROM documents").fetchone()
        assert dupes == (0,)
        second = con.execute("SELECT documents, skipped, finished IS NOT NULL FROM ingest_runs WHERE run_id = 2")
        assert second.fetchone() == (distinct - partial, LIMIT - (distinct - partial), True)
