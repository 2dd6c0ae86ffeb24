"""``python -m backchannel.bench_scale``: throughput of the local and Ray engines, and a projection.

The same documents go through ``--engine local`` with 1 and 2 workers (into a fresh DuckDB
database, as ``backchannel ingest`` does) and ``--engine ray`` with 2 actors (Parquet
shards, then loaded into DuckDB).  Each run is timed in phases:

- start-up: until every worker has built its pipeline (process start, imports, the spaCy
  model; Ray also starts itself);
- steady: from then until the last document is coded.  Documents/s and words/s come from
  this window only, so the ratios compare coding, not model loading;
- load (Ray): the shards into DuckDB.

The configurations take turns, ``--repeat`` times, so a change in the machine's load hits
each of them; the ratios are medians over the repeats, with their range.  Two numbers do
not depend on other jobs: the workers' CPU seconds per document (its ratio between 2 and
1 workers is the engine's own overhead) and the machine's busy cores during the steady
window (from ``/proc/stat``: all processes, ours and everyone else's).

Ray binds the machine's network interface unless it runs in a loopback-only namespace::

    unshare -n sh -c 'ip link set lo up; python -m backchannel.bench_scale --limit 100'
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path

from backchannel.ingest.jsonl import record_to_article
from backchannel.records import Article
from backchannel.store import document_hash

__all__ = ["Measure", "main", "measure_local", "measure_ray", "projection", "summarize"]

DEFAULT_CORPUS = Path("../shared/corpus/whitehouse-2023-2024.jsonl")  # relative to the checkout, as in the Makefile
GDELT_DAY = (100_000, 200_000)  # articles per day (the range)
DAYS_10Y = 3652
MEMORY_TARGET_MIB = 1.2 * 1000**3 / 2**20  # 1.2 GB


@dataclass
class Measure:
    engine: str
    workers: int
    documents: int
    words: int
    startup: float  # seconds until every worker had built its pipeline
    seconds: float  # steady state: from then until the last document was coded
    wall: float  # the whole run, start-up, loading and shutdown included
    worker_cpu: float  # CPU seconds the workers spent coding these documents
    main_cpu: float  # CPU seconds of this process (reading, DuckDB writes; Ray's driver) in the steady window
    busy_cores: float | None  # busy cores of the whole machine in the steady window (None: no /proc/stat)
    peak_rss_mb: float  # the largest worker: peak resident set
    peak_private_mb: float  # the largest worker: resident memory it shares with no other process
    idle: float = 0.0  # seconds the workers waited for work between chunks (batches) and at the end, summed
    load: float = 0.0  # ray: seconds to load the shards into DuckDB
    restarts: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    @property
    def cpu_per_doc(self) -> float:
        return self.worker_cpu / self.documents

    @property
    def idle_share(self) -> float:
        """Share of the workers' steady time spent waiting for work: starved, or done while another worked on."""
        return self.idle / (self.workers * self.seconds)

    @property
    def worker_cores(self) -> float:
        """Cores the workers actually got in the steady window (below ``workers``: others took the rest)."""
        return self.worker_cpu / self.seconds


