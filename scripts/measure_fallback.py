"""Measure the learned fallback (``backchannel.events.fallback``) at several thresholds, per half.

    PYTHONPATH=src .venv/bin/python scripts/measure_fallback.py --shared ../shared [--out /tmp/fallback.json]

Every set is coded once with the fallback at threshold 0 (each fallback event's trace keeps its
probability); a threshold is then a filter on those events, so each row costs no extra coding.  The
rules-only row drops every fallback event (the fallback only adds events to sentences the rules left
without one, so that row is the coder as shipped).  Per tune and check half (``eval.split``):

- PLOVER GSR dev: type macro-F1, top-event accuracy; PETR2 GSR: macro-F1, triple F1, no-event false rate;
- ConfliBERT penta: quad class hit for classes 1-4, statement (class 0) event rate;
- the Wikipedia current-events corpus (not gold, a category per item): any event and material-conflict
  event in "Armed conflicts and attacks", ASSAULT in "Disasters and accidents", any event in Sports,
  Arts and culture, Science and technology.

Choose a threshold on the tune half; the check half says whether it pays (issue 14).

``--cost-docs N`` measures instead what the fallback costs on the first N White House documents (the
``make bench`` corpus): parse-only seconds, extract seconds with the fallback, seconds inside the fallback,
and the sentences it reads; it also estimates the cost of a MiniLM-int8 encoder (FINDINGS: ~60
sentences/s per core) reading the same sentences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from backchannel.eval.events import GoldSentence, code_gold, read_petr2_gsr, read_plover_gsr, score_events
from backchannel.eval.penta import PentaSentence, code_penta, read_penta, score_penta
from backchannel.eval.split import half_of, split_halves
from backchannel.events.classifier import EventTypeClassifier
from backchannel.events.fallback import FALLBACK_RULE, LearnedFallback
from backchannel.events.ontology import QUAD_CLASS
from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline, Settings
from backchannel.records import DocumentResult, Event

# (p, w): the classifier's probability, and the trigger word's own weight for the type against NONE
THRESHOLDS = ((0.5, 0.0), (0.7, 0.0), (0.9, 0.0), (0.5, 1.0), (0.7, 1.0), (0.5, 2.0), (0.7, 2.0), (0.9, 2.0))
_P = re.compile(r"p=([0-9.]+)")
_W = re.compile(r"w=(-?[0-9.]+)")
WCEP = "corpus/wikipedia-current-events-2025-2026.jsonl"
QUIET_CATEGORIES = ("sports", "arts and culture", "science and technology")


def fallback_p(event: Event) -> float | None:
    """The classifier probability of a fallback event (None for a rule event)."""
    rule = event.trace.trigger_rule if event.trace is not None else ""
    if not rule.startswith(FALLBACK_RULE):
        return None
    m = _P.search(rule)
    return float(m.group(1)) if m else 0.0


def fallback_w(event: Event) -> float:
    """The trigger word's weight of a fallback event."""
    m = _W.search(event.trace.trigger_rule if event.trace is not None else "")
    return float(m.group(1)) if m else 0.0


def at_threshold(results: dict[str, DocumentResult], threshold: tuple[float, float]) -> dict[str, DocumentResult]:
    """Results with the fallback events below ``threshold`` (p, w) dropped."""
    out = {}
    for key, res in results.items():
        kept = []
        for e in res.events:
            p = fallback_p(e)
            if p is None or (p >= threshold[0] and fallback_w(e) >= threshold[1]):
                kept.append(e)
        out[key] = res.model_copy(update={"events": tuple(kept)}) if len(kept) != len(res.events) else res
    return out


def _asserted(res: DocumentResult | None) -> list[Event]:
    return [e for e in res.events if e.status == "asserted" and not e.historical] if res is not None else []


