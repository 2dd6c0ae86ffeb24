"""``TimeTagger``: find every time expression in a text and resolve it against the document date."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from ..records import TimeMention
from .base import Match, Resolution, Rule
from .rules import build_rules

__all__ = ["TimeTagger"]

# A preposition in front of a resolved date that turns "on" into a bound.
_BOUND_WORDS = {
    "since": "after",
    "after": "after",
    "until": "before",
    "till": "before",
    "before": "before",
    "by": "before",
}
_BOUND_BEFORE = re.compile(r"\b(since|after|until|till|before|by)\s+$", re.IGNORECASE)


def _parse_doc_date(doc_date: str | None) -> dt.date | None:
    if not doc_date:
        return None
    try:
        return dt.date.fromisoformat(doc_date[:10])
    except ValueError:
        return None


class TimeTagger:
    """Rule-based time expression tagger (regular expressions compiled once, in the constructor).

    ``tag(text, doc_date)`` returns sorted, non-overlapping ``TimeMention``s (the longest match wins).
    A mention is ``historical`` when its period ends more than 365 days before the document date.
    """

    def __init__(self) -> None:
        self._rules: list[Rule] = build_rules()

    def tag(self, text: str, doc_date: str | None) -> list[TimeMention]:
        doc = _parse_doc_date(doc_date)
        candidates: list[tuple[int, int, int, Resolution]] = []
        for priority, rule in enumerate(self._rules):
            for found in rule.pattern.finditer(text):
                if found.end() == found.start():
                    continue
                resolution = rule.resolve(Match(found, text, doc))
                if resolution is not None:
                    candidates.append((found.start(), found.end(), priority, resolution))
        candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
        # the spans taken so far, disjoint and kept sorted by start: a candidate can only overlap the last
        # one that starts before its end (a scan of all of them for each candidate was quadratic)
        starts: list[int] = []
        taken: list[tuple[int, int, Resolution]] = []
        for start, end, _, resolution in candidates:
            at = bisect_left(starts, end)
            if at and taken[at - 1][1] > start:
                continue
            starts.insert(at, start)
            taken.insert(at, (start, end, resolution))
        return [self._mention(text, start, end, res) for start, end, res in taken]

    @staticmethod
    def _mention(text: str, start: int, end: int, res: Resolution) -> TimeMention:
        relation = res.relation
        if res.anchorable and relation == "on" and not text[start:end].endswith(("'s", "’s")):
            bound = _BOUND_BEFORE.search(text, max(0, start - 8), start)
            if bound is not None:
                relation = _BOUND_WORDS[bound.group(1).lower()]
                start = bound.start()
        return TimeMention(
            text=text[start:end],
            start=start,
            end=end,
            value=res.value,
            precision=res.precision,
            approximate=res.approximate,
            historical=res.historical,
            relation=relation,
        )
