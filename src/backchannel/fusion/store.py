"""Recompute near-duplicates and fused events of a database, and read them back.

``refuse(store)`` reads every document and event mention, links near-duplicate
documents to their canonical copy, fuses the mentions of canonical documents
(mentions of duplicates are left out of the fused layer, so a repost is never a
second source), links announcements to the events they announced, and replaces
``document_duplicates``, ``fused_events``, ``fused_event_mentions`` and
``fused_event_links`` in one transaction -- in which it also copies each mention's
fused event (of several mentions) into ``event_actors.fused_id`` and
``event_dyads.fused_id``, which the aggregates count by.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from backchannel.fusion.dedup import DedupSettings, DuplicateLink, find_near_duplicates
from backchannel.fusion.fuse import (
    AnnouncementLink,
    FusedEvent,
    FusionSettings,
    MentionRecord,
    Participant,
    PlaceRef,
    date_interval,
    fuse_mentions,
    link_announcements,
)
from backchannel.store.errors import StoreError
from backchannel.store.writer import Store, copy_fused_ids

__all__ = [
    "FusionResult",
    "FusionSummary",
    "compute_fusion",
    "fused_rows_columns",
    "insert_announcement_links",
    "insert_fused",
    "load_mentions",
    "party_of",
    "refuse",
]

Connection = duckdb.DuckDBPyConnection
_NON_STATE = {"IGO", "NGO", "MNC", "UAF", "REB", "INS"}


@dataclass(frozen=True)
class FusionSummary:
    documents: int
    duplicates: int  # documents that are near-duplicates of an earlier one
    mentions: int  # event mentions of canonical documents
    fused_events: int
    multi_mention: int  # fused events with more than one mention
    multi_source: int  # fused events reported by more than one document
    announcements: int = 0  # announcements (future fused events) linked to the event they announced


@dataclass(frozen=True)
class FusionResult:
    duplicates: list[DuplicateLink]  # one per document: itself, or the earlier copy it repeats
    fused: list[FusedEvent]
    announcements: list[AnnouncementLink]


def party_of(key: str, country: str | None, kind: str | None, affiliation: str | None) -> str | None:
    """The party an actor stands for in fusion, or ``None`` for unresolved generic actors."""
    if key.startswith("~"):
        # An unresolved name counts only as a person of a known country ("President Sauli Niinistö").
        return country if kind == "person" and country and country not in _NON_STATE else None
    if kind == "person":
        if affiliation:
            return affiliation
        return country if country and country not in _NON_STATE else key
    if kind in ("country", "nsa", "igo"):
        return key
    if country and len(country) == 3 and country not in _NON_STATE:
        return country
    return key


def _documents(con: Connection) -> list[tuple[str, str, str | None]]:
    rows = con.execute("SELECT doc_id, text, date FROM documents ORDER BY ingested_at, date NULLS LAST, doc_id")
    return [(str(r[0]), str(r[1]), r[2]) for r in rows.fetchall()]


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def load_mentions(
    con: Connection, canonical: dict[str, str], only: tuple[str, list[Any]] | None = None
) -> list[MentionRecord]:
    """Event mentions of canonical documents (those whose canonical is themselves), as fusion input.

    ``only``: a condition over ``events e`` and its parameters, to load some mentions rather than all.
    """
    cond, values = only if only is not None else ("TRUE", [])
    chosen = f"SELECT e.event_id FROM events e WHERE {cond}"
    keys = f"SELECT actor_key FROM event_actors WHERE event_id IN ({chosen})"
    kinds = {
        str(k): v
        for k, v in con.execute(f"SELECT actor_key, kind FROM actors WHERE actor_key IN ({keys})", values).fetchall()
    }
    affiliations: dict[str, Counter[str]] = defaultdict(Counter)
    for key, aff in con.execute(
        f"SELECT actor_key, affiliation FROM mentions WHERE affiliation IS NOT NULL AND actor_key IN ({keys})", values
    ).fetchall():
        affiliations[str(key)][str(aff)] += 1
    roles: dict[str, dict[str, list[Participant]]] = defaultdict(lambda: defaultdict(list))
    links = con.execute(
        "SELECT event_id, role, actor_key, country FROM event_actors WHERE role IN ('actor', 'recipient') "
        f"AND event_id IN ({chosen}) ORDER BY event_id, role, position",
        values,
    ).fetchall()
    for event_id, role, key, country in links:
        key = str(key)
        kind = kinds.get(key)
        aff = affiliations[key].most_common(1)[0][0] if affiliations.get(key) else None
        party = party_of(key, country, kind, aff)
        if party is not None:
            # Named people: KB persons and unresolved person names; titles without a name ("Israeli
            # ambassador", ISR_DIP) are not compared, they may be anyone of that party.
            named = key.startswith("P:") or (key.startswith("~") and kind == "person")
            roles[str(event_id)][str(role)].append(Participant(key, party, person=named))
    rows = con.execute(
        "SELECT e.event_id, e.doc_id, e.event_type, e.status, d.date AS report_date, e.date, e.date_precision, "
        "e.historical, e.place_name, e.place_text, e.lat, e.lon, e.place_country, e.place_feature, d.source, "
        "e.mode, e.confidence, e.quad_class, e.intensity FROM events e JOIN documents d USING (doc_id) "
        f"WHERE {cond} ORDER BY e.event_id",
        values,
    ).fetchall()
    out: list[MentionRecord] = []
    for r in rows:
        event_id, doc_id = str(r[0]), str(r[1])
        if canonical.get(doc_id, doc_id) != doc_id:
            continue
        place = None
        if r[8] is not None or r[9] is not None:
            place = PlaceRef(name=r[8] or r[9], lat=r[10], lon=r[11], country=r[12], feature=r[13])
        parts = roles.get(event_id, {})
        out.append(
            MentionRecord(
                event_id=event_id, doc_id=doc_id, event_type=str(r[2]), status=str(r[3]), report_date=_day(r[4]),
                date=r[5], date_precision=str(r[6]), historical=bool(r[7]),
                actors=tuple(parts.get("actor", ())), recipients=tuple(parts.get("recipient", ())),
                place=place, source=r[14], mode=r[15], confidence=float(r[16]), quad_class=int(r[17]),
                intensity=float(r[18]),
            )
        )  # fmt: skip
    return out


def compute_fusion(
    con: Connection, dedup: DedupSettings | None = None, fusion: FusionSettings | None = None
) -> FusionResult:
    """Near-duplicate links, fused events of canonical documents and announcement links (reads only)."""
    links = find_near_duplicates(_documents(con), dedup)
    canonical = {link.doc_id: link.canonical_doc_id for link in links}
    fused = fuse_mentions(load_mentions(con, canonical), fusion)
    return FusionResult(links, fused, link_announcements(fused, fusion))


def _keys(event: FusedEvent) -> tuple[list[str], list[str]]:
    actors: list[str] = []
    recipients: list[str] = []
    for m in event.mentions:
        for p in m.actors:
            if p.key not in actors:
                actors.append(p.key)
        for p in m.recipients:
            if p.key not in recipients:
                recipients.append(p.key)
    return actors, [k for k in recipients if k not in actors]


def _fused_row(event: FusedEvent, settings: FusionSettings) -> tuple[object, ...]:
    value, precision = event.best_date()
    lo, _ = date_interval(value, precision) if value else (None, None)
    first, last = event.report_range()
    place = event.place()
    actors, recipients = _keys(event)
    first_mention = event.mentions[0]
    return (
        event.fused_id, event.event_type, event.status, value, precision, lo or first, first, last,
        sorted(event.parties), actors, recipients,
        place.name if place else None, place.lat if place else None, place.lon if place else None,
        place.country if place else None,
        len(event.mentions), event.documents, event.sources, event.conflicts, event.confidence(settings),
        first_mention.quad_class, round(max(m.intensity for m in event.mentions), 3),
    )  # fmt: skip


_FUSED_TYPES = (
    "TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "DATE", "DATE", "DATE", "TEXT[]", "TEXT[]", "TEXT[]",
    "TEXT", "DOUBLE", "DOUBLE", "TEXT", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "DOUBLE",
    "INTEGER", "DOUBLE",
)  # fmt: skip


def insert_fused(con: Connection, fused: Sequence[FusedEvent], settings: FusionSettings) -> None:
    """Store fused events and which mentions each holds (for the full and the incremental refuse)."""
    if not fused:
        return
    select, columns = fused_rows_columns(list(fused), settings)
    con.execute(f"INSERT INTO fused_events SELECT {select}", columns)
    members = [(m.event_id, e.fused_id, m.doc_id) for e in fused for m in e.mentions]
    ids, fids, docs = (list(c) for c in zip(*members, strict=True))
    con.execute(
        "INSERT INTO fused_event_mentions SELECT unnest(?::TEXT[]), unnest(?::TEXT[]), unnest(?::TEXT[])",
        [ids, fids, docs],
    )


def insert_announcement_links(con: Connection, links: Sequence[AnnouncementLink]) -> None:
    """Store announcement links; a link already stored (an incremental refuse of its blocks) is kept once."""
    if links:
        con.executemany(
            "INSERT INTO fused_event_links VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(k.fused_id, k.target_fused_id, k.relation, k.basis, k.lead_days) for k in links],
        )


def fused_rows_columns(fused: list[FusedEvent], settings: FusionSettings) -> tuple[str, list[list[object]]]:
    """The SELECT of unnested columns and its parameters that insert ``fused`` into ``fused_events``."""
    rows = [_fused_row(e, settings) for e in fused]
    columns = [list(c) for c in zip(*rows, strict=True)]
    return ", ".join(f"unnest(?::{t}[])" for t in _FUSED_TYPES), columns


def refuse(store: Store, dedup: DedupSettings | None = None, fusion: FusionSettings | None = None) -> FusionSummary:
    """Recompute ``document_duplicates``, ``fused_events`` and ``fused_event_mentions`` of ``store``."""
    if store.read_only:
        raise StoreError(f"{store.path}: opened read-only; fusion writes its tables")
    settings = fusion or FusionSettings()
    con = store.cursor()
    try:
        result = compute_fusion(con, dedup, settings)
        links, fused = result.duplicates, result.fused
        con.execute("BEGIN TRANSACTION")
        try:
            for table in ("fused_event_links", "fused_event_mentions", "fused_events", "document_duplicates"):
                con.execute(f"DELETE FROM {table}")
            if links:
                con.executemany(
                    "INSERT INTO document_duplicates VALUES (?, ?, ?)",
                    [(k.doc_id, k.canonical_doc_id, k.similarity) for k in links],
                )
            insert_fused(con, fused, settings)
            copy_fused_ids(con)
            insert_announcement_links(con, result.announcements)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{store.path}: cannot write fused events: {exc}") from exc
    finally:
        con.close()
    return FusionSummary(
        documents=len(links),
        duplicates=sum(1 for k in links if k.canonical_doc_id != k.doc_id),
        mentions=sum(len(e.mentions) for e in fused),
        fused_events=len(fused),
        multi_mention=sum(1 for e in fused if len(e.mentions) > 1),
        multi_source=sum(1 for e in fused if e.documents > 1),
        announcements=len({k.fused_id for k in result.announcements}),
    )
