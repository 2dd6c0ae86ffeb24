"""The ``local`` engine: worker processes with one ``Pipeline`` each, results in input order.

``LocalCoder`` is a ``Coder`` (``run(articles)`` yields one result per article, in order),
so ``backchannel.store.ingest`` uses it exactly like a single ``Pipeline``: the main
process stays the one database writer, skips known content hashes before coding, and
sends failures to ``dead_letters``.

Articles go to the workers in chunks; each worker holds at most two (one it codes, one
waiting), and the main process reads at most ``read_ahead`` articles past the last one it
has handed back, so memory stays flat on inputs of any length.  When the input runs out,
chunks shrink so that the workers finish together.

A worker process can die: ``kill -9``, the OOM killer, a crash in a C extension on one
hostile document.  The pool sees it through the process sentinel, starts a fresh worker,
and queues again exactly what the dead worker held: the chunk it was coding goes back one
document at a time, so the documents that merely shared a chunk with a poisoned one are
coded normally.  A document in the hands of ``max_crashes`` dying workers, the last of them
coding it alone, is poisoned: it comes back as a ``StageError`` of stage ``worker`` (a dead
letter) and the run goes on.  Results are kept by input position, so a document coded twice
is handed back once.

A document can also hang a worker.  Each worker codes its documents one at a time under
``doc_timeout`` (``code_batch``): a Python-level hang becomes a ``StageError`` of stage
``timeout`` and the worker goes on.  A hang inside C code never returns to the interpreter,
so the pool watches as well: a worker that has not answered for its chunk ``doc_timeout``
seconds a document and as long again has its process killed, and that death goes through
the path above, named ``timed out`` in the dead letter.
"""

from __future__ import annotations

import contextlib
import fcntl
import math
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any

from backchannel.errors import BackchannelError, StageError
from backchannel.pipeline import Pipeline, Settings
from backchannel.records import Article, DocumentResult
from backchannel.scale.batch import DEFAULT_DOC_TIMEOUT, Outcome, code_batch
from backchannel.store import Coder

__all__ = [
    "CoderFactory",
    "LocalCoder",
    "WorkerCrashed",
    "WorkerStats",
    "available_cores",
    "plan_workers",
    "private_memory",
]

# Below this many documents per worker an extra worker costs more (its own model load,
# several CPU-seconds) than it saves.
MIN_DOCUMENTS_PER_WORKER = 16
# How many times in a row a fresh worker may die before it has built its pipeline.
_MAX_STARTUP_DEATHS = 3
# The least extra time a worker is given past its chunk's document timeouts before it is killed:
# the answer's encoding and trip through the pipe, and a machine short of CPU.
_MIN_GRACE = 2.0


class WorkerCrashed(BackchannelError):
    """Worker processes cannot be kept running (they die while starting, or cannot build the pipeline)."""


