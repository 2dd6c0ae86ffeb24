"""The one writer of a Backchannel database (DuckDB, embedded).

DuckDB lets one process write a file; inside that process every write goes
through ``Store`` under a lock, one transaction per document, so a killed
process leaves only whole documents behind.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import duckdb

from backchannel.records import Article, DocumentResult
from backchannel.store.errors import StoreError, StoreLocked, StoreNotFound
from backchannel.store.nodes import fill_nodes
from backchannel.store.rows import DocumentRows, Row, document_rows
from backchannel.store.schema import MIGRATIONS, TABLES, applied_versions, apply_migrations
from backchannel.store.search import Postings, index_postings, reindex_statements

__all__ = ["RunCounts", "Store", "WriteOutcome", "copy_fused_ids", "document_hash"]

_DERIVED = ("event_terms", "event_actors", "event_dyads", "events", "mentions", "places", "times", "removed")


def document_hash(text: str) -> str:
    """Content hash that keys a document: sha256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Mentions of a fused event of several mentions, with that event: the others are each their own real event.
_MULTI_MENTION = """SELECT event_id, fused_id FROM (
    SELECT event_id, fused_id, count(*) OVER (PARTITION BY fused_id) AS n FROM fused_event_mentions) WHERE n > 1"""


def copy_fused_ids(con: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> None:
    """Copy ``fused_event_mentions`` into ``fused_id`` of ``event_actors`` and ``event_dyads``.

    Only rows whose value changes are written (of one document, if ``doc_id`` is given); the caller holds
    the transaction.
    """
    params = [doc_id] if doc_id is not None else []
    for table in ("event_actors", "event_dyads"):
        scope = f"AND {table}.doc_id = ?" if doc_id is not None else ""
        con.execute(
            f"UPDATE {table} SET fused_id = NULL WHERE fused_id IS NOT NULL {scope} "
            f"AND (event_id, fused_id) NOT IN (SELECT event_id, fused_id FROM ({_MULTI_MENTION}))",
            params,
        )
        con.execute(
            f"UPDATE {table} SET fused_id = m.fused_id FROM ({_MULTI_MENTION}) m "
            f"WHERE {table}.event_id = m.event_id AND {table}.fused_id IS DISTINCT FROM m.fused_id {scope}",
            params,
        )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class WriteOutcome:
    doc_id: str
    stored: bool  # False when a document with the same content hash was already there
    events: int


@dataclass
class RunCounts:
    documents: int = 0
    skipped: int = 0
    recoded: int = 0
    events: int = 0
    failures: int = 0


class Store:
    """A DuckDB database of coded documents. Use ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self._closed = False
        self._types: dict[str, list[tuple[str, str]]] = {}

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Store:
        """Open (and, when writable, create or migrate) the database at ``path``."""
        where = str(path)
        if read_only and where != ":memory:" and not Path(where).is_file():
            raise StoreNotFound(f"{where}: no such database (run `backchannel ingest` first)")
        try:
            con = duckdb.connect(where, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"{where}: the database is in use by another process (DuckDB allows one writer): {exc}"
                ) from exc
            raise StoreError(f"{where}: cannot open database: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{where}: cannot open database: {exc}") from exc
        try:
            cls._check_schema(con, where, read_only)
        except BaseException:
            con.close()
            raise
        return cls(con, where, read_only)

    @staticmethod
    def _check_schema(con: duckdb.DuckDBPyConnection, where: str, read_only: bool) -> None:
        known = {m.version for m in MIGRATIONS}
        try:
            done = applied_versions(con)
            unknown = done - known
            if unknown:
                raise StoreError(f"{where}: database schema {sorted(unknown)} is newer than this backchannel")
            if read_only:
                if known - done:
                    raise StoreError(f"{where}: database schema is out of date; open it for writing to migrate")
            else:
                apply_migrations(con)
                fill_nodes(con)  # rows written before migration 6
        except duckdb.Error as exc:
            raise StoreError(f"{where}: cannot migrate database: {exc}") from exc

    # -- lifecycle -------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._con.close()
                self._closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on the same database, for reads (safe to use from another thread)."""
        return self._con.cursor()

    # -- writes ------------------------------------------------------------
    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    def _columns(self, table: str) -> list[tuple[str, str]]:
        """(name, type) of each column of ``table``, in order (read once)."""
        columns = self._types.get(table)
        if columns is None:
            found = self._con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' "
                "ORDER BY column_index",
                [table],
            ).fetchall()
            columns = [(str(n), str(t)) for n, t in found]
            self._types[table] = columns
        return columns

    def _column_types(self, table: str) -> list[str]:
        return [t for _, t in self._columns(table)]

    def _column_names(self, table: str) -> list[str]:
        return [n for n, _ in self._columns(table)]

    def _insert(self, table: str, rows: Sequence[Row], conflict: str = "") -> None:
        """Insert rows column-wise: one list parameter per column, zipped by ``unnest`` (far faster than VALUES)."""
        if not rows:
            return
        types = self._column_types(table)
        columns = [list(column) for column in zip(*rows, strict=True)]
        if len(columns) != len(types):
            raise StoreError(f"{self.path}: {table} has {len(types)} columns, got rows of {len(columns)}")
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        self._con.execute(f"INSERT INTO {table} SELECT {select} {conflict}", columns)

    def _write_rows(self, batch: Sequence[DocumentRows]) -> None:
        unique: dict[object, Row] = {}
        for rows in batch:
            for actor in rows.actors:
                unique.setdefault(actor[0], actor)
        self._insert("actors", list(unique.values()), "ON CONFLICT DO NOTHING")
        aliases = sorted({alias for rows in batch for alias in rows.aliases})
        self._insert("aliases", aliases, "ON CONFLICT DO NOTHING")
        for table in batch[0].tables if batch else ():
            self._insert(table, [row for rows in batch for row in rows.tables[table]])
        if batch:
            fill_nodes(self._con, [str(rows.document[0]) for rows in batch])
        index_postings(self._con, self._postings(batch))

    def _postings(self, batch: Sequence[DocumentRows]) -> Postings:
        """The words to index of the batch's events: each sentence, and each actor's name and words."""
        found = Postings()
        events, links = self._column_names("events"), self._column_names("event_actors")
        e_id, e_doc, e_text = (events.index(c) for c in ("event_id", "doc_id", "sentence_text"))
        a_id, a_doc, a_name, a_text = (links.index(c) for c in ("event_id", "doc_id", "name", "text"))
        for rows in batch:
            for row in rows.tables.get("events", []):
                found.add(str(row[e_text]), str(row[e_id]), str(row[e_doc]))
            for row in rows.tables.get("event_actors", []):
                words = " ".join(str(v) for v in (row[a_name], row[a_text]) if v)
                found.add(words, str(row[a_id]), str(row[a_doc]))
        return found

    @contextmanager
    def _failing(self, what: str) -> Iterator[None]:
        """Turn a DuckDB error (disk full, I/O) of a single statement into a ``StoreError`` naming the file."""
        try:
            yield
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: {what}: {exc}") from exc

    def _transaction(self, what: str) -> _Transaction:
        return _Transaction(self._con, f"{self.path}: {what}")

    def doc_id_for_hash(self, content_hash: str) -> str | None:
        with self._lock:
            row = self._con.execute("SELECT doc_id FROM documents WHERE content_hash = ?", [content_hash]).fetchone()
        return str(row[0]) if row else None

    def _free_doc_key(self, doc_id: str, content_hash: str, taken: set[str]) -> str:
        key = doc_id
        suffix = 0
        while key in taken or self._con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [key]).fetchone():
            suffix += 1
            key = f"{doc_id}~{content_hash[: 7 + suffix]}"
        return key

    def write_document(
        self, article: Article, result: DocumentResult, pipeline_version: str, content_hash: str | None = None
    ) -> WriteOutcome:
        """Persist one coded document in one transaction; a known content hash adds nothing."""
        digest = content_hash or document_hash(article.text)
        return self.write_documents([(article, result, digest)], pipeline_version)[0]

    def write_documents(
        self, batch: Sequence[tuple[Article, DocumentResult, str]], pipeline_version: str
    ) -> list[WriteOutcome]:
        """Persist coded documents ``(article, result, content_hash)`` together in one transaction.

        A document is never split: it is wholly in the committed batch or not at all, so a
        killed process leaves whole documents.  Known content hashes add nothing.
        """
        self._require_writable()
        outcomes: list[WriteOutcome] = []
        pending: list[DocumentRows] = []
        taken: set[str] = set()
        fresh: dict[str, str] = {}
        now = _now()
        with self._lock:
            for article, result, digest in batch:
                existing = fresh.get(digest) or self.doc_id_for_hash(digest)
                if existing:
                    outcomes.append(WriteOutcome(existing, stored=False, events=0))
                    continue
                key = self._free_doc_key(article.doc_id, digest, taken)
                taken.add(key)
                fresh[digest] = key
                rows = document_rows(key, digest, article, result, pipeline_version, now)
                pending.append(rows)
                outcomes.append(WriteOutcome(key, stored=True, events=rows.event_count))
            if pending:
                names = ", ".join(str(rows.document[0]) for rows in pending[:3])
                more = f" and {len(pending) - 3} more" if len(pending) > 3 else ""
                with self._transaction(f"writing document(s) {names}{more}"):
                    self._insert("documents", [rows.document for rows in pending])
                    self._write_rows(pending)
        return outcomes

    def replace_document(self, doc_id: str, article: Article, result: DocumentResult, pipeline_version: str) -> int:
        """Replace what was coded for a stored document (re-code); returns the number of events written."""
        self._require_writable()
        with self._lock:
            row = self._con.execute(
                "SELECT content_hash, ingested_at FROM documents WHERE doc_id = ?", [doc_id]
            ).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: no document {doc_id!r} to re-code")
            rows = document_rows(doc_id, str(row[0]), article, result, pipeline_version, row[1])
            with self._transaction(f"re-coding document {doc_id}"):
                for table in _DERIVED:
                    self._con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
                self._con.execute(
                    "UPDATE documents SET pipeline_version = ?, warnings = ?, schema_version = ? WHERE doc_id = ?",
                    [pipeline_version, list(result.warnings), result.schema_version, doc_id],
                )
                self._write_rows([rows])
                # The fused layer still names this document's mentions until the next fusion: keep counting them so.
                copy_fused_ids(self._con, doc_id)
        return rows.event_count

    def stored_articles(self, stale_for: str | None = None) -> Iterator[tuple[str, Article]]:
        """Stored documents as articles, optionally only those coded by another pipeline version."""
        with self._lock:
            if stale_for is None:
                ids = self._con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()
            else:
                ids = self._con.execute(
                    "SELECT doc_id FROM documents WHERE pipeline_version <> ? ORDER BY doc_id", [stale_for]
                ).fetchall()
        for (doc_id,) in ids:
            with self._lock:
                row = self._con.execute(
                    "SELECT doc_id, text, title, date, source, url, origin FROM documents WHERE doc_id = ?", [doc_id]
                ).fetchone()
            if row is None:
                continue
            article = Article(
                doc_id=row[0], text=row[1], title=row[2], date=row[3], source=row[4], url=row[5], origin=row[6]
            )
            yield str(doc_id), article

    def reindex(self) -> int:
        """Build the free-text search index again from every stored event; returns its number of rows."""
        self._require_writable()
        with self._lock, self._transaction("rebuilding the search index"):
            for statement in reindex_statements():
                self._con.execute(statement)
            row = self._con.execute("SELECT count(*) FROM event_terms").fetchone()
        return int(row[0]) if row else 0

    def start_run(self, inputs: Sequence[str], pipeline_version: str) -> int:
        self._require_writable()
        with self._lock, self._failing("recording an ingest run"):
            row = self._con.execute(
                "INSERT INTO ingest_runs (started, inputs, pipeline_version) VALUES (?, ?, ?) RETURNING run_id",
                [_now(), list(inputs), pipeline_version],
            ).fetchone()
        if row is None:  # pragma: no cover - RETURNING always yields the row
            raise StoreError(f"{self.path}: could not record the ingest run")
        return int(row[0])

    def finish_run(self, run_id: int, counts: RunCounts) -> None:
        self._require_writable()
        with self._lock, self._failing(f"finishing ingest run {run_id}"):
            self._con.execute(
                "UPDATE ingest_runs SET finished = ?, documents = ?, skipped = ?, recoded = ?, events = ?, "
                "failures = ? WHERE run_id = ?",
                [_now(), counts.documents, counts.skipped, counts.recoded, counts.events, counts.failures, run_id],
            )

    def dead_letter(self, run_id: int | None, doc_id: str | None, origin: str | None, stage: str, error: str) -> None:
        """Record a document (or input) that failed, with the stage and reason."""
        self._require_writable()
        with self._lock, self._failing(f"recording the failure of {doc_id or origin}"):
            self._con.execute(
                'INSERT INTO dead_letters (run_id, doc_id, origin, stage, error, "at") VALUES (?, ?, ?, ?, ?, ?)',
                [run_id, doc_id, origin, stage, error, _now()],
            )

    # -- export ------------------------------------------------------------
    def export_parquet(self, out_dir: str | Path) -> list[Path]:
        """Write every table to ``out_dir/<table>.parquet``; returns the files written."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        with self._lock:
            for table in TABLES:
                target = out / f"{table}.parquet"
                # COPY cannot take its target as a parameter; the path is quoted as a SQL string literal.
                literal = "'" + str(target).replace("'", "''") + "'"
                try:
                    self._con.execute(f"COPY (SELECT * FROM {table}) TO {literal} (FORMAT parquet)")
                except duckdb.Error as exc:
                    raise StoreError(f"{target}: cannot export table {table}: {exc}") from exc
                written.append(target)
        return written


class _Transaction:
    """``BEGIN`` ... ``COMMIT``, or ``ROLLBACK`` and a ``StoreError`` naming what failed."""

    def __init__(self, con: duckdb.DuckDBPyConnection, what: str) -> None:
        self._con = con
        self._what = what

    def __enter__(self) -> None:
        self._con.execute("BEGIN TRANSACTION")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            try:
                self._con.execute("COMMIT")
            except duckdb.Error as error:
                raise StoreError(f"{self._what}: commit failed: {error}") from error
            return
        with suppress(duckdb.Error):  # a failed statement (disk full) may already have ended the transaction
            self._con.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error):
            raise StoreError(f"{self._what}: {exc}") from exc
