"""``backchannel fuse`` (recompute near-duplicates and fused events) and ``backchannel fused`` (list them)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from pydantic import BaseModel

from backchannel.cli.store_cmd import DEFAULT_DB, EXIT_ERROR, EXIT_OK, render
from backchannel.errors import BackchannelError

if TYPE_CHECKING:  # the fusion package (datasketch, numpy) loads only when a command runs
    from backchannel.fusion import FusionSummary
    from backchannel.fusion.models import FusedActor, FusedEventRow

__all__ = ["register", "summary_line"]


def summary_line(db: str, summary: FusionSummary) -> str:
    return (
        f"{db}: {summary.documents} documents ({summary.duplicates} near-duplicates), "
        f"{summary.mentions} event mentions fused into {summary.fused_events} events "
        f"({summary.multi_mention} with several mentions, {summary.multi_source} reported by several documents; "
        f"{summary.announcements} announcements linked to the event they announced)"
    )


def _who(actors: list[FusedActor]) -> str:
    return "; ".join(a.name or a.key for a in actors)


class FusedFlat(BaseModel):
    """One fused event as a table or CSV row (``--format jsonl`` gives the full record)."""

    day: str | None
    fused_id: str
    type: str
    actor: str
    recipient: str
    mediator: str
    place: str | None
    sources: int
    mentions: int
    first_report: str | None
    last_report: str | None
    announced: str | None
    confidence: float
    status: str
    trigger: str | None


def _flat_rows(items: list[FusedEventRow]) -> list[FusedFlat]:
    return [
        FusedFlat(
            day=e.day, fused_id=e.fused_id, type=e.event_type, actor=_who(e.actors), recipient=_who(e.recipients),
            mediator=_who(e.mediators), place=e.place_name, sources=e.sources, mentions=e.mentions,
            first_report=e.first_report, last_report=e.last_report, announced=e.first_announced,
            confidence=e.confidence, status=e.status, trigger=e.lead.trigger if e.lead else None,
        )
        for e in items
    ]  # fmt: skip


def _fuse(args: argparse.Namespace) -> int:
    from backchannel.fusion import refuse
    from backchannel.store import Store

    try:
        with Store.open(args.db) as store:
            summary = refuse(store)
    except BackchannelError as exc:
        print(f"backchannel fuse: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(summary_line(args.db, summary))
    return EXIT_OK


def _fused(args: argparse.Namespace) -> int:
    from backchannel.fusion import FusedFilter, fused_events
    from backchannel.store import Store

    filt = FusedFilter(
        actor=args.actor, recipient=args.recipient, event_type=args.type, since=args.since, until=args.until,
        status=args.status or None, min_sources=args.min_sources, min_mentions=args.min_mentions,
    )  # fmt: skip
    try:
        with Store.open(args.db, read_only=True) as store:
            page = fused_events(store.cursor(), filt, limit=args.limit)
    except BackchannelError as exc:
        print(f"backchannel fused: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    render(page.items if args.format == "jsonl" else _flat_rows(page.items), args.format, sys.stdout)
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("fuse", help="recompute near-duplicate documents and fused events")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB database file (default: {DEFAULT_DB})")
    p.set_defaults(func=_fuse)

    p = subparsers.add_parser("fused", help="list fused events (one real event, all its mentions)")
    p.add_argument("--actor", help="actor id or name (actor, recipient or party)")
    p.add_argument("--recipient", help="recipient id or name")
    p.add_argument("--type", help="PLOVER event type(s), comma-separated")
    p.add_argument("--since", help="first day, inclusive (YYYY-MM-DD)")
    p.add_argument("--until", help="last day, inclusive (YYYY-MM-DD)")
    p.add_argument("--status", default="asserted", help="status(es), comma-separated (default: asserted)")
    p.add_argument("--min-sources", type=int, default=1, help="only events from at least N independent sources")
    p.add_argument("--min-mentions", type=int, default=1, help="only events with at least N mentions")
    p.add_argument("--limit", type=int, default=100, help="at most this many events (1-1000)")
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table", help="output format")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB database file (default: {DEFAULT_DB})")
    p.set_defaults(func=_fused)
