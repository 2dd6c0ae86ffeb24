"""The scale-out side of ``backchannel ingest``: ``--engine``, ``--workers``, ``--doc-timeout``, progress, summary.

``local`` codes on a process pool (one pipeline per worker) and writes through the one
``Store`` writer; ``ray`` codes on a Ray actor pool, writes Parquet shards to ``--out``
and loads them into ``--db``.  The progress bar (rich, on stderr) shows documents/s and
an ETA; ``--quiet`` silences it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from backchannel.errors import StageError
from backchannel.records import Article, DocumentResult
from backchannel.scale.batch import DEFAULT_DOC_TIMEOUT
from backchannel.scale.progress import NullProgress, estimate_total, report
from backchannel.scale.progress import Progress as ProgressSink
from backchannel.store import Coder

__all__ = ["Run", "add_options", "ingest_ray", "local_coder"]

EXIT_OK, EXIT_FAILURES, EXIT_ERROR = 0, 1, 2
DEFAULT_OUT = "backchannel-shards"


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or more, got {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more seconds, got {text}")
    return value


def add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("local", "ray"), default="local", help="local: process pool; ray: Ray Data")
    p.add_argument(
        "--workers",
        type=_count,
        default=0,
        help="worker processes / Ray actors (default 0: one per CPU core this process may use, fewer for inputs "
        "of under 16 documents per core; ray: one per CPU of the cluster, less one for reading)",
    )
    p.add_argument("--ray-address", metavar="ADDR", help="Ray cluster to join (default: start Ray on this machine)")
    p.add_argument("--out", metavar="DIR", help=f"ray engine: folder or URI of Parquet shards (default: {DEFAULT_OUT})")
    p.add_argument(
        "--doc-timeout",
        type=_seconds,
        default=DEFAULT_DOC_TIMEOUT,
        metavar="SECONDS",
        help=f"a document still being coded after this many seconds goes to dead_letters and the run goes on "
        f"(default {DEFAULT_DOC_TIMEOUT:g}; 0: no limit)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")


class _Bar:
    """A rich progress bar on stderr: documents, documents/s, events, failures, ETA."""

    def __init__(self, total: int | None, label: str) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} docs/s"),
            TextColumn("{task.fields[events]} events, {task.fields[failures]} failed"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=False,
        )
        self._task: TaskID = self._progress.add_task(label, total=total, rate=0.0, events=0, failures=0)
        self._started = time.monotonic()
        self.documents = self.events = self.failures = 0

    def advance(self, documents: int, events: int, failures: int) -> None:
        self.documents += documents
        self.events += events
        self.failures += failures
        rate = self.documents / max(time.monotonic() - self._started, 1e-9)
        self._progress.update(self._task, advance=documents, rate=rate, events=self.events, failures=self.failures)

    def __enter__(self) -> _Bar:
        self._progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()


class _Reporting:
    """A coder that tells a progress sink about every output."""

    def __init__(self, inner: Coder, sink: ProgressSink) -> None:
        self.inner = inner
        self.sink = sink

    def run(self, articles: Iterable[Article]) -> Iterator[DocumentResult | StageError]:
        return report(self.inner.run(articles), self.sink)


class Run:
    """What the CLI reports after a run: engine, workers, worker restarts and wall-clock duration."""

    def __init__(self, engine: str, workers: int) -> None:
        self.engine = engine
        self.workers = workers
        self.restarts = 0  # workers started to replace ones that died
        self.started = time.monotonic()
        self.duration = 0.0

    def line(self, documents: int, events: int, failures: int) -> str:
        rate = documents / self.duration if self.duration > 0 else 0.0
        restarts = f", {self.restarts} restarted after dying" if self.restarts else ""
        return (
            f"summary: {documents} documents, {events} events, {failures} failures in {self.duration:.1f} s "
            f"({rate:.2f} documents/s; engine {self.engine}, {self.workers} worker(s){restarts})"
        )


@contextmanager
def _sink(args: argparse.Namespace, label: str) -> Iterator[ProgressSink]:
    if args.quiet or not sys.stderr.isatty():  # a bar only where someone watches it
        yield NullProgress()
        return
    with _Bar(estimate_total(args.inputs) if args.inputs else None, label) as bar:
        yield bar


@contextmanager
def local_coder(args: argparse.Namespace) -> Iterator[tuple[Coder, Run]]:
    """The coder for the local engine (one in-process pipeline, or a pool) wrapped with progress."""
    from backchannel.pipeline import Pipeline
    from backchannel.scale import LocalCoder, TimedCoder, available_cores, plan_workers
    from backchannel.scale.local import MIN_DOCUMENTS_PER_WORKER

    small = available_cores() * MIN_DOCUMENTS_PER_WORKER  # counting past this changes nothing
    size = estimate_total(args.inputs, at_most=small) if args.inputs and args.workers <= 0 else None
    workers = plan_workers(args.workers, size)
    run = Run("local", workers)
    with _sink(args, f"coding on {workers} process(es)") as sink:
        if workers == 1:
            pipeline = Pipeline()
            yield _Reporting(TimedCoder(pipeline, args.doc_timeout) if args.doc_timeout else pipeline, sink), run
        else:
            with LocalCoder(workers, doc_timeout=args.doc_timeout) as pool:
                yield _Reporting(pool, sink), run
                run.restarts = pool.restarts
    run.duration = time.monotonic() - run.started


def ingest_ray(args: argparse.Namespace) -> int:
    """``backchannel ingest --engine ray``: code on Ray, write shards, load them into the database."""
    from backchannel.cli.fuse_cmd import summary_line
    from backchannel.fusion import refuse
    from backchannel.pipeline import PIPELINE_VERSION
    from backchannel.scale import load_shards
    from backchannel.scale.ray_engine import RayRun, run_ray
    from backchannel.store import Store

    if not args.inputs:
        print("backchannel ingest: error: --engine ray needs at least one INPUT", file=sys.stderr)
        return EXIT_ERROR
    out = args.out or DEFAULT_OUT
    run = Run("ray", args.workers)
    with _sink(args, "coding on Ray actors") as sink:
        settings = RayRun(workers=args.workers, address=args.ray_address, date=args.date, doc_timeout=args.doc_timeout)
        coded = run_ray(args.inputs, out, settings, progress=sink)
    run.workers = coded.workers  # 0 (all CPUs) is resolved once Ray runs
    with Store.open(args.db) as store:
        loaded = load_shards(store, out, PIPELINE_VERSION)
        fusion = refuse(store)
    run.duration = time.monotonic() - run.started
    print(f"{out}: Parquet shards of {coded.documents} documents, {coded.events} events, {coded.failures} dead letters")
    print(
        f"{args.db}: {loaded.documents} documents stored, {loaded.skipped} already stored, {loaded.events} events, "
        f"{loaded.failures} failures (run {loaded.run_id}, pipeline {PIPELINE_VERSION})"
    )
    print(summary_line(args.db, fusion))
    print(run.line(coded.documents, coded.events, coded.failures))
    return EXIT_FAILURES if coded.failures else EXIT_OK
