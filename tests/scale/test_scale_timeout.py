"""The per-document timeout: a document that hangs its coder goes to dead_letters and the run goes on.

The coders of ``hanging_coder.py`` code real White House readouts with the store tests'
stub coder and hang on the one document marked ``HANG``: in Python (broken by the timer in
the coding process) or inside C code with the timer's signal blocked (only the local pool's
watch breaks it, by killing the worker).  The Ray case is in ``test_scale_engines.py``.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import duckdb
import hanging_coder
import pytest
from spacy.language import Language

from backchannel.cli import main
from backchannel.errors import StageError
from backchannel.pipeline import Pipeline
from backchannel.records import Article, DocumentResult
from backchannel.scale import DEFAULT_DOC_TIMEOUT, LocalCoder, TimedCoder, code_batch
from backchannel.store import Coder, IngestSummary, Store, ingest

STUB = hanging_coder.stubcoder()
HUNG = 5  # the position of the document that hangs the coder


def _articles(shared_dir: Path, n: int) -> list[Article]:
    return hanging_coder.readouts(shared_dir, n, HUNG)


class _Recording:
    """Passes a coder's outputs through, noting the document of each."""

    def __init__(self, inner: Coder) -> None:
        self.inner = inner
        self.order: list[str] = []

    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        for output in self.inner.run(articles):
            self.order.append(output.doc_id)
            yield output


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


EVENTS = "SELECT * FROM events ORDER BY event_id"


def _undisturbed(articles: list[Article], tmp_path: Path) -> Path:
    """A database of the articles but the hanging one, coded in this process without any timeout."""
    db = tmp_path / "undisturbed.duckdb"
    with Store.open(db) as store:
        ingest(store, [a for i, a in enumerate(articles) if i != HUNG], STUB.StubCoder(), STUB.VERSION)
    return db


def _check_run(articles: list[Article], db: Path, reference: Path, order: list[str]) -> tuple[str, str]:
    """Assert the others were stored once each, in order, with the undisturbed events; the dead letter."""
    hung = articles[HUNG].doc_id
    assert order == [a.doc_id for a in articles]  # handed back in input order, the hung one in its place
    stored = _rows(db, "SELECT doc_id, count(*) FROM documents GROUP BY 1")
    assert sorted(stored) == sorted((a.doc_id, 1) for a in articles if a.doc_id != hung)
    assert len(_rows(reference, EVENTS)) > 5  # the stub coder finds events in these readouts
    assert _rows(db, EVENTS) == _rows(reference, EVENTS)
    [(doc_id, stage, error)] = _rows(db, "SELECT doc_id, stage, error FROM dead_letters")
    assert doc_id == hung
    return str(stage), str(error)


# -- in one process ----------------------------------------------------------------
def _in_thread(call: Callable[[], list[DocumentResult | StageError]]) -> list[DocumentResult | StageError]:
    """``call()`` in a thread other than the main one (where Ray Data runs an actor's batches)."""
    found: list[list[DocumentResult | StageError]] = []
    worker = threading.Thread(target=lambda: found.append(call()))
    worker.start()
    worker.join()
    [outputs] = found
    return outputs


@pytest.mark.parametrize("thread", ["main", "other"])
def test_code_batch_interrupts_a_document_that_spins_and_codes_the_rest(shared_dir: Path, thread: str) -> None:
    articles = _articles(shared_dir, 8)
    call = partial(code_batch, hanging_coder.Hangs("spin"), articles, timeout=1)
    outputs = call() if thread == "main" else _in_thread(call)
    assert [o.doc_id for o in outputs] == [a.doc_id for a in articles]
    error = outputs[HUNG]
    assert isinstance(error, StageError) and error.stage == "timeout"
    assert error.problem == f"document {articles[HUNG].doc_id!r}: no result after 1 s; interrupted"
    expected = [STUB.code(a) for i, a in enumerate(articles) if i != HUNG]
    assert [o for i, o in enumerate(outputs) if i != HUNG] == expected


