"""Event coding accuracy against sentence-level gold: PLOVER GSR and the PETRARCH2 GSR.

Scoring (the same every time):
- Each gold sentence is coded as its own document.  The predicted types of a
  sentence are the types of its *asserted*, non-historical events.  Per class, a gold type found
  among them is a true positive, a gold type missing a false negative, and every
  extra predicted type a false positive.  Micro and macro P/R/F1 follow.
- ``accuracy``: share of gold sentences whose most confident asserted event has
  the gold type (no event counts as wrong).
- Actor / recipient country and actor sector (PLOVER GSR): over gold sentences,
  the share of gold actors (with a code) whose country is among the actors of our
  best event of the gold type; also reported conditional on the type being right.
- PETR2 triples: (PLOVER root, source country, target country) for each gold
  coding against our asserted events' (type, actor country, recipient country)
  pairs; reciprocal events count in both directions.  ``noevents`` sentences
  with any asserted event are false alarms.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from backchannel.events.ontology import EVENT_TYPES, RECIPROCAL_TYPES
from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline
from backchannel.records import DocumentResult, Event

__all__ = [
    "EventEvalReport",
    "GoldSentence",
    "asserted_events",
    "code_gold",
    "evaluate_events",
    "format_report",
    "read_petr2_gsr",
    "read_plover_gsr",
    "score_events",
]


@dataclass(frozen=True)
class GoldActor:
    text: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    date: str | None
    types: tuple[str, ...]
    actors: tuple[GoldActor, ...] = ()
    recipients: tuple[GoldActor, ...] = ()
    triples: tuple[tuple[str, str | None, str | None], ...] = ()
    noevents: bool = False


@dataclass
class ClassScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventEvalReport:
    gold: str
    sentences: int
    accuracy: float
    micro: dict[str, float]
    macro_f1: float
    per_class: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    actor_country: float | None = None
    recipient_country: float | None = None
    actor_sector: float | None = None
    actor_country_given_type: float | None = None
    recipient_country_given_type: float | None = None
    triple_f1: float | None = None
    triple_precision: float | None = None
    triple_recall: float | None = None
    noevent_false_rate: float | None = None
    misses: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


# Legacy CAMEO country codes found in the gold files, mapped to the ISO 3166 codes we emit.
_LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _country(code: str | None) -> str | None:
    if not code or code.startswith(("*", "-")):
        return None
    head = code[:3].upper()
    return _LEGACY_CODES.get(head, head)


def _sector(code: str | None) -> str | None:
    if not code or code.startswith("*"):
        return None
    return code[:3].upper()


def read_plover_gsr(path: Path) -> list[GoldSentence]:
    """PLOVER gold-standard records (``event_plover_v1``; actors with ``code``/``sector``)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        etype = rec.get("event_plover_v1")
        if etype not in EVENT_TYPES:
            continue
        out.append(
            GoldSentence(
                id=str(rec["id"]),
                text=rec["text"],
                date=rec.get("date_placeholder"),
                types=(etype,),
                actors=tuple(GoldActor(a.get("text"), _country(a.get("code")), a.get("sector")) for a in rec["actor"]),
                recipients=tuple(
                    GoldActor(a.get("text"), _country(a.get("code")), a.get("sector")) for a in rec["recipient"]
                ),
            )
        )
    return out


