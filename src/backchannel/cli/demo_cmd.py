"""``backchannel demo``: code the example articles (and a sample of the shared corpus) and serve the dashboard.

Ingesting is idempotent (documents are keyed by content hash), so a second run only serves.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from backchannel.errors import BackchannelError, InputError
from backchannel.records import Article
from backchannel.store import Store, queries
from backchannel.store.models import Dyad

__all__ = ["DEFAULT_LIMIT", "DemoSummary", "demo_sources", "register", "sample_evenly", "summarise"]

DEFAULT_DB = "demo.duckdb"
DEFAULT_LIMIT = 300  # White House records coded by default (~0.5 s each: about 2.5 minutes)
SEED_DATE = "2024-03-01"
EXIT_OK, EXIT_FAILURES, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class DemoSummary:
    """The demo database in the numbers the dashboard shows by default.

    ``mentions`` is every stored event mention (every status); ``events`` and ``top_dyads`` count what the API
    counts by default: real events (a fused event once, a repost's copy not at all), asserted and not historical.
    """

    documents: int
    mentions: int
    events: int
    top_dyads: list[Dyad]


def demo_sources(examples: Path, shared: Path) -> tuple[list[Path], Path | None, Path | None]:
    """The example inputs, the seed article and the White House corpus (each when present)."""
    inputs = [examples] if examples.exists() else []
    seed = shared / "corpus" / "seed-article.txt"
    corpus = shared / "corpus" / "whitehouse-2023-2024.jsonl"
    return inputs, (seed if seed.is_file() else None), (corpus if corpus.is_file() else None)


def sample_evenly(items: Sequence[Article | InputError], limit: int) -> list[Article | InputError]:
    """At most ``limit`` items spread evenly over the sequence (so a sample covers the whole period)."""
    if limit <= 0 or len(items) <= limit:
        return list(items)
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def summarise(store: Store, top: int = 8) -> DemoSummary:
    con = store.cursor()
    try:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()
        mentions = con.execute("SELECT count(*) FROM events").fetchone()
        counted = queries.events(con, queries.DEFAULT_FILTER, limit=1, totals=True).total_events or 0
        dyads = queries.dyads(con, 1, queries.DEFAULT_FILTER, limit=top)
    finally:
        con.close()
    return DemoSummary(int(docs[0]) if docs else 0, int(mentions[0]) if mentions else 0, counted, dyads)


def _progress(items: Sequence[Article | InputError], label: str) -> Iterator[Article | InputError]:
    total = len(items)
    for i, item in enumerate(items, 1):
        if i == 1 or i % 25 == 0 or i == total:
            print(f"  {label}: {i}/{total}", file=sys.stderr, flush=True)
        yield item


def _build(args: argparse.Namespace) -> int:
    from backchannel.ingest import read_inputs
    from backchannel.pipeline import PIPELINE_VERSION, Pipeline
    from backchannel.store import ingest

    inputs, seed, corpus = demo_sources(Path(args.examples), Path(args.shared))
    failures = 0
    with Store.open(args.db) as store:
        pipeline = Pipeline()
        batches: list[tuple[str, list[Article | InputError]]] = []
        if inputs:
            batches.append(("examples", list(read_inputs([str(p) for p in inputs]))))
        if seed is not None:
            batches.append(("seed article", list(read_inputs([str(seed)], date=SEED_DATE))))
        if corpus is not None and args.limit != 0:
            everything = list(read_inputs([str(corpus)]))
            batches.append((corpus.name, sample_evenly(everything, args.limit)))
        for label, items in batches:
            summary = ingest(store, _progress(items, label), pipeline, PIPELINE_VERSION, inputs=[label])
            failures += summary.failures
            print(
                f"{label}: {summary.documents} coded, {summary.skipped} already stored, "
                f"{summary.events} events, {summary.failures} failures"
            )
        from backchannel.cli.fuse_cmd import summary_line
        from backchannel.fusion import refuse

        print(summary_line(args.db, refuse(store)))  # fused events: the dashboard's default listing
        result = summarise(store)
    print(f"\n{args.db}: {result.documents} documents, {result.mentions} event mentions stored (every status)")
    print(f"counted by default (as the dashboard and the API): {result.events} real events, asserted, not historical")
    if result.top_dyads:
        print("top dyads (actor -> recipient: real events asserted, not historical; mean intensity):")
        for d in result.top_dyads:
            print(f"  {d.source_name or d.source} -> {d.target_name or d.target}: {d.count}, {d.mean_intensity:+.1f}")
    return EXIT_FAILURES if failures else EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    try:
        code = _build(args)
    except BackchannelError as exc:
        print(f"backchannel demo: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.no_serve:
        return code
    import uvicorn

    from backchannel.api import ApiSettings, create_app
    from backchannel.ui import bundle_ready

    if not bundle_ready():
        print("note: the dashboard bundle is not built (run `make ui`); serving the API only", file=sys.stderr)
    print(f"\ndashboard: http://{args.host}:{args.port}/  (Ctrl-C to stop)", flush=True)
    uvicorn.run(create_app(args.db, ApiSettings.from_env()), host=args.host, port=args.port, log_level="warning")
    return code


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("demo", help="code the examples and a corpus sample, then serve the dashboard")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB database file (default: {DEFAULT_DB})")
    p.add_argument("--examples", default="examples", help="folder of example articles (default: examples)")
    p.add_argument("--shared", default="../shared", help="shared data folder with corpus/ (default: ../shared)")
    p.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"White House records to code, spread over 2023-2024 (default: {DEFAULT_LIMIT}; -1: all 3,023; 0: none)",
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--no-serve", action="store_true", help="build the database and print the summary only")
    p.set_defaults(func=_demo)
