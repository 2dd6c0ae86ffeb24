"""Store commands: ``ingest``, ``events``, ``actors``, ``dyads``, ``timeline``, ``export``, ``reindex``, ``serve``.

Each command opens the database, calls a library function that returns records,
and renders them; exit codes: 0 ok, 1 some documents failed, 2 usage or store error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel

from backchannel.cli import ingest_scale
from backchannel.errors import BackchannelError
from backchannel.store import EventFilter, Store, queries
from backchannel.store.models import EventActor, EventRow

__all__ = ["register", "render"]

DEFAULT_DB = "backchannel.duckdb"
EXIT_OK, EXIT_FAILURES, EXIT_ERROR = 0, 1, 2


def _guard(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn Backchannel errors into a message on stderr and exit code 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BackchannelError as exc:
            print(f"backchannel {args.command}: error: {exc}", file=sys.stderr)
            return EXIT_ERROR

    return run


# -- rendering ---------------------------------------------------------------
def _names(actors: list[EventActor]) -> str:
    return "; ".join(a.name or a.text for a in actors)


def _event_flat(e: EventRow) -> dict[str, Any]:
    return {
        "day": e.day or "",
        "event_id": e.event_id,
        "type": e.event_type,
        "actor": _names(e.actors),
        "recipient": _names(e.recipients),
        "status": e.status,
        "place": (e.location.name or e.location.text) if e.location else "",
        "trigger": e.trigger,
        "quad_class": e.quad_class,
        "intensity": e.intensity,
        "doc_id": e.doc_id,
    }


def _flat(record: BaseModel) -> dict[str, Any]:
    if isinstance(record, EventRow):
        return _event_flat(record)
    out: dict[str, Any] = {}
    for key, value in record.model_dump(mode="json").items():
        out[key] = json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value
    return out


def _table(rows: list[dict[str, Any]], out: TextIO, width: int = 40) -> None:
    if not rows:
        out.write("(no rows)\n")
        return
    headers = list(rows[0])
    cells = [[("" if r[h] is None else str(r[h]))[:width] for h in headers] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for c in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)).rstrip() + "\n")


def render(records: Iterable[BaseModel], fmt: str, out: TextIO) -> int:
    """Write records as an aligned table, JSON Lines or CSV; returns how many were written."""
    items = list(records)
    if fmt == "jsonl":
        for r in items:
            out.write(r.model_dump_json() + "\n")
    elif fmt == "csv":
        rows = [_flat(r) for r in items]
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    else:
        _table([_flat(r) for r in items], out)
    return len(items)


# -- commands ----------------------------------------------------------------
def _ingest(args: argparse.Namespace) -> int:
    from backchannel.ingest import read_inputs
    from backchannel.pipeline import PIPELINE_VERSION
    from backchannel.scale import screen
    from backchannel.store import ingest, recode

    if not args.inputs and not args.recode:
        print("backchannel ingest: error: give at least one INPUT (or --recode)", file=sys.stderr)
        return EXIT_ERROR
    if args.engine == "ray":
        return ingest_scale.ingest_ray(args)
    items = screen(read_inputs(args.inputs, date=args.date))
    with Store.open(args.db) as store, ingest_scale.local_coder(args) as (pipeline, run):
        if args.inputs:
            summary = ingest(store, items, pipeline, PIPELINE_VERSION, inputs=args.inputs, recode_stale=args.recode)
        else:
            summary = recode(store, pipeline, PIPELINE_VERSION)
        from backchannel.fusion import refuse

        fusion = refuse(store)  # the fused layer follows every ingest
    print(
        f"{args.db}: {summary.documents} documents stored, {summary.skipped} already stored, "
        f"{summary.recoded} re-coded, {summary.events} events, {summary.failures} failures "
        f"(run {summary.run_id}, pipeline {PIPELINE_VERSION})"
    )
    from backchannel.cli.fuse_cmd import summary_line

    print(summary_line(args.db, fusion))
    print(run.line(summary.documents + summary.recoded, summary.events, summary.failures))
    for error in summary.errors:
        print(f"failed: {error}", file=sys.stderr)
    return EXIT_FAILURES if summary.failures else EXIT_OK


def _filter(args: argparse.Namespace) -> EventFilter:
    return EventFilter(
        actor=getattr(args, "actor", None),
        recipient=getattr(args, "recipient", None),
        event_type=args.type,
        since=args.since,
        until=args.until,
        status=args.status,
        text=getattr(args, "q", None),
    )


def _events(args: argparse.Namespace) -> int:
    wanted = args.limit if args.limit > 0 else None
    found: list[EventRow] = []
    cursor = None
    with Store.open(args.db, read_only=True) as store:
        con = store.cursor()
        while wanted is None or len(found) < wanted:
            size = queries.MAX_LIMIT if wanted is None else min(queries.MAX_LIMIT, wanted - len(found))
            page = queries.events(con, _filter(args), limit=size, cursor=cursor)
            found.extend(page.items)
            cursor = page.next_cursor
            if cursor is None:
                break
    render(found, args.format, sys.stdout)
    return EXIT_OK


def _actors(args: argparse.Namespace) -> int:
    with Store.open(args.db, read_only=True) as store:
        render(queries.actors(store.cursor(), args.search, limit=args.limit), args.format, sys.stdout)
    return EXIT_OK


def _dyads(args: argparse.Namespace) -> int:
    with Store.open(args.db, read_only=True) as store:
        render(queries.dyads(store.cursor(), args.min, _filter(args), count=args.count), args.format, sys.stdout)
    return EXIT_OK


def _timeline(args: argparse.Namespace) -> int:
    with Store.open(args.db, read_only=True) as store:
        buckets = queries.timeline(
            store.cursor(), args.actor, args.with_other, args.by, _filter(args), count=args.count
        )
    render(buckets, args.format, sys.stdout)
    return EXIT_OK


def _reindex(args: argparse.Namespace) -> int:
    with Store.open(args.db) as store:
        rows = store.reindex()
    print(f"{args.db}: search index rebuilt ({rows:,} rows)")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from backchannel.export import export

    filt = EventFilter(event_type=args.type, since=args.since, until=args.until, status=args.status)
    with Store.open(args.db, read_only=True) as store:
        result = export(store, args.format, args.out, filt)
    if args.format == "parquet":
        for f in result.paths:
            print(f)
    else:
        print(f"{result.paths[0]}: {result.records} {_EXPORT_UNITS[args.format]} ({args.format})")
    return EXIT_OK


_EXPORT_UNITS = {"plover": "events", "cameo": "rows", "acled": "events", "graphml": "edges", "gexf": "edges"}


def _serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from backchannel.api import ApiSettings, create_app
    from backchannel.api.workers import DB_ENV

    settings = ApiSettings.from_env()
    if args.workers > 1:
        if settings.token is not None:
            print(
                "serve: --workers needs a read-only server: with a write token one process is the single writer "
                "(unset BACKCHANNEL_TOKEN, or serve with --workers 1)",
                file=sys.stderr,
            )
            return EXIT_ERROR
        if not Path(args.db).exists():
            print(f"serve: {args.db}: no such database", file=sys.stderr)
            return EXIT_ERROR
        os.environ[DB_ENV] = str(Path(args.db).resolve())
        uvicorn.run(
            "backchannel.api.workers:read_only_app", factory=True, workers=args.workers, host=args.host,
            port=args.port, log_level="info",
        )  # fmt: skip
        return EXIT_OK
    app = create_app(args.db, settings)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return EXIT_OK


# -- registration ------------------------------------------------------------
def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB database file (default: {DEFAULT_DB})")


def _fmt(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table", help="output format")


def _window(p: argparse.ArgumentParser) -> None:
    p.add_argument("--type", help="PLOVER event type(s), comma-separated (e.g. CONSULT,AGREE)")
    p.add_argument("--since", help="first day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", help="last day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--status", help="asserted, negated, hypothetical or future (comma-separated)")


def _count(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--count",
        choices=("events", "mentions"),
        default="events",
        help="count real events (a fused event once, a repost not at all; default) or every stored mention",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ingest", help="code inputs and store them in a database")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, directories or - for stdin")
    _db(p)
    p.add_argument("--date", help="document date for inputs that carry none (YYYY-MM-DD)")
    p.add_argument("--recode", action="store_true", help="also re-code stored documents coded by another version")
    ingest_scale.add_options(p)
    p.set_defaults(func=_guard(_ingest))

    p = subparsers.add_parser("events", help="list stored events")
    p.add_argument("--actor", help="actor id or name")
    p.add_argument("--recipient", help="recipient id or name")
    p.add_argument(
        "--q", help='free text: every word in the sentence or an actor\'s name (word* for a prefix, "a phrase")'
    )
    _window(p)
    p.add_argument("--limit", type=int, default=100, help="at most this many events (0: all)")
    _fmt(p)
    _db(p)
    p.set_defaults(func=_guard(_events))

    p = subparsers.add_parser("actors", help="list stored actors, most active first")
    p.add_argument("--search", help="text contained in an actor's id, name or any surface form")
    p.add_argument("--limit", type=int, default=100, help="at most this many actors")
    _fmt(p)
    _db(p)
    p.set_defaults(func=_guard(_actors))

    p = subparsers.add_parser("dyads", help="actor -> recipient pairs with event counts")
    p.add_argument("--min", type=int, default=1, help="only pairs with at least N events")
    _window(p)
    _count(p)
    _fmt(p)
    _db(p)
    p.set_defaults(func=_guard(_dyads))

    p = subparsers.add_parser("timeline", help="events per week or month for an actor or a dyad")
    p.add_argument("actor", metavar="ACTOR", help="actor id or name")
    p.add_argument("--with", dest="with_other", metavar="OTHER", help="only events that also involve OTHER")
    p.add_argument("--by", choices=("week", "month"), default="week", help="bucket size")
    _window(p)
    _count(p)
    _fmt(p)
    _db(p)
    p.set_defaults(func=_guard(_timeline))

    p = subparsers.add_parser("export", help="export events (PLOVER, CAMEO, ACLED, GraphML, GEXF) or every table")
    p.add_argument(
        "--format",
        choices=("plover", "cameo", "acled", "graphml", "gexf", "parquet"),
        default="parquet",
        help="plover: JSON Lines; cameo: GDELT-style TSV; acled: violence and protest CSV; graphml, gexf: "
        "actor network; parquet: every table (default)",
    )
    p.add_argument("--out", required=True, metavar="PATH", help="file to write (for parquet: a folder)")
    _window(p)
    _db(p)
    p.set_defaults(func=_guard(_export))

    p = subparsers.add_parser("reindex", help="build the free-text search index again from every stored event")
    _db(p)
    p.set_defaults(func=_guard(_reindex))

    p = subparsers.add_parser("serve", help="serve the REST API")
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes, each reading the database read-only (needs no write token; default 1)",
    )
    p.set_defaults(func=_guard(_serve))
