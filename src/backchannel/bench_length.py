"""``python -m backchannel.bench_length``: the cost of ``extract`` per word as a document grows.

The same news prose at several sizes (5 KB to 1 MB), in three shapes: news prose as written (Wikipedia
Current Events entries, shuffled with a fixed seed, five to a paragraph), the same words with no full
stop and no line break (one "sentence" as long as the parser allows), and a run of one actor-dense
clause ("Hamas and Fatah met in Cairo and talked and talked ...").  For each size it reports seconds
per 10,000 words, and the ratio of the largest size's figure to the smallest's: a pass quadratic in
tokens, names, sentences or hits makes that ratio grow with the largest size (target <= 1.5).  Last, the
1 MB texts are parsed by spaCy alone (in the pipeline's pieces, without the headline repair), and
extract is set against that (target <= 2x).

Times are process CPU seconds of one process (the machine may be shared; wall seconds are shown too).
Everything of one shape runs in one child process, so the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

__all__ = ["KINDS", "main", "make_text", "measure_kind"]

KINDS = ("prose", "no_full_stop", "actor_dense")
SIZES = (5_000, 50_000, 500_000, 1_000_000)
DENSE_CLAUSE = "Hamas and Fatah met in Cairo and talked and talked "
_STOPS = re.compile(r"[.!?]")
_MIN_CPU = 2.0  # a small text is coded again until this many CPU seconds have passed


def _pool(corpus: Path) -> list[str]:
    texts = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                text = " ".join((json.loads(line).get("text") or "").split())
                if text:
                    texts.append(text)
    return texts


def make_text(kind: str, size: int, pool: Sequence[str] = (), seed: int = 7) -> str:
    """``size`` characters of ``kind`` (one of ``KINDS``); prose shapes draw their sentences from ``pool``."""
    if kind == "actor_dense":
        return (DENSE_CLAUSE * (size // len(DENSE_CLAUSE) + 1))[:size].rstrip()
    if kind not in KINDS or not pool:
        raise ValueError(f"unknown text kind {kind!r} or empty pool")
    items = list(pool)
    random.Random(seed).shuffle(items)
    parts: list[str] = []
    total = 0
    while total < size:
        parts.append(items[len(parts) % len(items)])
        total += len(parts[-1]) + 1
    if kind == "prose":
        text = "".join(p + ("\n\n" if k % 5 == 4 else " ") for k, p in enumerate(parts))
    else:
        text = _STOPS.sub("", " ".join(parts))
    return text[:size].rstrip()


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def measure_kind(kind: str, sizes: Sequence[int], pool: Sequence[str]) -> dict[str, object]:
    """Extract (and, for the largest size, parse only) ``kind`` texts of each size in this process."""
    from backchannel.ingest import read_text
    from backchannel.nlp import Parser
    from backchannel.pipeline import Pipeline

    pipe = Pipeline()
    pipe.extract_article(read_text(make_text(kind, 2_000, pool, seed=1), date="2024-03-01"))  # warm up
    rows: list[dict[str, float]] = []
    for size in sizes:
        text = make_text(kind, size, pool)
        article = read_text(text, doc_id=f"{kind}-{size}", date="2024-03-01")
        cpu = wall = 0.0
        runs = 0
        while runs == 0 or cpu < _MIN_CPU:
            c, w = _timed(partial(pipe.extract_article, article))
            cpu, wall, runs = cpu + c, wall + w, runs + 1
        words = len(text.split())
        rows.append(
            {
                "size": size,
                "words": words,
                "runs": runs,
                "cpu_s": cpu / runs,
                "wall_s": wall / runs,
                "cpu_per_10k_words": cpu / runs / words * 10_000,
            }
        )
    largest = make_text(kind, max(sizes), pool)
    parser = Parser(pipe.parser.nlp, batch_size=pipe.settings.batch_size)  # spaCy alone, in the same pieces
    parse_cpu, parse_wall = _timed(lambda: parser(largest))
    per_word = [r["cpu_per_10k_words"] for r in rows]
    return {
        "kind": kind,
        "rows": rows,
        "largest_over_smallest": per_word[-1] / per_word[0] if per_word[0] else 0.0,
        "parse_cpu_s": parse_cpu,
        "parse_wall_s": parse_wall,
        "extract_over_parse": rows[-1]["cpu_s"] / parse_cpu if parse_cpu else 0.0,
    }


def _child(kind: str, sizes: Sequence[int], pool: Sequence[str], queue: mp.Queue) -> None:
    queue.put(measure_kind(kind, sizes, pool))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m backchannel.bench_length", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/wikipedia-current-events-2025-2026.jsonl"))
    ap.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="sizes in characters, comma-separated")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"text shapes, comma-separated, of {', '.join(KINDS)}")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    kinds = [k for k in args.kinds.split(",") if k]
    pool = _pool(args.corpus)
    ctx = mp.get_context("spawn")
    results = []
    print(f"length sweep: {', '.join(f'{s // 1000} KB' for s in sizes)}; CPU seconds per 10k words (wall in brackets)")
    for kind in kinds:
        queue: mp.Queue = ctx.Queue()
        proc = ctx.Process(target=_child, args=(kind, sizes, pool, queue))
        proc.start()
        res = queue.get()
        proc.join()
        results.append(res)
        cells = "  ".join(
            f"{r['size'] // 1000:>5} KB {r['cpu_per_10k_words']:6.2f} s ({r['wall_s'] / r['words'] * 10_000:5.2f})"
            for r in res["rows"]
        )
        print(f"{kind:13} {cells}")
        print(
            f"{'':13} largest/smallest {res['largest_over_smallest']:.2f} (target <= 1.5); "
            f"{max(sizes) // 1000} KB extract {res['rows'][-1]['cpu_s']:.1f} s vs spaCy parse "
            f"{res['parse_cpu_s']:.1f} s: {res['extract_over_parse']:.2f}x (target <= 2)"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