def test_real_pipeline_goes_on_after_a_document_is_interrupted_inside_it(shared_dir: Path, nlp: Language) -> None:
    """The single-process path of ``ingest --workers 1``: a hang inside a stage, then the next documents.

    The timeout is the default (minutes, which no ordinary document reaches however loaded the machine);
    the hang does not wait for it: on entering it fires the deadline's timer signal itself, as the timer
    would when the time is up, so the interruption is reached without a clock.
    """
    articles = _articles(shared_dir, 8)
    pipeline = Pipeline(nlp=nlp)
    reference = list(pipeline.run([a for i, a in enumerate(articles) if i != HUNG]))
    tag = pipeline.times.tag
    entered = threading.Event()

    def pathological(text: str, date: str | None) -> object:  # a time expression that never finishes matching
        if hanging_coder.HANG in text:
            entered.set()
            signal.raise_signal(signal.SIGALRM)  # the deadline's time is up, now
            while True:
                pass
        return tag(text, date)

    pipeline.times.tag = pathological  # type: ignore[method-assign]
    outputs = list(TimedCoder(pipeline, DEFAULT_DOC_TIMEOUT).run(articles))
    assert entered.is_set()
    assert [o.doc_id for o in outputs] == [a.doc_id for a in articles]
    hung = outputs[HUNG]
    assert isinstance(hung, StageError) and hung.stage == "timeout"
    assert hung.problem == f"document {articles[HUNG].doc_id!r}: no result after {DEFAULT_DOC_TIMEOUT:g} s; interrupted"
    coded = [o for i, o in enumerate(outputs) if i != HUNG]
    # an error among the others is named, not met with AttributeError on its (missing) JSON
    assert [o for o in coded if isinstance(o, StageError)] == []
    assert sum(len(r.events) for r in reference if isinstance(r, DocumentResult)) > 5
    assert [o.model_dump_json() for o in coded if isinstance(o, DocumentResult)] == [
        r.model_dump_json() for r in reference if isinstance(r, DocumentResult)
    ]
    assert len(coded) == len(reference)


# -- the local pool ------------------------------------------------------------------
def _pool_run(
    articles: list[Article], tmp_path: Path, factory: Callable[..., Coder]
) -> tuple[int, list[str], IngestSummary, str, str]:
    """Ingest ``articles`` through a 2-worker pool with a 1 s timeout: restarts, deaths, summary, dead letter."""
    with LocalCoder(workers=2, chunk_size=4, doc_timeout=1, factory=factory) as pool:
        recording = _Recording(pool)
        with Store.open(tmp_path / "pool.duckdb") as store:
            summary = ingest(store, articles, recording, STUB.VERSION)
        restarts = pool.restarts
        deaths = [s.died for s in pool.stats() if s.died]
    stage, error = _check_run(articles, tmp_path / "pool.duckdb", _undisturbed(articles, tmp_path), recording.order)
    return restarts, deaths, summary, stage, error


def test_local_pool_sets_aside_a_document_that_spins(shared_dir: Path, tmp_path: Path) -> None:
    articles = _articles(shared_dir, 12)
    restarts, _, summary, stage, error = _pool_run(articles, tmp_path, hanging_coder.spins)
    assert restarts == 0  # the timer inside the worker broke the hang: no worker was killed
    assert (summary.documents, summary.failures) == (11, 1)
    assert stage == "timeout"
    assert error == f"document {articles[HUNG].doc_id!r}: no result after 1 s; interrupted"


def test_local_pool_kills_a_worker_stuck_in_c_code(shared_dir: Path, tmp_path: Path) -> None:
    articles = _articles(shared_dir, 12)
    restarts, deaths, summary, stage, error = _pool_run(articles, tmp_path, hanging_coder.blocks_in_c)
    assert restarts == 2  # max_crashes: killed once with its chunk, once holding it alone
    assert len(deaths) == 2 and all(d.startswith("timed out: no result after") for d in deaths)
    assert (summary.documents, summary.failures) == (11, 1)
    assert stage == "worker"
    assert error.startswith(f"document {articles[HUNG].doc_id!r}: worker processes died 2 times")
    assert "timed out: no result after" in error and "for 1 document(s) of at most 1 s each; killed" in error


# -- the option ----------------------------------------------------------------------
@pytest.mark.parametrize("value", ["-1", "soon", "inf"])
def test_cli_refuses_a_doc_timeout_that_is_not_a_number_of_seconds(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", "in.jsonl", "--db", str(tmp_path / "x.duckdb"), "--doc-timeout", value])
    assert exit_.value.code == 2
    assert "argument --doc-timeout: must be" in capsys.readouterr().err
