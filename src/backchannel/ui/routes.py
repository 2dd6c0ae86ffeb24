"""Read endpoints the dashboard needs beyond the resource routers: ``GET /overview`` and ``GET /places``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from backchannel.analysis.stances import IssueVocabulary
from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.events import event_filter
from backchannel.api.service import read_connection
from backchannel.events.ontology import INTENSITY, QUAD_CLASS
from backchannel.store import EventFilter, queries

__all__ = [
    "EventTypeInfo",
    "IssueInfo",
    "Overview",
    "PlaceCount",
    "PlaceEvent",
    "event_where",
    "overview",
    "places",
    "router",
]

router = APIRouter(tags=["dashboard"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EventTypeInfo(_Model):
    event_type: str
    quad_class: int
    intensity: float
    count: int  # stored events of this type


class IssueInfo(_Model):
    key: str  # the ``issue`` of ``GET /positions``
    label: str


class Overview(_Model):
    documents: int
    events: int  # event mentions
    fused_events: int = 0  # real events as every view counts them by default: asserted, not historical
    first_day: str | None = None  # earliest event day (YYYY-MM-DD); historical events reach far back
    last_day: str | None = None
    first_document: str | None = None  # earliest document date (YYYY-MM-DD)
    last_document: str | None = None
    types: list[EventTypeInfo]  # every PLOVER type, in ontology order
    statuses: dict[str, int]
    issues: list[IssueInfo] = []  # the issues ``GET /positions`` knows (analysis/data/issues.tsv)


class PlaceEvent(_Model):
    event_id: str
    day: str | None = None
    event_type: str
    quad_class: int
    trigger: str


class PlaceCount(_Model):
    name: str
    lat: float
    lon: float
    country_code: str | None = None
    count: int
    by_quad_class: dict[int, int]
    by_type: dict[str, int]
    mean_intensity: float
    recent: list[PlaceEvent]  # the place's latest events (at most ``recent`` of them)


def event_where(con: duckdb.DuckDBPyConnection, f: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause over ``events e`` for ``f``: the store's own event filter (as ``GET /events``)."""
    clauses, params = queries.event_clauses(con, f)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def overview(con: duckdb.DuckDBPyConnection) -> Overview:
    """Counts, the span of event days, and every event type with its stored count."""
    docs = con.execute("SELECT count(*), min(date), max(date) FROM documents").fetchone()
    span = con.execute("SELECT count(*), min(day), max(day) FROM events").fetchone()
    by_type = dict(con.execute("SELECT event_type, count(*) FROM events GROUP BY ALL").fetchall())
    statuses = dict(con.execute("SELECT status, count(*) FROM events GROUP BY ALL ORDER BY 2 DESC").fetchall())
    # What every view counts by default: asserted real events with at least one mention that is not historical.
    fused = con.execute(
        "SELECT count(*) FROM fused_events f WHERE f.status = 'asserted' AND EXISTS (SELECT 1 FROM "
        "fused_event_mentions m JOIN events e USING (event_id) WHERE m.fused_id = f.fused_id AND NOT e.historical)"
    ).fetchone()
    first, last = (span[1], span[2]) if span else (None, None)
    return Overview(
        documents=int(docs[0]) if docs else 0,
        events=int(span[0]) if span else 0,
        fused_events=int(fused[0]) if fused else 0,
        first_day=first.isoformat() if isinstance(first, date) else None,
        last_day=last.isoformat() if isinstance(last, date) else None,
        first_document=str(docs[1]) if docs and docs[1] else None,
        last_document=str(docs[2]) if docs and docs[2] else None,
        types=[
            EventTypeInfo(event_type=t, quad_class=q, intensity=INTENSITY[t], count=int(by_type.get(t, 0)))
            for t, q in QUAD_CLASS.items()
        ],
        statuses={str(k): int(v) for k, v in statuses.items()},
        issues=[IssueInfo(key=i.key, label=i.label) for i in IssueVocabulary.default().issues.values()],
    )


def places(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int = 500, recent: int = 8) -> list[PlaceCount]:
    """Geocoded event locations with event counts by quad class and type and their latest events, busiest first."""
    where, params = event_where(con, f)
    located = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    where = f"{where} AND {located}" if where else f"WHERE {located}"
    rows = con.execute(
        "SELECT coalesce(e.place_name, e.place_text) AS name, e.lat, e.lon, any_value(e.place_country), "
        "e.quad_class, e.event_type, count(*), sum(e.intensity) "
        f"FROM events e {where} GROUP BY name, e.lat, e.lon, e.quad_class, e.event_type",
        params,
    ).fetchall()
    latest: dict[tuple[str, float, float], list[PlaceEvent]] = {}
    for name, lat, lon, event_id, day, etype, quad, trigger in con.execute(
        "SELECT name, lat, lon, event_id, day, event_type, quad_class, trigger_text FROM ("
        "SELECT coalesce(e.place_name, e.place_text) AS name, e.lat, e.lon, e.event_id, e.day, e.event_type, "
        "e.quad_class, e.trigger_text, row_number() OVER (PARTITION BY coalesce(e.place_name, e.place_text), "
        f"e.lat, e.lon ORDER BY e.day DESC NULLS LAST, e.event_id) AS rank FROM events e {where}) "
        "WHERE rank <= ? ORDER BY name, lat, lon, rank",
        [*params, recent],
    ).fetchall():
        latest.setdefault((str(name), float(lat), float(lon)), []).append(
            PlaceEvent(
                event_id=event_id, day=day.isoformat() if isinstance(day, date) else None, event_type=etype,
                quad_class=int(quad), trigger=trigger,
            )
        )  # fmt: skip
    grouped: dict[tuple[str, float, float], dict[str, Any]] = {}
    for name, lat, lon, country, quad, etype, n, total in rows:
        slot = grouped.setdefault(
            (str(name), float(lat), float(lon)),
            {"country_code": country, "count": 0, "total": 0.0, "quad": {}, "types": {}},
        )
        slot["count"] += int(n)
        slot["total"] += float(total or 0.0)
        slot["quad"][int(quad)] = slot["quad"].get(int(quad), 0) + int(n)
        slot["types"][str(etype)] = slot["types"].get(str(etype), 0) + int(n)
    found = [
        PlaceCount(
            name=name, lat=lat, lon=lon, country_code=s["country_code"], count=s["count"],
            by_quad_class=dict(sorted(s["quad"].items())),
            by_type=dict(sorted(s["types"].items(), key=lambda kv: (-kv[1], kv[0]))),
            mean_intensity=round(s["total"] / s["count"], 4), recent=latest.get((name, lat, lon), []),
        )
        for (name, lat, lon), s in grouped.items()
    ]  # fmt: skip
    found.sort(key=lambda p: (-p.count, p.name))
    return found[:limit]


@router.get("/overview", response_model=Overview, summary="Counts, date span and event types (for the dashboard)")
def get_overview(con: Con) -> Overview:
    return overview(con)


@router.get("/places", response_model=list[PlaceCount], summary="Event locations with counts (for the map)")
def get_places(
    con: Con,
    f: Annotated[EventFilter, Depends(event_filter)],
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 500,
) -> list[PlaceCount]:
    return places(con, f, limit=limit)
