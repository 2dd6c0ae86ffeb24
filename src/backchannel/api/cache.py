"""A response cache for the aggregate endpoints, keyed by the database's last ingest run and the query.

``/network``, ``/dyads``, ``/timeline`` and ``/overview`` read every event matching a filter: on a million events
each takes a large part of a second, and the dashboard asks the same few questions again and again.  Their
successful answers are kept (least recently used first out) under (data version, path, query string): the data
version is the last ingest run of the database when the server opened it, and moves on with each document this
server writes (``POST /documents``), so an answer is never served after the data it was computed from changed.
A read-only server sees no new data until it is restarted (DuckDB lets no other process write the file while
readers hold it open), so its version never moves.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CACHED_PATHS", "AggregateCache", "ResponseCache"]

CACHED_PATHS = frozenset({"/network", "/dyads", "/timeline", "/overview"})

Key = tuple[int, str, bytes]
Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class ResponseCache:
    """Thread-safe least-recently-used store of (status, headers, body) by key."""

    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

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
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


class AggregateCache:
    """ASGI middleware: answer a GET of a cached path from ``cache`` when the data version has not moved."""

    def __init__(
        self, app: ASGIApp, version: Callable[[], int], cache: ResponseCache, paths: frozenset[str] = CACHED_PATHS
    ) -> None:
        self.app = app
        self.version = version
        self.cache = cache
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") not in self.paths:
            await self.app(scope, receive, send)
            return
        key: Key = (self.version(), str(scope["path"]), bytes(scope.get("query_string") or b""))
        found = self.cache.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))
                if not message.get("more_body") and start is not None and start["status"] == 200:
                    self.cache.put(key, (200, list(start.get("headers", [])), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, keep)