def read_petr2_gsr(path: Path) -> list[GoldSentence]:
    """PETRARCH2 validation sentences with CAMEO codings mapped to PLOVER roots, or ``noevents``."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        raw = str(rec.get("date") or "")
        date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 and raw.isdigit() else None
        codings = [c for c in rec.get("codings", []) if c.get("plover_root") in EVENT_TYPES]
        triples = tuple((c["plover_root"], _country(c.get("source")), _country(c.get("target"))) for c in codings)
        out.append(
            GoldSentence(
                id=str(rec["id"]),
                text=rec["text"],
                date=date,
                types=tuple(sorted({t[0] for t in triples})),
                triples=triples,
                noevents=bool(rec.get("noevents")),
            )
        )
    return out


def asserted_events(doc: DocumentResult) -> list[Event]:
    # Historical events (back story: "a Hamas member jailed over a year ago") are what the sentence
    # recalls, not what it reports; the gold sets code the reported event.
    return [e for e in doc.events if e.status == "asserted" and not e.historical]


def _countries(refs: Iterable[object]) -> set[str]:
    return {c for c in (getattr(r, "country", None) for r in refs) if c}


def _sectors(refs: Iterable[object]) -> set[str]:
    return {s[:3] for s in (getattr(r, "sector", None) for r in refs) if s}


def _pred_triples(events: Sequence[Event]) -> set[tuple[str, str | None, str | None]]:
    out: set[tuple[str, str | None, str | None]] = set()
    for e in events:
        actors = _countries(e.actor) or {None}  # type: ignore[arg-type]
        recips = _countries(e.recipient)
        if not recips and e.event_type in RECIPROCAL_TYPES and len(actors) >= 2:
            for a in actors:
                for b in actors:
                    if a != b:
                        out.add((e.event_type, a, b))
            continue
        for a in actors:
            for r in recips or {None}:  # type: ignore[arg-type]
                out.add((e.event_type, a, r))
    return out


def code_gold(gold: Sequence[GoldSentence], pipeline: Pipeline) -> dict[str, DocumentResult]:
    """Each gold sentence coded as its own document (batched through the pipeline), by id."""
    articles = [read_text(g.text, doc_id=g.id, date=g.date) for g in gold]
    return {res.doc_id: res for res in pipeline.run(articles) if isinstance(res, DocumentResult)}


def evaluate_events(gold: Sequence[GoldSentence], pipeline: Pipeline, name: str = "gold") -> EventEvalReport:
    return score_events(gold, code_gold(gold, pipeline), name)


def score_events(gold: Sequence[GoldSentence], results: dict[str, DocumentResult], name: str) -> EventEvalReport:
    """Score coded sentences (``code_gold``) against their gold; a subset of ``gold`` scores that subset."""
    scores: dict[str, ClassScore] = defaultdict(ClassScore)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    correct_top = 0
    typed = 0
    a_hit = a_tot = r_hit = r_tot = s_hit = s_tot = 0
    a_hit_t = a_tot_t = r_hit_t = r_tot_t = 0
    t_tp = t_fp = t_fn = 0
    noevent_total = noevent_false = 0
    misses: list[dict[str, object]] = []
    for g in gold:
        doc = results.get(g.id)
        events = asserted_events(doc) if doc is not None else []
        predicted = {e.event_type for e in events}
        if g.noevents:
            noevent_total += 1
            if events:
                noevent_false += 1
                misses.append({"id": g.id, "text": g.text, "gold": "noevents", "predicted": sorted(predicted)})
            for t in predicted:
                scores[t].fp += 1
            continue
        if not g.types:
            continue
        typed += 1
        for gold_type in g.types:
            if gold_type in predicted:
                scores[gold_type].tp += 1
            else:
                scores[gold_type].fn += 1
        for t in predicted - set(g.types):
            scores[t].fp += 1
        top = max(events, key=lambda e: e.confidence).event_type if events else "NONE"
        confusion[g.types[0]][top] += 1
        if top in g.types:
            correct_top += 1
        if not set(g.types) <= predicted or (predicted - set(g.types)):
            misses.append(
                {
                    "id": g.id,
                    "text": g.text,
                    "gold": list(g.types),
                    "predicted": [
                        (e.event_type, [a.text for a in e.actor], [r.text for r in e.recipient], e.trigger.text)
                        for e in events
                    ],
                }
            )
        # actors of our best event of the gold type
        match = [e for e in events if e.event_type in g.types]
        best = max(match, key=lambda e: e.confidence) if match else None
        ours_a = _countries(best.actor) if best else set()
        ours_r = _countries(best.recipient) if best else set()
        ours_all = ours_a | ours_r
        sectors = _sectors(best.actor) | _sectors(best.recipient) if best else set()
        for ga in g.actors:
            if ga.country:
                a_tot += 1
                # reciprocal gold events list every participant as actor
                hit = ga.country in (ours_all if not g.recipients else ours_a)
                a_hit += hit
                if best is not None:
                    a_tot_t += 1
                    a_hit_t += hit
            if ga.sector and not ga.sector.startswith("*"):
                s_tot += 1
                s_hit += ga.sector[:3].upper() in sectors
        for gr in g.recipients:
            if gr.country:
                r_tot += 1
                hit = gr.country in ours_r
                r_hit += hit
                if best is not None:
                    r_tot_t += 1
                    r_hit_t += hit
        if g.triples:
            gold_triples = set(g.triples)
            pred = _pred_triples(events)
            tp = len(gold_triples & pred)
            t_tp += tp
            t_fn += len(gold_triples) - tp
            t_fp += len(pred - gold_triples)
    per_class = {
        t: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "support": s.tp + s.fn}
        for t, s in sorted(scores.items())
    }
    classes = [t for t in per_class if per_class[t]["support"]]
    macro = sum(per_class[t]["f1"] for t in classes) / len(classes) if classes else 0.0
    total = ClassScore(
        tp=sum(s.tp for s in scores.values()),
        fp=sum(s.fp for s in scores.values()),
        fn=sum(s.fn for s in scores.values()),
    )
    report = EventEvalReport(
        gold=name,
        sentences=len(gold),
        accuracy=correct_top / typed if typed else 0.0,
        micro={"precision": total.precision, "recall": total.recall, "f1": total.f1},
        macro_f1=macro,
        per_class=per_class,
        confusion={k: dict(v) for k, v in sorted(confusion.items())},
        misses=misses,
    )
    if a_tot:
        report.actor_country = a_hit / a_tot
        report.actor_country_given_type = a_hit_t / a_tot_t if a_tot_t else 0.0
    if r_tot:
        report.recipient_country = r_hit / r_tot
        report.recipient_country_given_type = r_hit_t / r_tot_t if r_tot_t else 0.0
    if s_tot:
        report.actor_sector = s_hit / s_tot
    if t_tp + t_fn:
        p = t_tp / (t_tp + t_fp) if t_tp + t_fp else 0.0
        r = t_tp / (t_tp + t_fn)
        report.triple_precision, report.triple_recall = p, r
        report.triple_f1 = 2 * p * r / (p + r) if p + r else 0.0
    if noevent_total:
        report.noevent_false_rate = noevent_false / noevent_total
    return report


def format_report(report: EventEvalReport, max_misses: int = 0) -> str:
    lines = [f"events on {report.gold}: {report.sentences} sentences"]
    lines.append(f"{'class':10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for t, s in report.per_class.items():
        lines.append(f"{t:10} {s['precision']:6.2f} {s['recall']:6.2f} {s['f1']:6.2f} {int(s['support']):4d}")
    m = report.micro
    lines.append(f"{'micro':10} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f}")
    lines.append(f"macro-F1 {report.macro_f1:.3f}   accuracy (top event) {report.accuracy:.3f}")
    for label, value in (
        ("actor country", report.actor_country),
        ("recipient country", report.recipient_country),
        ("actor sector", report.actor_sector),
        ("actor country | type right", report.actor_country_given_type),
        ("recipient country | type right", report.recipient_country_given_type),
        ("triple F1 (type+source+target)", report.triple_f1),
        ("no-event sentences with a false event", report.noevent_false_rate),
    ):
        if value is not None:
            lines.append(f"{label}: {value:.3f}")
    if report.confusion:
        cols = sorted({c for row in report.confusion.values() for c in row})
        lines.append("confusion (gold rows x top predicted columns):")
        lines.append(" " * 10 + " ".join(f"{c[:6]:>6}" for c in cols))
        for g, row in report.confusion.items():
            lines.append(f"{g:10}" + " ".join(f"{row.get(c, 0):6d}" for c in cols))
    for miss in report.misses[:max_misses]:
        lines.append(f"MISS {miss['id']}: gold={miss['gold']} predicted={miss['predicted']}\n    {miss['text']}")
    return "\n".join(lines)
