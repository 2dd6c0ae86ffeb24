"""The ``ray`` engine: Ray Data ``map_batches`` on an actor pool, Parquet shards out.

Each actor builds one ``Pipeline`` (the slow part: the spaCy model, the gazetteer) and
codes batch after batch; it writes its batch's shards itself (``ShardWriter``, files keyed
by the documents' content hashes) and returns one small summary row per document, which
the driver counts for progress.  Ray restarts a killed actor and retries its batch; the
retried batch rewrites the same shard files, so no document is lost or written twice.
A document still being coded after ``RayRun.doc_timeout`` seconds is interrupted and
written as a dead letter (``code_batch``); Ray Data runs an actor's batches in a thread,
so the interruption reaches Python code only, not a hang inside C code.

Inputs are JSON Lines (read as text lines, parsed in the actors, so a malformed line is a
dead letter, not a failed read) and Parquet files with the JSON record columns (``id``,
``title``, ``date``, ``source``, ``url``, ``text``): local paths, or URLs that pyarrow
(``file://``, ``s3://``, ``gs://``...) or fsspec (any other protocol, chained URLs such as
``simplecache::s3://...``) opens; a folder is listed recursively.  ``memory://`` is refused:
it lives inside one process, and Ray reads and writes in others.
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
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.fs as pafs

from backchannel.errors import ConfigError, InputError, StageError
from backchannel.ingest.ids import id_from_name
from backchannel.ingest.jsonl import record_to_article
from backchannel.pipeline import PIPELINE_VERSION, Pipeline, Settings
from backchannel.records import Article
from backchannel.scale.batch import DEFAULT_DOC_TIMEOUT, code_batch, text_hash
from backchannel.scale.local import CoderFactory, WorkerStats, available_cores, private_memory
from backchannel.scale.progress import NullProgress, Progress
from backchannel.scale.shards import ShardTables, ShardWriter, resolve_filesystem
from backchannel.store import document_hash

__all__ = ["InputGroup", "RayRun", "RaySummary", "resolve_inputs", "run_ray"]

_JSONL = (".jsonl", ".ndjson")
_PARQUET = (".parquet",)
_HIDDEN = (".", "_")  # in a folder: temporary and marker files (_SUCCESS), which Ray skips too
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
        ("private", pa.int64()),  # its private resident memory after this row's batch, bytes
        ("cpu", pa.float64()),  # the actor process's CPU seconds so far
        ("startup", pa.float64()),  # seconds the actor took to build its pipeline
        ("startup_cpu", pa.float64()),  # the actor process's CPU seconds when its pipeline was built
        ("ready_at", pa.float64()),  # Unix time at which the pipeline was built
        ("batch_started", pa.float64()),  # Unix times at which the actor began and finished this row's batch
        ("batch_finished", pa.float64()),
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
    stats: dict[int, WorkerStats] = field(default_factory=dict)  # by worker pid: start-up, CPU, peak memory
    ready_at: dict[int, float] = field(default_factory=dict)  # by worker pid: Unix time its pipeline was built
    # each coded batch: (pid, Unix time begun) -> (Unix time begun, Unix time finished, rows)
    spans: dict[tuple[int, float], tuple[float, float, int]] = field(default_factory=dict)
    out: str = ""

    def count(self, row: dict[str, Any]) -> None:
        """Add one summary row of a coder actor (a document it coded, failed or found repeated)."""
        pid = row["pid"]
        self.nodes.add(row["node"])
        self.pids.add(pid)
        self.ready_at[pid] = row["ready_at"]
        stats = self.stats.setdefault(pid, WorkerStats(pid, row["startup"], row["startup_cpu"]))
        stats.documents += 1
        stats.cpu = max(stats.cpu, row["cpu"])
        stats.peak_rss = max(stats.peak_rss, row["peak_rss"])
        stats.peak_private = max(stats.peak_private, row["private"])
        began, ended = row["batch_started"], row["batch_finished"]
        stats.last_report = max(stats.last_report, ended)
        rows = self.spans.get((pid, began), (began, ended, 0))[2]
        self.spans[(pid, began)] = (began, ended, rows + 1)


@dataclass(frozen=True)
class RayRun:
    """How to run: pool size, cluster address (None: start a local Ray), rows per batch, time per document."""

    workers: int = 2
    address: str | None = None
    batch_size: int = 16
    date: str | None = None  # fills records without a date
    settings: Settings = field(default_factory=Settings)
    # extra Ray resources each coder actor needs, e.g. {"coder": 1} to keep the pool off a head node
    actor_resources: dict[str, float] = field(default_factory=dict)
    pipeline_version: str = PIPELINE_VERSION
    doc_timeout: float = DEFAULT_DOC_TIMEOUT  # seconds one document may take before it is set aside (0: no limit)
    factory: CoderFactory = Pipeline  # builds each actor's coder from ``settings``; importable by the actors


@dataclass
class InputGroup:
    """Input files on one filesystem (None: the local one), split by format."""

    filesystem: pafs.FileSystem | None
    jsonl: list[str] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)


def _store(spec: str) -> str:
    """What identifies the filesystem of ``spec``: its chain of protocols and its host or bucket."""
    if "://" not in spec:
        return ""
    chain, _, last = spec.rpartition("::")
    parts = urlsplit(last)
    return f"{chain}::{parts.scheme}://{parts.netloc}"


def _refuse_private(location: str) -> None:
    if location.rpartition("::")[2].split("://", 1)[0].lower() == "memory":
        raise ConfigError(
            f"{location}: a memory:// filesystem lives inside one process and Ray reads and writes in others; "
            "use a folder, file:// or a store all nodes reach (s3://, gs://...)"
        )


def _files(spec: str) -> tuple[pafs.FileSystem | None, list[str], bool]:
    """The filesystem of ``spec`` (None: local), its files, and whether it is a folder (listed recursively)."""
    if "://" not in spec:
        path = Path(spec)
        if path.is_dir():
            return (
                None,
                [str(p) for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith(_HIDDEN)],
                True,
            )
        if not path.exists():
            raise ConfigError(f"{spec}: no such file or directory")
        return None, [spec], False
    _refuse_private(spec)
    fs, root = resolve_filesystem(spec)
    try:
        info = fs.get_file_info(root)
        if info.type == pafs.FileType.NotFound:
            raise ConfigError(f"{spec}: no such file or directory")
        if info.type != pafs.FileType.Directory:
            return fs, [root], False
        listing = fs.get_file_info(pafs.FileSelector(root, recursive=True))
    except OSError as exc:
        raise ConfigError(f"{spec}: cannot list: {exc}") from exc
    files = sorted(i.path for i in listing if i.type == pafs.FileType.File and not i.base_name.startswith(_HIDDEN))
    return fs, files, True


def resolve_inputs(inputs: Sequence[str]) -> list[InputGroup]:
    """JSON Lines and Parquet files of ``inputs`` (local paths or URLs), grouped by filesystem.

    A folder gives its files in sorted order; a file named directly must be JSON Lines or Parquet.
    """
    groups: dict[str, InputGroup] = {}
    for spec in inputs:
        fs, files, folder = _files(spec)
        group = groups.setdefault(_store(spec), InputGroup(fs))
        for f in files:
            suffix = PurePosixPath(f.split("?")[0]).suffix.lower()
            if suffix in _JSONL:
                group.jsonl.append(f)
            elif suffix in _PARQUET:
                group.parquet.append(f)
            elif not folder:
                raise ConfigError(f"{spec}: the ray engine reads JSON Lines (.jsonl, .ndjson) or Parquet files")
    if not any(g.jsonl or g.parquet for g in groups.values()):
        raise ConfigError(f"no JSON Lines or Parquet files in {', '.join(inputs)}")
    return list(groups.values())


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

        started = time.perf_counter()
        self.coder = run.factory(run.settings)
        self.writer = ShardWriter(out)
        self.run = run
        self.node = str(ray.get_runtime_context().get_node_id())
        self.pid = os.getpid()
        self.ready = {
            "startup": time.perf_counter() - started,
            "startup_cpu": time.process_time(),
            "ready_at": time.time(),
        }

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
        began = time.time()
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
        outcomes = code_batch(self.coder, [article for article, _ in fresh], self.run.doc_timeout)
        for (article, digest), outcome in zip(fresh, outcomes, strict=True):
            if isinstance(outcome, StageError):
                shard.add_failure(outcome, article, digest)
                rows.append(_row(digest, article.doc_id, failed=True))
            else:
                shard.add_document(article, outcome, digest, self.run.pipeline_version)
                rows.append(_row(digest, article.doc_id, events=len(outcome.events)))
        self.writer.write(shard)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
        usage = {"node": self.node, "pid": self.pid, "peak_rss": peak, "private": private_memory()}
        usage |= {"cpu": time.process_time()} | self.ready
        usage |= {"batch_started": began, "batch_finished": time.time()}
        for row in rows:
            row |= usage
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
        actors = workers or available_cores()
        ray.init(address="local", num_cpus=actors + 1, include_dashboard=False, log_to_driver=False)
    else:
        ray.init(address=address, log_to_driver=False)
    return True


def _pool_size(workers: int) -> int:
    """``workers``, or for 0 one actor per CPU of the running Ray, less one CPU for the read tasks."""
    if workers > 0:
        return workers
    import ray

    cpus = int(ray.cluster_resources().get("CPU", 1))
    return max(1, cpus - 1)


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
    if run.workers < 0:
        raise ConfigError(f"workers must be at least 1 (or 0: one per CPU), got {run.workers}")
    if not run.doc_timeout >= 0:
        raise ConfigError(f"doc_timeout must be 0 (no limit) or more seconds, got {run.doc_timeout}")
    groups = resolve_inputs(inputs)
    _refuse_private(out)
    progress = progress or NullProgress()
    ShardWriter(out)  # create the folders before the actors race to
    started = time.monotonic()
    summary = RaySummary(out=out)
    owned = _start_ray(run.address, run.workers)
    try:
        import ray
        import ray.data

        summary.workers = _pool_size(run.workers)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.enable_operator_progress_bars = False
        parts = []
        for group in groups:
            if group.jsonl:
                lines = ray.data.read_text(group.jsonl, include_paths=True, filesystem=group.filesystem)
                parts.append(lines.map_batches(_lines_to_records, batch_format="pyarrow"))
            if group.parquet:
                rows = ray.data.read_parquet(group.parquet, include_paths=True, filesystem=group.filesystem)
                parts.append(rows.map_batches(_rows_to_records, batch_format="pyarrow"))
        records = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
        # One batch per block, so each actor task is one batch: an actor that finishes early takes
        # the next batch, instead of the run ending on one actor's last block of ~35 documents.
        records = records.repartition(target_num_rows_per_block=run.batch_size)
        coded = records.map_batches(
            _DocumentCoder,
            fn_constructor_kwargs={"out": out, "run": run},
            compute=ray.data.ActorPoolStrategy(size=summary.workers),
            batch_size=run.batch_size,
            batch_format="pyarrow",
            num_cpus=1,
            resources=run.actor_resources or None,
        )
        for batch in coded.iter_batches(batch_size=None, batch_format="pyarrow"):
            assert isinstance(batch, pa.Table)  # batch_format="pyarrow"
            for row in batch.to_pylist():
                summary.count(row)
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
