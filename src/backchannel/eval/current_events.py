"""Event detection on real one-line news, scored by the line's Wikipedia category.

``wikipedia-current-events-2025-2026.jsonl`` (CC BY-SA 4.0) holds 4,974 dated one-line world events from
Wikipedia's Current Events portal, each filed under one category by its editors.  The category is no
event gold, but it says what kind of line it is, and the lines were never used to write rules, so it is
text of another origin than the dev gold sets:

- "Armed conflicts and attacks" lines are mostly what ACLED codes (battles, explosions, violence against
  civilians): the share given an asserted material-conflict event (PLOVER quad class 4) is a recall proxy.
  Some lines report statements or talks about a war, so 1.0 is not the ceiling.
- "Disasters and accidents" lines tell deaths with no hostile author: the share given an ASSAULT is a
  false-attack rate (lower is better).
- "Sports", "Arts and culture" and "Science and technology" lines rarely hold a PLOVER event: the share
  given any asserted event is a false-event rate on real news (lower is better).
- "Law and crime": the share given any asserted event (arrests, charges, sentences, raids).

Every line is coded as its own document dated by its portal day.  Scoring counts asserted,
non-historical events, as ``backchannel.eval.events`` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from backchannel.eval.events import asserted_events
from backchannel.events.ontology import QUAD_CLASS
from backchannel.ingest import read_text
from backchannel.pipeline import Pipeline
from backchannel.records import DocumentResult

__all__ = [
    "CONFLICT",
    "CRIME",
    "DISASTER",
    "QUIET",
    "CategoryReport",
    "CurrentEvent",
    "code_lines",
    "read_current_events",
    "score_lines",
]

CONFLICT = "armed conflicts and attacks"
DISASTER = "disasters and accidents"
CRIME = "law and crime"
QUIET = frozenset({"sports", "arts and culture", "science and technology"})

# The portal's editors misspell a few category names; these are the same categories.
_CATEGORY_SPELLINGS = {
    "law and crime": CRIME,
    "business and econony": "business and economy",
    "politics and election": "politics and elections",
}


@dataclass(frozen=True)
class CurrentEvent:
    id: str
    text: str
    date: str
    category: str  # lower case, spelling variants merged


@dataclass(frozen=True)
class CategoryReport:
    lines: int
    conflict_found: float  # conflict lines with a material-conflict event
    conflict_any: float  # conflict lines with any event
    crime_any: float  # law-and-crime lines with any event
    disaster_assault_rate: float  # disaster lines with an ASSAULT (lower is better)
    quiet_event_rate: float  # sports, arts and science lines with any event (lower is better)
    support: dict[str, int]


def _category(raw: str) -> str:
    name = raw.strip().lower()
    return _CATEGORY_SPELLINGS.get(name, name)


def read_current_events(path: Path) -> list[CurrentEvent]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append(
                CurrentEvent(id=str(rec["id"]), text=rec["text"], date=rec["date"], category=_category(rec["category"]))
            )
    return out


def code_lines(items: list[CurrentEvent], pipeline: Pipeline) -> dict[str, DocumentResult]:
    """Each line coded as its own document dated by its portal day, by id."""
    articles = [read_text(s.text, doc_id=s.id, date=s.date) for s in items]
    return {res.doc_id: res for res in pipeline.run(articles) if isinstance(res, DocumentResult)}


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def score_lines(items: list[CurrentEvent], results: dict[str, DocumentResult]) -> CategoryReport:
    types: dict[str, set[str]] = {}
    for item in items:
        doc = results.get(item.id)
        types[item.id] = {e.event_type for e in asserted_events(doc)} if doc is not None else set()
    by_cat: dict[str, list[CurrentEvent]] = {}
    for item in items:
        by_cat.setdefault(item.category, []).append(item)
    conflict = by_cat.get(CONFLICT, [])
    quiet = [item for cat in sorted(QUIET) for item in by_cat.get(cat, [])]
    return CategoryReport(
        lines=len(items),
        conflict_found=_share([any(QUAD_CLASS[t] == 4 for t in types[i.id]) for i in conflict]),
        conflict_any=_share([bool(types[i.id]) for i in conflict]),
        crime_any=_share([bool(types[i.id]) for i in by_cat.get(CRIME, [])]),
        disaster_assault_rate=_share(["ASSAULT" in types[i.id] for i in by_cat.get(DISASTER, [])]),
        quiet_event_rate=_share([bool(types[i.id]) for i in quiet]),
        support={cat: len(v) for cat, v in sorted(by_cat.items())},
    )
