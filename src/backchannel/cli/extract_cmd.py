"""``backchannel extract`` (JSON lines, the output contract) and ``backchannel code`` (a readable table)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

from backchannel.errors import BackchannelError, InputError, StageError
from backchannel.records import Article, DocumentResult, Event

__all__ = ["iter_results", "register", "render_table"]


def register(sub: argparse._SubParsersAction) -> None:
    for name, func, help_ in (
        ("extract", _run_extract, "code articles into PLOVER events; one JSON object per document on stdout"),
        ("code", _run_code, "code articles and print their events as a readable table"),
    ):
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("inputs", nargs="+", metavar="ARTICLE", help="files, directories, or - for stdin")
        p.add_argument("--date", help="document date YYYY-MM-DD for inputs that carry none")
        p.add_argument("--quiet-warnings", action="store_true", help="do not print per-document warnings")
        if name == "code":
            p.add_argument("--asserted", action="store_true", help="only asserted events")
            p.add_argument(
                "--explain", action="store_true", help="under each event, the rules that coded it (its trace)"
            )
        else:
            p.add_argument(
                "--trace",
                action="store_true",
                help="add to each event a 'trace' field: the lexicon line, argument rules and modality rule",
            )
        p.set_defaults(func=func)


def iter_results(
    inputs: list[str], date: str | None, stdin: TextIO | None = None
) -> Iterator[DocumentResult | InputError | StageError]:
    """Read and code every input; errors are yielded in place of their documents."""
    from backchannel.ingest import read_inputs
    from backchannel.pipeline import default_pipeline

    errors: list[InputError] = []

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs, date=date, stdin=stdin or sys.stdin):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                yield item

    stream = articles()
    first = next(stream, None)
    yield from errors
    errors.clear()
    if first is None:
        return
    for result in default_pipeline().run(_chain(first, stream)):
        yield from errors
        errors.clear()
        yield result
    yield from errors


def _chain(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest


def _run_extract(args: argparse.Namespace) -> int:
    return _write_results(args, lambda item: json.dumps(item.to_contract(trace=args.trace), ensure_ascii=False) + "\n")


def _run_code(args: argparse.Namespace) -> int:
    return _write_results(args, lambda item: render_table(item, show_all=not args.asserted, explain=args.explain))


def _write_results(args: argparse.Namespace, render: Callable[[DocumentResult], str]) -> int:
    """Write each document's rendering to stdout and its warnings and failures to stderr; the exit code."""
    failures = 0
    try:
        for item in iter_results(args.inputs, args.date):
            if isinstance(item, DocumentResult):
                sys.stdout.write(render(item))
                if not args.quiet_warnings:
                    for w in item.warnings:
                        print(f"warning: {item.doc_id}: {w}", file=sys.stderr)
            else:
                failures += 1
                print(f"error: {item}", file=sys.stderr)
    except BackchannelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 1 if failures else 0


def _names(refs: tuple[object, ...]) -> str:
    out = []
    for r in refs:
        name = getattr(r, "name", None) or getattr(r, "text", "?")
        country = getattr(r, "country", None)
        out.append(f"{name} ({country})" if country and country != name else str(name))
    return ", ".join(out) or "-"


def _row(e: Event) -> list[str]:
    where = e.location.name or e.location.text if e.location else "-"
    date = e.date or "?"
    if e.date_precision not in ("day", "document"):
        date += f" ({e.date_precision})"
    status = e.status + (" hist" if e.historical else "")
    return [
        e.event_type + (f"/{e.mode}" if e.mode else ""),
        _names(e.actor),
        _names(e.recipient),
        _names(e.mediator),
        date,
        str(where),
        status,
        e.trigger.text,
    ]


def render_table(result: DocumentResult, show_all: bool = True, explain: bool = False) -> str:
    """A plain-text table of a document's events (asserted only unless ``show_all``); ``explain`` puts
    each event's rule trace under its row."""
    header = ["type", "actor", "recipient", "mediator", "date", "where", "status", "trigger"]
    events = [e for e in result.events if show_all or e.status == "asserted"]
    rows = [_row(e) for e in events]
    widths = [min(34, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(header)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    title = result.title or result.doc_id
    lines = [f"== {title}  [{result.date or 'no date'}]  {len(events)} events", fmt(header)]
    for event, row in zip(events, rows, strict=True):
        lines.append(fmt(row))
        if explain:
            lines += _explanation(event)
    return "\n".join(lines) + "\n\n"


def _explanation(event: Event) -> list[str]:
    """The trace of an event as indented lines (nothing when the coder wrote none)."""
    t = event.trace
    if t is None:
        return []
    lines = [f"    trigger   {t.trigger_rule}: {t.entry}"]
    if t.retype:
        lines.append(f"    retyped   {t.retype}")
    if t.derived_from:
        lines.append(f"    derived   from {t.derived_from}")
    lines.append(f"    arguments {', '.join(t.arguments) or '-'}")
    lines.append(f"    status    {t.modality}")
    return lines
