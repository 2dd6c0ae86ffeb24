"""Fuse new documents into the fused layer without recomputing it: ``fuse_documents(store, doc_ids)``.

A posted document appears in the default (fused) views at once.  The result is the one ``refuse`` would give:

- **near-duplicates**: each new document is compared with the stored documents that could be its earlier copy
  (dated within ``max_date_gap_days`` of it, or undated), in ``refuse``'s order; a copy's mentions stay out of
  the fused layer, and an earlier document never becomes the copy of a later one, so no stored link changes;
- **fused events**: ``fuse_mentions`` groups mentions within blocks of one type, status and party set, each
  block on its own.  The blocks of the new mentions -- with the asserted and future blocks of the same type and
  parties, between which announcements are linked -- are reloaded whole (every mention with a participant, or an
  affiliation, among those parties), refused, and their fused events, mentions and links replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from backchannel.fusion.dedup import DedupSettings, NearDuplicateIndex
from backchannel.fusion.fuse import FusedEvent, FusionSettings, MentionRecord, fuse_mentions, link_announcements
from backchannel.fusion.store import insert_announcement_links, insert_fused, load_mentions
from backchannel.store.errors import StoreError
from backchannel.store.writer import Store

__all__ = ["IncrementalSummary", "fuse_documents"]

Connection = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class IncrementalSummary:
    documents: int  # new documents fused
    duplicates: int  # of them, near-duplicates of a stored document
    mentions: int  # mentions refused (the new ones and those of their blocks)
    fused_events: int  # fused events written


def _canonical(con: Connection, doc_id: str, settings: DedupSettings) -> tuple[str, float]:
    row = con.execute("SELECT text, date, ingested_at FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return doc_id, 1.0
    text, day, ingested = row
    gap = settings.max_date_gap_days
    near = "TRUE"
    params: list[object] = [doc_id, ingested, ingested, doc_id]
    if gap is not None and day:
        other_day = "try_cast(left(date, 10) AS DATE)"
        near = f"({other_day} IS NULL OR abs(date_diff('day', {other_day}, try_cast(left(?, 10) AS DATE))) <= ?)"
        params += [day, gap]
    earlier = con.execute(
        "SELECT doc_id, text, date FROM documents WHERE doc_id <> ? AND (ingested_at < ? OR (ingested_at = ? "
        f"AND doc_id < ?)) AND {near} ORDER BY ingested_at, date NULLS LAST, doc_id",
        params,
    ).fetchall()
    index = NearDuplicateIndex(settings)
    for other, other_text, other_date in earlier:
        index.add(str(other), str(other_text), other_date)
    link = index.add(doc_id, str(text), day)
    return link.canonical_doc_id, link.similarity


def _copy_fused_ids(con: Connection, fused: Sequence[FusedEvent], others: Sequence[str]) -> None:
    """``fused_id`` of event_actors and event_dyads for the mentions refused (as ``copy_fused_ids`` sets it:
    the fused event of several mentions, NULL for a mention that is its own event), by event id."""
    ids: list[str] = []
    fids: list[str | None] = []
    for e in fused:
        for m in e.mentions:
            ids.append(m.event_id)
            fids.append(e.fused_id if len(e.mentions) > 1 else None)
    placed = set(ids)
    for event_id in others:
        if event_id not in placed:
            ids.append(event_id)
            fids.append(None)
    for table in ("event_actors", "event_dyads"):
        con.execute(
            f"UPDATE {table} SET fused_id = m.fid FROM (SELECT unnest(?::TEXT[]) AS event_id, unnest(?::TEXT[]) "
            f"AS fid) m WHERE {table}.event_id = m.event_id AND {table}.fused_id IS DISTINCT FROM m.fid",
            [ids, fids],
        )


def _parties(mentions: Sequence[MentionRecord]) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= m.parties
        out |= {p.key for p in (*m.actors, *m.recipients)}
    return out


def fuse_documents(
    store: Store,
    doc_ids: Sequence[str],
    dedup: DedupSettings | None = None,
    fusion: FusionSettings | None = None,
) -> IncrementalSummary:
    """Add the stored documents ``doc_ids`` (not yet fused) to the fused layer of ``store``."""
    if store.read_only:
        raise StoreError(f"{store.path}: opened read-only; fusion writes its tables")
    dedup_settings, settings = dedup or DedupSettings(), fusion or FusionSettings()
    con = store.cursor()
    try:
        links = {doc_id: _canonical(con, doc_id, dedup_settings) for doc_id in doc_ids}
        fresh = [d for d, (canonical, _) in links.items() if canonical == d]
        new = load_mentions(con, {}, ("e.doc_id IN (SELECT unnest(?::TEXT[]))", [fresh])) if fresh else []
        blocks = {(m.event_type, m.parties) for m in new if m.parties}
        statuses = sorted({m.status for m in new} | {"asserted", "future"})
        keys = sorted(_parties(new))
        around: list[MentionRecord] = []
        if blocks:
            canonical_only = "e.doc_id NOT IN (SELECT doc_id FROM document_duplicates WHERE doc_id <> canonical_doc_id)"
            cond = (
                "e.event_type IN (SELECT unnest(?::TEXT[])) AND e.status IN (SELECT unnest(?::TEXT[])) "
                f"AND e.doc_id NOT IN (SELECT unnest(?::TEXT[])) AND {canonical_only} AND e.event_id IN ("
                "SELECT event_id FROM event_actors WHERE actor_key IN (SELECT unnest(?::TEXT[])) "
                "OR country IN (SELECT unnest(?::TEXT[])) OR actor_key IN (SELECT actor_key FROM mentions "
                "WHERE affiliation IN (SELECT unnest(?::TEXT[]))))"
            )
            types = sorted({t for t, _ in blocks})
            loaded = load_mentions(con, {}, (cond, [types, statuses, list(doc_ids), keys, keys, keys]))
            around = [m for m in loaded if (m.event_type, m.parties) in blocks]
        old_ids = sorted(
            str(r[0])
            for r in con.execute(
                "SELECT DISTINCT fused_id FROM fused_event_mentions WHERE event_id IN (SELECT unnest(?::TEXT[]))",
                [[m.event_id for m in around]],
            ).fetchall()
        )
        fused = fuse_mentions([*new, *around], settings)
        announcements = link_announcements(fused, settings)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "DELETE FROM fused_event_links WHERE fused_id IN (SELECT unnest(?::TEXT[])) "
                "OR target_fused_id IN (SELECT unnest(?::TEXT[]))",
                [old_ids, old_ids],
            )
            con.execute("DELETE FROM fused_event_mentions WHERE fused_id IN (SELECT unnest(?::TEXT[]))", [old_ids])
            con.execute("DELETE FROM fused_events WHERE fused_id IN (SELECT unnest(?::TEXT[]))", [old_ids])
            con.execute("DELETE FROM document_duplicates WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [list(links)])
            con.executemany(
                "INSERT INTO document_duplicates VALUES (?, ?, ?)", [(d, c, s) for d, (c, s) in links.items()]
            )
            insert_fused(con, fused, settings)
            insert_announcement_links(con, announcements)
            _copy_fused_ids(con, fused, [m.event_id for m in around])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{store.path}: cannot write fused events: {exc}") from exc
    finally:
        con.close()
    return IncrementalSummary(
        documents=len(links),
        duplicates=len(links) - len(fresh),
        mentions=len(new) + len(around),
        fused_events=len(fused),
    )
