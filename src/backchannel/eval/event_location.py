"""Event-location evaluation: does ``attach_location`` pick the gold place of each (sentence, event verb) item?

Run ``python -m backchannel.eval.event_location [path] [limit]``.  An item is right when the chosen place
overlaps a gold location span, or when nothing is chosen and the gold has none.  Some gold spans in the
file are token indices (spaCy tokens, inclusive end) rather than character offsets; they are detected (a
span that does not fall on word boundaries) and converted.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from backchannel.geo.attach import attach_location, toponyms
from backchannel.geo.gazetteer import Gazetteer
from backchannel.geo.resolver import PlaceResolver

__all__ = ["DEFAULT_PATH", "LocationItem", "Report", "Score", "evaluate_event_location", "main", "read_items"]

DEFAULT_PATH = Path(__file__).resolve().parents[4] / "shared" / "eval" / "event-location-dev.jsonl"


@dataclass(frozen=True, slots=True)
class LocationItem:
    item_id: str
    text: str
    verb_start: int
    verb_end: int
    gold: tuple[tuple[int, int, str], ...]  # raw (start, end, text) spans as stored
    adjudicated: bool


@dataclass(slots=True)
class Score:
    items: int = 0
    correct: int = 0
    gold_none: int = 0  # items whose gold has no location
    predicted_none: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.items if self.items else 0.0

    def add(self, correct: bool, gold_none: bool, predicted_none: bool) -> None:
        self.items += 1
        self.correct += correct
        self.gold_none += gold_none
        self.predicted_none += predicted_none


@dataclass(slots=True)
class Report:
    adjudicated: Score = field(default_factory=Score)
    all_items: Score = field(default_factory=Score)
    sampled: bool = False  # True when only every n-th non-adjudicated item was scored

    def format(self) -> str:
        lines = [
            "event location attachment (place chosen overlaps a gold span, or none when gold has none)",
            f"adjudicated items   {self.adjudicated.accuracy:.3f}  "
            f"({self.adjudicated.correct}/{self.adjudicated.items}; gold none {self.adjudicated.gold_none},"
            f" predicted none {self.adjudicated.predicted_none})",
            f"all items{' (sample)' if self.sampled else ''}   {self.all_items.accuracy:.3f}  "
            f"({self.all_items.correct}/{self.all_items.items}; gold none {self.all_items.gold_none},"
            f" predicted none {self.all_items.predicted_none})",
        ]
        return "\n".join(lines)


def read_items(path: Path) -> Iterator[LocationItem]:
    """Items with exactly one event verb."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row: dict[str, Any] = json.loads(line)
            if len(row.get("verb") or []) != 1:
                continue
            verb = row["verb"][0]
            yield LocationItem(
                item_id=str(row["id"]).strip(),
                text=row["text"],
                verb_start=int(verb["start"]),
                verb_end=int(verb["end"]),
                gold=tuple((int(s["start"]), int(s["end"]), s["text"]) for s in row.get("event_location") or []),
                adjudicated=bool(row.get("gold_relabel")),
            )


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    return (
        0 <= start < end <= len(text)
        and (start == 0 or not text[start - 1].isalnum())
        and (end == len(text) or not text[end].isalnum())
    )


def gold_char_spans(item: LocationItem, doc: Doc) -> list[tuple[int, int]]:
    """Gold spans as character offsets (token-index spans converted)."""
    spans: list[tuple[int, int]] = []
    for start, end, _ in item.gold:
        if _on_word_boundaries(item.text, start, end):
            spans.append((start, end))
        elif 0 <= start <= end < len(doc):
            spans.append((doc[start].idx, doc[end].idx + len(doc[end].text)))
    return spans


def _trigger(doc: Doc, item: LocationItem) -> Any:
    span = doc.char_span(item.verb_start, item.verb_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def evaluate_event_location(
    path: Path,
    nlp: Language,
    resolver: PlaceResolver,
    sample_every: int = 1,
    keep_unresolved: bool = True,
    batch_size: int = 64,
) -> Report:
    """Score attach_location on every adjudicated item and on every ``sample_every``-th item of the file
    (``sample_every=0``: adjudicated items only)."""
    items = list(read_items(path))

    def in_sample(number: int) -> bool:
        return sample_every > 0 and number % sample_every == 0

    chosen = [(n, it) for n, it in enumerate(items) if it.adjudicated or in_sample(n)]
    report = Report(sampled=sample_every != 1)
    docs = nlp.pipe((it.text for _, it in chosen), batch_size=batch_size)
    for (number, item), doc in zip(chosen, docs, strict=True):
        trigger = _trigger(doc, item)
        places = toponyms(resolver.find(doc, keep_unresolved=keep_unresolved))
        place = attach_location(trigger, places) if trigger is not None else None
        gold = gold_char_spans(item, doc)
        correct = not gold if place is None else any(place.start < end and start < place.end for start, end in gold)
        scores = [report.all_items] if in_sample(number) else []
        if item.adjudicated:
            scores.append(report.adjudicated)
        for score in scores:
            score.add(correct, not gold, place is None)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report (``python -m backchannel.eval.event_location [path] [sample_every]``)."""
    from backchannel.nlp import load_model

    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_PATH
    every = int(args[1]) if len(args) > 1 else 1
    report = evaluate_event_location(path, load_model(), PlaceResolver(Gazetteer.load()), sample_every=every)
    sys.stdout.write(report.format() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
