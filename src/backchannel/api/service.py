"""The API's handle on one database: a single ``Store`` per process, cursors per request.

DuckDB allows one writer process, so the service opens the file once: writable when
a write token is configured (``POST /documents`` then writes through this process's
single writer, serialised by the store's lock), read-only otherwise.

Writes have a thread of their own (``ingest_async``): a document posted while fifty clients read is coded and
stored at once, not queued behind the reads in the server's shared thread pool.
"""

from __future__ import annotations

import asyncio
import hmac
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
from fastapi import Request

from backchannel.api.errors import ApiError
from backchannel.api.settings import ApiSettings
from backchannel.fusion.incremental import fuse_documents
from backchannel.records import Article
from backchannel.store import Coder, Store, StoreError, document_hash, ingest

__all__ = [
    "CoderFactory",
    "IngestOutcome",
    "Refresh",
    "StoreService",
    "get_service",
    "read_connection",
    "require_token",
]

CoderFactory = Callable[[], tuple[Coder, str]]
Refresh = Callable[[int, int], Awaitable[object]]


def _default_coder() -> tuple[Coder, str]:
    from backchannel.pipeline import PIPELINE_VERSION, Pipeline

    return Pipeline(), PIPELINE_VERSION


@dataclass(frozen=True)
class IngestOutcome:
    doc_id: str
    created: bool
    events: int
    errors: tuple[str, ...]


class StoreService:
    """Opens the database on first use and hands out read cursors and the writer."""

    def __init__(self, db_path: str | Path, settings: ApiSettings, coder_factory: CoderFactory | None = None) -> None:
        self.db_path = str(db_path)
        self.settings = settings
        self.writable = settings.token is not None
        self._coder_factory = coder_factory or _default_coder
        self._coder: tuple[Coder, str] | None = None
        self._store: Store | None = None
        self._reader: duckdb.DuckDBPyConnection | None = None  # read cursors are made from it
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()  # one document coded and written at a time
        self._version: int | None = None  # the data version the aggregate cache keys by
        self._writer: ThreadPoolExecutor | None = None  # the thread POST /documents codes and writes in
        self._publishing = asyncio.Lock()
        # computes the cached answers of the data version given first under the second (set by create_app)
        self.refresh: Refresh | None = None

    def version(self) -> int:
        """The database's last ingest run when opened, moved on by every write of this server."""
        if self._version is None:
            last = self._last_run()  # outside the lock: the cursor takes it to open the store
            with self._lock:
                if self._version is None:
                    self._version = last
        return self._version

    def _last_run(self) -> int:
        con = self.cursor()
        try:
            row = con.execute("SELECT coalesce(max(run_id), 0) FROM ingest_runs").fetchone()
        except duckdb.Error:
            return 0
        finally:
            con.close()
        return int(row[0]) if row else 0

    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = Store.open(self.db_path, read_only=not self.writable)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.shutdown(wait=True)
                self._writer = None
            if self._reader is not None:
                self._reader.close()
                self._reader = None
            if self._store is not None:
                self._store.close()
                self._store = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A read cursor, made from a connection of its own: never queued behind a statement of the writer."""
        store = self.store()
        with self._lock:
            if self._reader is None:
                self._reader = store.cursor()
            reader = self._reader
        return reader.cursor()

    def check_token(self, authorization: str | None) -> None:
        expected = self.settings.token
        if expected is None:
            raise ApiError(403, "writes_disabled", "writes are disabled: the server has no BACKCHANNEL_TOKEN")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise ApiError(
                401, "unauthorized", "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
            )

    def preload(self) -> None:
        """Open the store and, when writes are on, build the coder: before the first request, not in it.

        A database that cannot be opened now is left for the requests to report (503), as before.
        """
        if self.writable:
            self._coder_pair()
        try:
            self.store()
        except StoreError:
            return
        self.version()

    def _coder_pair(self) -> tuple[Coder, str]:
        with self._lock:
            if self._coder is None:
                self._coder = self._coder_factory()
            return self._coder

    async def ingest_async(self, article: Article) -> IngestOutcome:
        """``ingest`` in the writer's own thread (never queued behind reads in the shared thread pool), then the
        write is published: the cached answers most in use are computed afresh (``refresh``) while the others
        are still served from the data before the write, and only then does the data version move on.

        Until this returns no client has been told of the write, so the answers served meanwhile are not stale
        for anyone; afterwards the busiest questions are answered from the cache at once, not by every client
        queueing behind their computation.
        """
        with self._lock:
            if self._writer is None:
                self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="backchannel-writer")
            writer = self._writer
        async with self._publishing:  # one write published at a time, in the order they were made
            try:
                return await asyncio.get_running_loop().run_in_executor(writer, self._write, article)
            finally:
                current = self.version()
                if self.refresh is not None:
                    await self.refresh(current, current + 1)
                self._move_version(current + 1)

    def ingest(self, article: Article) -> IngestOutcome:
        """Code and store one article through the single writer (cached answers are not served again)."""
        try:
            return self._write(article)
        finally:
            self._move_version(self.version() + 1)

    def _move_version(self, version: int) -> None:
        with self._lock:
            self._version = version

    def _write(self, article: Article) -> IngestOutcome:
        store = self.store()
        coder, version = self._coder_pair()
        digest = document_hash(article.text)
        with self._write_lock:
            summary = ingest(store, [article], coder, version, inputs=["<api>"])
            doc_id = store.doc_id_for_hash(digest) or article.doc_id
            if summary.documents:  # the fused layer follows: the document is in the default views at once
                fuse_documents(store, [doc_id])
        return IngestOutcome(doc_id, summary.documents == 1, summary.events, tuple(summary.errors))


def get_service(request: Request) -> StoreService:
    service: StoreService = request.app.state.service
    return service


def read_connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for one request, closed when the response is done."""
    con = get_service(request).cursor()
    try:
        yield con
    finally:
        con.close()


async def require_token(request: Request) -> None:
    """Checked on the event loop (no thread): a write is not queued behind reads for its token check."""
    get_service(request).check_token(request.headers.get("authorization"))
