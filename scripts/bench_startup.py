"""Pipeline start-up time and peak memory against loading the spaCy model alone, in one command.

    PYTHONPATH=src python scripts/bench_startup.py [--repeat 3]

Each measurement runs in a fresh child process; the ratios (pipeline / model alone) are the numbers to
compare between two trees, since absolute seconds depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import time


def _child(kind: str, queue: mp.Queue) -> None:
    start = time.perf_counter()
    if kind == "model":
        from backchannel.nlp import load_model

        load_model()
    else:
        from backchannel.pipeline import Pipeline

        Pipeline()
    queue.put((time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def _measure(kind: str) -> tuple[float, float]:
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(kind, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = {kind: [_measure(kind) for _ in range(args.repeat)] for kind in ("model", "pipeline")}
    secs = {k: statistics.median(s for s, _ in v) for k, v in rows.items()}
    peak = {k: max(m for _, m in v) for k, v in rows.items()}
    for kind in rows:
        print(f"{kind:9} start-up {secs[kind]:6.2f} s   peak {peak[kind]:7.0f} MB")
    ratio_secs, ratio_peak = secs["pipeline"] / secs["model"], peak["pipeline"] / peak["model"]
    print(f"pipeline/model: start-up {ratio_secs:.2f}x   peak {ratio_peak:.2f}x")


if __name__ == "__main__":
    main()
