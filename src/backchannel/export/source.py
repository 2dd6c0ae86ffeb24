"""The events an export writes: the filtered stored events with their provenance and document.

Every format reads the same ``ExportSet``, selected with the same ``EventFilter`` semantics as
``backchannel events`` (the rows come from ``queries.events``), so the formats agree on what they hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb

from backchannel.store import queries
from backchannel.store.models import EventActor, EventRow, Span
from backchannel.store.nodes import NodeInfo, describe
from backchannel.store.queries import EventFilter

__all__ = ["ExportEvent", "ExportSet", "Provenance", "SourceDoc", "load_events"]


@dataclass(frozen=True)
class SourceDoc:
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    origin: str | None
    ingested_at: datetime | None
    lead_end: int  # offset where the first paragraph ends (GDELT's "root event" = found in the lead)


@dataclass(frozen=True)
class Provenance:
    sentence_index: int
    sentence: Span
    trigger: Span
    time: Span | None
    date_text: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class ExportEvent:
    row: EventRow
    provenance: Provenance
    document: SourceDoc
    fused_id: str | None = None  # the fused event this mention belongs to, when the store has fused them

    @property
    def in_lead(self) -> bool:
        return self.provenance.sentence.start < self.document.lead_end


@dataclass(frozen=True)
class ExportSet:
    events: tuple[ExportEvent, ...]
    kinds: Mapping[str, str | None] = field(default_factory=dict)  # actor key -> kind (country, person, ...)
    country_names: Mapping[str, str] = field(default_factory=dict)  # ISO alpha-3 -> display name ("Russia")

    names: Mapping[str, str] = field(default_factory=dict)  # actor key -> canonical name (actors table)
    nodes: Mapping[str, NodeInfo] = field(default_factory=dict)  # network node key -> its name, country, sector
    # (doc_id, start, end) of a mention -> name of the organisation it belongs to ("Hamas fighters" -> Hamas)
    affiliations: Mapping[tuple[str, int, int], str] = field(default_factory=dict)

    def kind(self, actor: EventActor) -> str | None:
        return self.kinds.get(actor.key)

    def affiliation(self, doc_id: str, actor: EventActor) -> str | None:
        """The name of the organisation the mention belongs to, when the resolver found one."""
        if actor.start is None or actor.end is None:
            return None
        return self.affiliations.get((doc_id, actor.start, actor.end))

    def name(self, actor: EventActor) -> str:
        """The actor's canonical name ("Ukraine" for a "Kyiv" standing for it), else its text."""
        return self.names.get(actor.key) or actor.name or actor.text


_EXTRAS = """
SELECT e.event_id, e.context, e.sentence_index, e.sentence_start, e.sentence_end, e.sentence_text,
       e.trigger_start, e.trigger_end, e.trigger_text, e.time_start, e.time_end, e.date_text,
       d.doc_id, d.title, d.source, d.url, d.date, d.origin, d.ingested_at,
       length(d.text) AS text_length,
       length(d.text) - length(ltrim(d.text, ' ' || chr(9) || chr(10) || chr(13))) AS indent,
       strpos(ltrim(d.text, ' ' || chr(9) || chr(10) || chr(13)), chr(10)) AS first_break
FROM events e JOIN documents d ON d.doc_id = e.doc_id
WHERE e.event_id IN (SELECT unnest(?::TEXT[]))
"""


