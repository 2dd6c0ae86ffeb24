"""Network analysis commands: ``mediators``, ``channels``, ``positions``, ``dyad-series``.

Each command opens the database read-only, calls one function of ``backchannel.analysis``
and renders its record as text or JSON; exit codes: 0 ok, 2 usage or store error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from pydantic import BaseModel

from backchannel.analysis.models import ChannelReport, DyadSeries, Evidence, MediatorReport, PositionReport
from backchannel.errors import BackchannelError
from backchannel.store import Store

__all__ = ["register"]

DEFAULT_DB = "backchannel.duckdb"
EXIT_OK, EXIT_ERROR = 0, 2
_WIDTH = 110


def _guard(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BackchannelError as exc:
            print(f"backchannel {args.command}: error: {exc}", file=sys.stderr)
            return EXIT_ERROR

    return run


def _clip(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _evidence(e: Evidence, out: TextIO, indent: str = "      ") -> None:
    out.write(f"{indent}{e.event_id}  {e.day or '----------'}  {e.event_type} ({e.status})  {_clip(e.sentence)!r}\n")


def _name(key: str, name: str | None) -> str:
    return f"{name} [{key}]" if name and name != key else key


def _mediators_text(r: MediatorReport, out: TextIO) -> None:
    window = f" from {r.since or '…'} to {r.until or '…'}" if r.since or r.until else ""
    out.write(
        f"Mediators between {r.a} {r.a_keys} and {r.b} {r.b_keys}{window}: "
        f"{r.conflict_events} conflict and {r.cooperation_events} cooperation events between them\n"
    )
    if not r.mediators:
        out.write("(no actor engages both sides)\n")
    for rank, m in enumerate(r.mediators, start=1):
        roles = ", ".join(f"{k} {v}" for k, v in m.brokerage.items()) or "none"
        out.write(
            f"{rank:>2}. {_name(m.key, m.name)}  score {m.score:g}  mediation {m.mediation_events}"
            f" (+{m.partial_mediation_events} one-sided)  brokerage: {roles}  ties {m.ties_a}/{m.ties_b}\n"
        )
        for e in m.evidence:
            _evidence(e, out)


def _channels_text(r: ChannelReport, out: TextIO) -> None:
    out.write(f"Channels between {r.a} {r.a_keys} and {r.b} {r.b_keys}\n")
    levels = ", ".join(f"{k} {v}" for k, v in r.direct_by_level.items()) or "none"
    modes = ", ".join(f"{k} {v}" for k, v in r.direct_by_mode.items()) or "none"
    out.write(f"Direct contacts: {len(r.direct)} (by level: {levels}; by mode: {modes})\n")
    for d in r.direct:
        also = f"  ({d.mentions} mentions)" if d.mentions > 1 else ""
        pair = f"{d.a_participant} ({d.a_level}) <-> {d.b_participant} ({d.b_level})"
        out.write(f"  [{d.level} / {d.mode}] {pair}{also}\n")
        _evidence(d.evidence, out)
    out.write(f"Indirect paths: {len(r.paths)}\n")
    for p in r.paths:
        out.write("  " + " -> ".join(_name(n, name) for n, name in zip(p.nodes, p.names, strict=True)) + "\n")
        for s in p.steps:
            label = f" ({s.label})" if s.label else ""
            out.write(f"    {s.source} -> {s.target}: {s.kind}{label}\n")
            for e in s.evidence:
                _evidence(e, out, indent="        ")


def _positions_text(r: PositionReport, out: TextIO) -> None:
    window = f" from {r.since or '…'} to {r.until or '…'}" if r.since or r.until else ""
    out.write(f"Positions on {r.issue} ({r.label}){window}: {len(r.actors)} actors\n")
    for a in r.actors:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(a.counts.items()))
        out.write(f"{_name(a.key, a.name)}: {a.stance}  ({counts})\n")
        history = "; ".join(f"{m.month} {m.stance}{' (changed)' if m.changed else ''}" for m in a.by_month)
        out.write(f"    by month: {history}\n")
        for s in a.evidence:
            out.write(f"    {s.stance} - {s.holder} ({s.role}; issue from {'+'.join(s.issues_from)})\n")
            _evidence(s.evidence, out)


def _series_text(items: list[DyadSeries], out: TextIO) -> None:
    if not items:
        out.write("(no dyads)\n")
    for s in items:
        out.write(f"{_name(s.a, s.a_name)} -- {_name(s.b, s.b_name)}: {s.count} events in {len(s.weeks)} weeks\n")
        for w in s.weeks:
            quads = " ".join(f"q{k}={v}" for k, v in w.by_quad_class.items())
            out.write(
                f"    {w.week}  {w.count:>3} events  {quads:<24} mean {w.mean_intensity:+.2f}  net {w.net:+.1f}\n"
            )
        for c in s.changes:
            out.write(
                f"  shift {c.direction} in week {c.week}: net {c.net:+.1f} vs baseline {c.baseline_mean:+.2f}"
                f" (sd {c.baseline_std:.2f}, z {c.z:+.2f})\n"
            )
            for e in c.drivers:
                _evidence(e, out)


def _emit(record: BaseModel | list[DyadSeries], fmt: str, text: Callable[[TextIO], None]) -> int:
    if fmt == "json":
        if isinstance(record, list):
            sys.stdout.write("[" + ",\n".join(r.model_dump_json() for r in record) + "]\n")
        else:
            sys.stdout.write(record.model_dump_json(indent=2) + "\n")
    else:
        text(sys.stdout)
    return EXIT_OK


def _open(db: str) -> Store:
    return Store.open(db, read_only=True)


def _mediators(args: argparse.Namespace) -> int:
    from backchannel.analysis import find_mediators

    with _open(args.db) as store:
        report = find_mediators(store.cursor(), args.between[0], args.between[1], args.since, args.until, args.limit)
    return _emit(report, args.format, lambda out: _mediators_text(report, out))


def _channels(args: argparse.Namespace) -> int:
    from backchannel.analysis import find_channels

    with _open(args.db) as store:
        report = find_channels(store.cursor(), args.a, args.b, args.since, args.until, max_paths=args.max_paths)
    return _emit(report, args.format, lambda out: _channels_text(report, out))


def _positions(args: argparse.Namespace) -> int:
    from backchannel.analysis import positions

    with _open(args.db) as store:
        report = positions(store.cursor(), args.issue, args.since, args.until, actor=args.actor)
    return _emit(report, args.format, lambda out: _positions_text(report, out))


def _dyad_series(args: argparse.Namespace) -> int:
    from backchannel.analysis import dyad_series
    from backchannel.store.queries import EventFilter

    # The API's default (asserted, non-historical events) unless other statuses are asked for.
    scope = EventFilter(status=args.status, historical=None if args.include_historical else False)
    with _open(args.db) as store:
        items = dyad_series(
            store.cursor(), args.actor, args.with_other, args.since, args.until,
            window=args.window, threshold=args.threshold, min_count=args.min, limit=args.limit, f=scope,
        )  # fmt: skip
    return _emit(items, args.format, lambda out: _series_text(items, out))


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", help="first day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", help="last day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB database file (default: {DEFAULT_DB})")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("mediators", help="actors engaging both sides of a dyad, ranked by brokerage")
    p.add_argument("--between", nargs=2, required=True, metavar=("A", "B"), help="the two sides (id or name)")
    p.add_argument("--limit", type=int, default=20, help="at most this many candidates")
    _common(p)
    p.set_defaults(func=_guard(_mediators))

    p = subparsers.add_parser("channels", help="direct contacts by level and mode, and paths through intermediaries")
    p.add_argument("a", metavar="A", help="actor id or name")
    p.add_argument("b", metavar="B", help="actor id or name")
    p.add_argument("--max-paths", type=int, default=20, help="at most this many indirect paths")
    _common(p)
    p.set_defaults(func=_guard(_channels))

    p = subparsers.add_parser("positions", help="each actor's stance on an issue, with evidence, by month")
    p.add_argument("--issue", required=True, help="issue key, e.g. ceasefire, hostages_prisoners, withdrawal")
    p.add_argument("--actor", help="only this actor (id or name)")
    _common(p)
    p.set_defaults(func=_guard(_positions))

    p = subparsers.add_parser("dyad-series", help="weekly counts per dyad by quad class, with flagged shifts")
    p.add_argument("actor", nargs="?", metavar="ACTOR", help="only dyads involving this actor")
    p.add_argument("--with", dest="with_other", metavar="OTHER", help="only the dyad ACTOR--OTHER")
    p.add_argument("--window", type=int, default=8, help="trailing weeks of the baseline (default 8)")
    p.add_argument("--threshold", type=float, default=2.0, help="flag weeks with |z| at least this (default 2.0)")
    p.add_argument("--min", type=int, default=1, help="only dyads with at least N events")
    p.add_argument("--limit", type=int, default=50, help="at most this many dyads")
    p.add_argument(
        "--status", default="asserted",
        help="asserted (default), negated, hypothetical, future, comma-separated, or any (every status)",
    )  # fmt: skip
    p.add_argument("--include-historical", action="store_true", help="also count historical events")
    _common(p)
    p.set_defaults(func=_guard(_dyad_series))
