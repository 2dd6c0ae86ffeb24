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
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal, get_args

import duckdb

from backchannel.records import EVENT_TYPES, Status
from backchannel.store import clauses as cl
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
from backchannel.store.nodes import describe, domestic, is_node
from backchannel.store.rows import alias_form
from backchannel.store.search import parse_query

__all__ = [
    "COUNTS",
    "DEFAULT_FILTER",
    "MAX_DYADS",
    "MAX_LIMIT",
    "Count",
    "EventFilter",
    "actor_detail",
    "actors",
    "document",
    "dyad_mentions",
    "dyads",
    "event",
    "event_clauses",
    "event_details",
    "events",
    "named_participant",
    "network",
    "resolve_actor",
    "timeline",
]

MAX_LIMIT = 1000
MAX_DYADS = 10_000  # the most dyads one /dyads page returns
_NO_DAY = date(1, 1, 1)
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Connection = duckdb.DuckDBPyConnection
Record = dict[str, Any]

# What the aggregates (dyads, network, timeline) count: real events (the default: the mentions of one fused
# event count once, a near-duplicate document's copy not at all) or every mention as stored.
Count = Literal["events", "mentions"]
COUNTS: tuple[str, ...] = ("events", "mentions")


STATUSES: tuple[str, ...] = get_args(Status)
ALL_STATUSES = "any"  # status=any: every status


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by ``events``, ``dyads``, ``network`` and ``timeline``; ``None`` means any.

    The store's default is every event; the API's default is asserted, non-historical events (its parameters
    opt into the others), so every view of the API counts the same events for the same query.
    """

    actor: str | None = None  # actor id, key or name (case-insensitive)
    recipient: str | None = None
    event_type: str | None = None  # one type or a comma-separated list
    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None  # YYYY[-MM[-DD]], inclusive (a bare month or year covers all of it)
    status: str | None = None  # one status or a comma-separated list; "any" or None: every status
    doc_id: str | None = None
    fused_id: str | None = None  # the mentions of one fused event
    historical: bool | None = None  # False: no historical events; True: only those; None: both
    either: bool = False  # actor and recipient in either direction (A -> B or B -> A)
    date_match: str = "within"  # clauses.DATE_MATCHES: a window holds an event's whole dated period, or meets it
    text: str | None = None  # every word in the sentence or an actor's name
    place: str | None = None  # place name, the words that named it, or an ISO country code
    bbox: str | None = None  # west,south,east,north (degrees)


# What the API (and the demo's summary) counts unless asked otherwise: asserted, non-historical events.
DEFAULT_FILTER = EventFilter(status="asserted", historical=False)


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


def _split(value: str, upper: bool = False) -> list[str]:
    return [(v.strip().upper() if upper else v.strip()) for v in value.split(",") if v.strip()]


def _check_count(count: str) -> None:
    if count not in COUNTS:
        raise InvalidQuery(f"count: unknown value {count!r}; allowed: events, mentions")


@dataclass(frozen=True)
class _Grain:
    """How to turn mentions into real events in the SQL of an aggregate over alias ``e``.

    ``event_actors`` and ``event_dyads`` carry the fused event of each mention that has company in it
    (``fused_id``, copied there by fusion; NULL for a mention that is its own real event), so no join is needed.
    """

    fused: bool  # fused_event_mentions has rows: a mention's real event is its fused event
    copies: bool  # some documents are near-duplicates of another: their mentions are not counted

    def counted(self) -> str:
        """Real events among rows of one mention each: the unfused ones, plus the distinct fused events."""
        return "count(*) - count(e.fused_id) + count(DISTINCT e.fused_id)" if self.fused else "count(*)"

    def clauses(self) -> list[str]:
        return [_NOT_A_COPY] if self.copies else []


_NOT_A_COPY = "e.doc_id NOT IN (SELECT doc_id FROM document_duplicates WHERE doc_id <> canonical_doc_id)"
_FUSED_OR_NOT = ("e.fused_id IS NULL", "e.fused_id IS NOT NULL")


def _grain(con: Connection, count: str) -> _Grain:
    """The grain of an aggregate: mentions as stored, or real events given the fused layer (if any)."""
    _check_count(count)
    if count == "mentions":
        return _Grain(fused=False, copies=False)
    try:
        row = con.execute(
            "SELECT EXISTS (SELECT 1 FROM fused_event_mentions), "
            "EXISTS (SELECT 1 FROM document_duplicates WHERE doc_id <> canonical_doc_id)"
        ).fetchone()
    except duckdb.CatalogException:  # a database from before the fused layer: nothing is fused
        return _Grain(fused=False, copies=False)
    return _Grain(fused=bool(row and row[0]), copies=bool(row and row[1]))


_PARTY_ROLES = "e.role IN ('actor', 'recipient', 'mediator')"


def named_participant(alias: str) -> str:
    """SQL: the participant ``alias`` (an ``event_actors`` row) is one of the bound actor keys or network nodes.

    A reference names stored actors; a participant is named by its key or by its node (``store.nodes``), so
    ``USA`` holds the generic U.S. officials the network draws as the United States, and ``USA_LEG`` (a node
    of the network, no stored actor) the participants drawn as the U.S. legislature.
    """
    return f"list_has_any(?::TEXT[], [{alias}.actor_key, {alias}.node])"


def _participant() -> str:
    """SQL: the mentions with a participant of the bound role among the bound actor keys or nodes."""
    return f"SELECT a.event_id FROM event_actors a WHERE a.role = ? AND {named_participant('a')}"


def _allowed(name: str, values: list[str], allowed: tuple[str, ...]) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise InvalidQuery(f"{name}: unknown value(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(allowed)}")
    return values


def statuses(value: str | None) -> list[str] | None:
    """The statuses ``value`` names (None: every status), checked against the PLOVER statuses."""
    names = _split(value or "")
    if not names or ALL_STATUSES in names:
        return None
    return _allowed("status", names, STATUSES)


def event_types(value: str | None) -> list[str] | None:
    """The PLOVER types ``value`` names (None: every type), checked against the PLOVER types."""
    if not value:
        return None
    return _allowed("type", _split(value, upper=True), EVENT_TYPES)


def _pair(con: Connection, f: EventFilter, drive: str | None) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.either and f.actor and f.recipient:
        a, b = resolve_actor(con, f.actor, "actor"), resolve_actor(con, f.recipient, "recipient")
        one = f"(e.event_id IN ({_participant()}) AND e.event_id IN ({_participant()}))"
        clauses.append(f"({one} OR {one})")
        params += ["actor", a, "recipient", b, "actor", b, "recipient", a]
        return clauses, params
    if f.either and (f.actor or f.recipient):
        who = resolve_actor(con, f.actor or f.recipient or "", "actor" if f.actor else "recipient")
        clauses.append(
            f"e.event_id IN (SELECT a.event_id FROM event_actors a WHERE a.role IN ('actor', 'recipient') "
            f"AND {named_participant('a')})"
        )
        params.append(who)
        return clauses, params
    for role, ref in (("actor", f.actor), ("recipient", f.recipient)):
        if not ref:
            continue
        keys = resolve_actor(con, ref, role)
        if role == drive:
            clauses.append(f"e.role = ? AND {named_participant('e')}")
        else:
            clauses.append(f"e.event_id IN ({_participant()})")
        params += [role, keys]
    return clauses, params


def _where(
    con: Connection, f: EventFilter, drive: str | None = None, table: cl.Table = "events"
) -> tuple[list[str], list[Any]]:
    """WHERE clauses over alias ``e`` of ``table`` (events, event_actors, event_dyads or fused_events).

    ``drive`` names the role whose actor ``e`` (then event_actors) is restricted to directly.
    """
    clauses, params = _pair(con, f, drive) if table != "fused_events" else ([], [])
    types = event_types(f.event_type)
    if types:
        clauses.append("e.event_type IN (SELECT unnest(?::TEXT[]))")
        params.append(types)
    if f.date_match not in cl.DATE_MATCHES:
        raise InvalidQuery(f"date_match: unknown value {f.date_match!r}; allowed: {', '.join(cl.DATE_MATCHES)}")
    dated, values = cl.date_conditions(table, _parse_day(f.since, "since"), _until_day(f.until), f.date_match)
    clauses += dated
    params += values
    wanted = statuses(f.status)
    if wanted:
        clauses.append("e.status IN (SELECT unnest(?::TEXT[]))")
        params.append(wanted)
    if f.historical is False:
        clauses.append(cl.historical_condition(table))
    elif f.historical:
        clauses.append(cl.lift(table, "x.historical"))
    for made in (
        _text_condition(con, table, f.text) if f.text and f.text.strip() else None,
        cl.place_condition(table, f.place) if f.place and f.place.strip() else None,
        cl.bbox_condition(table, _bbox(f.bbox)) if f.bbox else None,
    ):
        if made:
            clauses.append(made[0])
            params += made[1]
    if f.doc_id:
        clauses.append("e.doc_id = ?")
        params.append(f.doc_id)
    if f.fused_id:
        clauses.append("e.event_id IN (SELECT event_id FROM fused_event_mentions WHERE fused_id = ?)")
        params.append(f.fused_id)
    return clauses, params


def _text_condition(con: Connection, table: cl.Table, text: str) -> tuple[str, list[Any]]:
    """The index's condition for ``text``; a text without a letter or digit finds nothing."""
    return cl.text_condition(table, parse_query(con, text))


