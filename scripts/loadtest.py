"""``make loadtest``: 50 concurrent clients for 60 s against ``/events`` and ``/network`` of the real server.

1. Builds a synthetic database of ``--events`` coded events (``scripts/loadtest_db.py``), unless
   ``--db`` names one that exists.
2. Starts ``backchannel serve`` on 127.0.0.1 (a free port): with a write token and one process (the single
   writer; the pipeline loads before the first request), or ``--workers N`` read-only processes without one.
3. Runs wrk (Debian's ``wrk``) with ``--clients`` connections for ``--seconds``: each connection cycles
   through a mix of ``/events`` and ``/network`` requests with the filters the dashboard and API users
   send (none, type, actor, recipient, date window, status, a later page by cursor).
   Meanwhile (writable server) ``--posts`` documents are posted to ``POST /documents``, spread over the run:
   each must be accepted (201 or 200) -- its time is reported.
4. Prints requests/s, latency p50/p95/p99, the machine's load average and every error (socket errors,
   timeouts, any status but 200, a post not accepted), checks the server still answers ``/health``, stops it,
   and exits non-zero on any error.

Traffic stays on 127.0.0.1; the run ends by itself after ``--seconds``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from loadtest_db import build  # noqa: E402  # the sibling script, importable once its folder is on the path

EVENTS_PATHS = (
    "/events?limit=50",
    "/events?limit=50&type=ASSAULT",
    "/events?limit=50&actor=USA&since=2023-06-01",
    "/events?limit=50&status=asserted&type=CONSULT&since=2024-01-01&until=2024-12-31",
    "/events?limit=100&actor=Hamas&recipient=Israel",
    "/events?limit=50&since=2024-03-01&until=2024-03-31",
    "/events?limit=50&actor=China&type=CONSULT,AGREE",
)
NETWORK_PATHS = (
    "/network",
    "/network?type=CONSULT",
    "/network?since=2024-01-01&until=2024-01-31",
    "/network?actor=RUS",
    "/network?type=ASSAULT,COERCE&since=2023-10-01",
    "/network?max_nodes=50&status=asserted",
    "/network?recipient=Ukraine&since=2022-01-01",
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(base: str, server: subprocess.Popen[bytes], seconds: float = 600) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode} before answering")
        try:
            response = httpx.get(base + "/health", timeout=5)
            if response.status_code == 200:
                body: dict[str, object] = response.json()
                return body
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base}/health did not answer within {seconds:.0f} s")


def _paths(base: str, workers: int = 1) -> list[str]:
    """The request mix, events and network alternating, with a third page of /events by its cursor.

    Every path is asked before the clock starts, ``3 * workers`` times on new connections so that each worker
    process has most likely answered it once: the run measures the server warm (DuckDB's caches and each
    worker's response cache filled), not each worker's first answers.
    """
    cursor = None
    for _ in range(2):
        params = {"limit": 50, **({"cursor": cursor} if cursor else {})}
        cursor = httpx.get(base + "/events", params=params, timeout=60).json()["next_cursor"]
    events = [*EVENTS_PATHS, str(httpx.URL("/events", params={"limit": 50, "cursor": cursor}))]
    network = list(NETWORK_PATHS)
    mix = [p for pair in zip(events, network * 2, strict=False) for p in pair]
    for _ in range(3 * workers if workers > 1 else 1):
        for path in mix:  # every path answers 200 before the clock starts
            response = httpx.get(base + path, timeout=60)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:200]}")
    return mix


TOKEN = "loadtest-writer"
_POST = (
    "The foreign minister of Qatar met the head of Egyptian intelligence in Cairo on {day} March to discuss a "
    "ceasefire in Gaza and the release of hostages, officials said in report number {n}. Israel sent a delegation "
    "to the talks, and Hamas said it would study the proposal. The United States urged both sides to agree."
)


def _post_during(base: str, count: int, seconds: int, out: list[tuple[int, float]]) -> None:
    """Post ``count`` documents spread over ``seconds``; record (status, seconds) of each."""
    if count <= 0:
        return
    gap = seconds / (count + 1)
    for n in range(count):
        time.sleep(gap)
        body = {"text": _POST.format(day=1 + n % 28, n=n), "date": f"2024-03-{1 + n % 28:02d}", "source": "loadtest"}
        start = time.perf_counter()
        try:
            response = httpx.post(
                base + "/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=seconds + 60
            )
            out.append((response.status_code, time.perf_counter() - start))
        except httpx.HTTPError:
            out.append((0, time.perf_counter() - start))


def run(args: argparse.Namespace, db: Path, workdir: Path) -> dict[str, Any]:
    """Serve ``db``, load it with wrk and return wrk's numbers; the server's log goes to ``workdir``."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed: apt-get install -y wrk")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    serve = Path(sys.executable).with_name("backchannel")
    log = workdir / "serve.log"
    with log.open("wb") as handle:
        env = {k: v for k, v in os.environ.items() if k != "BACKCHANNEL_TOKEN"}
        writable = args.workers == 1 and args.posts > 0
        if writable:
            env["BACKCHANNEL_TOKEN"] = TOKEN
        server = subprocess.Popen(
            [str(serve), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(args.workers)],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
        )  # fmt: skip
        try:
            health = _wait_healthy(base, server)
            mix = _paths(base, args.workers)
            listing = workdir / "requests.paths"
            listing.write_text("\n".join(mix) + "\n", encoding="utf-8")
            command = [
                wrk, "-t", str(min(args.threads, args.clients)), "-c", str(args.clients), "-d", f"{args.seconds}s",
                "--timeout", f"{args.timeout}s", "-s", str(HERE / "loadtest.lua"), base, "--", str(listing),
            ]  # fmt: skip
            posts: list[tuple[int, float]] = []
            poster = threading.Thread(
                target=_post_during, args=(base, args.posts if writable else 0, args.seconds, posts), daemon=True
            )
            poster.start()
            load_before = os.getloadavg()
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.seconds + 120, check=False)
            poster.join(timeout=args.seconds + 120)
            if done.returncode != 0:
                raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()} (server log: {log})")
            line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("{"))
            numbers: dict[str, Any] = json.loads(line)
            after = httpx.get(base + "/health", timeout=30)
            numbers["health_after"] = after.status_code
            numbers["events_in_db"] = health.get("events")
            numbers["paths"] = mix
            numbers["posts"] = posts
            numbers["workers"] = args.workers
            numbers["load_average"] = [round(load_before[0], 2), round(os.getloadavg()[0], 2)]
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return numbers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="database to serve (built here if missing; default: a temporary one)")
    parser.add_argument("--events", type=int, default=1_000_000, help="events in a database built here")
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections (default 50)")
    parser.add_argument("--seconds", type=int, default=60, help="duration of the load (default 60)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument(
        "--timeout", type=int, default=30, help="seconds before wrk counts a request as timed out (an error)"
    )
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (more than 1: read-only, no posts; default 1)"
    )
    parser.add_argument("--posts", type=int, default=5, help="documents posted during the load (writable server)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="backchannel-loadtest-") as tmp:
        db = args.db or Path(tmp) / "loadtest.duckdb"
        if not db.exists():
            start = time.perf_counter()
            counts = build(db, args.events)
            print(f"built {db}: {counts['events']:,} events, {counts['documents']:,} documents "
                  f"in {time.perf_counter() - start:.0f} s")  # fmt: skip
        try:
            n = run(args, db, Path(tmp))
        except RuntimeError as exc:
            print(f"loadtest: {exc}", file=sys.stderr)
            return 2
    seconds = n["duration_us"] / 1e6
    requests = n["requests"]
    refused = [status for status, _ in n["posts"] if status not in (200, 201)]
    errors = sum(n[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts", "not_200")) + len(refused)
    ms = {k: n[f"{k}_us"] / 1000 for k in ("p50", "p95", "p99", "max")}
    print(
        f"wrk: {args.clients} clients, {seconds:.0f} s, /events and /network alternating "
        f"({len(n['paths'])} request kinds) on {n['events_in_db']:,} events; machine load average "
        f"{n['load_average'][0]:.1f} before, {n['load_average'][1]:.1f} after (other jobs included)"
    )
    print(
        f"  {requests:,} requests, {requests / seconds:.1f} requests/s; latency p50 {ms['p50']:.0f} ms, "
        f"p95 {ms['p95']:.0f} ms, p99 {ms['p99']:.0f} ms, max {ms['max']:.0f} ms"
    )
    print(
        f"  errors: {errors} (non-200 {n['not_200']}, connect {n['connect_errors']}, read {n['read_errors']}, "
        f"write {n['write_errors']}, timeouts {n['timeouts']}); /health after the run: {n['health_after']}"
    )
    if n["posts"]:
        took = sorted(t for _, t in n["posts"])
        print(
            f"  POST /documents during the load: {len(n['posts']) - len(refused)}/{len(n['posts'])} accepted, "
            f"{took[0]:.1f}-{took[-1]:.1f} s each ({n['workers']} server process)"
        )
    if args.json:
        args.json.write_text(json.dumps(n, indent=2) + "\n", encoding="utf-8")
    return 0 if errors == 0 and n["health_after"] == 200 else 1


if __name__ == "__main__":
    raise SystemExit(main())
