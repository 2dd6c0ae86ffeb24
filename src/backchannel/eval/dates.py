"""Date evaluation: our ``TimeTagger`` against TIMEX3 gold (TimeBank / AQUAINT), with dateparser as baseline.

Scoring (TIMEX3 of type DATE only):

* **recall**: share of gold DATE expressions overlapped by one of our mentions.
* **value accuracy**: among found gold expressions whose value we can represent, the share whose
  value equals ours after normalisation.  Our mention becomes a TIMEX3-like string by its precision:
  day ``1998-10-02``, week ``1998-W40``, month ``1998-10``, quarter ``1998-Q4``, season ``1998-FA``,
  year ``1998``, decade ``199``, century ``19``.  An unresolved, approximate mention (``value=None``)
  stands for ``PAST_REF`` / ``PRESENT_REF`` / ``FUTURE_REF`` by its relation (before / on / after).
* Gold normalisation: times of day are dropped (``1998-10-02TEV`` -> ``1998-10-02``), a weekend is
  its week (``1998-W40-WE`` -> ``1998-W40``).  An ``X`` in gold means "unspecified": our value is
  right when it has the same granularity and agrees on every specified digit (``1989-WXX`` accepts
  ``1989-W42``, ``199X`` accepts ``1995``).  Gold values with no counterpart in our value space
  (durations such as ``P1D``, half years ``1990-H1``, an unspecified year ``XXXX-...``) are
  **unrepresentable**: they count for recall but are left out of the value-accuracy denominator,
  and their number is reported.
* Baseline: ``dateparser.search.search_dates`` with ``RELATIVE_BASE`` = document date and
  ``PREFER_DATES_FROM='past'``; its spans are located in order in the text.  dateparser gives a
  datetime without precision, so it is scored leniently: its date is cut to the gold value's
  granularity before comparison.  It has no notion of PAST_REF etc., so those are never right for it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..time import TimeTagger

__all__ = [
    "DateEvalReport",
    "FileScores",
    "Miss",
    "Scores",
    "evaluate_dates",
    "format_report",
    "normalise_gold",
    "values_agree",
]

_REFS = {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}
_REPRESENTABLE = re.compile(
    r"^(?:\d{2}[\dX]{2}(?:-[\dX]{2}(?:-[\dX]{2})?)?|\d{4}-W[\dX]{2}|\d{4}-Q[1-4X]|\d{4}-(?:SP|SU|FA|WI)|\d{2,3}|\d{3}X)$"
)
_SEASON_CODE = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_REF_BY_RELATION = {"before": "PAST_REF", "on": "PRESENT_REF", "after": "FUTURE_REF"}


@dataclass(frozen=True)
class Miss:
    """A gold DATE we did not find, or found with another value."""

    doc_id: str
    gold_text: str
    gold_value: str
    our_text: str | None
    our_value: str | None


@dataclass(frozen=True)
class Scores:
    n_gold: int = 0
    n_found: int = 0
    n_unrepresentable: int = 0  # found gold whose value we cannot express (excluded from value accuracy)
    n_value_scored: int = 0
    n_value_correct: int = 0

    @property
    def recall(self) -> float:
        return self.n_found / self.n_gold if self.n_gold else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.n_value_correct / self.n_value_scored if self.n_value_scored else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.n_gold + other.n_gold,
            self.n_found + other.n_found,
            self.n_unrepresentable + other.n_unrepresentable,
            self.n_value_scored + other.n_value_scored,
            self.n_value_correct + other.n_value_correct,
        )


@dataclass(frozen=True)
class FileScores:
    path: str
    n_docs: int
    ours: Scores
    baseline: Scores


@dataclass(frozen=True)
class DateEvalReport:
    ours: Scores
    baseline: Scores
    per_file: tuple[FileScores, ...]
    misses: tuple[Miss, ...] = field(repr=False)

    @property
    def recall(self) -> float:
        return self.ours.recall

    @property
    def value_accuracy(self) -> float:
        return self.ours.value_accuracy

    @property
    def n_gold(self) -> int:
        return self.ours.n_gold

    @property
    def n_found(self) -> int:
        return self.ours.n_found

    @property
    def baseline_recall(self) -> float:
        return self.baseline.recall

    @property
    def baseline_value_accuracy(self) -> float:
        return self.baseline.value_accuracy


def normalise_gold(value: str) -> str | None:
    """The gold TIMEX3 value in our comparison space, or ``None`` when we cannot represent it."""
    if value in _REFS:
        return value
    v = value.split("T", 1)[0] if re.match(r"^\d{4}-\d\d-\d\dT", value) else value
    v = re.sub(r"-WE$", "", v)
    v = re.sub(r"^(\d{4})-W(\d)$", r"\g<1>-W0\2", v)
    return v if _REPRESENTABLE.match(v) else None


def values_agree(ours: str | None, gold: str) -> bool:
    """Our comparable value against a normalised gold value (``X`` in gold matches any digit)."""
    if ours is None:
        return False
    if "X" not in gold:
        return ours == gold
    if "-" not in gold and ours == gold.rstrip("X"):
        return True  # "199X" is also the older TIMEX3 spelling of the decade "199"
    return len(ours) == len(gold) and all((g == "X" and o.isdigit()) or g == o for o, g in zip(ours, gold, strict=True))


def _our_value(value: str | None, precision: str, approximate: bool, relation: str) -> str | None:
    if value is None:
        return _REF_BY_RELATION[relation] if approximate else None
    if precision == "week":
        year, week, _ = dt.date.fromisoformat(value).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "quarter":
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    if precision == "season":
        return f"{value[:4]}-{_SEASON_CODE.get(int(value[5:7]), 'XX')}"
    if precision == "decade":
        return value[:3]
    if precision == "century":
        return f"{int(value[:4]) // 100 + 1 - 1:02d}"
    return value


def _cut_to(day: dt.date, gold: str) -> str:
    """A dateparser date written at the granularity of the gold value (lenient baseline scoring)."""
    if re.match(r"^\d{4}-\d\d-\d\d$", gold):
        return day.isoformat()
    if "-W" in gold:
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if "-Q" in gold:
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if re.match(r"^\d{4}-(?:SP|SU|FA|WI)$", gold):
        return f"{day.year:04d}-{_SEASON_CODE[3 * (day.month // 3) or 12]}"
    if re.match(r"^\d{4}-\d\d$", gold):
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"[: len(gold)]


Span = tuple[int, int, str, str | None]  # start, end, text, comparable value (None: unresolved)


def _dateparser_spans(text: str, doc_date: dt.date | None) -> list[tuple[int, int, str, dt.date]]:
    from dateparser.search import search_dates  # dev dependency, needed only for the baseline

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if doc_date is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(doc_date, dt.time(12))
    found = search_dates(text, languages=["en"], settings=settings) or []
    spans: list[tuple[int, int, str, dt.date]] = []
    cursor = 0
    for substring, when in found:
        at = text.find(substring, cursor)
        if at < 0:
            at = text.find(substring)
        if at < 0:
            continue
        spans.append((at, at + len(substring), substring, when.date()))
        cursor = at + len(substring)
    return spans


def _best_overlap(start: int, end: int, spans: Iterable[Span]) -> Span | None:
    best: Span | None = None
    best_len = 0
    for span in spans:
        overlap = min(end, span[1]) - max(start, span[0])
        if overlap > best_len:
            best, best_len = span, overlap
    return best


def _score(
    doc_id: str, golds: list[dict[str, object]], spans: list[Span], value_of: Callable[[Span, str], str | None]
) -> tuple[Scores, list[Miss]]:
    n_found = n_unrep = n_scored = n_correct = 0
    misses: list[Miss] = []
    for gold in golds:
        g_start, g_end = int(str(gold["start"])), int(str(gold["end"]))
        g_value, g_text = str(gold["value"]), str(gold["text"])
        span = _best_overlap(g_start, g_end, spans)
        if span is None:
            misses.append(Miss(doc_id, g_text, g_value, None, None))
            continue
        n_found += 1
        normal = normalise_gold(g_value)
        if normal is None:
            n_unrep += 1
            continue
        n_scored += 1
        ours = value_of(span, normal)
        if values_agree(ours, normal):
            n_correct += 1
        else:
            misses.append(Miss(doc_id, g_text, g_value, span[2], ours))
    return Scores(len(golds), n_found, n_unrep, n_scored, n_correct), misses


def _read_docs(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_dates(gold_paths: list[Path], tagger: TimeTagger, baseline: bool = True) -> DateEvalReport:
    """Score ``tagger`` (and, unless ``baseline=False``, dateparser) on TIMEX3 DATE gold files."""
    total, total_base = Scores(), Scores()
    per_file: list[FileScores] = []
    misses: list[Miss] = []
    for path in gold_paths:
        ours_file, base_file = Scores(), Scores()
        docs = _read_docs(Path(path))
        for doc in docs:
            text, doc_id = str(doc["text"]), str(doc["doc_id"])
            dct_raw = str(doc.get("dct") or "")[:10] or None
            golds = [t for t in doc["timexes"] if t["type"] == "DATE"]  # type: ignore[attr-defined]  # JSON list
            mentions = tagger.tag(text, dct_raw)
            spans: list[Span] = [
                (m.start, m.end, m.text, _our_value(m.value, m.precision, m.approximate, m.relation)) for m in mentions
            ]
            scores, doc_misses = _score(doc_id, golds, spans, lambda span, _gold: span[3])
            ours_file += scores
            misses.extend(doc_misses)
            if baseline:
                dct = dt.date.fromisoformat(dct_raw) if dct_raw else None
                found = _dateparser_spans(text, dct)
                base_spans: list[Span] = [(s, e, t, d.isoformat()) for s, e, t, d in found]
                base_scores, _ = _score(
                    doc_id, golds, base_spans, lambda span, gold: _cut_to(dt.date.fromisoformat(str(span[3])), gold)
                )
                base_file += base_scores
        per_file.append(FileScores(str(path), len(docs), ours_file, base_file))
        total += ours_file
        total_base += base_file
    return DateEvalReport(total, total_base, tuple(per_file), tuple(misses))


def format_report(report: DateEvalReport, n_misses: int = 0) -> str:
    """A plain-text table of the report (and the first ``n_misses`` misses)."""

    def row(name: str, s: Scores) -> str:
        return (
            f"{name:<28} gold={s.n_gold:5d} found={s.n_found:5d} recall={s.recall:.3f} "
            f"value_acc={s.value_accuracy:.3f} (scored {s.n_value_scored}, unrepresentable {s.n_unrepresentable})"
        )

    lines = []
    for f in report.per_file:
        lines.append(f"{Path(f.path).name} ({f.n_docs} docs)")
        lines.append(row("  ours", f.ours))
        lines.append(row("  dateparser", f.baseline))
    lines.append("all files")
    lines.append(row("  ours", report.ours))
    lines.append(row("  dateparser", report.baseline))
    for miss in report.misses[:n_misses]:
        lines.append(
            f"  miss {miss.doc_id}: {miss.gold_text!r}={miss.gold_value} ours {miss.our_text!r}={miss.our_value}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Score the time tagger on TIMEX3 DATE gold files.")
    default_dir = Path(__file__).resolve().parents[3].parent / "shared" / "eval"
    parser.add_argument("paths", nargs="*", type=Path, help="gold .jsonl files (default: ../shared/eval/...)")
    parser.add_argument("--misses", type=int, default=0, help="also print this many misses")
    parser.add_argument("--no-baseline", action="store_true", help="skip the (slow) dateparser baseline")
    args = parser.parse_args()
    paths = args.paths or [default_dir / "timebank.jsonl", default_dir / "aquaint.jsonl"]
    result = evaluate_dates(paths, TimeTagger(), baseline=not args.no_baseline)
    print(format_report(result, args.misses))