def _bbox(value: str) -> cl.BBox:
    box = cl.parse_bbox(value)
    if box is None:
        raise InvalidQuery(f"bbox: expected west,south,east,north in degrees, got {value!r}")
    return box


def event_clauses(con: Connection, f: EventFilter, table: cl.Table = "events") -> tuple[list[str], list[Any]]:
    """WHERE clauses (joined by AND) and their parameters for ``f`` over ``table e`` (default ``events e``)."""
    return _where(con, f, table=table)


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
            f"SELECT event_id, role, {_ACTOR_COLUMNS}, node FROM event_actors "
            f"WHERE event_id IN ({', '.join('?' * len(event_ids))}) ORDER BY event_id, role, position",
            event_ids,
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


def _fused_ids(con: Connection, event_ids: list[str]) -> dict[str, str]:
    if not event_ids:
        return {}
    rows = con.execute(
        f"SELECT event_id, fused_id FROM fused_event_mentions WHERE event_id IN ({', '.join('?' * len(event_ids))})",
        event_ids,
    ).fetchall()
    return {str(e): str(f) for e, f in rows}


def _event_rows(con: Connection, rows: list[Record]) -> list[EventRow]:
    ids = [r["event_id"] for r in rows]
    links, fused = _event_actors(con, ids), _fused_ids(con, ids)
    return [_event_row({**r, "fused_id": fused.get(r["event_id"])}, links.get(r["event_id"], {})) for r in rows]