def _rows(con: duckdb.DuckDBPyConnection, f: EventFilter) -> list[EventRow]:
    found: list[EventRow] = []
    cursor: str | None = None
    while True:
        page = queries.events(con, f, limit=queries.MAX_LIMIT, cursor=cursor)
        found.extend(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return found


def _lead_end(r: dict[str, Any]) -> int:
    # strpos is 1-based and 0 when the text has a single paragraph.
    first_break = int(r["first_break"] or 0)
    return int(r["indent"]) + first_break - 1 if first_break else int(r["text_length"])


def _extras(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, tuple[Provenance, SourceDoc]]:
    if not ids:
        return {}
    cur = con.execute(_EXTRAS, [ids])
    names = [d[0] for d in cur.description or []]
    out: dict[str, tuple[Provenance, SourceDoc]] = {}
    for values in cur.fetchall():
        r = dict(zip(names, values, strict=True))
        time = None
        if r["time_start"] is not None and r["date_text"] is not None:
            time = Span(start=r["time_start"], end=r["time_end"], text=r["date_text"])
        provenance = Provenance(
            sentence_index=int(r["sentence_index"]),
            sentence=Span(start=r["sentence_start"], end=r["sentence_end"], text=r["sentence_text"]),
            trigger=Span(start=r["trigger_start"], end=r["trigger_end"], text=r["trigger_text"]),
            time=time,
            date_text=r["date_text"],
            context=tuple(r["context"] or ()),
        )
        doc = SourceDoc(
            doc_id=r["doc_id"], title=r["title"], source=r["source"], url=r["url"], date=r["date"],
            origin=r["origin"], ingested_at=r["ingested_at"], lead_end=_lead_end(r),
        )  # fmt: skip
        out[str(r["event_id"])] = (provenance, doc)
    return out


def _fused_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, str]:
    # Fusion tables arrive with schema migration 2; a database without them simply has no links.
    present = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fused_event_mentions'"
    ).fetchone()
    if not ids or not present or not present[0]:
        return {}
    rows = con.execute(
        "SELECT event_id, fused_id FROM fused_event_mentions WHERE event_id IN (SELECT unnest(?::TEXT[]))", [ids]
    ).fetchall()
    return {str(e): str(f) for e, f in rows}


def load_events(con: duckdb.DuckDBPyConnection, f: EventFilter | None = None) -> ExportSet:
    """The stored events matching ``f`` (all when ``None``), in date order, with provenance and document."""
    rows = _rows(con, f or EventFilter())
    ids = [r.event_id for r in rows]
    extras, fused = _extras(con, ids), _fused_ids(con, ids)
    events = tuple(
        ExportEvent(
            row=r, provenance=extras[r.event_id][0], document=extras[r.event_id][1], fused_id=fused.get(r.event_id)
        )
        for r in rows
    )
    keys = sorted({a.key for e in events for a in (*e.row.actors, *e.row.recipients, *e.row.mediators)})
    found = con.execute(
        "SELECT actor_key, kind, name FROM actors WHERE actor_key IN (SELECT unnest(?::TEXT[]))", [keys]
    ).fetchall()
    kinds = {str(k): (None if v is None else str(v)) for k, v, _ in found}
    names = {str(k): str(n) for k, _, n in found if n}
    countries = con.execute("SELECT actor_key, name FROM actors WHERE kind = 'country' AND name IS NOT NULL")
    country_names = {str(k): str(v) for k, v in countries.fetchall()}
    nodes = describe(con, {a.node or a.key for e in events for a in (*e.row.actors, *e.row.recipients)})
    return ExportSet(
        events=events,
        kinds=kinds,
        country_names=country_names,
        names=names,
        nodes=nodes,
        affiliations=_affiliations(con, sorted({e.row.doc_id for e in events})),
    )


def _affiliations(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[tuple[str, int, int], str]:
    rows = con.execute(
        "SELECT m.doc_id, m.start_char, m.end_char, m.affiliation, a.name FROM mentions m "
        "LEFT JOIN actors a ON a.actor_key = m.affiliation "
        "WHERE m.affiliation IS NOT NULL AND m.doc_id IN (SELECT unnest(?::TEXT[]))",
        [doc_ids],
    ).fetchall()
    if any(n is None for *_, n in rows):  # an organisation that is no participant itself: the knowledge base names it
        from backchannel.actors.kb import ActorKB

        known = ActorKB.load().actors
        rows = [(d, s, e, k, n or (known[k].name if k in known else k)) for d, s, e, k, n in rows]
    return {(str(d), int(s), int(e)): str(n) for d, s, e, _, n in rows}
