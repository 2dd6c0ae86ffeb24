"""Scale-out engines: ``local`` (a process pool) and ``ray`` (Ray Data on an actor pool).

with LocalCoder(workers=plan_workers(0, None)) as coder:   # one per available core
    summary = ingest(store, screen(read_inputs(paths)), coder, PIPELINE_VERSION)

summary = run_ray(["shards/", "s3://bucket/more/"], "out/", RayRun(workers=8, address="auto"))
load_shards(store, "out/", PIPELINE_VERSION)
"""

from __future__ import annotations

from backchannel.scale.batch import DEFAULT_DOC_TIMEOUT, TimedCoder, code_batch, screen, text_hash
from backchannel.scale.local import LocalCoder, WorkerCrashed, WorkerStats, available_cores, plan_workers
from backchannel.scale.progress import NullProgress, Progress, estimate_total, report
from backchannel.scale.shards import SCHEMAS, TABLES, LoadSummary, ShardTables, ShardWriter, load_shards, read_table

__all__ = [
    "DEFAULT_DOC_TIMEOUT",
    "SCHEMAS",
    "TABLES",
    "LoadSummary",
    "LocalCoder",
    "NullProgress",
    "Progress",
    "ShardTables",
    "ShardWriter",
    "TimedCoder",
    "WorkerCrashed",
    "WorkerStats",
    "available_cores",
    "code_batch",
    "estimate_total",
    "load_shards",
    "plan_workers",
    "read_table",
    "report",
    "screen",
    "text_hash",
]
