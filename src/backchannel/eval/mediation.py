"""Mediator accuracy on our labelled real sentences (``eval/mediation-dev.jsonl``).

Each gold sentence is coded as its own document.  Its predicted mediators are the mediators of all
its events, whatever their status (a mediator is named by the text whether the truce it brokered is
reported, recalled or background to an attack).  A gold mediator is a code: a country (``QAT``) or an
organisation's actor id (``UN``, ``ICRC``); a predicted mediator matches it when the code is the
mediator's actor id, its country or, for a person, the organisation it speaks for.  Per sentence:

- every gold code matched by some predicted mediator is a true positive, every other gold code a
  false negative;
- every predicted mediator that matches no gold code is a false positive, counted once per distinct
  key (its country, else its actor id, else its text), so "Qatar" and "the Qatari emir" count once.

Recall and precision are micro-averaged over the sentences, for the whole set and for each fixed
half (``backchannel.eval.split.half_of`` of the item id): rules are written from misses on the tune
half only.

    python -m backchannel.eval.mediation [--gold eval/mediation-dev.jsonl] [--report FILE]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from backchannel.eval.events import ClassScore
from backchannel.eval.split import half_of
from backchannel.records import ActorRef, DocumentResult

if TYPE_CHECKING:
    from backchannel.pipeline import Pipeline

__all__ = [
    "GoldMediation",
    "MediationCounts",
    "MediationReport",
    "code_sentences",
    "format_report",
    "main",
    "predicted_mediators",
    "read_gold",
    "score_mediators",
]

NO_COUNTRY = frozenset({"IGO", ""})  # an organisation's pseudo-country names no state


@dataclass(frozen=True)
class GoldMediation:
    id: str
    text: str
    date: str | None
    mediators: tuple[str, ...]


@dataclass
class MediationCounts(ClassScore):
    """Mediator codes found (tp), missed (fn) and wrongly named (fp), over ``sentences`` sentences."""

    sentences: int = 0

    def as_dict(self) -> dict[str, float]:
        return {
            "sentences": self.sentences,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
        }


@dataclass
class MediationReport:
    gold: str
    halves: dict[str, dict[str, float]]
    misses: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def read_gold(path: str | Path) -> list[GoldMediation]:
    out: list[GoldMediation] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out.append(GoldMediation(rec["id"], rec["text"], rec.get("date"), tuple(rec["mediators"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a mediation record ({exc})") from exc
    return out


def predicted_mediators(doc: DocumentResult) -> list[ActorRef]:
    """The mediators of every event of a coded sentence."""
    return [m for e in doc.events for m in e.mediator]


def _codes(ref: ActorRef) -> set[str]:
    return {c for c in (ref.actor_id, ref.country, ref.affiliation) if c and c not in NO_COUNTRY}


def _key(ref: ActorRef) -> str:
    if ref.country and ref.country not in NO_COUNTRY:
        return ref.country
    return ref.actor_id or ref.text.lower()


def _score_one(gold: Sequence[str], predicted: Iterable[ActorRef]) -> tuple[set[str], set[str], set[str]]:
    """(matched gold codes, missed gold codes, keys of the predicted mediators that match none)."""
    wanted = set(gold)
    found: set[str] = set()
    wrong: set[str] = set()
    for ref in predicted:
        hit = _codes(ref) & wanted
        if hit:
            found |= hit
        else:
            wrong.add(_key(ref))
    return found, wanted - found, wrong


def score_mediators(
    gold: Sequence[GoldMediation], predicted: Mapping[str, Sequence[ActorRef]], name: str = "mediation-dev"
) -> MediationReport:
    """Recall and precision of the predicted mediators (by item id) against ``gold``, overall and per half."""
    counts = {"all": MediationCounts(), "tune": MediationCounts(), "check": MediationCounts()}
    misses: list[dict[str, object]] = []
    for g in gold:
        found, missed, wrong = _score_one(g.mediators, predicted.get(g.id, ()))
        for c in (counts["all"], counts[half_of(g.id)]):
            c.sentences += 1
            c.tp += len(found)
            c.fn += len(missed)
            c.fp += len(wrong)
        if missed or wrong:
            misses.append(
                {"id": g.id, "half": half_of(g.id), "text": g.text, "missed": sorted(missed), "wrong": sorted(wrong)}
            )
    return MediationReport(name, {k: v.as_dict() for k, v in counts.items()}, misses)


def code_sentences(gold: Sequence[GoldMediation], pipeline: Pipeline) -> dict[str, list[ActorRef]]:
    """Each gold sentence coded as its own document; its mediators by item id."""
    from backchannel.ingest import read_text

    articles = [read_text(g.text, doc_id=g.id, date=g.date) for g in gold]
    return {res.doc_id: predicted_mediators(res) for res in pipeline.run(articles) if isinstance(res, DocumentResult)}


def format_report(report: MediationReport) -> str:
    lines = [f"mediators ({report.gold}):"]
    for half in ("tune", "check", "all"):
        c = report.halves[half]
        lines.append(
            f"  {half:<5}  recall {c['recall']:.3f}  precision {c['precision']:.3f}  "
            f"(sentences {c['sentences']}, tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from backchannel.eval.labelled_set import run_labelled_set

    return run_labelled_set(
        argv,
        prog="python -m backchannel.eval.mediation",
        description=(__doc__ or "").split("\n")[0],
        default_gold="eval/mediation-dev.jsonl",
        read_gold=read_gold,
        code=code_sentences,
        score=score_mediators,
        describe=format_report,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
