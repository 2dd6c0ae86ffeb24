"""The aggregate endpoints answer a repeated query from memory until the data changes; errors are never kept."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from fastapi.testclient import TestClient

from backchannel.api import ApiSettings, create_app
from backchannel.api.cache import ResponseCache

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
        client.get("/events")  # listings are not cached
        assert (cache.hits, cache.misses) == (1, 4)
        text = "Ismail Haniyeh met the Chinese Ambassador in Doha on Monday to discuss the truce proposal."
        posted = client.post(
            "/documents", json={"text": text, "date": "2024-03-04"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert posted.is_success
        after = client.get("/network", params={"type": "CONSULT"})  # the data moved on: computed anew
        assert cache.misses == 5 and after.json() != first.json()


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = ResponseCache(max_entries=2)
    for n in range(3):
        cache.put((0, "/network", str(n).encode()), (200, [], b"{}"))
    assert cache.get((0, "/network", b"0")) is None
    assert cache.get((0, "/network", b"1")) is not None and cache.get((0, "/network", b"2")) is not None