def wcep_scores(items: list[dict[str, str]], results: dict[str, DocumentResult]) -> dict[str, float]:
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for rec in items:
        events = _asserted(results.get(rec["id"]))
        cat = rec["category"].lower().rstrip("s")
        c = counts[(cat, half_of(rec["id"]))]
        c["n"] += 1
        c["any"] += bool(events)
        c["mc"] += any(QUAD_CLASS[e.event_type] == 4 for e in events)
        c["assault"] += any(e.event_type == "ASSAULT" for e in events)
    out: dict[str, float] = {}
    for half in ("tune", "check"):
        conflict = counts[("armed conflicts and attack", half)]
        out[f"wcep.{half}.conflict_any"] = conflict["any"] / conflict["n"]
        out[f"wcep.{half}.conflict_matconf"] = conflict["mc"] / conflict["n"]
        disaster = counts[("disasters and accident", half)]
        out[f"wcep.{half}.disaster_assault"] = disaster["assault"] / disaster["n"]
        out[f"wcep.{half}.disaster_any"] = disaster["any"] / disaster["n"]
        quiet = [counts[(c.rstrip("s"), half)] for c in QUIET_CATEGORIES]
        out[f"wcep.{half}.quiet_any"] = sum(q["any"] for q in quiet) / sum(q["n"] for q in quiet)
    return out


@dataclass(frozen=True)
class Sets:
    """The items of every measured set."""

    plover: list[GoldSentence]
    petr2: list[GoldSentence]
    penta: list[PentaSentence]
    wcep: list[dict[str, str]]


