"""Exports of stored events to the formats of the field: PLOVER JSONL, CAMEO/GDELT-style TSV, ACLED-style
CSV, GraphML and GEXF networks, and Parquet tables.

with Store.open("backchannel.duckdb", read_only=True) as store:
    result = export(store, "cameo", "events.tsv", EventFilter(since="2024-01"))

One module per format; each reads the same filtered ``ExportSet`` (``source.load_events``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from backchannel.export.acled import write_acled
from backchannel.export.cameo import write_cameo
from backchannel.export.gexf import write_gexf
from backchannel.export.graphml import write_graphml
from backchannel.export.parquet import write_parquet
from backchannel.export.plover import write_plover
from backchannel.export.source import ExportSet, load_events
from backchannel.store import EventFilter, InvalidQuery, Store

__all__ = ["FORMATS", "ExportResult", "export"]

_TEXT: dict[str, Callable[[ExportSet, TextIO], int]] = {
    "plover": write_plover,
    "cameo": write_cameo,
    "acled": write_acled,
}
_BINARY: dict[str, Callable[[ExportSet, BinaryIO], int]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
}
FORMATS: tuple[str, ...] = (*_TEXT, *_BINARY, "parquet")


@dataclass(frozen=True)
class ExportResult:
    format: str
    paths: tuple[Path, ...]  # files written
    records: int  # events (plover, acled), rows (cameo), edges (graphml, gexf) or tables (parquet)


def _filtered(f: EventFilter) -> bool:
    return any(v is not None for v in (f.actor, f.recipient, f.event_type, f.since, f.until, f.status, f.doc_id))


def export(store: Store, fmt: str, out: str | Path, f: EventFilter | None = None) -> ExportResult:
    """Write the stored events matching ``f`` as ``fmt`` to the file ``out`` (for parquet: a folder).

    Raises ``InvalidQuery`` for an unknown format, a malformed filter, or a filter with parquet.
    """
    filt = f or EventFilter()
    if fmt not in FORMATS:
        raise InvalidQuery(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if fmt == "parquet":
        if _filtered(filt):
            raise InvalidQuery("parquet exports every table whole; filters do not apply to it")
        files = write_parquet(store, out)
        return ExportResult(fmt, tuple(files), len(files))
    events = load_events(store.cursor(), filt)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in _TEXT:
        with path.open("w", encoding="utf-8", newline="") as text:
            return ExportResult(fmt, (path,), _TEXT[fmt](events, text))
    with path.open("wb") as binary:
        return ExportResult(fmt, (path,), _BINARY[fmt](events, binary))
