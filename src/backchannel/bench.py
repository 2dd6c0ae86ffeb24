"""``python -m backchannel.bench``: extract throughput against spaCy parsing alone, in one command.

Each phase runs in its own child process (so peak memory is per phase) on the same
texts: first spaCy parsing only (the baseline), then the full ``extract`` pipeline.
The ratio extract/parse is the number that matters; absolute rates depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import time
from pathlib import Path

__all__ = ["main", "measure"]


def _load_texts(corpus: Path, limit: int) -> list[dict[str, str]]:
    records = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            records.append({"id": str(rec.get("id")), "text": rec.get("text") or "", "date": rec.get("date") or ""})
            if len(records) >= limit:
                break
    return records


def _phase(kind: str, records: list[dict[str, str]], queue: mp.Queue) -> None:
    from backchannel.nlp import load_model

    words = sum(len(r["text"].split()) for r in records)
    if kind == "parse":
        nlp = load_model()
        nlp("warm up")
        start = time.perf_counter()
        for _ in nlp.pipe((r["text"] for r in records), batch_size=16):
            pass
        elapsed = time.perf_counter() - start
        events = 0
    else:
        from backchannel.ingest import read_text
        from backchannel.pipeline import Pipeline

        pipe = Pipeline()
        pipe.extract_article(read_text("warm up", date="2024-01-01"))
        articles = [read_text(r["text"], doc_id=r["id"], date=(r["date"] or None)) for r in records]
        start = time.perf_counter()
        events = 0
        for result in pipe.run(articles):
            events += len(getattr(result, "events", ()))
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {"phase": kind, "docs": len(records), "words": words, "seconds": elapsed, "peak_mb": peak_mb, "events": events}
    )


def measure(corpus: Path, limit: int) -> dict[str, object]:
    records = _load_texts(corpus, limit)
    ctx = mp.get_context("spawn")
    out: dict[str, object] = {"corpus": str(corpus), "documents": len(records)}
    for kind in ("parse", "extract"):
        queue: mp.Queue = ctx.Queue()
        proc = ctx.Process(target=_phase, args=(kind, records, queue))
        proc.start()
        result = queue.get()
        proc.join()
        result["words_per_s"] = result["words"] / result["seconds"] if result["seconds"] else 0.0
        out[kind] = result
    parse, extract = out["parse"], out["extract"]
    assert isinstance(parse, dict) and isinstance(extract, dict)
    out["extract_over_parse"] = extract["words_per_s"] / parse["words_per_s"] if parse["words_per_s"] else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m backchannel.bench", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/whitehouse-2023-2024.jsonl"))
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = ap.parse_args(argv)
    res = measure(args.corpus, args.limit)
    parse, extract = res["parse"], res["extract"]
    assert isinstance(parse, dict) and isinstance(extract, dict)
    print(f"corpus: {res['corpus']} ({res['documents']} documents, {parse['words']} words)")
    print(f"{'phase':10} {'words/s':>10} {'docs/s':>8} {'seconds':>8} {'peak MB':>8} {'events':>7}")
    for row in (parse, extract):
        print(
            f"{row['phase']:10} {row['words_per_s']:10.0f} {row['docs'] / row['seconds']:8.1f} "
            f"{row['seconds']:8.1f} {row['peak_mb']:8.0f} {row['events']:7d}"
        )
    ratio = float(res["extract_over_parse"])  # type: ignore[arg-type]
    print(
        f"extract / parse-only throughput: {ratio:.2f}x (target >= 0.70); "
        f"extract peak memory {extract['peak_mb']:.0f} MB (target < 1500)"
    )
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
