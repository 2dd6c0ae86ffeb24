"""The ``backchannel`` command line: a thin shell over the library.

Each command module exposes ``register(subparsers)``, which adds its sub-command
and sets ``func`` to a callable ``(args) -> int`` (the exit code).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from backchannel.cli import analysis_cmd, demo_cmd, eval_cmd, extract_cmd, fuse_cmd, store_cmd, watch_cmd

__all__ = ["build_parser", "main"]

_MODULES = [extract_cmd, store_cmd, eval_cmd, demo_cmd, fuse_cmd, analysis_cmd, watch_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backchannel",
        description="Code news about diplomacy and armed conflict into PLOVER events.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
