"""Parquet shards of coded documents: ``documents``, ``events``, ``mentions``, ``dead_letters``.

Every row carries the document's content hash (sha256 of its text), and each shard file is
named by a hash of the content hashes it holds, so a batch that Ray retries overwrites its
own file instead of adding a second copy.  A file is written under a temporary name and
moved into place, so a killed writer leaves no half file behind.  DuckDB queries the shards
in place::

    SELECT event_type, count(*) FROM read_parquet('OUT/events/*.parquet') GROUP BY 1;

``load_shards`` loads them into a Backchannel database (known content hashes add nothing).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from backchannel.errors import ConfigError, InputError, StageError
from backchannel.records import ActorRef, Article, DocumentResult
from backchannel.store import RunCounts, Store, document_hash

__all__ = [
    "SCHEMAS",
    "TABLES",
    "LoadSummary",
    "ShardTables",
    "ShardWriter",
    "batch_key",
    "load_shards",
    "read_table",
    "resolve_filesystem",
]

TABLES = ("documents", "events", "mentions", "dead_letters")
_STR, _INT, _FLOAT = pa.string(), pa.int64(), pa.float64()
_STRS = pa.list_(pa.string())
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("content_hash", _STR),
            ("doc_id", _STR),
            ("title", _STR),
            ("date", _STR),
            ("source", _STR),
            ("url", _STR),
            ("origin", _STR),
            ("text", _STR),
            ("events", _INT),
            ("warnings", _STRS),
            ("pipeline_version", _STR),
            ("result_json", _STR),  # the whole DocumentResult, so loading is lossless
        ]
    ),
    "events": pa.schema(
        [
            ("content_hash", _STR),
            ("doc_id", _STR),
            ("event_id", _STR),
            ("event_type", _STR),
            ("mode", _STR),
            ("status", _STR),
            ("date", _STR),
            ("date_precision", _STR),
            ("actor_ids", _STRS),
            ("actor_names", _STRS),
            ("recipient_ids", _STRS),
            ("recipient_names", _STRS),
            ("trigger", _STR),
            ("trigger_start", _INT),
            ("trigger_end", _INT),
            ("sentence_index", _INT),
            ("place", _STR),
            ("country_code", _STR),
            ("lat", _FLOAT),
            ("lon", _FLOAT),
            ("quad_class", _INT),
            ("intensity", _FLOAT),
            ("confidence", _FLOAT),
        ]
    ),
    "mentions": pa.schema(
        [
            ("content_hash", _STR),
            ("doc_id", _STR),
            ("kind", _STR),  # actor, place or time
            ("text", _STR),
            ("start", _INT),
            ("end", _INT),
            ("entity_id", _STR),  # actor id, GeoNames id or normalised time value
            ("name", _STR),
            ("country", _STR),
        ]
    ),
    "dead_letters": pa.schema(
        [("content_hash", _STR), ("doc_id", _STR), ("origin", _STR), ("stage", _STR), ("error", _STR)]
    ),
}


def _ids(refs: Sequence[ActorRef]) -> list[str]:
    return [r.actor_id or "" for r in refs]


def _names(refs: Sequence[ActorRef]) -> list[str]:
    return [r.name or r.text for r in refs]


@dataclass
class ShardTables:
    """Rows for each shard table, gathered for one batch."""

    rows: dict[str, list[dict[str, object]]] = field(default_factory=lambda: {t: [] for t in TABLES})
    hashes: list[str] = field(default_factory=list)

    def add_document(self, article: Article, result: DocumentResult, digest: str, pipeline_version: str) -> None:
        self.hashes.append(digest)
        self.rows["documents"].append(
            {
                "content_hash": digest,
                "doc_id": article.doc_id,
                "title": article.title,
                "date": article.date,
                "source": article.source,
                "url": article.url,
                "origin": article.origin,
                "text": article.text,
                "events": len(result.events),
                "warnings": list(result.warnings),
                "pipeline_version": pipeline_version,
                "result_json": result.model_dump_json(),
            }
        )
        for e in result.events:
            loc = e.location
            self.rows["events"].append(
                {
                    "content_hash": digest,
                    "doc_id": article.doc_id,
                    "event_id": e.id,
                    "event_type": e.event_type,
                    "mode": e.mode,
                    "status": e.status,
                    "date": e.date,
                    "date_precision": e.date_precision,
                    "actor_ids": _ids(e.actor),
                    "actor_names": _names(e.actor),
                    "recipient_ids": _ids(e.recipient),
                    "recipient_names": _names(e.recipient),
                    "trigger": e.trigger.text,
                    "trigger_start": e.trigger.start,
                    "trigger_end": e.trigger.end,
                    "sentence_index": e.sentence.index,
                    "place": (loc.name or loc.text) if loc else None,
                    "country_code": loc.country_code if loc else None,
                    "lat": loc.lat if loc else None,
                    "lon": loc.lon if loc else None,
                    "quad_class": e.quad_class,
                    "intensity": e.intensity,
                    "confidence": e.confidence,
                }
            )
        mentions = self.rows["mentions"]
        base = {"content_hash": digest, "doc_id": article.doc_id}
        for a in result.actors:
            mentions.append(
                base
                | {"kind": "actor", "text": a.text, "start": a.start, "end": a.end}
                | {"entity_id": a.actor_id, "name": a.name, "country": a.country}
            )
        for p in result.places:
            if p.kind != "toponym":
                continue  # as in the store: demonyms and names inside names are no place rows
            gid = str(p.geonameid) if p.geonameid is not None else None
            mentions.append(
                base
                | {"kind": "place", "text": p.text, "start": p.start, "end": p.end}
                | {"entity_id": gid, "name": p.name, "country": p.country_code}
            )
        for t in result.times:
            mentions.append(
                base
                | {"kind": "time", "text": t.text, "start": t.start, "end": t.end}
                | {"entity_id": t.value, "name": None, "country": None}
            )

    def add_failure(self, failure: StageError | InputError, article: Article | None, digest: str | None) -> None:
        if isinstance(failure, StageError):
            doc_id, stage, error = failure.doc_id, failure.stage, failure.problem
        else:
            doc_id, stage, error = None, "ingest", failure.problem
        origin = article.origin if article is not None else getattr(failure, "origin", None)
        self.rows["dead_letters"].append(
            {"content_hash": digest, "doc_id": doc_id, "origin": origin, "stage": stage, "error": error}
        )
        if digest is not None:
            self.hashes.append(digest)
        else:
            self.hashes.append(document_hash(f"{origin}\x00{error}"))

    def tables(self) -> dict[str, pa.Table]:
        return {t: pa.Table.from_pylist(rows, schema=SCHEMAS[t]) for t, rows in self.rows.items()}


def resolve_filesystem(location: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem and path of ``location``: a local path, or a URI pyarrow or fsspec understands.

    pyarrow's own filesystems come first (``file://``, ``s3://``, ``gs://``, ``hdfs://``...);
    any other fsspec URL, chained ones included (``simplecache::s3://...``), is wrapped
    for pyarrow.  ``ConfigError`` names the location when neither can open it.
    """
    if "://" not in location:
        return pafs.LocalFileSystem(), location.rstrip("/") or "/"
    try:
        fs, path = pafs.FileSystem.from_uri(location)
        return fs, str(path).rstrip("/") or "/"
    except pa.ArrowInvalid:  # a scheme pyarrow does not know: ask fsspec
        pass
    except OSError as exc:
        raise ConfigError(f"{location}: cannot open: {exc}") from exc
    try:
        import fsspec.core

        spec_fs, spec_path = fsspec.core.url_to_fs(location)
    except (ImportError, ValueError) as exc:
        raise ConfigError(f"{location}: neither pyarrow nor fsspec knows this kind of URL ({exc})") from exc
    return pafs.PyFileSystem(pafs.FSSpecHandler(spec_fs)), str(spec_path).rstrip("/") or "/"