class _Machine:
    """Samples the machine's CPU counters (``/proc/stat``) in the background while a run goes on."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.samples: list[tuple[float, int, int]] = []  # (Unix time, busy jiffies, all jiffies)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    @staticmethod
    def _read() -> tuple[int, int] | None:
        try:
            with open("/proc/stat", encoding="ascii") as handle:
                fields = [int(x) for x in handle.readline().split()[1:9]]
        except (OSError, ValueError):
            return None
        user, nice, system, idle, iowait, irq, softirq, steal = fields
        busy = user + nice + system + irq + softirq + steal
        return busy, busy + idle + iowait

    def _loop(self) -> None:
        while True:
            reading = self._read()
            if reading is not None:
                self.samples.append((time.time(), *reading))
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> _Machine:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def busy_cores(self, start: float, end: float) -> float | None:
        """Average busy cores between two Unix times (the nearest samples)."""
        if len(self.samples) < 2:
            return None
        first = min(self.samples, key=lambda s: abs(s[0] - start))
        last = min(self.samples, key=lambda s: abs(s[0] - end))
        if last[2] <= first[2]:
            return None
        return (last[1] - first[1]) / (last[2] - first[2]) * (os.cpu_count() or 1)


def _load(corpus: Path, limit: int) -> tuple[list[Article], list[str]]:
    """The first ``limit`` documents with distinct texts (the corpus repeats some), and their JSON lines."""
    articles: list[Article] = []
    lines: list[str] = []
    seen: set[str] = set()
    with corpus.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{corpus}:{lineno}"
            article = record_to_article(json.loads(line), where=where, origin=str(corpus), fallback_id=where, date=None)
            digest = document_hash(article.text)
            if digest in seen:
                continue
            seen.add(digest)
            articles.append(article)
            lines.append(line)
            if len(articles) >= limit:
                break
    return articles, lines


def _words(articles: Sequence[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def measure_local(articles: list[Article], workers: int, chunk_size: int = 8) -> Measure:
    """Ingest ``articles`` into a fresh database with a pool of ``workers``, timed from the moment all are ready."""
    from backchannel.pipeline import PIPELINE_VERSION
    from backchannel.scale import LocalCoder
    from backchannel.store import Store, ingest

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp, _Machine() as machine:
        started = time.perf_counter()
        with Store.open(Path(tmp) / "bench.duckdb") as store, LocalCoder(workers, chunk_size=chunk_size) as coder:
            ready = coder.wait_ready()
            startup = time.perf_counter() - started
            cpu_ready = sum(s.cpu for s in ready)
            main0, t0, unix0 = time.process_time(), time.perf_counter(), time.time()
            summary = ingest(store, articles, coder, PIPELINE_VERSION)
            seconds, main_cpu, unix1 = time.perf_counter() - t0, time.process_time() - main0, time.time()
            stats = coder.stats()
            worker_cpu = sum(s.cpu for s in stats) - cpu_ready
            # waiting between chunks, and after its last chunk until the last worker finished
            idle = sum(s.idle + max(0.0, unix1 - s.last_report) for s in stats if s.last_report >= unix0)
            restarts = coder.restarts
        wall = time.perf_counter() - started
    coded = summary.documents + summary.failures
    peak = max(s.peak_rss for s in stats) / 2**20
    private = max(s.peak_private for s in stats) / 2**20
    return Measure(
        "local", workers, coded, _words(articles), startup, seconds, wall, worker_cpu, main_cpu,
        machine.busy_cores(unix0, unix1), peak, private, idle=idle, restarts=restarts,
    )  # fmt: skip


def measure_ray(lines: list[str], articles: list[Article], workers: int, batch_size: int = 16) -> Measure:
    """Code the same records with the Ray engine; steady state from the moment every actor was ready.

    A batch that straddles that moment counts in proportion to its time inside the window.
    """
    from backchannel.pipeline import PIPELINE_VERSION
    from backchannel.scale import load_shards
    from backchannel.scale.ray_engine import RayRun, RaySummary, run_ray
    from backchannel.store import Store

    cpu_marks: list[tuple[float, float]] = []  # (Unix time, CPU seconds of this process) after each batch

    def mark(summary: RaySummary) -> None:
        cpu_marks.append((time.time(), time.process_time()))

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp, _Machine() as machine:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(lines), encoding="utf-8")
        out = str(Path(tmp) / "out")
        started, unix_started, main_started = time.perf_counter(), time.time(), time.process_time()
        summary = run_ray([str(source)], out, RayRun(workers=workers, batch_size=batch_size), on_batch=mark)
        loading = time.perf_counter()
        with Store.open(Path(tmp) / "bench.duckdb") as store:
            load_shards(store, out, PIPELINE_VERSION)
        load = time.perf_counter() - loading
        wall = time.perf_counter() - started
    ready = max(summary.ready_at.values())
    end = max(finished for _, finished, _ in summary.spans.values())
    documents = summary.documents + summary.failures + summary.duplicates
    steady_docs = 0.0
    for began, finished, rows in summary.spans.values():
        inside = max(0.0, finished - max(began, ready))
        steady_docs += rows * (inside / (finished - began) if finished > began else float(began >= ready))
    seconds = (end - ready) * documents / max(steady_docs, 1e-9)  # the steady rate, applied to every document
    worker_cpu = sum(s.cpu - s.startup_cpu for s in summary.stats.values())
    idle = 0.0  # gaps between one batch of an actor and its next, and after its last until the end
    for pid in summary.pids:
        spans = sorted((began, finished) for (who, _), (began, finished, _) in summary.spans.items() if who == pid)
        idle += sum(max(0.0, nxt[0] - max(prev[1], ready)) for prev, nxt in pairwise(spans) if nxt[0] > ready)
        idle += end - max(spans[-1][1], ready)
    main_at_ready = min(cpu_marks, key=lambda m: abs(m[0] - ready))[1] if cpu_marks else main_started
    main_cpu = (cpu_marks[-1][1] if cpu_marks else main_started) - main_at_ready
    peak = max((s.peak_rss for s in summary.stats.values()), default=0) / 2**20
    private = max((s.peak_private for s in summary.stats.values()), default=0) / 2**20
    return Measure(
        "ray", workers, documents, _words(articles), ready - unix_started, seconds, wall, worker_cpu, main_cpu,
        machine.busy_cores(ready, end), peak, private, idle=idle, load=load,
    )  # fmt: skip


def _hours(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:,.1f}" if hours < 10 else f"{hours:,.0f}"


def projection(words_per_s_per_core: float, words_per_article: float, efficiency: float) -> list[str]:
    """Markdown rows: hours for a GDELT day and a 10-year archive on 1, 8 and 64 cores."""
    rows = [
        "| workload | articles | 1 core | 8 cores | 64 cores |",
        "|---|---|---|---|---|",
    ]
    workloads = [
        ("one GDELT day", GDELT_DAY[0], GDELT_DAY[1]),
        ("10-year archive", GDELT_DAY[0] * DAYS_10Y, GDELT_DAY[1] * DAYS_10Y),
    ]
    for name, low, high in workloads:
        cells = []
        for cores in (1, 8, 64):
            eff = 1.0 if cores == 1 else efficiency
            rate = words_per_s_per_core * cores * eff / words_per_article  # articles/s
            cells.append(f"{_hours(low / rate)}–{_hours(high / rate)} h")
        rows.append(f"| {name} | {low:,}–{high:,} | " + " | ".join(cells) + " |")
    return rows


def _spread(values: Sequence[float], fmt: str = ".2f") -> str:
    """Median, and the range when there is more than one value."""
    middle = format(statistics.median(values), fmt)
    if len(values) < 2:
        return middle
    return f"{middle} (range {format(min(values), fmt)}–{format(max(values), fmt)}, n={len(values)})"


def _label(m: Measure) -> str:
    return f"{m.engine} {m.workers} worker{'s' if m.workers > 1 else ''}"


def _run_line(m: Measure) -> str:
    busy = f"{m.busy_cores:.2f}" if m.busy_cores is not None else "n/a"
    load = f", load into DuckDB {m.load:.1f} s" if m.engine == "ray" else ""
    restarts = f", {m.restarts} restarts" if m.restarts else ""
    return (
        f"  {_label(m):17} start-up {m.startup:5.1f} s | steady {m.seconds:6.1f} s: {m.docs_per_s:5.2f} docs/s, "
        f"{m.words_per_s:6.0f} words/s | worker CPU {m.cpu_per_doc:.3f} s/doc, workers got {m.worker_cores:.2f} cores, "
        f"idle {m.idle_share:.1%}, "
        f"main process {m.main_cpu:5.1f} s | machine busy {busy} cores | peak {m.peak_rss_mb:4.0f} MiB/worker "
        f"({m.peak_private_mb:.0f} private)"
        f"{load}{restarts}"
    )


def summarize(rounds: Sequence[Sequence[Measure]]) -> list[str]:
    """The ratio lines of repeated rounds (each: local 1, local 2 and optionally ray 2 workers)."""
    one = [r[0] for r in rounds]
    two = [r[1] for r in rounds]
    ray = [r[2] for r in rounds if len(r) > 2]
    efficiency = [b.docs_per_s / (2 * a.docs_per_s) for a, b in zip(one, two, strict=True)]
    cpu_ratio = [b.cpu_per_doc / a.cpu_per_doc for a, b in zip(one, two, strict=True)]
    main_share = [b.main_cpu / (b.worker_cpu + b.main_cpu) for b in two]
    # What the efficiency would be if the runs had the cores to themselves: every document costs its
    # worker CPU plus its share of the main process, and two workers share two cores with the main process.
    bound = [a.cpu_per_doc / (b.cpu_per_doc + b.main_cpu / b.documents) for a, b in zip(one, two, strict=True)]
    lines = [
        f"scaling efficiency 1 -> 2 workers (steady docs/s at 2 / twice that at 1): {_spread(efficiency)}"
        "   target >= 0.80",
        f"  the same from CPU time, as on an idle machine (CPU s/doc at 1 / (at 2 + main process)): {_spread(bound)}",
        f"  cores the workers got: local 1 {_spread([m.worker_cores for m in one])}, "
        f"local 2 {_spread([m.worker_cores for m in two])}"
        + (f", ray 2 {_spread([m.worker_cores for m in ray])}" if ray else ""),
        f"  workers waiting for work: local 2 {_spread([m.idle_share for m in two], '.1%')}"
        + (f", ray 2 {_spread([m.idle_share for m in ray], '.1%')}" if ray else ""),
        f"worker CPU per document, 2 workers / 1 worker: {_spread(cpu_ratio)}   (1.00: a second worker adds no work)",
        f"main process share of the CPU at 2 workers (reading, DuckDB writes): {_spread(main_share, '.1%')}",
        f"start-up until every worker is ready: local 1 {_spread([m.startup for m in one], '.1f')} s, "
        f"local 2 {_spread([m.startup for m in two], '.1f')} s"
        + (f", ray 2 {_spread([m.startup for m in ray], '.1f')} s" if ray else ""),
    ]
    if ray:
        overhead = [b.docs_per_s / r.docs_per_s for b, r in zip(two, ray, strict=False)]
        cpu_overhead = [
            (r.worker_cpu + r.main_cpu) / r.documents / ((b.worker_cpu + b.main_cpu) / b.documents)
            for b, r in zip(two, ray, strict=False)
        ]
        lines += [
            f"Ray overhead vs local at 2 workers (local docs/s / ray docs/s): {_spread(overhead)}   target <= 1.25",
            f"  the same from CPU time (actors and driver / workers and main process, per document): "
            f"{_spread(cpu_overhead)}; Ray's own daemons not counted",
        ]
    for engine in ("local", "ray"):
        runs = [m for r in rounds for m in r if m.engine == engine]
        if runs:
            resident = max(m.peak_rss_mb for m in runs)
            private = max(m.peak_private_mb for m in runs)
            lines.append(
                f"peak memory per worker, {engine}: resident {resident:.0f} MiB, of it private {private:.0f} MiB "
                f"(largest of all runs)   target < {MEMORY_TARGET_MIB:.0f} MiB"
            )
    busy = [m.busy_cores for r in rounds for m in r if m.busy_cores is not None]
    if busy:
        lines.append(
            f"machine load: {min(busy):.2f}–{max(busy):.2f} busy cores of {os.cpu_count()} during the steady windows "
            "(all processes; above the run's own workers, others were using the machine)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backchannel.bench_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus")
    parser.add_argument("--limit", type=int, default=2000, help="distinct documents to code (default: 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of all configurations (default: 3)")
    parser.add_argument("--skip-ray", action="store_true", help="measure the local engine only")
    parser.add_argument("--chunk-size", type=int, default=8, help="local engine: documents per chunk (default: 8)")
    parser.add_argument("--batch-size", type=int, default=16, help="ray engine: documents per batch (default: 16)")
    parser.add_argument(
        "--efficiency", type=float, help="parallel efficiency to assume beyond one core (default: the measured 1 -> 2)"
    )
    parser.add_argument("--json", type=Path, help="also write every measure to this JSON file")
    args = parser.parse_args(argv)
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    articles, lines = _load(args.corpus, args.limit)
    words = _words(articles)
    print(
        f"{len(articles)} distinct documents, {words:,} words from {args.corpus}; {args.repeat} round(s), "
        f"configurations in turn; {os.cpu_count()} cores",
        flush=True,
    )
    configs: list[tuple[str, Callable[[], Measure]]] = [
        ("local 1", lambda: measure_local(articles, 1, args.chunk_size)),
        ("local 2", lambda: measure_local(articles, 2, args.chunk_size)),
    ]
    if not args.skip_ray:
        configs.append(("ray 2", lambda: measure_ray(lines, articles, 2, args.batch_size)))
    rounds: list[list[Measure]] = []
    for number in range(1, args.repeat + 1):
        print(f"round {number}:", flush=True)
        measures = []
        for _, run in configs:
            m = run()
            print(_run_line(m), flush=True)
            measures.append(m)
        rounds.append(measures)
    print()
    print("\n".join(summarize(rounds)))
    one = rounds[0][0]
    # per core: words per CPU-second of the lone worker, which is its words/s on a core it has to itself
    rate = statistics.median(r[0].words / r[0].worker_cpu for r in rounds)
    measured = statistics.median(r[1].docs_per_s / (2 * r[0].docs_per_s) for r in rounds)
    assumed = args.efficiency if args.efficiency is not None else min(measured, 1.0)
    words_per_article = one.words / one.documents
    print(
        f"\nprojection from {rate:,.0f} words per CPU-second of one worker (median), {words_per_article:,.0f} words "
        f"per article, parallel efficiency {assumed:.2f} beyond one core (the measured wall-clock median unless "
        f"--efficiency); {GDELT_DAY[0]:,}–{GDELT_DAY[1]:,} articles a day, {DAYS_10Y:,} days in 10 years; "
        "articles as long as these; start-up and loading not included:"
    )
    print("\n".join(projection(rate, words_per_article, assumed)))
    if args.json:
        args.json.write_text(json.dumps([[asdict(m) for m in r] for r in rounds], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
