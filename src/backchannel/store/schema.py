"""Ordered schema migrations, recorded in the ``schema_migrations`` table.

A migration is never edited once released: a schema change is a new migration
appended to ``MIGRATIONS`` (sqlite-utils ``Migrations`` style).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from backchannel.store.search import reindex_statements

__all__ = ["MIGRATIONS", "TABLES", "Migration", "applied_versions", "apply_migrations", "pending_migrations"]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_M1 = (
    """CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT, source TEXT, url TEXT, date TEXT, origin TEXT,
        text TEXT NOT NULL,
        warnings TEXT[],
        ingested_at TIMESTAMP NOT NULL,
        pipeline_version TEXT NOT NULL,
        schema_version TEXT NOT NULL)""",
    """CREATE TABLE actors (
        actor_key TEXT PRIMARY KEY,
        actor_id TEXT, name TEXT, country TEXT, sector TEXT, kind TEXT,
        resolved BOOLEAN NOT NULL)""",
    # Every lower-cased name, id and surface form an actor was seen under, for resolving user input.
    """CREATE TABLE aliases (
        alias TEXT NOT NULL, actor_key TEXT NOT NULL,
        PRIMARY KEY (alias, actor_key))""",
    """CREATE TABLE mentions (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        actor_key TEXT NOT NULL, actor_id TEXT, name TEXT, country TEXT, sector TEXT, role TEXT,
        resolved BOOLEAN NOT NULL, kind TEXT, affiliation TEXT,
        PRIMARY KEY (doc_id, idx))""",
    """CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL, local_id TEXT NOT NULL,
        event_type TEXT NOT NULL, mode TEXT, context TEXT[],
        date TEXT, date_precision TEXT NOT NULL, date_text TEXT, day DATE,
        time_start INTEGER, time_end INTEGER,
        status TEXT NOT NULL, historical BOOLEAN NOT NULL,
        quad_class INTEGER NOT NULL, intensity DOUBLE NOT NULL, confidence DOUBLE NOT NULL,
        trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
        sentence_text TEXT NOT NULL,
        place_text TEXT, place_start INTEGER, place_end INTEGER, place_name TEXT, geonameid BIGINT,
        lat DOUBLE, lon DOUBLE, place_country TEXT, place_feature TEXT,
        pipeline_version TEXT NOT NULL)""",
    # One row per (event, actor): an actor named twice in an event keeps its first role.  The event's
    # filter columns are copied here (and into event_dyads) so network queries need no join.
    """CREATE TABLE event_actors (
        event_id TEXT NOT NULL, role TEXT NOT NULL, position INTEGER NOT NULL,
        actor_key TEXT NOT NULL, text TEXT NOT NULL, actor_id TEXT, name TEXT, country TEXT, sector TEXT,
        title TEXT, start_char INTEGER, end_char INTEGER,
        doc_id TEXT NOT NULL, day DATE, event_type TEXT NOT NULL, status TEXT NOT NULL,
        quad_class INTEGER NOT NULL, intensity DOUBLE NOT NULL,
        PRIMARY KEY (event_id, role, position))""",
    """CREATE TABLE event_dyads (
        event_id TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
        doc_id TEXT NOT NULL, day DATE, event_type TEXT NOT NULL, status TEXT NOT NULL,
        quad_class INTEGER NOT NULL, intensity DOUBLE NOT NULL)""",
    """CREATE TABLE places (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        name TEXT, geonameid BIGINT, lat DOUBLE, lon DOUBLE, country_code TEXT, feature_code TEXT,
        PRIMARY KEY (doc_id, idx))""",
    """CREATE TABLE times (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        value TEXT, precision TEXT NOT NULL, approximate BOOLEAN NOT NULL, historical BOOLEAN NOT NULL,
        relation TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx))""",
    """CREATE TABLE removed (
        doc_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, reason TEXT NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx))""",
    "CREATE SEQUENCE ingest_runs_seq START 1",
    """CREATE TABLE ingest_runs (
        run_id INTEGER PRIMARY KEY DEFAULT nextval('ingest_runs_seq'),
        started TIMESTAMP NOT NULL, finished TIMESTAMP,
        inputs TEXT[], pipeline_version TEXT,
        documents INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
        recoded INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0)""",
    "CREATE SEQUENCE dead_letters_seq START 1",
    """CREATE TABLE dead_letters (
        id INTEGER PRIMARY KEY DEFAULT nextval('dead_letters_seq'),
        run_id INTEGER, doc_id TEXT, origin TEXT, stage TEXT NOT NULL, error TEXT NOT NULL,
        "at" TIMESTAMP NOT NULL)""",
    "CREATE INDEX events_doc ON events (doc_id)",
    "CREATE INDEX events_day ON events (day)",
    "CREATE INDEX event_actors_key ON event_actors (actor_key)",
    "CREATE INDEX event_actors_event ON event_actors (event_id)",
)

# Near-duplicate documents and fused events (``backchannel.fusion``): derived tables, recomputed whole by
# ``backchannel fuse`` (and at the end of ``backchannel ingest``).
_M2 = (
    """CREATE TABLE document_duplicates (
        doc_id TEXT PRIMARY KEY, canonical_doc_id TEXT NOT NULL, similarity DOUBLE NOT NULL)""",
    """CREATE TABLE fused_events (
        fused_id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL, status TEXT NOT NULL,
        date TEXT, date_precision TEXT NOT NULL, day DATE,
        first_report DATE, last_report DATE,
        parties TEXT[] NOT NULL, actors TEXT[] NOT NULL, recipients TEXT[] NOT NULL,
        place_name TEXT, lat DOUBLE, lon DOUBLE, place_country TEXT,
        mentions INTEGER NOT NULL, documents INTEGER NOT NULL, sources INTEGER NOT NULL,
        conflicts INTEGER NOT NULL, confidence DOUBLE NOT NULL,
        quad_class INTEGER NOT NULL, intensity DOUBLE NOT NULL)""",
    """CREATE TABLE fused_event_mentions (
        event_id TEXT PRIMARY KEY, fused_id TEXT NOT NULL, doc_id TEXT NOT NULL)""",
    "CREATE INDEX fused_event_mentions_fused ON fused_event_mentions (fused_id)",
    "CREATE INDEX fused_events_day ON fused_events (day)",
)

# Links between fused events, recomputed with them: an announcement (a future fused event) ``anticipates``
# the asserted fused event it announced.
_M3 = (
    """CREATE TABLE fused_event_links (
        fused_id TEXT NOT NULL, target_fused_id TEXT NOT NULL, relation TEXT NOT NULL, basis TEXT NOT NULL,
        lead_days INTEGER, PRIMARY KEY (fused_id, target_fused_id, relation))""",
    "CREATE INDEX fused_event_links_target ON fused_event_links (target_fused_id)",
)

# The fused event of each mention, copied into event_actors and event_dyads so that the aggregates count real
# events without joining fused_event_mentions: set only for a mention of a fused event of several mentions (NULL
# for every other mention, which is its own real event).  ``refuse`` keeps it in step; existing rows are backfilled.
_MULTI_MENTION = """(SELECT event_id, fused_id FROM (
        SELECT event_id, fused_id, count(*) OVER (PARTITION BY fused_id) AS n FROM fused_event_mentions)
    WHERE n > 1) m"""
_M4 = (
    "ALTER TABLE event_actors ADD COLUMN fused_id TEXT",
    "ALTER TABLE event_dyads ADD COLUMN fused_id TEXT",
    f"UPDATE event_actors SET fused_id = m.fused_id FROM {_MULTI_MENTION} WHERE event_actors.event_id = m.event_id",
    f"UPDATE event_dyads SET fused_id = m.fused_id FROM {_MULTI_MENTION} WHERE event_dyads.event_id = m.event_id",
)

# The free-text search index (``store.search``): one row per (term, event mention), filled by the writer with each
# document and built here for the events already stored.  Sorted by term when built whole, so a term's rows sit
# in few row groups.  (DuckDB's own fts extension is not bundled and would be downloaded: never at run time.)
_M5 = (
    "CREATE TABLE event_terms (term TEXT NOT NULL, event_id TEXT NOT NULL, doc_id TEXT NOT NULL)",
    *reindex_statements(),
)

# The network node of each participant and of each end of each dyad (``store.nodes``), and whether a row repeats
# a node (a node pair) an earlier row of its mention already has, so aggregates count each once without DISTINCT:
# written by the writer (``nodes.fill_nodes``) with the rows, and for existing rows on the next writable open.
_M6 = (
    "ALTER TABLE event_actors ADD COLUMN node TEXT",
    "ALTER TABLE event_actors ADD COLUMN node_repeat BOOLEAN",
    "ALTER TABLE event_dyads ADD COLUMN source_node TEXT",
    "ALTER TABLE event_dyads ADD COLUMN target_node TEXT",
    "ALTER TABLE event_dyads ADD COLUMN node_repeat BOOLEAN",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables", _M1),
    Migration(2, "near-duplicate documents and fused events", _M2),
    Migration(3, "links between fused events (announcements)", _M3),
    Migration(4, "fused event of each mention in event_actors and event_dyads", _M4),
    Migration(5, "free-text search index of events (event_terms)", _M5),
    Migration(6, "network node of each participant in event_actors and event_dyads", _M6),
)

# Every table a Parquet export writes, in dependency order.
TABLES: tuple[str, ...] = (
    "schema_migrations",
    "documents",
    "actors",
    "aliases",
    "mentions",
    "events",
    "event_actors",
    "event_dyads",
    "places",
    "times",
    "removed",
    "ingest_runs",
    "dead_letters",
    "document_duplicates",
    "fused_events",
    "fused_event_mentions",
    "fused_event_links",
    "event_terms",
)

_BOOKKEEPING = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"""


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Versions recorded in ``schema_migrations`` (empty for a new database)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return {int(row[0]) for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def pending_migrations(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    done = applied_versions(con)
    return [m for m in MIGRATIONS if m.version not in done]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations in order, each in its own transaction; return the versions applied."""
    con.execute(_BOOKKEEPING)
    applied: list[int] = []
    for migration in pending_migrations(con):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, current_timestamp::TIMESTAMP)",
                [migration.version, migration.name],
            )
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        applied.append(migration.version)
    return applied
