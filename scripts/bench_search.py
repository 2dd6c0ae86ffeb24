"""Time free-text queries (``q=``) on a database, as ``GET /events`` runs them (one page and its totals).

Run it with one checkout's ``src`` on the path, then with another's, on copies of the same database (a database
opened for writing is migrated, which builds the search index):

    PYTHONPATH=src python scripts/bench_search.py /tmp/loadtest.duckdb [--rounds 5] [--write]

Prints one JSON line per query: the median and the slowest of ``rounds`` runs in milliseconds, and the totals.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from backchannel.store import Store, queries
from backchannel.store.queries import DEFAULT_FILTER

QUERIES = ("sanctioned", "Qatar", "accused Iran", "withdrew from", "protested against Russia", "zzzunknown")


def _time(store: Store, q: str, rounds: int) -> dict[str, object]:
    spent: list[float] = []
    page = None
    for _ in range(rounds):
        start = time.perf_counter()
        con = store.cursor()
        page = queries.events(con, replace(DEFAULT_FILTER, text=q), totals=True)
        spent.append((time.perf_counter() - start) * 1000)
    assert page is not None
    return {
        "q": q, "median_ms": round(statistics.median(spent), 1), "max_ms": round(max(spent), 1),
        "mentions": page.total_mentions, "events": page.total_events,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="open for writing (migrates: builds the index)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with Store.open(args.db, read_only=not args.write) as store:
        sys.stdout.write(json.dumps({"open_s": round(time.perf_counter() - start, 1)}) + "\n")
        for q in QUERIES:
            sys.stdout.write(json.dumps(_time(store, q, args.rounds)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