def score_all(sets: Sets, results: dict[str, dict[str, DocumentResult]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for name, gold in (("plover", sets.plover), ("petr2", sets.petr2)):
        for half, items in zip(("tune", "check"), split_halves(gold, lambda g: g.id), strict=True):
            rep = score_events(items, results[name], name)
            scores[f"{name}.{half}.macro_f1"] = rep.macro_f1
            if name == "plover":
                scores[f"{name}.{half}.accuracy"] = rep.accuracy
            else:
                scores[f"{name}.{half}.triple_f1"] = rep.triple_f1 or 0.0
                scores[f"{name}.{half}.noevent_false"] = rep.noevent_false_rate or 0.0
    for half, subset in zip(("tune", "check"), split_halves(sets.penta, lambda s: s.id), strict=True):
        penta = score_penta(subset, results["conflibert"])
        for quad in (1, 2, 3, 4):
            scores[f"conflibert.{half}.quad{quad}"] = penta.quad_hit.get(quad, 0.0)
        scores[f"conflibert.{half}.statement"] = penta.statement_event_rate
    scores.update(wcep_scores(sets.wcep, results["wcep"]))
    return scores


def fallback_types(results: dict[str, DocumentResult]) -> Counter[str]:
    return Counter(e.event_type for res in results.values() for e in _asserted(res) if fallback_p(e) is not None)


MINILM_SENTENCES_PER_SECOND = 60.0  # FINDINGS "Offline sentence encoders", one core


def measure_cost(pipeline: Pipeline, corpus: Path, docs: int) -> dict[str, float]:
    """Seconds of parsing alone, of extract with the fallback, and inside the fallback, on ``docs`` documents."""
    lines = corpus.read_text(encoding="utf-8").splitlines()[:docs]
    records = [json.loads(line) for line in lines if line.strip()]
    fallback = pipeline.coder.fallback
    if fallback is None:
        raise SystemExit("the fallback is off")
    spent = {"seconds": 0.0, "sentences": 0.0}
    propose = fallback.candidate

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return propose(*args, **kwargs)
        finally:
            spent["seconds"] += time.perf_counter() - started
            spent["sentences"] += 1

    classify = fallback.top_event_type

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        spent["classified"] += 1
        return classify(*args, **kwargs)

    spent["classified"] = 0.0
    object.__setattr__(fallback, "candidate", timed)  # the dataclass is frozen; this is a measurement
    object.__setattr__(fallback, "top_event_type", counted)
    nlp = pipeline.parser.nlp
    started = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe((r["text"] for r in records), batch_size=16))
    parse = time.perf_counter() - started
    started = time.perf_counter()
    for _ in pipeline.run(read_text(r["text"], doc_id=r["id"], date=r.get("date")) for r in records):
        pass
    extract = time.perf_counter() - started
    minilm = spent["classified"] / MINILM_SENTENCES_PER_SECOND  # an encoder reads what the classifier reads
    rules = extract - spent["seconds"]
    # bench ratios (extract / parse-only throughput) scale with the extract time: a ratio r without the
    # fallback becomes r * rules / (rules + added); the parse-only pass here is as loaded as the bench's
    return {
        "docs": len(records),
        "sentences": sentences,
        "fallback_calls": spent["sentences"],  # sentences without a rule event
        "classified": spent["classified"],  # ... and without a lexicon trigger: what the classifier reads
        "parse_seconds": round(parse, 2),
        "extract_seconds": round(extract, 2),
        "fallback_seconds": round(spent["seconds"], 2),
        "fallback_share_of_extract": round(spent["seconds"] / extract, 4),
        "minilm_seconds_estimate": round(minilm, 2),
        "extract_slowdown_hashed_fallback": round(extract / rules, 4),
        "extract_slowdown_minilm_estimate": round((rules + minilm) / rules, 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (eval/, corpus/)")
    ap.add_argument("--out", type=Path, help="write every score of every row as JSON here")
    ap.add_argument("--artifact", type=Path, help="a classifier artifact to try instead of the packaged one")
    ap.add_argument("--cost-docs", type=int, help="measure the fallback's cost on this many White House documents")
    args = ap.parse_args(argv)
    pipeline = Pipeline(Settings(fallback_threshold=0.0))
    if args.artifact is not None:
        # a candidate artifact (e.g. a retrained one): its own sha256, since it is not the pinned file
        classifier = EventTypeClassifier.from_path(
            args.artifact, hashlib.sha256(args.artifact.read_bytes()).hexdigest()
        )
        pipeline.coder.type_scorer = classifier.predict_proba
        pipeline.coder.fallback = LearnedFallback(classifier, 0.0, pipeline.coder.words)
    if args.cost_docs:
        cost = measure_cost(pipeline, args.shared / "corpus" / "whitehouse-2023-2024.jsonl", args.cost_docs)
        print(json.dumps(cost, indent=1))
        return 0
    plover = read_plover_gsr(args.shared / "eval" / "plover-gsr-dev.jsonl")
    petr2 = read_petr2_gsr(args.shared / "eval" / "petr2-gsr.jsonl")
    penta = read_penta(args.shared / "eval" / "conflibert-penta-train.jsonl")
    lines = (args.shared / WCEP).read_text(encoding="utf-8").splitlines()
    wcep = [json.loads(line) for line in lines if line.strip()]
    sets = Sets(plover, petr2, penta, wcep)
    raw = {
        "plover": code_gold(plover, pipeline),
        "petr2": code_gold(petr2, pipeline),
        "conflibert": code_penta(penta, pipeline),
        "wcep": {
            r.doc_id: r
            for r in pipeline.run(read_text(w["text"], doc_id=w["id"], date=w["date"]) for w in wcep)
            if isinstance(r, DocumentResult)
        },
    }
    rows: dict[str, dict[str, float]] = {}
    for label, threshold in [("rules", (2.0, 0.0)), *((f"{p}/{w}", (p, w)) for p, w in THRESHOLDS)]:
        rows[label] = score_all(sets, {k: at_threshold(v, threshold) for k, v in raw.items()})
    keys = list(rows["rules"])
    print("metric".ljust(34) + "".join(label.rjust(9) for label in rows))
    for k in keys:
        print(k.ljust(34) + "".join(f"{rows[label][k]:9.3f}" for label in rows))
    for name, res in raw.items():
        types = fallback_types(at_threshold(res, (0.5, 0.0)))
        print(f"fallback events at p>=0.5 in {name}: {dict(types.most_common())}", file=sys.stderr)
    if args.out is not None:
        args.out.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
