"""The ``ray`` engine: Ray Data ``map_batches`` on an actor pool, Parquet shards out.

Each actor builds one ``Pipeline`` (the slow part: the spaCy model, the gazetteer) and
codes batch after batch; it writes its batch's shards itself (``ShardWriter``, files keyed
by the documents' content hashes) and returns one small summary row per document, which
the driver counts for progress.  Ray restarts a killed actor and retries its batch; the
retried batch rewrites the same shard files, so no document is lost or written twice.

Inputs are JSON Lines (read as text lines, parsed in the actors, so a malformed line is a
dead letter, not a failed read) and Parquet files with the JSON record columns (``id``,
``title``, ``date``, ``source``, ``url``, ``text``); local paths, folders or any URI
pyarrow/fsspec reads (``s3://``, ``gs://``...).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa

from backchannel.errors import ConfigError, InputError, StageError
from backchannel.ingest.ids import id_from_name
from backchannel.ingest.jsonl import record_to_article
from backchannel.pipeline import PIPELINE_VERSION, Pipeline, Settings
from backchannel.records import Article
from backchannel.scale.batch import code_batch, text_hash
from backchannel.scale.progress import NullProgress, Progress
from backchannel.scale.shards import ShardTables, ShardWriter
from backchannel.store import document_hash

__all__ = ["RayRun", "RaySummary", "run_ray", "split_inputs"]

_JSONL = (".jsonl", ".ndjson")
_PARQUET = (".parquet",)
_SUMMARY = pa.schema(
    [
        ("content_hash", pa.string()),
        ("doc_id", pa.string()),
        ("events", pa.int64()),
        ("failed", pa.bool_()),
        ("duplicate", pa.bool_()),
        ("node", pa.string()),
        ("pid", pa.int64()),
        ("peak_rss", pa.int64()),  # the actor process's peak resident memory so far, bytes
    ]
)


@dataclass
class RaySummary:
    documents: int = 0  # coded and written
    events: int = 0
    failures: int = 0  # dead letters
    duplicates: int = 0  # repeated content within a batch, coded once
    duration: float = 0.0
    workers: int = 0
    nodes: set[str] = field(default_factory=set)
    pids: set[int] = field(default_factory=set)  # worker processes that coded documents
    peak_rss: dict[int, int] = field(default_factory=dict)  # worker pid -> peak resident memory, bytes
    out: str = ""


@dataclass(frozen=True)
class RayRun:
    """How to run: pool size, cluster address (None: start a local Ray), rows per batch."""

    workers: int = 2
    address: str | None = None
    batch_size: int = 16
    date: str | None = None  # fills records without a date
    settings: Settings = field(default_factory=Settings)
    # extra Ray resources each coder actor needs, e.g. {"coder": 1} to keep the pool off a head node
    actor_resources: dict[str, float] = field(default_factory=dict)
    pipeline_version: str = PIPELINE_VERSION


def split_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """JSON Lines and Parquet inputs; local folders are expanded to their files in sorted order."""
    jsonl: list[str] = []
    parquet: list[str] = []
    for spec in inputs:
        if "://" not in spec and Path(spec).is_dir():
            files = [str(p) for p in sorted(Path(spec).rglob("*")) if p.is_file()]
        else:
            files = [spec]
        for f in files:
            suffix = PurePosixPath(f.split("?")[0]).suffix.lower()
            if suffix in _JSONL:
                jsonl.append(f)
            elif suffix in _PARQUET:
                parquet.append(f)
            elif f == spec:
                raise ConfigError(f"{spec}: the ray engine reads JSON Lines (.jsonl, .ndjson) or Parquet files")
        if "://" not in spec and not Path(spec).exists():
            raise ConfigError(f"{spec}: no such file or directory")
    if not jsonl and not parquet:
        raise ConfigError(f"no JSON Lines or Parquet files in {', '.join(inputs)}")
    return jsonl, parquet


def _lines_to_records(batch: pa.Table) -> pa.Table:
    return pa.table({"record": batch.column("text"), "origin": batch.column("path")})


def _rows_to_records(batch: pa.Table) -> pa.Table:
    origins = batch.column("path").to_pylist()
    rows = batch.drop_columns(["path"]).to_pylist()
    records = [json.dumps(row, default=str, ensure_ascii=False) for row in rows]
    return pa.table({"record": pa.array(records, pa.string()), "origin": pa.array(origins, pa.string())})


class _DocumentCoder:
    """A Ray Data actor: one pipeline, one shard writer; codes and writes batch after batch."""

    def __init__(self, out: str, run: RayRun) -> None:
        import ray

        self.pipeline = Pipeline(run.settings)
        self.writer = ShardWriter(out)
        self.run = run
        self.node = str(ray.get_runtime_context().get_node_id())
        self.pid = os.getpid()

    def _article(self, line: str, origin: str) -> tuple[Article, str] | InputError:
        """The article of one record and its content hash, or the ``InputError`` that makes it a dead letter."""
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return InputError(origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
        except RecursionError:
            return InputError(origin, "malformed JSON: nested too deeply")
        try:
            fallback = f"{id_from_name(PurePosixPath(origin).stem)}-{document_hash(line)[:12]}"
            article = record_to_article(record, where=origin, origin=origin, fallback_id=fallback, date=self.run.date)
            return article, text_hash(article)
        except InputError as exc:
            return exc

    def __call__(self, batch: pa.Table) -> pa.Table:
        shard = ShardTables()
        rows: list[dict[str, Any]] = []
        fresh: list[tuple[Article, str]] = []
        seen: set[str] = set()
        for line, origin in zip(batch.column("record").to_pylist(), batch.column("origin").to_pylist(), strict=True):
            item = self._article(line, origin)
            if isinstance(item, InputError):
                shard.add_failure(item, None, None)
                rows.append(_row(None, None, failed=True))
            elif item[1] in seen:
                rows.append(_row(item[1], item[0].doc_id, duplicate=True))
            else:
                seen.add(item[1])
                fresh.append(item)
        outcomes = code_batch(self.pipeline, [article for article, _ in fresh])
        for (article, digest), outcome in zip(fresh, outcomes, strict=True):
            if isinstance(outcome, StageError):
                shard.add_failure(outcome, article, digest)
                rows.append(_row(digest, article.doc_id, failed=True))
            else:
                shard.add_document(article, outcome, digest, self.run.pipeline_version)
                rows.append(_row(digest, article.doc_id, events=len(outcome.events)))
        self.writer.write(shard)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
        for row in rows:
            row |= {"node": self.node, "pid": self.pid, "peak_rss": peak}
        return pa.Table.from_pylist(rows, schema=_SUMMARY)


def _row(
    digest: str | None, doc_id: str | None, *, events: int = 0, failed: bool = False, duplicate: bool = False
) -> dict[str, Any]:
    return {"content_hash": digest, "doc_id": doc_id, "events": events, "failed": failed, "duplicate": duplicate}


def _start_ray(address: str | None, workers: int) -> bool:
    """Connect to (or start) Ray; True when this call started it and must shut it down."""
    import ray

    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # otherwise Ray writes a token under the home folder
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")
    if address is None:
        # one CPU per actor plus one for the read tasks, which would otherwise wait behind the pool forever
        ray.init(address="local", num_cpus=workers + 1, include_dashboard=False, log_to_driver=False)
    else:
        ray.init(address=address, log_to_driver=False)
    return True


def run_ray(
    inputs: Sequence[str],
    out: str,
    run: RayRun | None = None,
    *,
    progress: Progress | None = None,
    on_batch: Callable[[RaySummary], None] | None = None,
) -> RaySummary:
    """Code ``inputs`` on a Ray actor pool and write Parquet shards under ``out``; returns the counts.

    ``on_batch`` is called with the running summary after each finished batch (the CLI and
    the tests use it; library code does no output).
    """
    run = run or RayRun()
    if run.workers < 1:
        raise ConfigError(f"workers must be at least 1, got {run.workers}")
    jsonl, parquet = split_inputs(inputs)
    progress = progress or NullProgress()
    ShardWriter(out)  # create the folders before the actors race to
    started = time.monotonic()
    summary = RaySummary(workers=run.workers, out=out)
    owned = _start_ray(run.address, run.workers)
    try:
        import ray
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.enable_operator_progress_bars = False
        parts = []
        if jsonl:
            lines = ray.data.read_text(jsonl, include_paths=True)
            parts.append(lines.map_batches(_lines_to_records, batch_format="pyarrow"))
        if parquet:
            rows = ray.data.read_parquet(parquet, include_paths=True)
            parts.append(rows.map_batches(_rows_to_records, batch_format="pyarrow"))
        records = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        coded = records.map_batches(
            _DocumentCoder,
            fn_constructor_kwargs={"out": out, "run": run},
            compute=ray.data.ActorPoolStrategy(size=run.workers),
            batch_size=run.batch_size,
            batch_format="pyarrow",
            num_cpus=1,
            resources=run.actor_resources or None,
        )
        for batch in coded.iter_batches(batch_size=None, batch_format="pyarrow"):
            assert isinstance(batch, pa.Table)  # batch_format="pyarrow"
            for row in batch.to_pylist():
                summary.nodes.add(row["node"])
                summary.pids.add(row["pid"])
                summary.peak_rss[row["pid"]] = max(summary.peak_rss.get(row["pid"], 0), row["peak_rss"])
                if row["failed"]:
                    summary.failures += 1
                    progress.advance(1, 0, 1)
                elif row["duplicate"]:
                    summary.duplicates += 1
                    progress.advance(1, 0, 0)
                else:
                    summary.documents += 1
                    summary.events += row["events"]
                    progress.advance(1, row["events"], 0)
            if on_batch is not None:
                on_batch(summary)
    finally:
        if owned:
            import ray

            ray.shutdown()
    summary.duration = time.monotonic() - started
    return summary
