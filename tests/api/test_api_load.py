"""The API under load, small: a real server on 127.0.0.1, concurrent clients, a document posted meanwhile.

``make loadtest`` is the full-size run (50 clients for 60 s on a million events, numbers in the README); these
are its mechanisms at a size ``make test`` affords, asserting no latency, only that every request is answered
and that what was written is read back.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import httpx
import pytest
import uvicorn

from backchannel.api import ApiSettings, create_app

TOKEN = "load-t0ken"
READS = (
    "/events?limit=5",
    "/network",
    "/events?limit=5&type=CONSULT",
    "/dyads?type=CONSULT",
    "/events?limit=10&since=2023-01-01&until=2024-12-31",
    "/timeline?by=month",
    "/events?limit=3&actor=USA",
    "/network?type=CONSULT,AGREE&max_nodes=20",
    "/fused-events?limit=5",
    "/events?limit=5&status=any&totals=true",
)
POSTED = (
    "Hamas political bureau chief Ismail Haniyeh met the Chinese Ambassador in Doha on Monday to discuss the truce "
    "proposal, the movement said. Qatar's prime minister also met the Egyptian intelligence chief in Cairo."
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clients(base: str, clients: int, rounds: int, during: Callable[[], None] | None = None) -> list[tuple[str, int]]:
    """``clients`` threads, each asking every path of READS ``rounds`` times (from a different start); returns
    (path, status) of every answer, 0 for a transport error. ``during`` runs once the clients are under way."""
    started = threading.Barrier(clients + 1)

    def one(n: int) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        with httpx.Client(base_url=base, timeout=120) as http:
            started.wait()
            for k in range(rounds * len(READS)):
                path = READS[(n + k) % len(READS)]
                try:
                    out.append((path, http.get(path).status_code))
                except httpx.TransportError:
                    out.append((path, 0))
        return out

    with ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(one, n) for n in range(clients)]
        started.wait()
        if during is not None:
            during()
        return [answer for f in futures for answer in f.result()]


@pytest.fixture()
def writable_server(stub_db: Callable[[str, int], Path], stubcoder: ModuleType, tmp_path: Path) -> Iterator[str]:
    """The single writer's server (one process, a write token), in a thread of this process."""
    db = tmp_path / "load.duckdb"
    shutil.copy(stub_db("load", 20), db)
    app = create_app(db, ApiSettings(token=TOKEN), coder_factory=lambda: (stubcoder.StubCoder(), stubcoder.VERSION))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the server stopped before it started")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)


def test_a_document_posted_while_many_clients_read_is_stored_and_read_back(writable_server: str) -> None:
    base = writable_server
    before = httpx.get(base + "/events", params={"totals": "true", "limit": 1}, timeout=60).json()
    network_before = httpx.get(base + "/network", timeout=60).json()
    posted: list[httpx.Response] = []

    def post() -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        body = {"text": POSTED, "date": "2024-03-04", "source": "load"}
        posted.append(httpx.post(base + "/documents", json=body, headers=headers, timeout=120))

    answers = _clients(base, clients=12, rounds=3, during=post)
    assert [a for a in answers if a[1] != 200] == [] and len(answers) == 12 * 3 * len(READS)
    assert posted[0].status_code == 201, posted[0].text
    created = posted[0].json()
    assert created["events"] > 0
    document = httpx.get(base + f"/documents/{created['doc_id']}", timeout=60)
    assert document.status_code == 200 and document.json()["text"] == POSTED
    after = httpx.get(base + "/events", params={"totals": "true", "limit": 1}, timeout=60).json()
    assert after["total_mentions"] == before["total_mentions"] + created["events"]
    listed = httpx.get(base + "/events", params={"q": "Haniyeh", "since": "2024-03-04", "limit": 50}, timeout=60)
    assert created["doc_id"] in {e["doc_id"] for e in listed.json()["items"]}
    assert httpx.get(base + "/network", timeout=60).json() != network_before  # no answer cached from before


def test_two_read_only_workers_answer_many_clients_and_refuse_writes(
    stub_db: Callable[[str, int], Path], tmp_path: Path
) -> None:
    db = tmp_path / "workers.duckdb"
    shutil.copy(stub_db("workers", 20), db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "BACKCHANNEL_TOKEN"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2] / "src"), env.get("PYTHONPATH", "")])
    script = "import sys; from backchannel.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", script, "serve", "--db", str(db), "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        health = None
        deadline = time.monotonic() + 300  # against a server that never answers, not a measure of its speed
        while health is None and server.poll() is None and time.monotonic() < deadline:
            try:
                health = httpx.get(base + "/health", timeout=5).json()
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health["writable"] is False, server.stderr.read() if server.stderr else None
        answers = _clients(base, clients=12, rounds=2)
        assert [a for a in answers if a[1] != 200] == [] and len(answers) == 12 * 2 * len(READS)
        refused = httpx.post(base + "/documents", json={"text": POSTED}, timeout=60)
        assert refused.status_code == 403
    finally:
        server.terminate()
        server.wait(timeout=60)
        if server.stderr:
            server.stderr.close()
