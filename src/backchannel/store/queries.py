"""Read queries over a Backchannel database: each returns records, never prints.

Every value from a caller reaches DuckDB as a bound parameter; only fixed SQL
fragments chosen here are concatenated.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import duckdb

from backchannel.store.errors import InvalidQuery
from backchannel.store.models import (
    ActorCount,
    ActorDetail,
    ActorSummary,
    DocumentSummary,
    DocumentView,
    Dyad,
    EventActor,
    EventDetail,
    EventPage,
    EventRow,
    NetworkEdge,
    NetworkNode,
    NetworkView,
    PlaceRow,
    RemovedRow,
    Span,
    TimelineBucket,
    TimeRow,
)

__all__ = [
    "MAX_LIMIT",
    "EventFilter",
    "actor_detail",
    "actors",
    "document",
    "dyads",
    "event",
    "events",
    "network",
    "resolve_actor",
    "timeline",
]

MAX_LIMIT = 1000
_NO_DAY = date(1, 1, 1)
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Connection = duckdb.DuckDBPyConnection
Record = dict[str, Any]


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by ``events``, ``dyads``, ``network`` and ``timeline``; ``None`` means any."""

    actor: str | None = None  # actor id, key or name (case-insensitive)
    recipient: str | None = None
    event_type: str | None = None  # one type or a comma-separated list
    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None  # YYYY[-MM[-DD]], inclusive (a bare month or year covers all of it)
    status: str | None = None  # one status or a comma-separated list
    doc_id: str | None = None


def _fetch(con: Connection, sql: str, params: list[Any] | None = None) -> list[Record]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    if not _DAY.match(value):
        raise InvalidQuery(f"{name}: expected a date YYYY-MM-DD, got {value!r}")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise InvalidQuery(f"{name}: {value!r} is not a valid date ({exc})") from exc


def _until_day(value: str | None) -> date | None:
    """Inclusive upper bound: a bare year or month covers its whole period."""
    day = _parse_day(value, "until")
    if day is None or value is None:
        return None
    depth = value.count("-")
    if depth == 0:
        return date(day.year, 12, 31)
    if depth == 1:
        following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return day


def _check_limit(name: str, value: int) -> None:
    if not 1 <= value <= MAX_LIMIT:
        raise InvalidQuery(f"{name}: must be between 1 and {MAX_LIMIT}, got {value}")


_MATCH_ACTOR = "(actor_key = ? OR lower(actor_id) = lower(?) OR lower(name) = lower(?) OR lower(text) = lower(?))"


def _split(value: str, upper: bool = False) -> list[str]:
    return [(v.strip().upper() if upper else v.strip()) for v in value.split(",") if v.strip()]


