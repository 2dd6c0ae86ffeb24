"""Our labelled White House fusion pairs are well formed, and the pairwise scoring counts right."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from backchannel.eval.fusion import GoldPair, evaluate_fusion, format_report, read_pairs, read_records, score_pairs

GOLD = Path(__file__).resolve().parents[2] / "eval" / "fusion-wh.jsonl"


def test_gold_pairs_name_real_records_with_both_labels(shared_dir: Path) -> None:
    pairs = read_pairs(GOLD)
    assert len(pairs) >= 60
    assert sum(p.same for p in pairs) >= 20 and sum(not p.same for p in pairs) >= 20
    assert len({frozenset((p.a, p.b)) for p in pairs}) == len(pairs) and all(p.a != p.b for p in pairs)
    ids = {x for p in pairs for x in (p.a, p.b)}
    records = read_records(shared_dir / "corpus" / "whitehouse-2023-2024.jsonl", ids)
    assert {r.doc_id for r in records} == ids
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) <= {"a", "b", "label", "kind", "title_a", "title_b"}  # no texts copied


def test_pairwise_scores_and_the_recall_without_announcements() -> None:
    pairs = [
        GoldPair("a", "b", True, "joint-statement+readout"),
        GoldPair("c", "d", True, "announcement+readout"),
        GoldPair("e", "f", False, "consecutive"),
        GoldPair("g", "h", False, "consecutive"),
    ]
    report = score_pairs(pairs, [True, False, True, False])
    assert (report.tp, report.fn, report.fp, report.tn) == (1, 1, 1, 1)
    assert report.precision == 0.5 and report.recall == 0.5 and report.recall_reported == 1.0
    assert [e["a"] for e in report.errors] == ["c", "e"]


# Pinned on eval/fusion-wh.jsonl (P 1.000, R 0.710 with announcements linked); a floor moves down only in its
# own commit that says why.
FLOORS = {"precision": 0.99, "recall": 0.70}


def test_fusion_holds_its_floors_on_the_labelled_pairs(shared_dir: Path, nlp: Language) -> None:
    from backchannel.pipeline import Pipeline

    pairs = read_pairs(GOLD)
    records = read_records(shared_dir / "corpus" / "whitehouse-2023-2024.jsonl", {x for p in pairs for x in (p.a, p.b)})
    report = evaluate_fusion(pairs, records, Pipeline(nlp=nlp))
    assert report.precision >= FLOORS["precision"] and report.recall >= FLOORS["recall"], format_report(report)
    announced = report.by_kind["same: announcement+readout"]
    assert announced["correct"] >= 15, "announcements are linked to the meetings they announced"
    for kind, stats in report.by_kind.items():
        if kind.startswith("different: announcement"):
            assert stats["predicted_same"] == 0, kind  # another principal met the guest: not the announced meeting
