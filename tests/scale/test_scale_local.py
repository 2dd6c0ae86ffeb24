"""The local engine: how many workers it starts, and what happens when a worker process dies.

The kill test codes real documents with the real pipeline and SIGKILLs a worker in the
middle; the poison tests use ``crashing_coder.py``, whose workers kill themselves on one
document, so that a worker death is real but cheap.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import crashing_coder
import duckdb
import pytest

from backchannel.cli import main
from backchannel.errors import StageError
from backchannel.pipeline import PIPELINE_VERSION
from backchannel.records import Article, DocumentResult
from backchannel.scale import LocalCoder, WorkerCrashed, available_cores, plan_workers
from backchannel.store import Store, document_hash, ingest


def _articles(shared_dir: Path, n: int) -> list[Article]:
    articles = []
    with (shared_dir / "corpus" / "whitehouse-2023-2024.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            articles.append(Article(doc_id=r["id"], text=r["text"], title=r["title"], date=r["date"]))
            if len(articles) == n:
                break
    return articles


# -- how many workers ------------------------------------------------------------------
def _cores_seen_with_affinity(cpus: set[int]) -> int:
    """``available_cores()`` in a child process pinned to ``cpus``."""
    code = "from backchannel.scale import available_cores; print(available_cores())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=lambda: os.sched_setaffinity(0, cpus),
    )
    return int(done.stdout)


def test_available_cores_follow_the_affinity_mask_not_the_machine() -> None:
    mine = os.sched_getaffinity(0)
    assert available_cores() == len(mine)
    assert _cores_seen_with_affinity({min(mine)}) == 1


@pytest.mark.parametrize(
    ("requested", "documents", "expected"),
    [
        (3, None, 3),  # asked for: given, whatever the machine
        (3, 2, 3),
        (0, None, "cores"),  # default, size unknown (stdin, URLs): every core
        (0, 10_000, "cores"),
        (0, 5, 1),  # a handful of documents does not pay for a second model load
    ],
)
def test_default_workers_are_one_per_core_except_for_small_inputs(
    requested: int, documents: int | None, expected: int | str
) -> None:
    want = available_cores() if expected == "cores" else expected
    assert plan_workers(requested, documents) == want


def test_cli_default_codes_a_small_input_in_one_process(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "few.jsonl"
    source.write_text(
        "".join(json.dumps(a.model_dump(include={"text", "title", "date"}) | {"id": a.doc_id}) + "\n"
                for a in _articles(shared_dir, 3)),
        encoding="utf-8",
    )  # fmt: skip
    assert main(["ingest", str(source), "--db", str(tmp_path / "b.duckdb"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "summary: 3 documents" in out and "engine local, 1 worker(s)" in out


# -- a worker that dies --------------------------------------------------------------
class _KillAfterFirst:
    """Passes a pool's results through and SIGKILLs one of its workers after the first."""

    def __init__(self, pool: LocalCoder) -> None:
        self.pool = pool
        self.killed: list[int] = []

    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        for output in self.pool.run(articles):
            if not self.killed:
                victim = self.pool.pids[0]
                os.kill(victim, signal.SIGKILL)
                self.killed.append(victim)
            yield output


def test_worker_killed_mid_run_loses_and_duplicates_no_document(shared_dir: Path, tmp_path: Path) -> None:
    articles = _articles(shared_dir, 24)
    with LocalCoder(workers=2, chunk_size=4) as pool:
        reference = {a.doc_id: r for a, r in zip(articles, pool.run(articles), strict=True)}
        killer = _KillAfterFirst(pool)
        with Store.open(tmp_path / "k.duckdb") as store:
            summary = ingest(store, articles, killer, PIPELINE_VERSION)
        assert pool.restarts == 1 and pool.retried > 0
        deaths = {s.pid: s.died for s in pool.stats() if s.died}
    assert deaths == {killer.killed[0]: "killed by SIGKILL"}
    distinct = len({document_hash(a.text) for a in articles})
    assert (summary.documents, summary.failures) == (distinct, 0)
    con = duckdb.connect(str(tmp_path / "k.duckdb"), read_only=True)
    stored = con.execute("SELECT content_hash, count(*) FROM documents GROUP BY 1").fetchall()
    assert len(stored) == distinct and all(n == 1 for _, n in stored)  # every document, once
    events = con.execute("SELECT doc_id, count(*) FROM events GROUP BY 1").fetchall()
    con.close()
    expected = {doc_id: len(r.events) for doc_id, r in reference.items() if isinstance(r, DocumentResult)}
    assert {doc_id: n for doc_id, n in events} == {d: n for d, n in expected.items() if n}  # the same events


def _with_poison(n: int) -> list[Article]:
    texts = [f"Qatar hosted talks between the two sides, round {i}." for i in range(n)]
    texts[5] = f"Egypt mediated. {crashing_coder.POISON}"
    return [Article(doc_id=f"doc{i}", text=t) for i, t in enumerate(texts)]


def test_a_document_that_kills_its_worker_twice_becomes_a_dead_letter(tmp_path: Path) -> None:
    articles = _with_poison(12)
    with LocalCoder(workers=2, chunk_size=4, factory=crashing_coder.kills_itself) as pool:
        with Store.open(tmp_path / "p.duckdb") as store:
            summary = ingest(store, articles, pool, "crash.v1")
        restarts = pool.restarts
    assert (summary.documents, summary.failures) == (11, 1)  # its chunk-mates were coded
    assert restarts == 2  # max_crashes: once in its first chunk, once alone
    con = duckdb.connect(str(tmp_path / "p.duckdb"), read_only=True)
    letters = con.execute("SELECT doc_id, stage, error FROM dead_letters").fetchall()
    stored = sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall())
    con.close()
    assert stored == sorted(a.doc_id for a in articles if a.doc_id != "doc5")
    [(doc_id, stage, error)] = letters
    assert (doc_id, stage) == ("doc5", "worker")
    assert "died 2 times while coding this document" in error and "SIGKILL" in error and "poisoned" in error


def test_outputs_keep_input_order_around_a_poisoned_document() -> None:
    articles = _with_poison(10)
    with LocalCoder(workers=2, chunk_size=3, max_crashes=1, factory=crashing_coder.kills_itself) as pool:
        outputs = list(pool.run(articles))
    assert [o.doc_id for o in outputs] == [a.doc_id for a in articles]
    assert [isinstance(o, StageError) for o in outputs] == [a.doc_id == "doc5" for a in articles]


def test_workers_that_cannot_build_their_pipeline_stop_the_run_with_the_reason() -> None:
    reason = "could not build its pipeline: ModelError: spaCy pipeline"
    with pytest.raises(WorkerCrashed, match=reason), LocalCoder(1, factory=crashing_coder.cannot_start) as pool:
        list(pool.run([Article(doc_id="a", text="Qatar hosted talks.")]))
