"""Pairwise precision and recall of event fusion on our labelled White House pairs (``eval/fusion-wh.jsonl``).

Every record named in the gold file is read from the corpus, coded by the real
pipeline, stored in an in-memory database and fused (``backchannel.fusion.refuse``).
A pair of records is predicted to report the same call or meeting when the two
documents are near-duplicates (or identical) copies, or when one asserted CONSULT
fused event holds a *reported meeting* of each: an asserted CONSULT mention dated
within ``REPORT_WINDOW_DAYS`` up to the document date (or only by the document).
A readout that recalls an earlier call ("their conversation on April 4") thus
fuses that mention with the earlier call - rightly - without making the two
readouts reports of the same call.  An announcement (a record whose first meeting
mention is still to come: "will host ... on Thursday") stands for the meetings its
future fused events are linked to (``anticipates``); a readout's "agreed to speak
again" links too, but does not make the readout a report of the next call.
Precision and recall are over the labelled pairs (``same`` is the positive class);
a breakdown by the pair's ``kind`` is reported too.

    python -m backchannel.eval.fusion [--gold eval/fusion-wh.jsonl]
        [--corpus ../shared/corpus/whitehouse-2023-2024.jsonl] [--report FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from backchannel.records import Article
from backchannel.store import Coder, Store, document_hash, ingest

__all__ = [
    "FusionEvalReport",
    "GoldPair",
    "evaluate_fusion",
    "format_report",
    "main",
    "predicted_same",
    "read_pairs",
    "read_records",
    "score_pairs",
]

MEETING_TYPE = "CONSULT"
REPORT_WINDOW_DAYS = 3


@dataclass(frozen=True)
class GoldPair:
    a: str
    b: str
    same: bool
    kind: str


@dataclass
class FusionEvalReport:
    pairs: int
    positives: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float
    recall_reported: float = 0.0  # recall without announcement pairs (reports of a meeting only)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def read_pairs(path: str | Path) -> list[GoldPair]:
    pairs: list[GoldPair] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["label"] not in ("same", "different"):
            raise ValueError(f"{path}:{n}: label must be 'same' or 'different', got {row['label']!r}")
        pairs.append(GoldPair(row["a"], row["b"], row["label"] == "same", row.get("kind", "")))
    return pairs


def read_records(corpus: str | Path, ids: set[str]) -> list[Article]:
    """The corpus records named in the gold pairs, in corpus order."""
    found: list[Article] = []
    with Path(corpus).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in ids:
                found.append(
                    Article(
                        doc_id=row["id"], text=row["text"], title=row.get("title"), date=row.get("date"),
                        source=row.get("source"), url=row.get("url"), origin=str(corpus),
                    )
                )  # fmt: skip
    missing = ids - {a.doc_id for a in found}
    if missing:
        raise ValueError(f"{corpus}: {len(missing)} gold records not found, e.g. {sorted(missing)[0]!r}")
    return found


def predicted_same(store: Store, pairs: Sequence[GoldPair], stored_as: dict[str, str] | None = None) -> list[bool]:
    """For each pair: near-duplicates, or one asserted meeting event fused from reported meetings of both.

    ``stored_as`` maps a record id to the stored document that has the same text (a skipped copy).
    """
    alias = stored_as or {}
    con = store.cursor()
    try:
        found = con.execute("SELECT doc_id, canonical_doc_id FROM document_duplicates").fetchall()
        canonical = {str(d): str(c) for d, c in found}
        shared: dict[str, set[str]] = defaultdict(set)
        rows = con.execute(
            "SELECT m.doc_id, m.fused_id FROM fused_event_mentions m JOIN fused_events f USING (fused_id) "
            "JOIN events e USING (event_id) JOIN documents d ON d.doc_id = m.doc_id "
            "WHERE f.event_type = ? AND f.status = 'asserted' AND (e.date_precision IN ('document', 'unknown') "
            "OR (e.date_precision = 'day' AND e.day BETWEEN d.date::DATE - ? AND d.date::DATE))",
            [MEETING_TYPE, REPORT_WINDOW_DAYS],
        ).fetchall()
        # An announcement ("the President will host ... on Wednesday": its first meeting mention is still to
        # come) stands for the meetings it announced; a readout's "agreed to speak again" does not make the
        # readout a report of the next call.
        rows += con.execute(
            "WITH lead AS (SELECT doc_id, arg_min(status, sentence_start) AS status FROM events "
            "WHERE event_type = ? AND status IN ('asserted', 'future') GROUP BY doc_id) "
            "SELECT m.doc_id, k.target_fused_id FROM fused_event_mentions m JOIN fused_events f USING (fused_id) "
            "JOIN fused_event_links k ON k.fused_id = m.fused_id JOIN lead l ON l.doc_id = m.doc_id "
            "WHERE f.event_type = ? AND f.status = 'future' AND k.relation = 'anticipates' AND l.status = 'future'",
            [MEETING_TYPE, MEETING_TYPE],
        ).fetchall()
    finally:
        con.close()
    for doc_id, fused_id in rows:
        shared[str(doc_id)].add(str(fused_id))
    out: list[bool] = []
    for p in pairs:
        a, b = alias.get(p.a, p.a), alias.get(p.b, p.b)
        ca, cb = canonical.get(a, a), canonical.get(b, b)
        out.append(ca == cb or bool(shared[ca] & shared[cb]))
    return out


def score_pairs(pairs: Sequence[GoldPair], predicted: Iterable[bool]) -> FusionEvalReport:
    guesses = list(predicted)
    tp = fp = fn = tn = 0
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"pairs": 0, "predicted_same": 0, "correct": 0})
    errors: list[dict[str, str]] = []
    for pair, guess in zip(pairs, guesses, strict=True):
        tp += pair.same and guess
        fn += pair.same and not guess
        fp += (not pair.same) and guess
        tn += not pair.same and not guess
        stats = by_kind[f"{'same' if pair.same else 'different'}: {pair.kind}"]
        stats["pairs"] += 1
        stats["predicted_same"] += guess
        stats["correct"] += guess == pair.same
        if guess != pair.same:
            errors.append({"a": pair.a, "b": pair.b, "gold": "same" if pair.same else "different", "kind": pair.kind})
    reported = [(p, g) for p, g in zip(pairs, guesses, strict=True) if p.same and not p.kind.startswith("announcement")]
    recall_reported = sum(g for _, g in reported) / len(reported) if reported else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return FusionEvalReport(
        pairs=len(pairs), positives=tp + fn, tp=tp, fp=fp, fn=fn, tn=tn,
        precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4),
        recall_reported=round(recall_reported, 4), by_kind=dict(sorted(by_kind.items())), errors=errors,
    )  # fmt: skip


def evaluate_fusion(pairs: Sequence[GoldPair], articles: Sequence[Article], coder: Coder) -> FusionEvalReport:
    """Code and store ``articles`` in a fresh in-memory database, fuse, and score the pairs."""
    from backchannel.fusion import refuse
    from backchannel.pipeline import PIPELINE_VERSION

    with Store.open(":memory:") as store:
        ingest(store, articles, coder, PIPELINE_VERSION, inputs=["<fusion eval>"])
        refuse(store)
        stored_as = {a.doc_id: store.doc_id_for_hash(document_hash(a.text)) or a.doc_id for a in articles}
        guesses = predicted_same(store, pairs, stored_as)
    return score_pairs(pairs, guesses)


def format_report(report: FusionEvalReport) -> str:
    lines = [
        f"fusion pairs (White House): {report.pairs} pairs, {report.positives} same-event",
        f"  precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}  "
        f"(tp {report.tp}, fp {report.fp}, fn {report.fn}, tn {report.tn})",
        f"  recall without announcement pairs (reports of a meeting only): {report.recall_reported:.3f}",
    ]
    for kind, stats in report.by_kind.items():
        lines.append(f"  {kind}: {stats['correct']}/{stats['pairs']} right ({stats['predicted_same']} predicted same)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backchannel.eval.fusion", description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=Path("eval/fusion-wh.jsonl"), help="labelled pairs")
    parser.add_argument(
        "--corpus", type=Path, default=Path("../shared/corpus/whitehouse-2023-2024.jsonl"), help="the records"
    )
    parser.add_argument("--report", type=Path, help="write the full report (with errors) as JSON here")
    args = parser.parse_args(argv)
    for path in (args.gold, args.corpus):
        if not path.is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 2
    from backchannel.pipeline import Pipeline

    pairs = read_pairs(args.gold)
    articles = read_records(args.corpus, {x for p in pairs for x in (p.a, p.b)})
    report = evaluate_fusion(pairs, articles, Pipeline())
    print(format_report(report))
    if args.report:
        args.report.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
