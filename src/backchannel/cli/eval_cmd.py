"""``backchannel eval``: accuracy against gold, measured the same way every time."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

__all__ = ["register"]

TASKS = ("events", "dates", "places", "event-location")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score the pipeline against a gold set (or the whole dev suite)",
        description="Score the pipeline against gold. With --suite, run every dev set and compare to the targets.",
    )
    p.add_argument("--gold", type=Path, help="gold file (a reader is chosen from its name and --task)")
    p.add_argument("--task", choices=TASKS, help="what to score")
    p.add_argument("--report", type=Path, help="write the full report (with misses) as JSON here")
    p.add_argument("--misses", type=int, default=0, help="print this many misses")
    p.add_argument("--suite", action="store_true", help="run every dev gold set in --shared")
    p.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared data folder (for --suite)")
    p.add_argument(
        "--sections",
        help="with --suite, only these comma-separated sections (events, dates, places, event_location, "
        "conflibert, synthetic, geovirus, current_events, mediation, codebook); default all",
    )
    p.set_defaults(func=_run)


def _jsonable(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return obj


def _run(args: argparse.Namespace) -> int:
    from backchannel.pipeline import default_pipeline

    if args.suite:
        from backchannel.eval.suite import SECTIONS, format_table, run_suite

        if not (args.shared / "eval").is_dir():
            print(f"error: {args.shared}/eval not found (pass --shared DIR)", file=sys.stderr)
            return 2
        sections = tuple(s.strip() for s in args.sections.split(",")) if args.sections else tuple(SECTIONS)
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown:
            print(f"error: unknown sections {unknown} (choose from {', '.join(SECTIONS)})", file=sys.stderr)
            return 2
        seconds: dict[str, float] = {}
        scores = run_suite(args.shared, default_pipeline(), sections, seconds=seconds)
        print(format_table(scores, seconds))
        if args.report:
            args.report.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    if args.gold is None or args.task is None:
        print("error: give --gold FILE and --task TASK, or --suite", file=sys.stderr)
        return 2
    if not args.gold.is_file():
        print(f"error: {args.gold}: no such gold file", file=sys.stderr)
        return 2
    pipeline = default_pipeline()
    report: Any
    if args.task == "events":
        from backchannel.eval.events import evaluate_events, format_report, read_petr2_gsr, read_plover_gsr

        reader = read_petr2_gsr if "petr" in args.gold.name.lower() else read_plover_gsr
        report = evaluate_events(reader(args.gold), pipeline, args.gold.name)
        print(format_report(report, args.misses))
    elif args.task == "dates":
        from backchannel.eval.dates import evaluate_dates
        from backchannel.eval.dates import format_report as format_dates

        report = evaluate_dates([args.gold], pipeline.times)
        print(format_dates(report, args.misses))
    elif args.task == "places":
        from backchannel.eval.places import evaluate_places

        report = evaluate_places(args.gold, pipeline.places, pipeline.parser.nlp)
        print(report.format())
    else:
        from backchannel.eval.event_location import evaluate_event_location

        report = evaluate_event_location(args.gold, pipeline.parser.nlp, pipeline.places, sample_every=0)
        print(report.format())
    if args.report:
        args.report.write_text(json.dumps(_jsonable(report), indent=2, default=str) + "\n", encoding="utf-8")
    return 0
