"""``python -m backchannel.geo.build [--path FILE] [--force]``: build the place index once, with a progress line.

``make demo`` and ``make test`` run it; without it the index is built on first use (silently).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from backchannel.geo.index import build_index, default_index_path

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backchannel.geo.build", description=__doc__)
    parser.add_argument("--path", type=Path, default=None, help="index file (default: the user cache)")
    parser.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    args = parser.parse_args(argv)
    path: Path = args.path or default_index_path()
    if path.is_file() and not args.force:
        sys.stderr.write(f"place index: {path} (cached)\n")
        return 0
    started = time.monotonic()

    def progress(stage: str, done: int, total: int) -> None:
        sys.stderr.write(f"\rplace index: {stage} {done:,}/{total:,} ({time.monotonic() - started:.0f} s)   ")
        sys.stderr.flush()

    build_index(path, progress=progress)
    sys.stderr.write(f"\nplace index: {path} built in {time.monotonic() - started:.0f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
