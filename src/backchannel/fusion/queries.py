"""Read fused events: ``fused_events(con, filter)`` and ``fused_event(con, fused_id)`` with its mentions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from backchannel.fusion.models import FusedEventDetail, FusedEventPage, FusedEventRow
from backchannel.store import queries
from backchannel.store.errors import InvalidQuery

__all__ = ["FusedFilter", "fused_event", "fused_events"]

Connection = duckdb.DuckDBPyConnection
_DAY_COLUMNS = ("day", "first_report", "last_report")


@dataclass(frozen=True)
class FusedFilter:
    """``None`` means any.  ``actor`` matches any actor, recipient or party of the fused event."""

    actor: str | None = None
    event_type: str | None = None  # one type or a comma-separated list
    since: str | None = None  # YYYY[-MM[-DD]], inclusive, on ``day``
    until: str | None = None
    status: str | None = None  # default: every status
    min_sources: int = 1
    min_mentions: int = 1


def _row(record: dict[str, Any]) -> FusedEventRow:
    fields = dict(record)
    for name in _DAY_COLUMNS:
        value = fields.get(name)
        fields[name] = value.isoformat() if isinstance(value, date) else None
    return FusedEventRow.model_validate(fields)


def _fetch(con: Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _window(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise InvalidQuery(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from exc


def fused_events(con: Connection, f: FusedFilter | None = None, limit: int = 100, offset: int = 0) -> FusedEventPage:
    """Fused events matching ``f``, by day then id, ``limit`` at a time from ``offset``."""
    if not 1 <= limit <= queries.MAX_LIMIT:
        raise InvalidQuery(f"limit: must be between 1 and {queries.MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise InvalidQuery(f"offset: must not be negative, got {offset}")
    filt = f or FusedFilter()
    clauses = ["f.sources >= ?", "f.mentions >= ?"]
    params: list[Any] = [filt.min_sources, filt.min_mentions]
    if filt.actor:
        keys = queries.resolve_actor(con, filt.actor)
        clauses.append(
            "(list_has_any(f.actors, ?::TEXT[]) OR list_has_any(f.recipients, ?::TEXT[]) "
            "OR list_has_any(f.parties, ?::TEXT[]))"
        )
        params += [keys, keys, keys]
    if filt.event_type:
        clauses.append("f.event_type IN (SELECT unnest(?::TEXT[]))")
        params.append([t.strip().upper() for t in filt.event_type.split(",") if t.strip()])
    if filt.status:
        clauses.append("f.status IN (SELECT unnest(?::TEXT[]))")
        params.append([s.strip() for s in filt.status.split(",") if s.strip()])
    since, until = _window(filt.since, "since"), _window(filt.until, "until")
    if since:
        clauses.append("f.day >= ?")
        params.append(since)
    if until:
        depth = (filt.until or "").count("-")
        bound = "?::DATE + INTERVAL 1 YEAR" if depth == 0 else ("?::DATE + INTERVAL 1 MONTH" if depth == 1 else None)
        clauses.append(f"f.day < {bound}" if bound else "f.day <= ?")
        params.append(until)
    sql = (
        f"SELECT * FROM fused_events f WHERE {' AND '.join(clauses)} "
        "ORDER BY f.day NULLS FIRST, f.fused_id LIMIT ? OFFSET ?"
    )
    rows = _fetch(con, sql, [*params, limit + 1, offset])
    more = len(rows) > limit
    return FusedEventPage(items=[_row(r) for r in rows[:limit]], next_offset=offset + limit if more else None)


def fused_event(con: Connection, fused_id: str) -> FusedEventDetail | None:
    """One fused event with its raw mentions (report order)."""
    rows = _fetch(con, "SELECT * FROM fused_events WHERE fused_id = ?", [fused_id])
    if not rows:
        return None
    ids = [
        str(r[0])
        for r in con.execute(
            "SELECT m.event_id FROM fused_event_mentions m JOIN documents d USING (doc_id) WHERE m.fused_id = ? "
            "ORDER BY d.date NULLS LAST, m.event_id",
            [fused_id],
        ).fetchall()
    ]
    mentions = []
    for event_id in ids:
        found = queries.event(con, event_id)
        if found is not None:
            mentions.append(found.event)
    return FusedEventDetail(fused=_row(rows[0]), mentions=mentions)
