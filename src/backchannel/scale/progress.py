"""Progress reporting: engines call a ``Progress`` as documents finish; the CLI renders it.

Library code only counts; ``NullProgress`` is the silent default.  ``estimate_total``
gives a cheap document count for an ETA (lines of JSON Lines files, rows of Parquet
files, one per other file), without reading documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from backchannel.errors import StageError
from backchannel.ingest import EXTENSIONS
from backchannel.records import DocumentResult

__all__ = ["NullProgress", "Progress", "estimate_total", "report"]


class Progress(Protocol):
    """Told about every finished document (coded or failed)."""

    def advance(self, documents: int, events: int, failures: int) -> None: ...


class NullProgress:
    def advance(self, documents: int, events: int, failures: int) -> None:
        return None


def report(outputs: Iterable[DocumentResult | StageError], progress: Progress) -> Iterator[DocumentResult | StageError]:
    """Pass coder outputs through, telling ``progress`` about each."""
    for output in outputs:
        if isinstance(output, StageError):
            progress.advance(1, 0, 1)
        else:
            progress.advance(1, len(output.events), 0)
        yield output


def _count_lines(path: Path, at_most: int | None) -> int:
    count = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            count += chunk.count(b"\n")
            if at_most is not None and count >= at_most:
                break
    return count


def _estimate_file(path: Path, at_most: int | None) -> int:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _count_lines(path, at_most)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    return 1 if suffix in EXTENSIONS else 0


def estimate_total(inputs: Sequence[str], at_most: int | None = None) -> int | None:
    """About how many documents ``inputs`` hold; None when unknown (stdin, URLs, unreadable paths).

    With ``at_most``, counting stops once that many are found (a cheap "is it small?").
    """
    total = 0
    for spec in inputs:
        if spec == "-" or "://" in spec:
            return None
        path = Path(spec)
        try:
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                if at_most is not None and total >= at_most:
                    return total
                if file.is_file():
                    total += _estimate_file(file, None if at_most is None else at_most - total)
        except OSError:
            return None
    return total
