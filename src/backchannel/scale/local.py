"""The ``local`` engine: one ``Pipeline`` per worker process, results back in input order.

``LocalCoder`` is a ``Coder`` (``run(articles)`` yields one result per article, in order),
so ``backchannel.store.ingest`` uses it exactly like a single ``Pipeline``: the main
process stays the one database writer, skips known content hashes before coding, and
sends failures to ``dead_letters``.  Articles go to the workers in chunks, with at most
``2 * workers`` chunks in flight, so memory stays flat on inputs of any length.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from types import TracebackType

from backchannel.errors import BackchannelError
from backchannel.pipeline import Pipeline, Settings
from backchannel.records import Article
from backchannel.scale.batch import Outcome, code_batch

__all__ = ["LocalCoder", "WorkerCrashed"]


class WorkerCrashed(BackchannelError):
    """A worker process died (killed, or out of memory) and the run cannot go on."""


@lru_cache(maxsize=1)
def _pipeline(settings: Settings) -> Pipeline:
    """The worker process's pipeline, built once on first use."""
    return Pipeline(settings)


def _warm(settings: Settings) -> None:
    _pipeline(settings)


def _code_chunk(settings: Settings, articles: list[Article]) -> list[Outcome]:
    return code_batch(_pipeline(settings), articles)


class LocalCoder:
    """Code articles on ``workers`` processes; use as a context manager (it owns the pool)."""

    def __init__(self, workers: int, settings: Settings | None = None, chunk_size: int = 8) -> None:
        if workers < 1:
            raise BackchannelError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self.settings = settings or Settings()
        self.chunk_size = max(1, chunk_size)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalCoder:
        # spawn: a fresh interpreter per worker, never a fork of a process holding DuckDB or threads
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(self.settings,),
        )
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _chunks(self, articles: Iterable[Article]) -> Iterator[list[Article]]:
        chunk: list[Article] = []
        for article in articles:
            chunk.append(article)
            if len(chunk) >= self.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """One ``DocumentResult`` or ``StageError`` per article, in input order."""
        if self._pool is None:
            raise BackchannelError("LocalCoder must be used inside `with LocalCoder(...) as coder:`")
        pool = self._pool
        window: deque[Future[list[Outcome]]] = deque()
        try:
            for chunk in self._chunks(articles):
                window.append(pool.submit(_code_chunk, self.settings, chunk))
                if len(window) >= 2 * self.workers:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()
        except BrokenProcessPool as exc:
            raise WorkerCrashed(f"a worker process died; the documents in flight were not coded: {exc}") from exc
        finally:
            for future in window:
                future.cancel()
