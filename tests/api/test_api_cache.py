"""The aggregate endpoints answer a repeated query from memory until the data changes; errors are never kept."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from backchannel.api import ApiSettings, create_app
from backchannel.api.cache import AggregateCache, ResponseCache

TOKEN = "cache-t0ken"


def test_repeated_aggregate_queries_are_answered_from_the_cache_until_a_write(
    stub_db: Callable[[str, int], Path], stubcoder: ModuleType, tmp_path: Path
) -> None:
    db = tmp_path / "cache.duckdb"
    shutil.copy(stub_db("cache", 5), db)
    app = create_app(db, ApiSettings(token=TOKEN), coder_factory=lambda: (stubcoder.StubCoder(), stubcoder.VERSION))
    cache: ResponseCache = app.state.cache
    with TestClient(app) as client:
        first = client.get("/network", params={"type": "CONSULT"})
        again = client.get("/network", params={"type": "CONSULT"})
        assert first.status_code == again.status_code == 200 and first.json() == again.json()
        assert (cache.hits, cache.misses) == (1, 1)
        client.get("/dyads", params={"type": "CONSULT"})  # another path, another query: computed
        assert cache.misses == 2
        for _ in range(2):  # a refused query is answered anew each time
            assert client.get("/network", params={"type": "NOTATYPE"}).status_code == 422
        assert cache.hits == 1
        first_page = client.get("/events", params={"limit": 2})  # a page of a listing is kept too
        assert client.get("/events", params={"limit": 2}).json() == first_page.json()
        assert (cache.hits, cache.misses) == (2, 5)
        client.get("/events/no-such-event")  # one event by id is not
        assert (cache.hits, cache.misses) == (2, 5)
        text = "Ismail Haniyeh met the Chinese Ambassador in Doha on Monday to discuss the truce proposal."
        posted = client.post(
            "/documents", json={"text": text, "date": "2024-03-04"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert posted.is_success
        # the write computed the answers in use again before it was answered: new data, from the cache
        after = client.get("/network", params={"type": "CONSULT"})
        listed = client.get("/events", params={"limit": 2})
        assert after.json() != first.json() and listed.json() != first_page.json()
        assert cache.misses == 5
        assert client.get("/network", params={"type": "ASSAULT"}).status_code == 200  # asked first now: computed
        assert cache.misses == 6


def test_without_a_refresh_a_write_leaves_every_answer_to_be_computed_anew(
    stub_db: Callable[[str, int], Path], stubcoder: ModuleType, tmp_path: Path
) -> None:
    db = tmp_path / "cache.duckdb"
    shutil.copy(stub_db("norefresh", 5), db)
    settings = ApiSettings(token=TOKEN, cache_refresh=0)
    app = create_app(db, settings, coder_factory=lambda: (stubcoder.StubCoder(), stubcoder.VERSION))
    cache: ResponseCache = app.state.cache
    with TestClient(app) as client:
        first = client.get("/network")
        text = "Ismail Haniyeh met the Chinese Ambassador in Doha on Tuesday to discuss the prisoner exchange."
        posted = client.post("/documents", json={"text": text}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201 and posted.json()["events"] > 0
        after = client.get("/network")
        assert (cache.hits, cache.misses) == (0, 2) and after.json() != first.json()


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = ResponseCache(max_entries=2)
    for n in range(3):
        cache.put((0, "/network", str(n).encode()), (200, [], b"{}"))
    assert cache.get((0, "/network", b"0")) is None
    assert cache.get((0, "/network", b"1")) is not None and cache.get((0, "/network", b"2")) is not None


def test_the_cache_keeps_within_its_bytes() -> None:
    cache = ResponseCache(max_entries=10, max_bytes=10)
    cache.put((0, "/events", b"a"), (200, [], b"123456"))
    cache.put((0, "/events", b"b"), (200, [], b"123456"))  # 12 bytes in all: the older one goes
    assert cache.get((0, "/events", b"a")) is None and cache.get((0, "/events", b"b")) is not None
    cache.put((0, "/network", b""), (200, [], b"x" * 11))  # larger than the whole cache: not kept
    assert cache.get((0, "/network", b"")) is None and len(cache) == 1


class _SlowAnswer:
    """An ASGI app whose answers wait at a gate, counting how many it computed; ``fail`` answers 500 first."""

    def __init__(self, fail: bool = False) -> None:
        self.computed = 0
        self.fail = fail
        self.gate = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.computed += 1
        number = self.computed
        status = 500 if self.fail and number == 1 else 200
        await self.gate.wait()
        body = f'{{"answer": {number}}}'.encode()
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"json")]})
        await send({"type": "http.response.body", "body": body})


async def _ask(app: AggregateCache, path: str, query: bytes) -> tuple[int, bytes]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": []}
    await app(scope, receive, send)
    return int(sent[0]["status"]), b"".join(m.get("body", b"") for m in sent[1:])


async def _crowd(slow: _SlowAnswer, cache: ResponseCache, clients: int) -> list[tuple[int, bytes]]:
    app = AggregateCache(slow, version=lambda: 7, cache=cache)
    asks = [asyncio.create_task(_ask(app, "/network", b"type=CONSULT")) for _ in range(clients)]
    asks.append(asyncio.create_task(_ask(app, "/dyads", b"type=CONSULT")))  # another key: its own computation
    for _ in range(5):  # every request reaches the cache (or the gate) before the first answer is released
        await asyncio.sleep(0)
    slow.gate.set()
    return await asyncio.gather(*asks)


def test_many_clients_asking_the_same_question_at_once_share_one_computation() -> None:
    slow, cache = _SlowAnswer(), ResponseCache()
    answers = asyncio.run(_crowd(slow, cache, clients=20))
    assert slow.computed == 2  # one per key, not one per client
    assert {a for a in answers[:-1]} == {(200, b'{"answer": 1}')}
    assert cache.shared == 19


def test_a_failed_answer_is_not_shared_the_waiting_clients_compute_their_own() -> None:
    slow, cache = _SlowAnswer(fail=True), ResponseCache()
    answers = asyncio.run(_crowd(slow, cache, clients=5))
    assert answers[0][0] == 500 and all(status == 200 for status, _ in answers[1:])
    assert cache.shared == 0 and slow.computed == 6
