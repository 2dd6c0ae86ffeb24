"""Pipeline start-up time and peak memory, one source tree against another, in one command.

    python scripts/bench_startup.py --before /path/to/old/src --after src [--repeat 3]

Each measurement runs in a fresh child process (``Pipeline()`` built, nothing coded), the two trees interleaved
so that the machine's load falls on both alike; the ratios after/before are the numbers to report.  The spaCy
model's own load is measured too, as the floor no pipeline start-up can go below.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
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


def _measure(kind: str, src: str) -> tuple[float, float]:
    os.environ["PYTHONPATH"] = os.path.abspath(src)
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(kind, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", required=True, help="src folder of the old tree")
    parser.add_argument("--after", default="src", help="src folder of the new tree")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(args.repeat):
        for tree in ("before", "after"):
            for kind in ("model", "pipeline"):
                runs.setdefault((tree, kind), []).append(_measure(kind, getattr(args, tree)))
    secs = {key: statistics.median(s for s, _ in value) for key, value in runs.items()}
    peak = {key: max(m for _, m in value) for key, value in runs.items()}
    for tree, kind in runs:
        print(f"{tree:6} {kind:9} start-up {secs[tree, kind]:6.2f} s   peak {peak[tree, kind]:7.0f} MB")
    time_ratio = secs["after", "pipeline"] / secs["before", "pipeline"]
    peak_ratio = peak["after", "pipeline"] / peak["before", "pipeline"]
    print(f"pipeline after/before: start-up {time_ratio:.2f}x   peak memory {peak_ratio:.2f}x")


if __name__ == "__main__":
    main()
