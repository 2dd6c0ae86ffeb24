"""``python -m backchannel.bench_store``: ingest cost and API latency, measured in one command.

1. Ingest throughput into DuckDB relative to ``extract`` alone, on the same documents in the
   same process (target: ingest >= 0.9x extract).
2. API latency on a large database: the coded events are replicated with shifted dates up to
   ``--events`` rows (default 1,000,000), then ``/events`` and ``/network`` are requested with a
   mix of filters through the ASGI app in-process; p50/p95/p99 are reported (target p95 < 200 ms).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

__all__ = ["main"]


def _records(corpus: Path, limit: int) -> list[dict[str, str]]:
    out = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append({"id": str(rec["id"]), "text": rec.get("text") or "", "date": (rec.get("date") or "")[:10]})
            if len(out) >= limit:
                break
    return out


def _ingest_vs_extract(records: list[dict[str, str]], db: Path) -> dict[str, float]:
    from backchannel.ingest import read_text
    from backchannel.pipeline import PIPELINE_VERSION, Pipeline
    from backchannel.store import Store
    from backchannel.store.ingest import ingest

    pipe = Pipeline()
    pipe.extract_article(read_text("warm up", date="2024-01-01"))
    articles = [read_text(r["text"], doc_id=r["id"], date=r["date"] or None) for r in records]
    start = time.perf_counter()
    events = sum(len(getattr(r, "events", ())) for r in pipe.run(articles))
    extract_s = time.perf_counter() - start
    with Store.open(db) as store:
        start = time.perf_counter()
        summary = ingest(store, articles, pipe, PIPELINE_VERSION)
        ingest_s = time.perf_counter() - start
    return {
        "documents": len(articles),
        "events": events,
        "extract_s": extract_s,
        "ingest_s": ingest_s,
        "ingest_over_extract": extract_s / ingest_s if ingest_s else 0.0,
        "stored_documents": summary.counts().documents,
    }


def _replicate(db: Path, target: int) -> int:
    """Copy the coded events with dates shifted by whole weeks until about ``target`` events exist."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        base = con.execute("SELECT count(*) FROM events").fetchone()
        n = int(base[0]) if base else 0
        if n == 0:
            return 0
        copies = max(0, target // n - 1)
        if copies:
            con.execute("CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, ?)", [copies + 1])
            for table in ("events", "event_actors", "event_dyads", "event_terms"):  # every row keyed by its event
                key = "event_id"
                cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
                select = []
                for col in cols:
                    if col == key:
                        select.append(f"{key} || '~' || CAST(k AS VARCHAR)")
                    elif col == "day":
                        select.append("day + CAST(k * 7 AS INTEGER)")
                    else:
                        select.append(col)
                con.execute(
                    f"INSERT INTO {table} SELECT {', '.join(select)} FROM {table}, k WHERE {key} NOT LIKE '%~%'"
                )
        total = con.execute("SELECT count(*) FROM events").fetchone()
        return int(total[0]) if total else 0
    finally:
        con.close()


def _latency(db: Path, rounds: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from backchannel.api import create_app
    from backchannel.api.settings import ApiSettings

    app = create_app(db, ApiSettings(token=None))
    queries = {
        "/events": [
            "/events?limit=50",
            "/events?limit=50&type=ASSAULT",
            "/events?limit=50&actor=USA&since=2023-06-01",
            "/events?limit=50&status=asserted&type=CONSULT&since=2024-01-01&until=2024-12-31",
            "/events?limit=50&q=ceasefire",
        ],
        "/network": [
            "/network",
            "/network?type=CONSULT",
            "/network?since=2024-01-01&until=2024-01-31",
        ],
    }
    out: dict[str, dict[str, float]] = {}
    with TestClient(app) as client:
        for name, urls in queries.items():
            client.get(urls[0])  # warm up
            times = []
            for i in range(rounds):
                url = urls[i % len(urls)]
                start = time.perf_counter()
                resp = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                if resp.status_code != 200:
                    raise RuntimeError(f"{url}: HTTP {resp.status_code}: {resp.text[:200]}")
            times.sort()
            out[name] = {
                "requests": len(times),
                "p50_ms": statistics.median(times),
                "p95_ms": times[int(0.95 * (len(times) - 1))],
                "p99_ms": times[int(0.99 * (len(times) - 1))],
            }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m backchannel.bench_store", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/whitehouse-2023-2024.jsonl"))
    ap.add_argument("--limit", type=int, default=200, help="documents for the ingest/extract comparison")
    ap.add_argument("--events", type=int, default=1_000_000, help="events in the latency database")
    ap.add_argument("--rounds", type=int, default=100, help="requests per endpoint")
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        ingest_numbers = _ingest_vs_extract(_records(args.corpus, args.limit), db)
        n = ingest_numbers
        print(
            f"ingest vs extract on {n['documents']} documents: extract {n['extract_s']:.1f} s, "
            f"ingest {n['ingest_s']:.1f} s -> ingest throughput {n['ingest_over_extract']:.2f}x extract "
            "(target >= 0.90)"
        )
        total = _replicate(db, args.events)
        latency = _latency(db, args.rounds)
        print(f"API latency on {total:,} events ({args.rounds} requests per endpoint, in-process ASGI):")
        for name, row in latency.items():
            print(f"  {name:9} p50 {row['p50_ms']:6.1f} ms   p95 {row['p95_ms']:6.1f} ms   p99 {row['p99_ms']:6.1f} ms")
        if args.json:
            args.json.write_text(json.dumps({"ingest": ingest_numbers, "events": total, "latency": latency}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