def _totals(con: Connection, table: str, clauses: list[str], params: list[Any]) -> tuple[int, int]:
    """Mentions matching, and the real events they are (as the aggregates count them: copies left out)."""
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    grain = _grain(con, "events")
    real = " AND ".join([*clauses, *grain.clauses()])
    unit = "coalesce(m.fused_id, e.event_id)" if grain.fused else "e.event_id"
    join = "LEFT JOIN fused_event_mentions m ON m.event_id = e.event_id" if grain.fused else ""
    row = con.execute(
        f"SELECT (SELECT count(DISTINCT e.event_id) FROM {table} e {where}), "
        f"(SELECT count(DISTINCT {unit}) FROM {table} e {join} {('WHERE ' + real) if real else ''})",
        [*params, *params],
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def events(
    con: Connection, f: EventFilter | None = None, limit: int = 100, cursor: str | None = None, totals: bool = False
) -> EventPage:
    """Events matching ``f`` in date order (undated first), ``limit`` at a time, resumable by ``cursor``.

    ``totals`` adds the number of mentions matching (every page) and of the real events they are.
    """
    _check_limit("limit", limit)
    filt = f or EventFilter()
    # With an actor (or recipient) filter, page through that actor's rows of event_actors, which carry
    # the event's day, type and status; otherwise through events.
    drive = None if filt.either else ("actor" if filt.actor else ("recipient" if filt.recipient else None))
    table: cl.Table = "event_actors" if drive else "events"
    clauses, params = _where(con, filt, drive=drive, table=table)
    counted = _totals(con, table, clauses, params) if totals else None
    if cursor:
        day, event_id = _decode_cursor(cursor)
        if day == _NO_DAY:
            clauses.append("(e.day IS NOT NULL OR e.event_id > ?)")
            params.append(event_id)
        else:
            clauses.append("(e.day > ? OR (e.day = ? AND e.event_id > ?))")
            params += [day, day, event_id]
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    # Page the narrow (day, id) pairs first; then fetch the wide rows of that page only.
    # One row per (event, participant): a name that resolves to several keys, or a state whose generic officials
    # take part beside it (the United States and "the U.S. government"), can repeat an event.
    distinct = "DISTINCT" if drive else ""
    keys = con.execute(
        f"SELECT {distinct} e.event_id, e.day FROM {table} e {where} ORDER BY e.day NULLS FIRST, e.event_id LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    page = keys[:limit]
    rows: list[Record] = []
    if page:
        marks = ", ".join("?" * len(page))  # an IN list of parameters lets DuckDB use the primary key
        rows = _fetch(con, f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.event_id IN ({marks})", [k[0] for k in page])
    order = {k[0]: i for i, k in enumerate(page)}
    rows.sort(key=lambda r: order[r["event_id"]])
    next_cursor = _encode_cursor(page[-1][1], page[-1][0]) if len(keys) > limit else None
    mentions, real = counted if counted is not None else (None, None)
    return EventPage(items=_event_rows(con, rows), next_cursor=next_cursor, total_mentions=mentions, total_events=real)


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


def event_details(con: Connection, event_ids: list[str]) -> list[EventDetail]:
    """Events with their sentence, document and spans, in the order of ``event_ids`` (unknown ids left out)."""
    if not event_ids:
        return []
    marks = ", ".join("?" * len(event_ids))
    rows = _fetch(con, f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.event_id IN ({marks})", list(event_ids))
    order = {event_id: i for i, event_id in enumerate(event_ids)}
    rows.sort(key=lambda r: order[r["event_id"]])
    return _details(con, rows)


def event(con: Connection, event_id: str) -> EventDetail | None:
    """One event with its sentence, document and the character spans of trigger, actors, place and time."""
    details = _details(con, _fetch(con, f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.event_id = ?", [event_id]))
    return details[0] if details else None


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _actor_summary(grain: _Grain, only: str | None = None, shown: list[str] | None = None) -> str:
    """The SELECT of actor summaries: surface-form mentions, and events counted at ``grain``.

    event_actors holds one row per (mention, actor): per actor, ``grain.counted()`` counts real events (or rows).
    ``only`` (a condition on ``e.actor_key``, parameters bound by the caller first) and ``shown`` (the event
    filter's clauses over event_actors, parameters next) limit the events counted.
    """
    # The events an actor takes part in as actor, recipient or mediator, as the network's nodes count them (a
    # reporting source is no party to what it reports).
    clauses = [_PARTY_ROLES, *([only] if only else []), *(shown or []), *grain.clauses()]
    where = "WHERE " + " AND ".join(clauses)
    return f"""
WITH m AS (SELECT actor_key, count(*) AS n FROM mentions GROUP BY actor_key),
     ev AS (SELECT e.actor_key, {grain.counted()} AS n FROM event_actors e {where} GROUP BY e.actor_key)
SELECT a.actor_key AS key, a.actor_id, a.name, a.country, a.sector, a.kind, a.resolved,
       coalesce(m.n, 0) AS mentions, coalesce(ev.n, 0) AS events
FROM actors a LEFT JOIN m ON m.actor_key = a.actor_key LEFT JOIN ev ON ev.actor_key = a.actor_key
"""


def _word_start(text: str) -> str:
    """An RE2 pattern: ``text`` at the start of a word (case-insensitive)."""
    return "(?i)\\b" + re.escape(text.strip())


def actors(
    con: Connection,
    search: str | None = None,
    limit: int = 100,
    count: Count = "events",
    f: EventFilter | None = None,
) -> list[ActorSummary]:
    """Actors (most active first), optionally those whose key, name or any surface form contains ``search``.

    A search ranks an actor whose key, id, name or a surface form is the search itself first, then those with a
    word that begins with it ("Hamas", "Hamas political bureau"), then those that merely contain it ("Bahamas");
    within a rank the most active come first.  ``events`` counts real events (``count="events"``, a fused event
    once, a repost's mentions not at all) or every stored mention (``"mentions"``), among the events ``f``
    selects (every event when it is None).
    """
    _check_limit("limit", limit)
    shown, shown_params = _where(con, f, table="event_actors") if f else ([], [])
    summary = _actor_summary(_grain(con, count), shown=shown)
    where, params, rank, rank_params = "", list[Any](), "0", list[Any]()
    if search and search.strip():
        where = (
            "WHERE a.actor_key ILIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\' "
            "OR a.actor_key IN (SELECT actor_key FROM aliases WHERE alias LIKE ? ESCAPE '\\')"
        )
        params = [_like(search), _like(search), _like(alias_form(search))]
        form, start = alias_form(search), _word_start(search)
        rank = (
            "CASE WHEN lower(a.actor_key) = ? OR lower(a.actor_id) = ? OR lower(a.name) = ? "
            "OR a.actor_key IN (SELECT actor_key FROM aliases WHERE alias = ?) THEN 0 "
            "WHEN regexp_matches(a.name, ?) OR regexp_matches(a.actor_key, ?) "
            "OR a.actor_key IN (SELECT actor_key FROM aliases WHERE regexp_matches(alias, ?)) THEN 1 ELSE 2 END"
        )
        rank_params = [form, form, form, form, start, start, start]
    rows = _fetch(
        con,
        f"SELECT * FROM (SELECT s.*, {rank} AS match_rank FROM ({summary}) s JOIN actors a ON a.actor_key = s.key "
        f"{where}) ORDER BY match_rank, events DESC, mentions DESC, key LIMIT ?",
        [*rank_params, *shown_params, *params, limit],
    )
    return [ActorSummary.model_validate({k: v for k, v in r.items() if k != "match_rank"}) for r in rows]


def resolve_actor(con: Connection, ref: str, param: str = "actor") -> list[str]:
    """Actor keys that ``ref`` names: an exact key, else any id, name or surface form (case-insensitive).

    A place is not an actor: a name the documents use for a place (``Doha``) that no actor bears as its own name
    or id -- it only stood for an actor in some sentences (Doha for Qatar) -- is refused (``InvalidQuery``) rather
    than silently read as that actor; ``place=`` filters events by their place.
    """
    form = alias_form(ref)
    rows = con.execute(
        "SELECT actor_key FROM actors WHERE actor_key = ? UNION SELECT actor_key FROM aliases WHERE alias = ?",
        [ref, form],
    ).fetchall()
    keys = sorted(str(r[0]) for r in rows)
    if not keys and is_node(ref):  # a node of the network that is no stored actor (USA_LEG, or a state)
        return [ref]
    if not keys or ref in keys:
        return keys
    own = con.execute(
        "SELECT count(*) FROM actors WHERE actor_key IN (SELECT unnest(?::TEXT[])) "
        "AND (lower(name) = lower(?) OR lower(actor_id) = lower(?))",
        [keys, ref, ref],
    ).fetchone()
    if own and own[0]:
        return keys
    place = con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM places WHERE lower(text) = ? OR lower(name) = ? LIMIT 1)", [form, form]
    ).fetchone()
    if place and place[0]:
        raise InvalidQuery(
            f"{param}: {ref!r} names a place, not an actor (in the text it stood for {', '.join(keys)}); "
            f"ask for the actor by its name or id, or filter events by place={ref}"
        )
    return keys


def _pairs(con: Connection, sql: str, params: list[Any]) -> list[tuple[str, int]]:
    return [(str(a), int(b)) for a, b in con.execute(sql, params).fetchall()]


def actor_detail(
    con: Connection, ref: str, top: int = 10, count: Count = "events", f: EventFilter | None = None
) -> ActorDetail | None:
    """Aliases, titles, roles, event counts by type and top counterparts of one actor (key, id or name).

    Events, roles, types and counterparts count real events (``count="events"``) or every mention
    (``"mentions"``) among the events ``f`` selects (every event when None); aliases count surface forms.
    """
    grain = _grain(con, count)
    shown, shown_params = _where(con, f, table="event_actors") if f else ([], [])
    dyad_shown, dyad_params = _where(con, f, table="event_dyads") if f else ([], [])
    rows = _fetch(
        con, f"{_actor_summary(grain, 'e.actor_key = ?', shown)} WHERE a.actor_key = ?", [ref, *shown_params, ref]
    )
    if not rows:
        keys = resolve_actor(con, ref)
        among = "e.actor_key IN (SELECT unnest(?::TEXT[]))"
        rows = _fetch(
            con,
            f"{_actor_summary(grain, among, shown)} WHERE a.actor_key IN (SELECT unnest(?::TEXT[])) "
            "ORDER BY events DESC, key",
            [keys, *shown_params, keys],
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
    mine = " AND ".join(["e.actor_key = ?", *shown, *grain.clauses()])
    roles = _pairs(
        con, f"SELECT e.role, {grain.counted()} FROM event_actors e WHERE {mine} GROUP BY e.role", [key, *shown_params]
    )
    by_type = _pairs(
        con,
        f"SELECT e.event_type, {grain.counted()} AS n FROM event_actors e WHERE {mine} GROUP BY 1 ORDER BY n DESC, 1",
        [key, *shown_params],
    )
    pairs = " AND ".join(["(e.source = ? OR e.target = ?)", *dyad_shown, *grain.clauses()])
    counterparts = _fetch(
        con,
        "SELECT c.key, a.name, c.count FROM (SELECT CASE WHEN e.source = ? THEN e.target ELSE e.source END AS key, "
        f"{grain.counted()} AS count FROM event_dyads e WHERE {pairs} GROUP BY key) c "
        "LEFT JOIN actors a ON a.actor_key = c.key ORDER BY c.count DESC, c.key LIMIT ?",
        [key, key, key, *dyad_params, top],
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


# One row per (mention, actor node, recipient node): the actor -> recipient pairs of ``event_dyads`` with the node
# of each end (``store.nodes``, stored beside them).  Two pairs of one mention between the same two nodes are one
# row ("the administration and the United States urged Congress"), and a pair whose two ends are one node is no
# dyad (the U.S. Alternate Executive Director -> the United States).
_NODE_DYADS = (
    "SELECT e.event_id, e.fused_id, e.source_node AS source, e.target_node AS target, e.quad_class, "
    "e.event_type, e.intensity FROM event_dyads e {where}"
)


def _node_dyads(con: Connection, f: EventFilter, grain: _Grain) -> tuple[str, list[Any]]:
    """SQL of the node pairs (``_NODE_DYADS``) of the mentions ``f`` and ``grain`` count, with its parameters."""
    clauses, params = _where(con, f, table="event_dyads")
    clauses = ["e.source_node <> e.target_node AND NOT e.node_repeat", *clauses, *grain.clauses()]
    return _NODE_DYADS.format(where="WHERE " + " AND ".join(clauses)), params


def _dyad_rows(
    con: Connection,
    f: EventFilter,
    keys: list[str] | None = None,
    strongest: int | None = None,
    min_count: int = 1,
    count: Count = "events",
) -> list[Dyad]:
    grain = _grain(con, count)
    base, params = _node_dyads(con, f, grain)
    among, among_params = [], list[Any]()
    if keys is not None:
        among = ["e.source IN (SELECT unnest(?::TEXT[])) AND e.target IN (SELECT unnest(?::TEXT[]))"]
        among_params = [keys, keys]
    cte, cte_params = f"WITH d AS MATERIALIZED ({base}) ", params
    if not grain.fused:
        # One row of d per (mention, node pair): its rows are what is counted.
        table, cond, cond_params = "d e", ("WHERE " + among[0]) if among else "", among_params
    else:
        # One row per (real event, node pair): a mention of no fused event as it is; the mentions of a fused event
        # share type and quad class, and their intensities are averaged.
        alone, together = (("WHERE " + " AND ".join([*among, c])) for c in _FUSED_OR_NOT)
        units = (
            f"SELECT e.source, e.target, e.quad_class, e.event_type, e.intensity FROM d e {alone} "
            "UNION ALL SELECT e.source, e.target, any_value(e.quad_class), any_value(e.event_type), avg(e.intensity) "
            f"FROM d e {together} GROUP BY e.source, e.target, e.fused_id"
        )
        cte += f", u AS MATERIALIZED ({units}) "
        cte_params = [*params, *among_params, *among_params]
        table, cond, cond_params = "u e", "", []
    join, join_params = "", list[Any]()
    if strongest is not None or min_count > 1:
        # Only the pairs with ``min_count`` events (the ``strongest`` of them, most events first) are broken
        # down by quad class and type.
        top = f"SELECT e.source, e.target FROM {table} {cond} GROUP BY e.source, e.target HAVING count(*) >= ?"
        join_params = [*cond_params, min_count]
        if strongest is not None:
            top += " ORDER BY count(*) DESC, e.source, e.target LIMIT ?"
            join_params.append(strongest)
        join = f"SEMI JOIN ({top}) top ON e.source = top.source AND e.target = top.target"
    rows = con.execute(
        f"{cte}SELECT e.source, e.target, e.quad_class, e.event_type, count(*), sum(e.intensity) "
        f"FROM {table} {join} {cond} GROUP BY ALL",
        [*cte_params, *join_params, *cond_params],
    ).fetchall()
    acc: dict[tuple[str, str], _DyadTotals] = defaultdict(_DyadTotals)
    for src, tgt, quad, etype, n, total in rows:
        slot = acc[(str(src), str(tgt))]
        slot.count += int(n)
        slot.intensity += float(total or 0.0)
        slot.quad[int(quad)] += int(n)
        slot.types[str(etype)] += int(n)
    info = describe(con, {k for pair in acc for k in pair})
    out = [
        Dyad(
            source=src, source_name=info[src].name, target=tgt, target_name=info[tgt].name, count=s.count,
            by_quad_class=dict(sorted(s.quad.items())), by_type=dict(sorted(s.types.items())),
            mean_intensity=round(s.intensity / s.count, 4), domestic=domestic(info[src], info[tgt]),
        )
        for (src, tgt), s in acc.items()
    ]  # fmt: skip
    out.sort(key=lambda d: (-d.count, d.source, d.target))
    return out


def dyads(
    con: Connection,
    min_count: int = 1,
    f: EventFilter | None = None,
    count: Count = "events",
    limit: int | None = None,
    offset: int = 0,
) -> list[Dyad]:
    """Directed actor -> recipient pairs with at least ``min_count`` events, most frequent first.

    ``count="events"`` counts real events (a fused event once, however many mentions report it);
    ``"mentions"`` counts every stored mention.  ``limit`` and ``offset`` page through the ranking (ties in
    count are ordered by source and target); a database of a million events has hundreds of thousands of dyads.
    """
    if limit is not None and not 1 <= limit <= MAX_DYADS:
        raise InvalidQuery(f"limit: must be between 1 and {MAX_DYADS}, got {limit}")
    if offset < 0:
        raise InvalidQuery(f"offset: must be 0 or more, got {offset}")
    strongest = None if limit is None else min(offset + limit, 2**62)  # an offset past any ranking: SQL's LIMIT range
    rows = _dyad_rows(con, f or EventFilter(), strongest=strongest, min_count=min_count, count=count)
    return rows[offset:]


def dyad_mentions(con: Connection, f: EventFilter | None = None, count: Count = "events") -> list[tuple[str, str, str]]:
    """The (mention, actor, recipient) rows the dyads and network edges count for ``f``: ``(event_id, source, target)``.

    The same rows ``dyads`` counts (actor -> recipient pairs of ``event_dyads``, a near-duplicate document's copy
    left out when counting real events), for a caller that groups them itself (the weekly dyad series).
    """
    base, params = _node_dyads(con, f or EventFilter(), _grain(con, count))
    rows = con.execute(
        f"SELECT DISTINCT event_id, source, target FROM ({base}) ORDER BY event_id, source, target", params
    ).fetchall()
    return [(str(i), str(s), str(t)) for i, s, t in rows]


def network(
    con: Connection,
    f: EventFilter | None = None,
    max_nodes: int = 200,
    min_count: int = 1,
    max_edges: int = 1000,
    count: Count = "events",
) -> NetworkView:
    """The most active actors (nodes) and the actor -> recipient dyads among them (edges) for the filtered events.

    Edges are the ``max_edges`` strongest dyads (most events first): among hundreds of busy actors in a large
    database the dyads number in the tens of thousands, more than a response or a drawing can carry.
    Nodes and edges count real events by default (``count="events"``), or every mention (``"mentions"``).
    """
    _check_limit("max_nodes", max_nodes)
    _check_limit("max_edges", max_edges)
    grain = _grain(con, count)
    filt = f or EventFilter()
    clauses, params = _where(con, filt, table="event_actors")
    where = " AND ".join(["e.role IN ('actor', 'recipient', 'mediator')", *clauses, *grain.clauses()])
    # One row per (mention, node): two actors of one mention that are one node (the United States and its
    # Alternate Executive Director) count once.
    rows = con.execute(
        f"SELECT e.node, {grain.counted()} AS events FROM event_actors e WHERE {where} AND NOT e.node_repeat "
        "GROUP BY e.node ORDER BY events DESC, e.node LIMIT ?",
        [*params, max_nodes],
    ).fetchall()
    info = describe(con, [str(k) for k, _ in rows])
    nodes = [
        NetworkNode(
            key=str(k), name=info[str(k)].name, country=info[str(k)].country, sector=info[str(k)].sector,
            kind=info[str(k)].kind, actor=info[str(k)].actor, events=int(n),
        )
        for k, n in rows
    ]  # fmt: skip
    edges = [
        NetworkEdge.model_validate(d.model_dump())
        for d in _dyad_rows(con, filt, [n.key for n in nodes], strongest=max_edges, min_count=min_count, count=count)
        if d.count >= min_count
    ]
    return NetworkView(nodes=nodes, edges=edges)


_UNITS = ("week", "month", "quarter", "year")  # timeline periods, finest first
_RANK = (
    "CASE "
    + " ".join(
        f"WHEN e.date_precision IN ({', '.join(repr(p) for p, u in cl.PRECISION_UNIT.items() if u == unit)}) THEN {i}"
        for i, unit in enumerate(_UNITS)
    )
    + " ELSE 0 END"
)  # day-precise dates rank with weeks: the finest period drawn


def timeline(
    con: Connection,
    actor: str | None = None,
    with_other: str | None = None,
    by: Literal["week", "month"] = "week",
    f: EventFilter | None = None,
    count: Count = "events",
) -> list[TimelineBucket]:
    """Events per week or month (by event day): those of ``f``, or those of ``actor`` (in any role), or of a pair.

    ``actor`` (the CLI's subject) takes part in any role; ``with_other`` makes a pair with it, in either
    direction; ``f.recipient`` a directed pair.  Without ``actor`` the filter's actor and recipient are roles, as
    in every view (``GET /timeline`` reads them so).  An event dated only to its month, quarter or year is
    counted once, in a bucket of its own that spans that period (``precision``), never in the week its period
    begins.  A real event (``count="events"``, the default) falls in the period of its earliest matching
    mention; ``"mentions"`` counts every mention in its own period.
    """
    if by not in ("week", "month"):
        raise InvalidQuery(f"by: unknown value {by!r}; allowed: week, month")
    grain = _grain(con, count)
    filt = f or EventFilter()
    if actor is not None and (with_other is not None or filt.recipient):
        filt = replace(
            filt, actor=actor, recipient=with_other or filt.recipient, either=filt.either or with_other is not None
        )
        subject = None
    elif actor is not None:
        filt, subject = replace(filt, actor=None, recipient=None), actor
    else:  # the filter's own actor and recipient, as every other view reads them
        subject = None
    clauses, params = _where(con, filt)
    if subject is not None:
        clauses.append(
            "e.event_id IN (SELECT a.event_id FROM event_actors a WHERE a.role IN ('actor', 'recipient', 'mediator') "
            f"AND {named_participant('a')})"
        )
        params.append(resolve_actor(con, subject))
    clauses.append("e.day IS NOT NULL")
    clauses += grain.clauses()
    unit = "coalesce(m.fused_id, e.event_id)" if grain.fused else "e.event_id"
    join = "LEFT JOIN fused_event_mentions m ON m.event_id = e.event_id" if grain.fused else ""
    matched = (
        f"SELECT {unit} AS unit, e.day, {_RANK} AS r, e.quad_class, e.intensity FROM events e {join} "
        f"WHERE {' AND '.join(clauses)}"
    )
    floor = _UNITS.index(by)
    units = (
        f"SELECT min(day) AS day, greatest(min(r), {floor}) AS u, any_value(quad_class) AS quad_class, "
        f"avg(intensity) AS intensity FROM ({matched}) GROUP BY unit"
    )
    period = "CASE u " + " ".join(f"WHEN {i} THEN date_trunc('{name}', day)" for i, name in enumerate(_UNITS)) + " END"
    rows = con.execute(
        f"SELECT ({period})::DATE AS p, u, quad_class, count(*), sum(intensity) FROM ({units}) "
        "GROUP BY ALL ORDER BY p, u",
        params,
    ).fetchall()
    buckets: dict[tuple[str, int], _DyadTotals] = defaultdict(_DyadTotals)
    for start, rank, quad, n, total in rows:
        slot = buckets[(start.isoformat() if isinstance(start, date) else str(start), int(rank))]
        slot.count += int(n)
        slot.intensity += float(total or 0.0)
        slot.quad[int(quad)] += int(n)
    return [
        TimelineBucket(
            period=key, precision=_UNITS[rank], count=s.count, by_quad_class=dict(sorted(s.quad.items())),
            mean_intensity=round(s.intensity / s.count, 4),
        )
        for (key, rank), s in buckets.items()
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