def batch_key(hashes: Sequence[str]) -> str:
    """The file stem of a batch's shards: a hash of its documents' content hashes (order-free)."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()[:24]


class ShardWriter:
    """Writes ``ShardTables`` under ``out`` (a local path or any URI pyarrow/fsspec understands)."""

    def __init__(self, out: str) -> None:
        self.fs, self.root = resolve_filesystem(out)
        for table in TABLES:
            self.fs.create_dir(f"{self.root}/{table}", recursive=True)

    def write(self, shard: ShardTables) -> str:
        """Write one batch's tables (empty tables are skipped); returns the batch key."""
        key = batch_key(shard.hashes)
        for name, table in shard.tables().items():
            if table.num_rows == 0:
                continue
            final = f"{self.root}/{name}/part-{key}.parquet"
            temp = f"{self.root}/{name}/.part-{key}.{uuid.uuid4().hex}.tmp"
            pq.write_table(table, temp, filesystem=self.fs)
            self.fs.move(temp, final)
        return key


def read_table(out: str, name: str) -> pa.Table:
    """Every shard of table ``name`` under ``out`` as one table (empty, with the schema, if none)."""
    fs, root = resolve_filesystem(out)
    selector = pafs.FileSelector(f"{root}/{name}", allow_not_found=True)
    files = sorted(i.path for i in fs.get_file_info(selector) if i.path.endswith(".parquet"))
    if not files:
        return SCHEMAS[name].empty_table()
    return pa.concat_tables([pq.read_table(f, filesystem=fs, schema=SCHEMAS[name]) for f in files])


@dataclass
class LoadSummary:
    run_id: int
    documents: int = 0
    skipped: int = 0
    events: int = 0
    failures: int = 0


def _documents(table: pa.Table) -> Iterator[tuple[Article, DocumentResult, str]]:
    for row in table.to_pylist():
        article = Article(
            doc_id=row["doc_id"],
            text=row["text"],
            title=row["title"],
            date=row["date"],
            source=row["source"],
            url=row["url"],
            origin=row["origin"],
        )
        yield article, DocumentResult.model_validate(json.loads(row["result_json"])), row["content_hash"]


def load_shards(store: Store, out: str, pipeline_version: str, *, batch_size: int = 64) -> LoadSummary:
    """Load the shards under ``out`` into ``store``; a content hash already stored (or repeated) adds nothing."""
    summary = LoadSummary(run_id=store.start_run([out], pipeline_version))
    try:
        batch: list[tuple[Article, DocumentResult, str]] = []

        def flush() -> None:
            for outcome in store.write_documents(batch, pipeline_version):
                if outcome.stored:
                    summary.documents += 1
                    summary.events += outcome.events
                else:
                    summary.skipped += 1
            batch.clear()

        for item in _documents(read_table(out, "documents")):
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        flush()
        seen: set[tuple[object, ...]] = set()
        for row in read_table(out, "dead_letters").to_pylist():
            key = (row["content_hash"], row["origin"], row["stage"], row["error"])
            if key in seen:
                continue
            seen.add(key)
            store.dead_letter(summary.run_id, row["doc_id"], row["origin"], row["stage"], row["error"])
            summary.failures += 1
    finally:
        store.finish_run(
            summary.run_id, RunCounts(summary.documents, summary.skipped, 0, summary.events, summary.failures)
        )
    return summary
