"""Snapshot the event coder's output on fixed inputs, so a refactoring can be checked for byte identity.

    PYTHONPATH=src python scripts/coder_snapshot.py OUTDIR [--shared ../shared]

Writes one JSON-lines file per input set (PLOVER dev sentences, PETR2 sentences, a fixed sample of
300 digest lines, the seed article dated 2024-03-01) with each document's events, sorted keys. Only
the input texts of the eval files are read, never their labels. Diff two runs with ``diff -r``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline
from backchannel.records import Article, DocumentResult

DIGEST_SAMPLE = 300
DIGEST_STRIDE = 16  # every 16th line of the digest corpus: a fixed spread over the whole file


def _jsonl_texts(path: Path, date_key: str | None) -> Iterator[Article]:
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        date = row.get(date_key) if date_key else None
        # PETR2 dates are YYYYMMDD (a few are six digits and are left out)
        date = f"{date[:4]}-{date[4:6]}-{date[6:]}" if date and len(date) == 8 and date.isdigit() else None
        yield read_text(row["text"], doc_id=str(row.get("id", lineno)), date=date)


def _digest(path: Path) -> Iterator[Article]:
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[::DIGEST_STRIDE][:DIGEST_SAMPLE]:
        row = json.loads(line)
        yield read_text(row["text"], doc_id=row["id"], date=row.get("date"), title=row.get("title"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared")
    args = parser.parse_args()
    shared: Path = args.shared
    sets: dict[str, list[Article]] = {
        "plover-dev": list(_jsonl_texts(shared / "eval" / "plover-gsr-dev.jsonl", None)),
        "petr2": list(_jsonl_texts(shared / "eval" / "petr2-gsr.jsonl", "date")),
        "digest": list(_digest(shared / "corpus" / "wikipedia-current-events-2025-2026.jsonl")),
        "seed": [
            read_text(
                (shared / "corpus" / "seed-article.txt").read_text(encoding="utf-8"), doc_id="seed", date="2024-03-01"
            )
        ],
    }
    pipeline = Pipeline()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, articles in sets.items():
        docs = events = 0
        with (args.outdir / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for result in pipeline.run(articles):
                if not isinstance(result, DocumentResult):
                    out.write(json.dumps({"error": str(result)}, sort_keys=True) + "\n")
                    continue
                contract = result.to_contract()
                row = {"doc_id": result.doc_id, "events": contract["events"]}
                out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
                docs += 1
                events += len(result.events)
        print(f"{name}: {docs} documents, {events} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
