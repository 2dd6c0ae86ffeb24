"""``backchannel watch FEED_URL... [--every 10m] [--db PATH] [--once]``: poll feeds and ingest new articles."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime

from backchannel.errors import BackchannelError
from backchannel.watch import FeedPoll, parse_interval

__all__ = ["log_line", "register"]

DEFAULT_DB = "backchannel.duckdb"


def log_line(poll: FeedPoll) -> str:
    """One line per feed per poll."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if poll.status == "error":
        return f"{stamp} {poll.feed}: error: {poll.error} ({poll.seconds:.1f} s)"
    if poll.status == "not-modified":
        return f"{stamp} {poll.feed}: not modified ({poll.seconds:.1f} s)"
    return (
        f"{stamp} {poll.feed}: {poll.entries} entries, {poll.new} new, {poll.stored} stored, "
        f"{poll.duplicates} duplicates, {poll.failures} failed, {poll.blocked} blocked by robots.txt, "
        f"{poll.events} events ({poll.seconds:.1f} s)"
    )


def _watch(args: argparse.Namespace) -> int:
    from backchannel.pipeline import PIPELINE_VERSION, Pipeline
    from backchannel.store import Store
    from backchannel.watch import HttpSettings, PoliteClient, Watcher

    try:
        every = parse_interval(args.every)
    except ValueError as exc:
        print(f"backchannel watch: error: --every: {exc}", file=sys.stderr)
        return 2
    settings = HttpSettings(timeout=args.timeout, min_interval=args.host_interval)
    failed = False
    try:
        with Store.open(args.db) as store, PoliteClient(settings) as client:
            watcher = Watcher(store, Pipeline(), client, PIPELINE_VERSION)
            while True:
                for poll in watcher.poll(args.feeds):
                    print(log_line(poll), flush=True)
                    for problem in poll.problems:
                        print(f"  failed: {problem}", file=sys.stderr)
                    failed = failed or poll.status == "error" or poll.failures > 0
                if args.once:
                    break
                time.sleep(every)
    except BackchannelError as exc:
        print(f"backchannel watch: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 1 if failed else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("watch", help="poll RSS/Atom feeds and ingest new articles")
    p.add_argument("feeds", nargs="+", metavar="FEED_URL", help="RSS or Atom feed URLs")
    p.add_argument("--every", default="10m", help="poll interval: 30s, 10m, 2h (default: 10m)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"DuckDB database file (default: {DEFAULT_DB})")
    p.add_argument("--once", action="store_true", help="poll once and exit (exit 1 if a feed or page failed)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per HTTP request (default: 10)")
    p.add_argument("--host-interval", type=float, default=1.0, help="seconds between requests to one host")
    p.set_defaults(func=_watch)
