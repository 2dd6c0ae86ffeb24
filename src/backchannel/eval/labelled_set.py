"""The command line of our own labelled sets (``eval/*.jsonl``): code each sentence, score, print, report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from backchannel.pipeline import Pipeline

__all__ = ["run_labelled_set"]

G = TypeVar("G")
P = TypeVar("P")


class _Report(Protocol):
    def to_dict(self) -> dict[str, object]: ...


R = TypeVar("R", bound=_Report)


def run_labelled_set(
    argv: Sequence[str] | None,
    *,
    prog: str,
    description: str,
    default_gold: str,
    read_gold: Callable[[Path], list[G]],
    code: Callable[[list[G], Pipeline], Mapping[str, P]],
    score: Callable[[list[G], Mapping[str, P], str], R],
    describe: Callable[[R], str],
) -> int:
    """Parse ``--gold``/``--report``, score the set with a fresh pipeline, print it; 2 for a missing file."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--gold", type=Path, default=Path(default_gold), help="labelled sentences")
    parser.add_argument("--report", type=Path, help="write the full report (with misses) as JSON here")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"error: {args.gold}: no such file", file=sys.stderr)
        return 2
    gold = read_gold(args.gold)
    report = score(gold, code(gold, Pipeline()), args.gold.stem)
    print(describe(report))
    if args.report:
        body: Any = report.to_dict()
        args.report.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0
