"""Read fused events: ``fused_events(con, filter)`` and ``fused_event(con, fused_id)`` with its mentions.

Fused events are the default grain of the API and the dashboard: one row per real event,
with its number of mentions, documents and independent sources.  The raw mentions of a
fused event are one call away: ``fused_event`` (its first ``mention_limit`` mentions with
their sentences and documents) or ``store.queries.events(con, EventFilter(fused_id=...))``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from backchannel.fusion.models import FusedActor, FusedEventDetail, FusedEventPage, FusedEventRow, LeadMention
from backchannel.store import queries
from backchannel.store.errors import InvalidQuery

__all__ = ["MENTION_LIMIT", "FusedFilter", "fused_event", "fused_events"]

Connection = duckdb.DuckDBPyConnection
MENTION_LIMIT = 200  # mentions returned with one fused event (all of them: /events?fused_id=)
_DAY_COLUMNS = ("day", "first_report", "last_report")
_NO_DAY = date(1, 1, 1)


@dataclass(frozen=True)
class FusedFilter:
    """``None`` means any.  ``actor`` and ``recipient`` match the actors and recipients of the fused event's mentions.

    The other fields are those of ``EventFilter`` (a fused event passes a mention condition -- historical, text,
    place -- when one of its mentions does, as the aggregates count it).
    """

    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None  # one type or a comma-separated list
    since: str | None = None  # YYYY[-MM[-DD]], inclusive, on ``day``
    until: str | None = None  # inclusive; a bare year or month covers all of it
    status: str | None = None  # one status or a comma-separated list; default: every status
    min_sources: int = 1
    min_mentions: int = 1
    historical: bool | None = None  # False: no fused event all of whose mentions are historical
    either: bool = False  # actor and recipient in either direction
    date_match: str = "within"
    text: str | None = None
    place: str | None = None
    bbox: str | None = None


def _fetch(con: Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _marks(values: list[str]) -> str:
    return ", ".join("?" * len(values))  # an IN list of parameters lets DuckDB use the primary key


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else None


def _has(role: str) -> str:
    """SQL: a mention of fused event ``e`` has a participant of ``role`` named by the bound actor keys or network
    nodes (as the mention listing reads an actor filter: ``queries.named_participant``)."""
    return (
        "e.fused_id IN (SELECT m.fused_id FROM fused_event_mentions m JOIN event_actors a ON a.event_id = m.event_id "
        f"WHERE a.role = '{role}' AND {queries.named_participant('a')})"
    )


def _where(con: Connection, f: FusedFilter) -> tuple[list[str], list[Any]]:
    """Clauses over ``fused_events e`` (aliased like ``events e``: type, status and day share the event filters)."""
    clauses = ["e.sources >= ?", "e.mentions >= ?"]
    params: list[Any] = [f.min_sources, f.min_mentions]
    a = queries.resolve_actor(con, f.actor, "actor") if f.actor else None
    b = queries.resolve_actor(con, f.recipient, "recipient") if f.recipient else None
    if a is not None and b is not None:
        if f.either:
            one = f"({_has('actor')} AND {_has('recipient')})"
            clauses.append(f"({one} OR {one})")
            params += [a, b, b, a]
        else:
            clauses.append(f"{_has('actor')} AND {_has('recipient')}")
            params += [a, b]
    elif a is not None or b is not None:
        keys = a if a is not None else b
        if f.either:
            clauses.append(f"({_has('actor')} OR {_has('recipient')})")
            params += [keys, keys]
        else:
            clauses.append(_has("actor" if a is not None else "recipient"))
            params.append(keys)
    # Type, status, the time window and the mention conditions: the same parsing and SQL as the mention listing.
    window = queries.EventFilter(
        event_type=f.event_type, status=f.status, since=f.since, until=f.until, historical=f.historical,
        date_match=f.date_match, text=f.text, place=f.place, bbox=f.bbox,
    )  # fmt: skip
    shared, values = queries.event_clauses(con, window, table="fused_events")
    return clauses + shared, params + values


def _actors(con: Connection, keys: set[str]) -> dict[str, FusedActor]:
    if not keys:
        return {}
    ordered = sorted(keys)
    rows = con.execute(f"SELECT actor_key, name, country FROM actors WHERE actor_key IN ({_marks(ordered)})", ordered)
    found = {str(k): FusedActor(key=str(k), name=n, country=c) for k, n, c in rows.fetchall()}
    return {k: found.get(k) or FusedActor(key=k) for k in ordered}


def _rows(con: Connection, records: list[dict[str, Any]]) -> list[FusedEventRow]:
    """Fused rows with actor names, mediators, the lead mention and announcement links."""
    ids = [str(r["fused_id"]) for r in records]
    if not ids:
        return []
    marks = _marks(ids)
    mediators: dict[str, list[str]] = defaultdict(list)
    for fused_id, key in con.execute(
        "SELECT DISTINCT m.fused_id, a.actor_key FROM fused_event_mentions m JOIN event_actors a USING (event_id) "
        f"WHERE m.fused_id IN ({marks}) AND a.role = 'mediator' ORDER BY 1, 2",
        ids,
    ).fetchall():
        mediators[str(fused_id)].append(str(key))
    leads: dict[str, LeadMention] = {}
    for fused_id, event_id, doc_id, trigger, sentence in con.execute(
        "SELECT fused_id, event_id, doc_id, trigger_text, sentence_text FROM ("
        "SELECT m.fused_id, e.event_id, e.doc_id, e.trigger_text, e.sentence_text, row_number() OVER ("
        "PARTITION BY m.fused_id ORDER BY e.confidence DESC, d.date NULLS LAST, e.event_id) AS rank "
        "FROM fused_event_mentions m JOIN events e USING (event_id) JOIN documents d ON d.doc_id = e.doc_id "
        f"WHERE m.fused_id IN ({marks})) WHERE rank = 1",
        ids,
    ).fetchall():
        leads[str(fused_id)] = LeadMention(event_id=event_id, doc_id=doc_id, trigger=trigger, sentence=sentence)
    announced_by: dict[str, list[str]] = defaultdict(list)
    first_announced: dict[str, date] = {}
    anticipates: dict[str, list[str]] = defaultdict(list)
    for source, target, first in con.execute(
        "SELECT k.fused_id, k.target_fused_id, f.first_report FROM fused_event_links k "
        "JOIN fused_events f ON f.fused_id = k.fused_id WHERE k.relation = 'anticipates' "
        f"AND (k.target_fused_id IN ({marks}) OR k.fused_id IN ({marks})) ORDER BY 3 NULLS LAST, 1, 2",
        [*ids, *ids],
    ).fetchall():
        announced_by[str(target)].append(str(source))
        anticipates[str(source)].append(str(target))
        if isinstance(first, date) and (str(target) not in first_announced or first < first_announced[str(target)]):
            first_announced[str(target)] = first
    keys = {str(k) for r in records for k in (*r["actors"], *r["recipients"])}
    names = _actors(con, keys | {k for v in mediators.values() for k in v})
    out: list[FusedEventRow] = []
    for r in records:
        fused_id = str(r["fused_id"])
        fields = {**r, **{name: _iso(r.get(name)) for name in _DAY_COLUMNS}}
        fields["actors"] = [names[str(k)] for k in r["actors"]]
        fields["recipients"] = [names[str(k)] for k in r["recipients"]]
        fields["mediators"] = [names[k] for k in mediators.get(fused_id, [])]
        fields["lead"] = leads.get(fused_id)
        fields["announced_by"] = announced_by.get(fused_id, [])
        fields["first_announced"] = _iso(first_announced.get(fused_id))
        fields["anticipates"] = anticipates.get(fused_id, [])
        out.append(FusedEventRow.model_validate(fields))
    return out


_ORDERS = {
    # name: (sort column, ascending)
    "day": ("day", True),  # by the event's day, undated first (as GET /events)
    "recent": ("last_report", False),  # most recently reported first
}


def _encode(order: str, value: date | None, fused_id: str) -> str:
    raw = json.dumps([order, (value or _NO_DAY).isoformat(), fused_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode(cursor: str, order: str) -> tuple[date, str]:
    try:
        made_for, value, fused_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        if made_for != order:
            raise ValueError(f"made for order={made_for}")
        return date.fromisoformat(value), str(fused_id)
    except (ValueError, TypeError, binascii.Error, UnicodeError) as exc:
        raise InvalidQuery(f"cursor: not a cursor returned by this query ({cursor[:40]!r})") from exc


def fused_events(
    con: Connection,
    f: FusedFilter | None = None,
    limit: int = 100,
    cursor: str | None = None,
    order: str = "day",
    totals: bool = False,
) -> FusedEventPage:
    """Fused events matching ``f``, ``limit`` at a time, resumable by ``cursor``.

    ``order``: ``day`` (the event's day, undated first, then id) or ``recent`` (last report, newest first).
    """
    if not 1 <= limit <= queries.MAX_LIMIT:
        raise InvalidQuery(f"limit: must be between 1 and {queries.MAX_LIMIT}, got {limit}")
    if order not in _ORDERS:
        raise InvalidQuery(f"order: unknown value {order!r}; allowed: {', '.join(_ORDERS)}")
    column, ascending = _ORDERS[order]
    clauses, params = _where(con, f or FusedFilter())
    total = None
    if totals:
        found = con.execute(f"SELECT count(*) FROM fused_events e WHERE {' AND '.join(clauses)}", params).fetchone()
        total = int(found[0]) if found else 0
    if cursor:
        value, fused_id = _decode(cursor, order)
        c = f"e.{column}"
        if ascending:  # undated rows come first
            if value == _NO_DAY:
                clauses.append(f"({c} IS NOT NULL OR e.fused_id > ?)")
                params.append(fused_id)
            else:
                clauses.append(f"({c} > ? OR ({c} = ? AND e.fused_id > ?))")
                params += [value, value, fused_id]
        elif value == _NO_DAY:  # newest first, undated rows last
            clauses.append(f"({c} IS NULL AND e.fused_id < ?)")
            params.append(fused_id)
        else:
            clauses.append(f"({c} < ? OR ({c} = ? AND e.fused_id < ?) OR {c} IS NULL)")
            params += [value, value, fused_id]
    direction = "NULLS FIRST" if ascending else "DESC NULLS LAST"
    sql = (
        f"SELECT * FROM fused_events e WHERE {' AND '.join(clauses)} "
        f"ORDER BY e.{column} {direction}, e.fused_id {'' if ascending else 'DESC'} LIMIT ?"
    )
    records = _fetch(con, sql, [*params, limit + 1])
    page = records[:limit]
    next_cursor = None
    if len(records) > limit:
        last = page[-1]
        next_cursor = _encode(order, last[column], str(last["fused_id"]))
    return FusedEventPage(items=_rows(con, page), next_cursor=next_cursor, total=total)


def _by_ids(con: Connection, ids: list[str]) -> list[FusedEventRow]:
    if not ids:
        return []
    records = _fetch(con, f"SELECT * FROM fused_events e WHERE e.fused_id IN ({_marks(ids)})", ids)
    records.sort(key=lambda r: (r["first_report"] or date.max, r["fused_id"]))
    return _rows(con, records)


def fused_event(con: Connection, fused_id: str, mention_limit: int = MENTION_LIMIT) -> FusedEventDetail | None:
    """One fused event with its first ``mention_limit`` mentions (report order) and its announcements."""
    if not 1 <= mention_limit <= queries.MAX_LIMIT:
        raise InvalidQuery(f"mention_limit: must be between 1 and {queries.MAX_LIMIT}, got {mention_limit}")
    found = _by_ids(con, [fused_id])
    if not found:
        return None
    row = found[0]
    ids = [
        str(r[0])
        for r in con.execute(
            "SELECT m.event_id FROM fused_event_mentions m JOIN documents d USING (doc_id) WHERE m.fused_id = ? "
            "ORDER BY d.date NULLS LAST, m.doc_id, m.event_id LIMIT ?",
            [fused_id, mention_limit],
        ).fetchall()
    ]
    return FusedEventDetail(
        fused=row,
        mentions=queries.event_details(con, ids),
        announcements=_by_ids(con, row.announced_by),
        anticipated=_by_ids(con, row.anticipates),
    )
