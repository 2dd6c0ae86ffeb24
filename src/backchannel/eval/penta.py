"""Event detection on real news sentences labelled with ConfliBERT's five CAMEO classes.

The set (``conflibert-penta-train.jsonl``: ``id``, ``text``, ``penta``) labels each sentence
0 statement (no event), 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict: CAMEO's quad classes plus "statement".  CAMEO's quad classes are PLOVER's but
for one type: CONCEDE comes from CAMEO 08 "yield" alone (``CAMEO2PLOVER-2021.txt``), which CAMEO
counts as material cooperation and PLOVER as verbal (manual section CONCEDE); the set's labels
follow CAMEO (lifted bans, eased curfews, declared ceasefires are class 2), so ``CAMEO_QUAD``
scores a CONCEDE event as class 2.  It was never used to write rules,
so it says how event detection carries to text of another origin.

Scoring (asserted, non-historical events, as in ``backchannel.eval.events``):
- ``quad_hit[c]`` for classes 1-4: share of the class's sentences with an event of quad class c.
- ``statement_event_rate``: share of class-0 sentences with any event (lower is better).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from backchannel.eval.events import asserted_events
from backchannel.events.ontology import QUAD_CLASS
from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline
from backchannel.records import DocumentResult

__all__ = ["CAMEO_QUAD", "PentaReport", "PentaSentence", "code_penta", "read_penta", "score_penta"]

# The CAMEO quad class of each PLOVER type: the quad class of the CAMEO families the type comes from
# (CAMEO2PLOVER-2021.txt).  Only CONCEDE (CAMEO 08 "yield", material cooperation) differs from PLOVER.
CAMEO_QUAD = {**QUAD_CLASS, "CONCEDE": 2}

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class PentaSentence:
    id: str
    text: str
    penta: int  # 0 statement, 1-4 PLOVER quad class


@dataclass
class PentaReport:
    sentences: int
    quad_hit: dict[int, float]
    support: dict[int, int]
    statement_event_rate: float
    statements: int
    misses: list[dict[str, object]] = field(default_factory=list)

    @property
    def mean_quad_hit(self) -> float:
        return sum(self.quad_hit.values()) / len(self.quad_hit) if self.quad_hit else 0.0


def read_penta(path: Path) -> list[PentaSentence]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append(PentaSentence(id=str(rec["id"]), text=rec["text"], penta=int(rec["penta"])))
    return out


def code_penta(items: list[PentaSentence], pipeline: Pipeline) -> dict[str, DocumentResult]:
    """Each sentence coded as its own undated document, by id."""
    articles = [read_text(s.text, doc_id=s.id) for s in items]
    return {res.doc_id: res for res in pipeline.run(articles) if isinstance(res, DocumentResult)}


def score_penta(items: list[PentaSentence], results: dict[str, DocumentResult]) -> PentaReport:
    hits = dict.fromkeys(QUAD_LABELS, 0)
    support = dict.fromkeys(QUAD_LABELS, 0)
    statements = statement_events = 0
    misses: list[dict[str, object]] = []
    for item in items:
        doc = results.get(item.id)
        events = asserted_events(doc) if doc is not None else []
        quads = {CAMEO_QUAD[e.event_type] for e in events}
        if item.penta == 0:
            statements += 1
            statement_events += bool(events)
            if events:
                misses.append({"id": item.id, "gold": 0, "predicted": sorted({e.event_type for e in events})})
            continue
        if item.penta not in support:
            continue
        support[item.penta] += 1
        if item.penta in quads:
            hits[item.penta] += 1
        else:
            misses.append({"id": item.id, "gold": item.penta, "predicted": sorted({e.event_type for e in events})})
    return PentaReport(
        sentences=len(items),
        quad_hit={c: hits[c] / support[c] for c in QUAD_LABELS if support[c]},
        support=support,
        statement_event_rate=statement_events / statements if statements else 0.0,
        statements=statements,
        misses=misses,
    )
