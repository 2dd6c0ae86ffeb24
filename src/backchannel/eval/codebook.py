"""Breadth over the PLOVER ontology: our codebook sentences (``eval/plover-codebook-dev.jsonl``).

Every sentence illustrates one definition of the structured codebook (a type and a mode) or
none (``event_type`` null).  Each is coded as its own document; its *asserted*, non-historical
events count.  Per half (``backchannel.eval.split.half_of`` of the id) and for the whole set:

- type recall per type (the gold type is among the predicted types) and macro over the types;
- mode accuracy given the type: of the found events with a gold mode, the share where some
  predicted event of the gold type carries that mode;
- actor / recipient country given the type: of the found events with a gold country, the share
  where some predicted event of the gold type has it among its actors' (recipients') countries;
- extra types: predicted types other than the gold type on event sentences (a precision signal);
- no-event false rate: no-event sentences with any asserted event.

    python -m backchannel.eval.codebook [--gold eval/plover-codebook-dev.jsonl] [--report FILE]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from backchannel.eval.split import half_of
from backchannel.records import DocumentResult

if TYPE_CHECKING:
    from backchannel.pipeline import Pipeline

__all__ = [
    "CodebookCounts",
    "CodebookReport",
    "GoldCodebook",
    "Predicted",
    "code_sentences",
    "format_report",
    "main",
    "predicted_events",
    "read_gold",
    "score_codebook",
]


@dataclass(frozen=True)
class GoldCodebook:
    id: str
    text: str
    date: str | None
    event_type: str | None
    mode: str | None
    actor_country: str | None
    recipient_country: str | None


@dataclass(frozen=True)
class Predicted:
    """What the scorer reads of one asserted event."""

    event_type: str
    mode: str | None
    actor_countries: frozenset[str] = frozenset()
    recipient_countries: frozenset[str] = frozenset()


def _rate(hit: int, total: int) -> float:
    return round(hit / total, 4) if total else 0.0


@dataclass
class CodebookCounts:
    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    mode_hit: int = 0
    mode_total: int = 0
    actor_hit: int = 0
    actor_total: int = 0
    recipient_hit: int = 0
    recipient_total: int = 0
    extra_types: int = 0
    noevent_false: int = 0
    noevent_total: int = 0

    def as_dict(self) -> dict[str, object]:
        per_type = {t: _rate(self.found[t], n) for t, n in sorted(self.total.items())}
        return {
            "sentences": sum(self.total.values()) + self.noevent_total,
            "type_recall_macro": round(sum(per_type.values()) / len(per_type), 4) if per_type else 0.0,
            "type_recall_micro": _rate(sum(self.found.values()), sum(self.total.values())),
            "mode_accuracy": _rate(self.mode_hit, self.mode_total),
            "actor_country": _rate(self.actor_hit, self.actor_total),
            "recipient_country": _rate(self.recipient_hit, self.recipient_total),
            "extra_types": self.extra_types,
            "noevent_false_rate": _rate(self.noevent_false, self.noevent_total),
            "noevent_total": self.noevent_total,
            "type_recall": per_type,
        }


@dataclass
class CodebookReport:
    gold: str
    halves: dict[str, dict[str, object]]
    misses: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def read_gold(path: str | Path) -> list[GoldCodebook]:
    out: list[GoldCodebook] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out.append(
                GoldCodebook(
                    rec["id"],
                    rec["text"],
                    rec.get("date"),
                    rec.get("event_type"),
                    rec.get("mode"),
                    rec.get("actor_country"),
                    rec.get("recipient_country"),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a codebook record ({exc})") from exc
    return out


def predicted_events(doc: DocumentResult) -> list[Predicted]:
    """The asserted, non-historical events of a coded sentence, as the scorer reads them."""
    return [
        Predicted(
            e.event_type,
            e.mode,
            frozenset(a.country for a in e.actor if a.country),
            frozenset(r.country for r in e.recipient if r.country),
        )
        for e in doc.events
        if e.status == "asserted" and not e.historical
    ]


def _count_one(c: CodebookCounts, g: GoldCodebook, events: Sequence[Predicted]) -> bool:
    """Add one sentence to ``c``; True when it is a miss worth listing."""
    if g.event_type is None:
        c.noevent_total += 1
        c.noevent_false += bool(events)
        return bool(events)
    c.total[g.event_type] += 1
    typed = [e for e in events if e.event_type == g.event_type]
    c.extra_types += len({e.event_type for e in events} - {g.event_type})
    if not typed:
        return True
    c.found[g.event_type] += 1
    mode_ok = actor_ok = True
    if g.mode:
        mode_ok = any(e.mode == g.mode for e in typed)
        c.mode_total += 1
        c.mode_hit += mode_ok
    if g.actor_country:
        actor_ok = any(g.actor_country in e.actor_countries for e in typed)
        c.actor_total += 1
        c.actor_hit += actor_ok
    if g.recipient_country:
        c.recipient_total += 1
        c.recipient_hit += any(g.recipient_country in e.recipient_countries for e in typed)
    return not (mode_ok and actor_ok)


def score_codebook(
    gold: Sequence[GoldCodebook], predicted: Mapping[str, Sequence[Predicted]], name: str = "plover-codebook-dev"
) -> CodebookReport:
    """Type recall, mode and country accuracy given the type, and no-event false rate, overall and per half."""
    counts = {"all": CodebookCounts(), "tune": CodebookCounts(), "check": CodebookCounts()}
    misses: list[dict[str, object]] = []
    for g in gold:
        events = predicted.get(g.id, ())
        half = half_of(g.id)
        missed = _count_one(counts["all"], g, events)
        _count_one(counts[half], g, events)
        if missed:
            misses.append(
                {
                    "id": g.id,
                    "half": half,
                    "text": g.text,
                    "gold": [g.event_type, g.mode, g.actor_country, g.recipient_country],
                    "predicted": [[e.event_type, e.mode, sorted(e.actor_countries)] for e in events],
                }
            )
    return CodebookReport(name, {k: v.as_dict() for k, v in counts.items()}, misses)


def code_sentences(gold: Sequence[GoldCodebook], pipeline: Pipeline) -> dict[str, list[Predicted]]:
    """Each gold sentence coded as its own document; its asserted events by item id."""
    from backchannel.ingest import read_text

    articles = [read_text(g.text, doc_id=g.id, date=g.date) for g in gold]
    return {res.doc_id: predicted_events(res) for res in pipeline.run(articles) if isinstance(res, DocumentResult)}


def format_report(report: CodebookReport) -> str:
    lines = [f"PLOVER codebook breadth ({report.gold}):"]
    for half in ("tune", "check", "all"):
        c = report.halves[half]
        lines.append(
            f"  {half:<5}  type recall macro {c['type_recall_macro']:.3f} micro {c['type_recall_micro']:.3f}  "
            f"mode|type {c['mode_accuracy']:.3f}  actor|type {c['actor_country']:.3f}  "
            f"recipient|type {c['recipient_country']:.3f}  extra types {c['extra_types']}  "
            f"no-event false {c['noevent_false_rate']:.3f}  (sentences {c['sentences']})"
        )
    per_type = report.halves["all"]["type_recall"]
    assert isinstance(per_type, dict)
    lines.append("  per type (all): " + "  ".join(f"{t} {r:.2f}" for t, r in per_type.items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from backchannel.eval.labelled_set import run_labelled_set

    return run_labelled_set(
        argv,
        prog="python -m backchannel.eval.codebook",
        description=(__doc__ or "").split("\n")[0],
        default_gold="eval/plover-codebook-dev.jsonl",
        read_gold=read_gold,
        code=code_sentences,
        score=score_codebook,
        describe=format_report,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
