"""``python -m backchannel.bench_scale``: throughput of the local and Ray engines, and a projection.

Runs the same documents through ``--engine local`` with 1 and 2 workers and ``--engine ray``
with 2 actors; reports documents/s and words/s (steady state: after the workers have built
their pipelines), scaling efficiency 1 -> 2 workers, Ray's overhead against local at the
same worker count, peak memory per worker, and a projection table (hours for one GDELT day
and a 10-year archive on 1, 8 and 64 cores) from the measured per-core rate.

Ray binds the machine's network interface unless it runs in a loopback-only namespace::

    unshare -n sh -c 'ip link set lo up; python -m backchannel.bench_scale --limit 100'
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from backchannel.ingest.jsonl import record_to_article
from backchannel.records import Article

__all__ = ["Measure", "main", "measure_local", "measure_ray", "projection"]

DEFAULT_CORPUS = Path("../shared/corpus/whitehouse-2023-2024.jsonl")  # relative to the checkout, as in the Makefile
GDELT_DAY = (100_000, 200_000)  # articles per day (the range)
DAYS_10Y = 3652


@dataclass
class Measure:
    engine: str
    workers: int
    documents: int
    words: int
    seconds: float  # steady-state coding time
    wall: float  # including start-up (processes, Ray, model loading)
    peak_rss_mb: float  # largest worker

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def _load(corpus: Path, limit: int) -> tuple[list[Article], list[str]]:
    articles: list[Article] = []
    lines: list[str] = []
    with corpus.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{corpus}:{lineno}"
            articles.append(
                record_to_article(json.loads(line), where=where, origin=str(corpus), fallback_id=where, date=None)
            )
            lines.append(line)
            if len(articles) >= limit:
                break
    return articles, lines


def measure_local(articles: list[Article], workers: int) -> Measure:
    """Code ``articles`` on a warm pool of ``workers`` processes."""
    from backchannel.scale import LocalCoder

    started = time.perf_counter()
    warm = [Article(doc_id=f"warm{i}", text="Qatar hosted talks.") for i in range(2 * workers)]
    with LocalCoder(workers, chunk_size=1) as coder:
        list(coder.run(warm))  # every worker builds its pipeline before the clock starts
        coder.chunk_size = 4
        t0 = time.perf_counter()
        done = sum(1 for _ in coder.run(articles))
        seconds = time.perf_counter() - t0
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest finished child, MiB
    words = sum(len(a.text.split()) for a in articles)
    return Measure("local", workers, done, words, seconds, wall, peak)


def measure_ray(lines: list[str], articles: list[Article], workers: int) -> Measure:
    """Code the same records with the Ray engine; steady state runs from the first finished batch."""
    from backchannel.scale.ray_engine import RayRun, RaySummary, run_ray

    marks: list[tuple[float, int]] = []

    def mark(summary: RaySummary) -> None:
        marks.append((time.perf_counter(), summary.documents + summary.failures))

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(lines), encoding="utf-8")
        started = time.perf_counter()
        summary = run_ray([str(source)], str(Path(tmp) / "out"), RayRun(workers=workers, batch_size=4), on_batch=mark)
        wall = time.perf_counter() - started
    first_t, first_n = marks[0]
    last_t, last_n = marks[-1]
    words = sum(len(a.text.split()) for a in articles)
    steady_docs = last_n - first_n
    seconds = (last_t - first_t) * summary.documents / max(steady_docs, 1)  # scaled to all documents
    peak = max(summary.peak_rss.values(), default=0) / 2**20
    return Measure("ray", workers, summary.documents, words, seconds, wall, peak)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backchannel.bench_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus")
    parser.add_argument("--limit", type=int, default=2000, help="documents to code (default: 2000)")
    parser.add_argument("--skip-ray", action="store_true", help="measure the local engine only")
    parser.add_argument(
        "--efficiency", type=float, help="parallel efficiency to assume beyond one core (default: the measured 1 -> 2)"
    )
    parser.add_argument("--json", type=Path, help="also write the measures to this JSON file")
    args = parser.parse_args(argv)
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    articles, lines = _load(args.corpus, args.limit)
    print(f"{len(articles)} documents, {sum(len(a.text.split()) for a in articles):,} words from {args.corpus}")
    measures = [measure_local(articles, 1), measure_local(articles, 2)]
    if not args.skip_ray:
        measures.append(measure_ray(lines, articles, 2))
    for m in measures:
        print(
            f"{m.engine:5} {m.workers} worker(s): {m.docs_per_s:6.2f} documents/s, {m.words_per_s:8.0f} words/s "
            f"(steady {m.seconds:.1f} s, wall {m.wall:.1f} s), peak memory per worker {m.peak_rss_mb:.0f} MiB"
        )
    one, two = measures[0], measures[1]
    efficiency = two.docs_per_s / (2 * one.docs_per_s)
    print(f"scaling efficiency 1 -> 2 workers: {efficiency:.2f} (target >= 0.8)")
    if len(measures) > 2:
        print(f"Ray overhead vs local at 2 workers: {two.docs_per_s / measures[2].docs_per_s:.2f}x (target <= 1.25x)")
    words_per_article = one.words / one.documents
    assumed = args.efficiency if args.efficiency is not None else min(efficiency, 1.0)
    print(
        f"\nprojection from {one.words_per_s:,.0f} words/s per core, {words_per_article:,.0f} words per article, "
        f"parallel efficiency {assumed:.2f} beyond one core; {GDELT_DAY[0]:,}–{GDELT_DAY[1]:,} articles a day, "
        f"{DAYS_10Y:,} days in 10 years; articles as long as these:"
    )
    print("\n".join(projection(one.words_per_s, words_per_article, assumed)))
    if args.json:
        args.json.write_text(json.dumps([asdict(m) for m in measures], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