def available_cores() -> int:
    """CPU cores this process may run on (its affinity mask, not the machine's count)."""
    counter: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)  # Python >= 3.13
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def plan_workers(requested: int, documents: int | None) -> int:
    """Workers for a run: ``requested`` if positive, else one per available core, fewer for small inputs.

    ``documents`` is the estimated input size (None when unknown, e.g. stdin).
    """
    if requested > 0:
        return requested
    cores = available_cores()
    if documents is None:
        return cores
    return max(1, min(cores, documents // MIN_DOCUMENTS_PER_WORKER))


@dataclass
class WorkerStats:
    """What one worker process did: start-up, documents coded, CPU time and peak memory."""

    pid: int
    startup: float = 0.0  # seconds from spawn until the pipeline was built
    startup_cpu: float = 0.0  # CPU seconds of that start-up
    cpu: float = 0.0  # CPU seconds of the process at its latest report
    documents: int = 0
    idle: float = 0.0  # seconds it waited for work between one chunk (or batch) and the next
    last_report: float = 0.0  # Unix time of its latest answer
    peak_rss: int = 0  # bytes
    peak_private: int = 0  # bytes, the largest of the samples taken after each chunk (batch)
    died: str | None = None  # how it ended, if it did not exit normally


CoderFactory = Callable[[Settings], Coder]


# -- the worker process ---------------------------------------------------------------
def private_memory() -> int:
    """Resident bytes of this process that no other process maps (0 where unknown).

    Unlike the resident set, it leaves out shared libraries and, in a Ray actor, the
    object store's shared memory.
    """
    total = 0
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    total += int(line.split()[1]) * 1024  # kB
    except (OSError, ValueError):
        return 0
    return total


def _usage() -> tuple[float, int, int]:
    """CPU seconds, peak resident memory and current private memory (bytes) of this process."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    return time.process_time(), peak, private_memory()


def _encode(outcome: Outcome) -> tuple[str, ...]:
    if isinstance(outcome, StageError):
        return ("error", outcome.doc_id, outcome.stage, outcome.problem)
    return ("ok", outcome.model_dump_json())  # far cheaper to make than a pickle of the pydantic tree


def _decode(item: tuple[str, ...]) -> Outcome:
    if item[0] == "error":
        return StageError(item[1], item[2], item[3])
    return DocumentResult.model_validate_json(item[1])


def _serve(
    tasks: Connection, results: Connection, settings: Settings, factory: CoderFactory, doc_timeout: float
) -> None:
    """Worker main: build the coder once, then code chunks until told to stop (``None``) or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    try:
        coder = factory(settings)
    except Exception as exc:  # reported to the main process, which raises it there
        results.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    results.send(("ready", os.getpid(), *_usage()))
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def receive() -> None:  # drains the task pipe so the main process never blocks sending
        try:
            while (message := tasks.recv()) is not None:
                inbox.put(message)
        except (EOFError, OSError):  # the main process is gone
            pass
        inbox.put(None)

    threading.Thread(target=receive, daemon=True).start()
    idle = 0.0  # seconds spent waiting: for the next chunk after finishing one, or to hand an answer over
    waited = False
    while True:
        began = time.perf_counter()
        task = inbox.get()
        if waited:
            idle += time.perf_counter() - began
        if task is None:
            return
        run_id, start, articles = task
        encoded = [_encode(o) for o in code_batch(coder, articles, doc_timeout)]
        waited = True
        # Sent before the next chunk begins: if this process dies later, the answer is already in
        # the pipe, so the main process knows exactly which chunk was being coded.
        began = time.perf_counter()
        try:
            results.send(("done", run_id, start, encoded, idle, *_usage()))
        except OSError:  # the main process is gone
            return
        idle += time.perf_counter() - began  # a full pipe: the main process is behind (reported next time)


def _pipeline(settings: Settings) -> Coder:
    return Pipeline(settings)


# -- the main process ------------------------------------------------------------------
@dataclass
class _Chunk:
    run_id: int
    start: int  # input position of the first article
    articles: list[Article]
    crashes: int = 0  # worker deaths while its article was being coded (set on single-article chunks)


@dataclass(eq=False)  # a worker is itself, whatever it holds
class _Worker:
    process: BaseProcess
    tasks: Connection
    results: Connection
    spawned: float
    stats: WorkerStats
    ready: bool = False
    assigned: deque[_Chunk] = field(default_factory=deque)  # sent, not yet answered, in the order sent
    since: float = 0.0  # monotonic time from which it has been coding the first chunk it holds (at the latest)
    overdue: str | None = None  # why the pool killed it, when it did


@dataclass
class _Run:
    """The state of one ``run``: queued chunks and finished outcomes by input position."""

    run_id: int
    queue: deque[_Chunk] = field(default_factory=deque)
    done: dict[int, Outcome] = field(default_factory=dict)
    exhausted: bool = False


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exited with code {exitcode}"


class LocalCoder:
    """Code articles on ``workers`` processes; use as a context manager (it owns the processes).

    ``factory`` builds each worker's coder from ``settings`` (default: ``Pipeline``); it must
    be a module-level function, since workers are fresh interpreters (``spawn``).
    ``doc_timeout``: seconds one document may take before it is set aside (0: no limit).
    """

    def __init__(
        self,
        workers: int,
        settings: Settings | None = None,
        chunk_size: int = 8,
        *,
        max_crashes: int = 2,
        read_ahead: int = 256,
        factory: CoderFactory = _pipeline,
        doc_timeout: float = DEFAULT_DOC_TIMEOUT,
    ) -> None:
        if workers < 1:
            raise BackchannelError(f"workers must be at least 1, got {workers}")
        if max_crashes < 1:
            raise BackchannelError(f"max_crashes must be at least 1, got {max_crashes}")
        if not doc_timeout >= 0:
            raise BackchannelError(f"doc_timeout must be 0 (no limit) or more seconds, got {doc_timeout}")
        self.workers = workers
        self.settings = settings or Settings()
        self.chunk_size = max(1, chunk_size)
        self.max_crashes = max_crashes
        self.read_ahead = max(read_ahead, 2 * workers * self.chunk_size)
        self.factory = factory
        self.doc_timeout = doc_timeout
        self.restarts = 0  # workers started to replace dead ones
        self.retried = 0  # documents queued again after their worker died
        self._context = multiprocessing.get_context("spawn")  # never a fork of a process holding DuckDB
        self._pool: list[_Worker] | None = None
        self._finished: list[WorkerStats] = []
        self._runs = 0
        self._running = False
        self._startup_deaths = 0

    # -- pool life cycle -------------------------------------------------------------
    def __enter__(self) -> LocalCoder:
        self._pool = []
        try:
            for _ in range(self.workers):
                self._pool.append(self._spawn())
        except BaseException:
            self.close(wait=False)
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(wait=exc_type is None)

    def close(self, wait: bool = True) -> None:
        """Stop the workers: idle ones are told to exit (``wait``), the others are killed at once."""
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        leaving = []
        for worker in pool:
            if wait and worker.ready and not worker.assigned:
                with contextlib.suppress(OSError):
                    worker.tasks.send(None)
                    leaving.append(worker)
        for worker in pool:
            worker.process.join(timeout=30 if worker in leaving else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.tasks.close()
            worker.results.close()
            self._finished.append(worker.stats)

    def _spawn(self) -> _Worker:
        task_reader, task_writer = self._context.Pipe(duplex=False)
        result_reader, result_writer = self._context.Pipe(duplex=False)
        with contextlib.suppress(OSError, AttributeError):  # Linux: room for a chunk's answer, so workers rarely wait
            fcntl.fcntl(result_reader.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        process = self._context.Process(
            target=_serve,
            args=(task_reader, result_writer, self.settings, self.factory, self.doc_timeout),
            name="backchannel-coder",
            daemon=True,
        )
        process.start()
        task_reader.close()  # the worker's ends: closing ours lets each side see the other die
        result_writer.close()
        assert process.pid is not None  # set by start()
        return _Worker(process, task_writer, result_reader, time.perf_counter(), WorkerStats(pid=process.pid))

    def _live(self) -> list[_Worker]:
        if self._pool is None:
            raise BackchannelError("LocalCoder must be used inside `with LocalCoder(...) as coder:`")
        return self._pool

    @property
    def pids(self) -> list[int]:
        """Process ids of the current workers."""
        return [w.stats.pid for w in self._live()]

    def stats(self) -> list[WorkerStats]:
        """Every worker this coder has run, the current ones last."""
        return [*self._finished, *(w.stats for w in self._pool or [])]

    def wait_ready(self) -> list[WorkerStats]:
        """Block until every worker has built its pipeline; their stats (start-up seconds)."""
        pool = self._live()
        while not all(w.ready for w in pool):
            self._collect(None)
            pool = self._live()
        return [w.stats for w in pool]

    # -- coding ----------------------------------------------------------------------
    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """One ``DocumentResult`` or ``StageError`` per article, in input order."""
        self._live()
        if self._running:
            raise BackchannelError("LocalCoder.run is already in progress; finish it before starting another")
        self._running = True
        self._runs += 1
        state = _Run(self._runs)
        source = iter(articles)
        taken = handed = 0  # articles read from the input / handed back
        try:
            while True:
                while not state.exhausted and taken - handed < self.read_ahead:
                    batch = list(islice(source, self.chunk_size))
                    if not batch:
                        state.exhausted = True
                        break
                    state.queue.append(_Chunk(state.run_id, taken, batch))
                    taken += len(batch)
                self._dispatch(state)
                while handed in state.done:
                    yield state.done.pop(handed)
                    handed += 1
                if state.exhausted and handed == taken:
                    return
                self._collect(state)
        finally:
            self._running = False

    def _next_chunk(self, state: _Run) -> _Chunk:
        """The head of the queue; once the input has run out, cut so that all workers finish together."""
        chunk = state.queue.popleft()
        if state.exhausted and len(chunk.articles) > 1:
            queued = sum(len(c.articles) for c in state.queue) + len(chunk.articles)
            size = max(1, min(len(chunk.articles), math.ceil(queued / (2 * self.workers))))
            if size < len(chunk.articles):
                rest = _Chunk(chunk.run_id, chunk.start + size, chunk.articles[size:], chunk.crashes)
                state.queue.appendleft(rest)
                chunk = _Chunk(chunk.run_id, chunk.start, chunk.articles[:size], chunk.crashes)
        return chunk

    def _dispatch(self, state: _Run) -> None:
        """Give every ready worker up to two chunks (one to code, one waiting)."""
        for worker in self._live():
            while worker.ready and len(worker.assigned) < 2 and state.queue:
                chunk = self._next_chunk(state)
                if not worker.assigned:
                    worker.since = time.monotonic()
                worker.assigned.append(chunk)
                try:
                    worker.tasks.send((chunk.run_id, chunk.start, chunk.articles))
                except OSError:  # it died; _collect sees its sentinel and queues the chunk again
                    break

    def _collect(self, state: _Run | None) -> None:
        """Wait for messages or deaths of workers and act on them."""
        pool = self._live()
        by_handle: dict[Connection | int, _Worker] = {}
        for worker in pool:
            by_handle[worker.results] = worker
            by_handle[worker.process.sentinel] = worker
        dead: list[_Worker] = []
        for handle in wait(list(by_handle), self._until_overdue(pool)):
            worker = by_handle[handle]  # type: ignore[index]  # wait() returns the handles it was given
            if worker in dead:
                continue
            if handle is worker.results:
                try:
                    self._receive(worker, worker.results.recv(), state)
                    continue
                except (EOFError, OSError):
                    pass
            else:
                self._drain(worker, state)  # messages it sent before it died still count
            worker.process.join()
            dead.append(worker)
        dead += [w for w in self._kill_overdue(pool, state) if w not in dead]
        for worker in dead:
            self._replace(worker, state)

    def _allowed(self, worker: _Worker) -> float:
        """Seconds ``worker`` may take over the first chunk it holds before it is killed."""
        limit = len(worker.assigned[0].articles) * self.doc_timeout
        return limit + max(self.doc_timeout, _MIN_GRACE)

    def _until_overdue(self, pool: list[_Worker]) -> float | None:
        """Seconds until the first busy worker is overdue (None: no limit, or no worker is busy)."""
        if self.doc_timeout <= 0:
            return None
        ends = [w.since + self._allowed(w) for w in pool if w.assigned]
        return max(0.0, min(ends) - time.monotonic()) if ends else None

    def _kill_overdue(self, pool: list[_Worker], state: _Run | None) -> list[_Worker]:
        """Kill the workers stuck past their time (a hang in C code, which no timer in them breaks)."""
        if self.doc_timeout <= 0:
            return []
        killed = []
        now = time.monotonic()
        for worker in pool:
            if not worker.assigned or now - worker.since < self._allowed(worker):
                continue
            if worker.results.poll() or not worker.process.is_alive():
                continue  # it has answered or died: the next wait sees it
            documents = len(worker.assigned[0].articles)
            worker.overdue = (
                f"timed out: no result after {now - worker.since:.0f} s for {documents} document(s) "
                f"of at most {self.doc_timeout:g} s each; killed"
            )
            worker.process.kill()
            worker.process.join()
            self._drain(worker, state)  # an answer sent at the last moment still counts
            killed.append(worker)
        return killed

    def _drain(self, worker: _Worker, state: _Run | None) -> None:
        try:
            while worker.results.poll():
                self._receive(worker, worker.results.recv(), state)
        except (EOFError, OSError):  # a message cut short by the death
            pass

    def _receive(self, worker: _Worker, message: tuple[Any, ...], state: _Run | None) -> None:
        kind = message[0]
        stats = worker.stats
        if kind == "failed":
            raise WorkerCrashed(f"a worker process could not build its pipeline: {message[1]}")
        if kind == "ready":
            _, _pid, stats.startup_cpu, stats.peak_rss, private = message
            stats.peak_private = max(stats.peak_private, private)
            stats.cpu = stats.startup_cpu
            stats.startup = time.perf_counter() - worker.spawned
            worker.ready = True
            self._startup_deaths = 0
            return
        _, run_id, start, encoded, stats.idle, stats.cpu, stats.peak_rss, private = message
        stats.peak_private = max(stats.peak_private, private)
        stats.last_report = time.time()
        chunk = worker.assigned.popleft()
        worker.since = time.monotonic()  # the next chunk, if it holds one, is being coded from now
        assert (chunk.run_id, chunk.start) == (run_id, start)  # a worker answers in the order it was sent
        stats.documents += len(encoded)
        if state is None or run_id != state.run_id:
            return  # the answer to a run its caller abandoned
        for offset, item in enumerate(encoded):
            state.done.setdefault(start + offset, _decode(item))

    def _replace(self, worker: _Worker, state: _Run | None) -> None:
        """Queue again what a dead worker held, and start a fresh worker in its place."""
        how = worker.overdue or _death(worker.process.exitcode)
        worker.stats.died = how
        if not worker.ready:
            self._startup_deaths += 1
            if self._startup_deaths >= _MAX_STARTUP_DEATHS:
                raise WorkerCrashed(f"{self._startup_deaths} worker processes in a row died while starting ({how})")
        if state is not None and worker.assigned:
            self._requeue(list(worker.assigned), how, state)
        pool = self._live()
        worker.tasks.close()
        worker.results.close()
        self._finished.append(worker.stats)
        pool[pool.index(worker)] = self._spawn()
        self.restarts += 1

    def _requeue(self, held: list[_Chunk], how: str, state: _Run) -> None:
        """Queue a dead worker's chunks of this run again; the one it was coding, article by article."""
        coding, *waiting = held  # a worker codes its chunks in the order they were sent
        again: list[_Chunk] = []
        if coding.run_id != state.run_id:  # it died on an abandoned run's chunk: nothing of ours to blame
            waiting = held
        else:
            for offset, article in enumerate(coding.articles):
                position = coding.start + offset
                crashes = coding.crashes + 1 if len(coding.articles) == 1 else 1
                if len(coding.articles) == 1 and crashes >= self.max_crashes:
                    state.done[position] = StageError(
                        article.doc_id,
                        "worker",
                        f"document {article.doc_id!r}: worker processes died {crashes} times while coding this "
                        f"document, the last time with it alone ({how}); set aside as a poisoned document",
                    )
                    continue
                again.append(_Chunk(coding.run_id, position, [article], crashes))  # alone, to find the culprit
        again += [c for c in waiting if c.run_id == state.run_id]
        self.retried += sum(len(c.articles) for c in again)
        state.queue.extendleft(reversed(again))
