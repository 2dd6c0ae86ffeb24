"""A response cache for the read endpoints, keyed by the database's last ingest run and the query.

``/network``, ``/dyads``, ``/timeline`` and ``/overview`` read every event matching a filter, and a page of
``/events`` or ``/fused-events`` sorts every matching row by date: on a million events each takes from a tenth to
a large part of a second, and the dashboard asks the same few questions again and again.  Their successful
answers are kept (least recently used first out, within a number of entries and of bytes) under (data version,
path, query string): the data version is the last ingest run of the database when the server opened it, and
moves on with each document this server writes (``POST /documents``) before that write is answered, so no
answer from before a write is served to a client that could know of it.  A read-only server sees no new data
until it is restarted (DuckDB lets no other process write the file while readers hold it open), so its version
never moves.

A write is published with its cache refreshed (``refresh``): before the version moves on, the answers most in
use are computed again from the new data and kept under the next version, so after a write the busy questions
are still answered from memory.  Misses are computed once (single flight): when many clients ask the same
question at once -- at start, or for an answer the refresh did not cover -- the first computes it and the others
wait for it instead of each running the same query (on two cores, fifty copies of a 100 ms query take 5 s).
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CACHED_PATHS", "DEFAULT_MAX_BYTES", "REFRESH", "AggregateCache", "ResponseCache", "refresh"]

# The aggregates, the analyses and the listings: each answer is a function of the data and the query (a page's
# cursor included), so the database's version and the query string key it.
CACHED_PATHS = frozenset(
    {
        "/network",
        "/dyads",
        "/dyad-series",
        "/timeline",
        "/overview",
        "/mediators",
        "/channels",
        "/positions",
        "/actors",
        "/events",
        "/fused-events",
    }
)
DEFAULT_MAX_BYTES = 256 * 1024 * 1024  # a /network answer over a million events is ~0.3 MB
REFRESH = "backchannel.cache_refresh"  # ASGI scope key: compute this GET afresh, keep it under the version given

Key = tuple[int, str, bytes]
Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class ResponseCache:
    """Thread-safe least-recently-used store of (status, headers, body) by key, bounded in entries and bytes."""

    def __init__(self, max_entries: int = 512, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.shared = 0  # misses answered by another request's computation (single flight)

    def get(self, key: Key) -> Entry | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Key, entry: Entry) -> None:
        size = len(entry[2])
        if self.max_entries <= 0 or size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[2])
            self._entries[key] = entry
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped[2])

    def recent(self, version: int, limit: int) -> list[tuple[str, bytes]]:
        """(path, query) of the ``limit`` entries of ``version`` used most recently, most recent first."""
        with self._lock:
            keys = [k for k in reversed(self._entries) if k[0] == version]
        return [(path, query) for _, path, query in keys[:limit]]

    def __len__(self) -> int:
        return len(self._entries)


class AggregateCache:
    """ASGI middleware: answer a GET of a cached path from ``cache`` when the data version has not moved.

    A miss that another request is already computing waits for that answer (one computation per key at a time).
    """

    def __init__(
        self, app: ASGIApp, version: Callable[[], int], cache: ResponseCache, paths: frozenset[str] = CACHED_PATHS
    ) -> None:
        self.app = app
        self.version = version
        self.cache = cache
        self.paths = paths
        self._flights: dict[Key, asyncio.Future[Entry | None]] = {}  # keys being computed, on this event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        forced = scope.get(REFRESH)
        version = self.version() if forced is None else int(forced)
        key: Key = (version, str(scope["path"]), bytes(scope.get("query_string") or b""))
        if forced is not None:
            await self._compute(key, scope, receive, send)
            return
        found = self.cache.get(key)
        flight = self._flights.get(key) if found is None else None
        if flight is not None:
            found = await asyncio.shield(flight)  # None: that request failed; this one computes its own answer
            self.cache.shared += found is not None
        if found is not None:
            await _replay(found, send)
            return
        await self._compute(key, scope, receive, send)

    async def _compute(self, key: Key, scope: Scope, receive: Receive, send: Send) -> None:
        flight: asyncio.Future[Entry | None] = asyncio.get_running_loop().create_future()
        self._flights.setdefault(key, flight)
        start: Message | None = None
        chunks: list[bytes] = []
        kept: Entry | None = None

        async def keep(message: Message) -> None:
            nonlocal start, kept
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body") and start is not None and start["status"] == 200:
                    kept = (200, list(start.get("headers", [])), b"".join(chunks))
                    self.cache.put(key, kept)
            await send(message)

        try:
            await self.app(scope, receive, keep)
        finally:
            if self._flights.get(key) is flight:
                del self._flights[key]
            flight.set_result(kept)


async def _replay(entry: Entry, send: Send) -> None:
    status, headers, body = entry
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def refresh(app: ASGIApp, cache: ResponseCache, old: int, new: int, limit: int = 32, parallel: int = 2) -> int:
    """Compute again, through ``app``, the ``limit`` answers of version ``old`` used most recently, and keep them
    under version ``new``; ``parallel`` at a time.  Returns how many were kept.

    A question that fails now (a 500, a closed database) is left to be computed when it is next asked.
    """
    gate = asyncio.Semaphore(parallel)
    kept = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def one(path: str, query: bytes) -> None:
        nonlocal kept
        status = 0

        async def send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])

        scope: Scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
            "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query,
            "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0),
            "state": {}, REFRESH: new,
        }  # fmt: skip
        async with gate:
            try:
                await app(scope, receive, send)
            except Exception:  # the error middleware has answered 500: computed when next asked
                return
        kept += status == 200

    await asyncio.gather(*(one(path, query) for path, query in cache.recent(old, limit)))
    return kept