def _where(f: EventFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for role, who in (("actor", f.actor), ("recipient", f.recipient)):
        if who:
            clauses.append(f"e.event_id IN (SELECT event_id FROM event_actors WHERE role = ? AND {_MATCH_ACTOR})")
            params += [role, who, who, who, who]
    if f.event_type:
        clauses.append("e.event_type IN (SELECT unnest(?::TEXT[]))")
        params.append(_split(f.event_type, upper=True))
    since, until = _parse_day(f.since, "since"), _until_day(f.until)
    if since:
        clauses.append("e.day >= ?")
        params.append(since)
    if until:
        clauses.append("e.day <= ?")
        params.append(until)
    if f.status:
        clauses.append("e.status IN (SELECT unnest(?::TEXT[]))")
        params.append(_split(f.status))
    if f.doc_id:
        clauses.append("e.doc_id = ?")
        params.append(f.doc_id)
    return clauses, params


def _encode_cursor(day: date | None, event_id: str) -> str:
    raw = json.dumps([(day or _NO_DAY).isoformat(), event_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_cursor(cursor: str) -> tuple[date, str]:
    try:
        day, event_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        return date.fromisoformat(day), str(event_id)
    except (ValueError, TypeError, binascii.Error, UnicodeError) as exc:
        raise InvalidQuery(f"cursor: not a cursor returned by this query ({cursor[:40]!r})") from exc


_EVENT_COLUMNS = (
    "e.event_id, e.doc_id, e.event_type, e.mode, e.status, e.historical, e.date, e.date_precision, e.day, "
    "e.quad_class, e.intensity, e.confidence, e.trigger_text AS trigger, e.sentence_text AS sentence, "
    "e.place_text, e.place_start, e.place_end, e.place_name, e.geonameid, e.lat, e.lon, e.place_country, "
    "e.place_feature, e.pipeline_version, e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end, "
    "e.time_start, e.time_end, e.date_text, e.context"
)
_ACTOR_COLUMNS = (
    'actor_key AS key, text, actor_id, name, country, sector, title, start_char AS start, end_char AS "end"'
)
_ROLE_FIELDS = {"actor": "actors", "recipient": "recipients", "mediator": "mediators", "reported_by": "reported_by"}


def _event_actors(con: Connection, event_ids: list[str]) -> dict[str, dict[str, list[EventActor]]]:
    found: dict[str, dict[str, list[EventActor]]] = defaultdict(lambda: defaultdict(list))
    if event_ids:
        rows = _fetch(
            con,
            f"SELECT event_id, role, {_ACTOR_COLUMNS} FROM event_actors "
            "WHERE event_id IN (SELECT unnest(?::TEXT[])) ORDER BY event_id, role, position",
            [event_ids],
        )
        for r in rows:
            event_id, role = r.pop("event_id"), r.pop("role")
            found[event_id][role].append(EventActor.model_validate(r))
    return found


def _event_row(r: Record, links: dict[str, list[EventActor]]) -> EventRow:
    location = None
    if r["place_text"] is not None:
        location = PlaceRow(
            text=r["place_text"], start=r["place_start"], end=r["place_end"], name=r["place_name"],
            geonameid=r["geonameid"], lat=r["lat"], lon=r["lon"], country_code=r["place_country"],
            feature_code=r["place_feature"],
        )  # fmt: skip
    fields = {k: r[k] for k in EventRow.model_fields if k in r}
    fields["day"] = r["day"].isoformat() if isinstance(r["day"], date) else None
    fields["location"] = location
    for role, name in _ROLE_FIELDS.items():
        fields[name] = links.get(role, [])
    return EventRow.model_validate(fields)


def _event_rows(con: Connection, rows: list[Record]) -> list[EventRow]:
    links = _event_actors(con, [r["event_id"] for r in rows])
    return [_event_row(r, links.get(r["event_id"], {})) for r in rows]


def events(con: Connection, f: EventFilter | None = None, limit: int = 100, cursor: str | None = None) -> EventPage:
    """Events matching ``f`` in date order (undated first), ``limit`` at a time, resumable by ``cursor``."""
    _check_limit("limit", limit)
    clauses, params = _where(f or EventFilter())
    order_day = f"coalesce(e.day, DATE '{_NO_DAY.isoformat()}')"
    if cursor:
        day, event_id = _decode_cursor(cursor)
        clauses.append(f"({order_day} > ? OR ({order_day} = ? AND e.event_id > ?))")
        params += [day, day, event_id]
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = _fetch(
        con,
        f"SELECT {_EVENT_COLUMNS} FROM events e {where} ORDER BY {order_day}, e.event_id LIMIT ?",
        [*params, limit + 1],
    )
    page = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        last = page[-1]
        next_cursor = _encode_cursor(last["day"], last["event_id"])
    return EventPage(items=_event_rows(con, page), next_cursor=next_cursor)


def _summaries(con: Connection, doc_ids: list[str]) -> dict[str, DocumentSummary]:
    rows = _fetch(
        con,
        "SELECT doc_id, title, date, source, url FROM documents WHERE doc_id IN (SELECT unnest(?::TEXT[]))",
        [doc_ids],
    )
    return {r["doc_id"]: DocumentSummary.model_validate(r) for r in rows}


def _details(con: Connection, rows: list[Record]) -> list[EventDetail]:
    summaries = _summaries(con, sorted({r["doc_id"] for r in rows}))
    out: list[EventDetail] = []
    for r, row in zip(rows, _event_rows(con, rows), strict=True):
        time = None
        if r["time_start"] is not None and r["date_text"] is not None:
            time = Span(start=r["time_start"], end=r["time_end"], text=r["date_text"])
        out.append(
            EventDetail(
                event=row,
                document=summaries.get(row.doc_id) or DocumentSummary(doc_id=row.doc_id),
                sentence=Span(start=r["sentence_start"], end=r["sentence_end"], text=r["sentence"]),
                trigger=Span(start=r["trigger_start"], end=r["trigger_end"], text=r["trigger"]),
                time=time,
                date_text=r["date_text"],
                context=list(r["context"] or []),
            )
        )
    return out


def event(con: Connection, event_id: str) -> EventDetail | None:
    """One event with its sentence, document and the character spans of trigger, actors, place and time."""
    details = _details(con, _fetch(con, f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.event_id = ?", [event_id]))
    return details[0] if details else None


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_ACTOR_SUMMARY = """
WITH m AS (SELECT actor_key, count(*) AS n FROM mentions GROUP BY actor_key),
     ev AS (SELECT actor_key, count(DISTINCT event_id) AS n FROM event_actors GROUP BY actor_key)
SELECT a.actor_key AS key, a.actor_id, a.name, a.country, a.sector, a.kind, a.resolved,
       coalesce(m.n, 0) AS mentions, coalesce(ev.n, 0) AS events
FROM actors a LEFT JOIN m ON m.actor_key = a.actor_key LEFT JOIN ev ON ev.actor_key = a.actor_key
"""


def actors(con: Connection, search: str | None = None, limit: int = 100) -> list[ActorSummary]:
    """Actors (most active first), optionally those whose key, name or any surface form contains ``search``."""
    _check_limit("limit", limit)
    where, params = "", []
    if search:
        where = (
            "WHERE a.actor_key ILIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\' "
            "OR a.actor_key IN (SELECT actor_key FROM mentions WHERE text ILIKE ? ESCAPE '\\') "
            "OR a.actor_key IN (SELECT actor_key FROM event_actors WHERE text ILIKE ? ESCAPE '\\')"
        )
        params = [_like(search)] * 4
    rows = _fetch(con, f"{_ACTOR_SUMMARY} {where} ORDER BY events DESC, mentions DESC, key LIMIT ?", [*params, limit])
    return [ActorSummary.model_validate(r) for r in rows]


def resolve_actor(con: Connection, ref: str) -> list[str]:
    """Actor keys that ``ref`` names: an exact key or id, else a case-insensitive name or surface form."""
    rows = con.execute(
        "SELECT actor_key FROM actors WHERE actor_key = ? OR lower(actor_id) = lower(?) OR lower(name) = lower(?) "
        f"UNION SELECT actor_key FROM event_actors WHERE {_MATCH_ACTOR} "
        f"UNION SELECT actor_key FROM mentions WHERE {_MATCH_ACTOR}",
        [ref] * 11,
    ).fetchall()
    return sorted(str(r[0]) for r in rows)


def _pairs(con: Connection, sql: str, params: list[Any]) -> list[tuple[str, int]]:
    return [(str(a), int(b)) for a, b in con.execute(sql, params).fetchall()]


def actor_detail(con: Connection, ref: str, top: int = 10) -> ActorDetail | None:
    """Aliases, titles, roles, event counts by type and top counterparts of one actor (key, id or name)."""
    rows = _fetch(con, f"{_ACTOR_SUMMARY} WHERE a.actor_key = ?", [ref])
    if not rows:
        keys = resolve_actor(con, ref)
        rows = _fetch(
            con, f"{_ACTOR_SUMMARY} WHERE a.actor_key IN (SELECT unnest(?::TEXT[])) ORDER BY events DESC, key", [keys]
        )
        if not rows:
            return None
    summary = ActorSummary.model_validate(rows[0])
    key = summary.key
    aliases = _pairs(
        con,
        "SELECT text, count(*) AS n FROM (SELECT text FROM mentions WHERE actor_key = ? "
        "UNION ALL SELECT text FROM event_actors WHERE actor_key = ? AND start_char IS NULL) "
        "GROUP BY text ORDER BY n DESC, text",
        [key, key],
    )
    titles = con.execute(
        "SELECT DISTINCT t FROM (SELECT role AS t FROM mentions WHERE actor_key = ? "
        "UNION SELECT title FROM event_actors WHERE actor_key = ?) WHERE t IS NOT NULL ORDER BY t",
        [key, key],
    ).fetchall()
    roles = _pairs(
        con, "SELECT role, count(DISTINCT event_id) FROM event_actors WHERE actor_key = ? GROUP BY role", [key]
    )
    by_type = _pairs(
        con,
        "SELECT e.event_type, count(DISTINCT e.event_id) AS n FROM events e "
        "JOIN event_actors ea ON ea.event_id = e.event_id WHERE ea.actor_key = ? GROUP BY 1 ORDER BY n DESC, 1",
        [key],
    )
    counterparts = _fetch(
        con,
        "SELECT o.actor_key AS key, any_value(a.name) AS name, count(DISTINCT o.event_id) AS count "
        "FROM event_actors me JOIN event_actors o ON o.event_id = me.event_id AND o.actor_key <> me.actor_key "
        "LEFT JOIN actors a ON a.actor_key = o.actor_key "
        "WHERE me.actor_key = ? AND me.role IN ('actor', 'recipient', 'mediator') "
        "AND o.role IN ('actor', 'recipient', 'mediator') GROUP BY o.actor_key ORDER BY count DESC, key LIMIT ?",
        [key, top],
    )
    return ActorDetail(
        actor=summary,
        aliases=[ActorCount(key=text, name=text, count=n) for text, n in aliases],
        titles=[str(r[0]) for r in titles],
        roles=dict(sorted(roles)),
        counts_by_type=dict(by_type),
        top_counterparts=[ActorCount.model_validate(r) for r in counterparts],
    )


@dataclass
class _DyadTotals:
    count: int = 0
    intensity: float = 0.0
    quad: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    types: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _dyad_rows(con: Connection, f: EventFilter, keys: list[str] | None = None) -> list[Dyad]:
    clauses, params = _where(f)
    if keys is not None:
        clauses.append("s.actor_key IN (SELECT unnest(?::TEXT[])) AND t.actor_key IN (SELECT unnest(?::TEXT[]))")
        params += [keys, keys]
    where = " AND ".join(["s.actor_key <> t.actor_key", *clauses])
    rows = con.execute(
        "SELECT s.actor_key, t.actor_key, e.quad_class, e.event_type, count(DISTINCT e.event_id), sum(e.intensity) "
        "FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'actor' "
        "JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'recipient' "
        f"WHERE {where} GROUP BY ALL",
        params,
    ).fetchall()
    acc: dict[tuple[str, str], _DyadTotals] = defaultdict(_DyadTotals)
    for src, tgt, quad, etype, n, total in rows:
        slot = acc[(str(src), str(tgt))]
        slot.count += int(n)
        slot.intensity += float(total or 0.0)
        slot.quad[int(quad)] += int(n)
        slot.types[str(etype)] += int(n)
    names = _names(con, sorted({k for pair in acc for k in pair}))
    out = [
        Dyad(
            source=src, source_name=names.get(src), target=tgt, target_name=names.get(tgt), count=s.count,
            by_quad_class=dict(sorted(s.quad.items())), by_type=dict(sorted(s.types.items())),
            mean_intensity=round(s.intensity / s.count, 4),
        )
        for (src, tgt), s in acc.items()
    ]  # fmt: skip
    out.sort(key=lambda d: (-d.count, d.source, d.target))
    return out


def _names(con: Connection, keys: list[str]) -> dict[str, str | None]:
    if not keys:
        return {}
    rows = con.execute("SELECT actor_key, name FROM actors WHERE actor_key IN (SELECT unnest(?::TEXT[]))", [keys])
    return {str(k): (None if n is None else str(n)) for k, n in rows.fetchall()}


def dyads(con: Connection, min_count: int = 1, f: EventFilter | None = None) -> list[Dyad]:
    """Directed actor -> recipient pairs with at least ``min_count`` events, most frequent first."""
    return [d for d in _dyad_rows(con, f or EventFilter()) if d.count >= min_count]


def network(con: Connection, f: EventFilter | None = None, max_nodes: int = 200, min_count: int = 1) -> NetworkView:
    """The most active actors (nodes) and the actor -> recipient dyads among them (edges) for the filtered events."""
    _check_limit("max_nodes", max_nodes)
    filt = f or EventFilter()
    clauses, params = _where(filt)
    where = " AND ".join(["ea.role IN ('actor', 'recipient', 'mediator')", *clauses])
    rows = _fetch(
        con,
        "SELECT ea.actor_key AS key, any_value(a.name) AS name, any_value(a.country) AS country, "
        "any_value(a.kind) AS kind, count(DISTINCT e.event_id) AS events "
        "FROM events e JOIN event_actors ea ON ea.event_id = e.event_id "
        f"LEFT JOIN actors a ON a.actor_key = ea.actor_key WHERE {where} "
        "GROUP BY ea.actor_key ORDER BY events DESC, key LIMIT ?",
        [*params, max_nodes],
    )
    nodes = [NetworkNode.model_validate(r) for r in rows]
    edges = [
        NetworkEdge.model_validate(d.model_dump())
        for d in _dyad_rows(con, filt, [n.key for n in nodes])
        if d.count >= min_count
    ]
    return NetworkView(nodes=nodes, edges=edges)


def timeline(
    con: Connection,
    actor: str,
    with_other: str | None = None,
    by: Literal["week", "month"] = "week",
    f: EventFilter | None = None,
) -> list[TimelineBucket]:
    """Events per week or month (by event day) in which ``actor`` and, if given, ``with_other`` take part."""
    if by not in ("week", "month"):
        raise InvalidQuery(f"by: must be week or month, got {by!r}")
    clauses, params = _where(f or EventFilter())
    for who in (actor, with_other):
        if who is None:
            continue
        clauses.append(
            "e.event_id IN (SELECT event_id FROM event_actors WHERE role IN ('actor', 'recipient', 'mediator') "
            "AND actor_key IN (SELECT unnest(?::TEXT[])))"
        )
        params.append(resolve_actor(con, who))
    clauses.append("e.day IS NOT NULL")
    rows = con.execute(
        f"SELECT date_trunc('{by}', e.day)::DATE AS p, e.quad_class, count(*), sum(e.intensity) FROM events e "
        f"WHERE {' AND '.join(clauses)} GROUP BY ALL ORDER BY p",
        params,
    ).fetchall()
    buckets: dict[str, _DyadTotals] = defaultdict(_DyadTotals)
    for period, quad, n, total in rows:
        slot = buckets[period.isoformat() if isinstance(period, date) else str(period)]
        slot.count += int(n)
        slot.intensity += float(total or 0.0)
        slot.quad[int(quad)] += int(n)
    return [
        TimelineBucket(
            period=key, count=s.count, by_quad_class=dict(sorted(s.quad.items())),
            mean_intensity=round(s.intensity / s.count, 4),
        )
        for key, s in buckets.items()
    ]  # fmt: skip


def document(con: Connection, doc_id: str) -> DocumentView | None:
    """A stored document: its text with every span (events, actor mentions, places, times, removed parts)."""
    rows = _fetch(
        con,
        "SELECT doc_id, title, date, source, url, text, origin, pipeline_version, ingested_at, warnings "
        "FROM documents WHERE doc_id = ?",
        [doc_id],
    )
    if not rows:
        return None
    row = rows[0]
    event_rows = _fetch(
        con, f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.doc_id = ? ORDER BY e.sentence_start, e.trigger_start",
        [doc_id],
    )  # fmt: skip
    mentions = _fetch(con, f"SELECT {_ACTOR_COLUMNS.replace('title', 'role AS title')} FROM mentions "
                      "WHERE doc_id = ? ORDER BY idx", [doc_id])  # fmt: skip
    places = _fetch(
        con,
        'SELECT text, start_char AS start, end_char AS "end", name, geonameid, lat, lon, country_code, feature_code '
        "FROM places WHERE doc_id = ? ORDER BY idx",
        [doc_id],
    )
    times = _fetch(
        con,
        'SELECT start_char AS start, end_char AS "end", text, value, precision, approximate, historical, relation '
        "FROM times WHERE doc_id = ? ORDER BY idx",
        [doc_id],
    )
    removed = _fetch(
        con, "SELECT start_char AS start, end_char AS \"end\", reason, text FROM removed WHERE doc_id = ? ORDER BY idx",
        [doc_id],
    )  # fmt: skip
    return DocumentView(
        document=DocumentSummary.model_validate({k: row[k] for k in DocumentSummary.model_fields}),
        text=row["text"],
        origin=row["origin"],
        pipeline_version=row["pipeline_version"],
        ingested_at=row["ingested_at"].isoformat(),
        warnings=list(row["warnings"] or []),
        events=_details(con, event_rows),
        mentions=[EventActor.model_validate(m) for m in mentions],
        places=[PlaceRow.model_validate(p) for p in places],
        times=[TimeRow.model_validate(t) for t in times],
        removed=[RemovedRow.model_validate(r) for r in removed],
    )
