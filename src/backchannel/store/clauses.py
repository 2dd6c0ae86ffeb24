"""SQL conditions of the event filters that read columns only ``events`` holds (one place for every table).

The listings and the aggregates read four tables aliased ``e``: ``events`` (one row per mention),
``event_actors`` and ``event_dyads`` (one row per mention and actor or pair; they carry a mention's day,
type and status but not its date precision, its historical flag, its sentence or its place) and
``fused_events`` (one row per real event).  A condition on what only ``events`` holds is written once over
``events x`` and lifted to the table at hand by ``lift``: the same test, so every view counts the same events.

A fused event passes a mention condition when one of its mentions passes it -- as the aggregates count a
fused event once when any of its mentions matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from backchannel.store.search import SearchQuery, event_ids_sql

__all__ = [
    "DATE_MATCHES",
    "PRECISION_UNIT",
    "Table",
    "bbox_condition",
    "date_conditions",
    "historical_condition",
    "lift",
    "parse_bbox",
    "place_condition",
    "text_condition",
]

Table = Literal["events", "event_actors", "event_dyads", "fused_events"]

# How a dated event meets a date window.  ``within`` (the default): the whole period its date names lies in the
# window, so a month window does not match an event known only to its year.  ``overlap``: any part of it does.
DATE_MATCHES: tuple[str, ...] = ("within", "overlap")

# The period an event's date names, by its precision (``records.Precision``): the unit a timeline draws it over.
# day, document (the report's day) and unknown (the report's day as a stand-in) name one day.
PRECISION_UNIT: dict[str, str] = {
    "day": "day", "document": "day", "unknown": "day", "week": "week", "month": "month",
    "season": "quarter", "quarter": "quarter", "year": "year", "decade": "year", "century": "year",
}  # fmt: skip


# Events whose date names more than a day (the only ones whose period can reach past their first day).
_COARSE = "x.date_precision NOT IN ('day', 'document', 'unknown')"


def period_end(alias: str) -> str:
    """SQL: the last day of the period ``alias.day`` begins, given ``alias.date_precision``."""
    day, precision = f"{alias}.day", f"{alias}.date_precision"
    return (
        f"(CASE WHEN {precision} IN ('year', 'decade', 'century') THEN make_date(year({day}), 12, 31) "
        f"WHEN {precision} = 'month' THEN last_day({day}) "
        f"WHEN {precision} IN ('quarter', 'season') THEN ({day} + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE "
        f"WHEN {precision} = 'week' THEN ({day} + INTERVAL 6 DAY)::DATE ELSE {day} END)"
    )


def lift(table: Table, condition: str) -> str:
    """``condition`` over ``events x`` as a condition on rows ``e`` of ``table``."""
    if table == "events":
        return f"e.event_id IN (SELECT x.event_id FROM events x WHERE {condition})"
    if table == "fused_events":
        return (
            "e.fused_id IN (SELECT m.fused_id FROM fused_event_mentions m JOIN events x ON x.event_id = m.event_id "
            f"WHERE {condition})"
        )
    return f"e.event_id IN (SELECT x.event_id FROM events x WHERE {condition})"


def historical_condition(table: Table) -> str:
    """Rows of events that are no history (a background fact recalled by the report, not news)."""
    if table == "events":
        return "NOT e.historical"
    if table == "fused_events":
        return lift(table, "NOT x.historical")
    # The historical mentions are few: an anti-join on them is cheaper than a semi-join on all the others.
    return "e.event_id NOT IN (SELECT x.event_id FROM events x WHERE x.historical)"


def date_conditions(table: Table, since: date | None, until: date | None, match: str) -> tuple[list[str], list[Any]]:
    """Conditions and parameters: the event's dated period meets [since, until] as ``match`` says."""
    clauses: list[str] = []
    params: list[Any] = []
    own = table in ("events", "fused_events")  # tables with date_precision beside day
    if match == "within":
        if since:
            clauses.append("e.day >= ?")
            params.append(since)
        if until:
            clauses.append("e.day <= ?")
            params.append(until)
            if own:
                clauses.append(f"{period_end('e')} <= ?")
                params.append(until)
            else:
                clauses.append(
                    f"e.event_id NOT IN (SELECT x.event_id FROM events x WHERE {_COARSE} AND x.day <= ? "
                    f"AND {period_end('x')} > ?)"
                )
                params += [until, until]
        return clauses, params
    # overlap: the period ends on or after ``since`` and begins on or before ``until``
    if until:
        clauses.append("e.day <= ?")
        params.append(until)
    if since:
        if own:
            clauses.append(f"{period_end('e')} >= ?")
            params.append(since)
        else:
            clauses.append(
                f"(e.day >= ? OR e.event_id IN (SELECT x.event_id FROM events x WHERE {_COARSE} AND x.day < ? "
                f"AND {period_end('x')} >= ?))"
            )
            params += [since, since, since]
    return clauses, params


def text_condition(table: Table, query: SearchQuery) -> tuple[str, list[Any]]:
    """Every word of ``query`` in the event's sentence or in the name or words of one of its actors (the index)."""
    ids, params = event_ids_sql(query)
    if table == "fused_events":
        return f"e.fused_id IN (SELECT m.fused_id FROM fused_event_mentions m WHERE m.event_id IN ({ids}))", params
    return f"e.event_id IN ({ids})", params


def place_condition(table: Table, place: str) -> tuple[str, list[Any]]:
    """The event's place by name or the words that named it (case-insensitive), or its ISO country code."""
    value = place.strip()
    condition = "(lower(x.place_name) = lower(?) OR lower(x.place_text) = lower(?) OR x.place_country = upper(?))"
    return lift(table, condition), [value, value, value]


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float


def parse_bbox(value: str) -> BBox | None:
    """``west,south,east,north`` in degrees (longitude, latitude), or None when it is not that."""
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        return None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        return None
    return BBox(west, south, east, north)


def bbox_condition(table: Table, box: BBox) -> tuple[str, list[Any]]:
    """The event's place lies in the box (a box whose west is east of its east crosses the antimeridian)."""
    lon = "x.lon BETWEEN ? AND ?" if box.west <= box.east else "(x.lon >= ? OR x.lon <= ?)"
    return lift(table, f"x.lat BETWEEN ? AND ? AND {lon}"), [box.south, box.north, box.west, box.east]
