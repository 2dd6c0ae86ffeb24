"""``TimeTagger``: find every time expression in a text and resolve it against the document date."""

from __future__ import annotations

import datetime as dt
import re

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
        taken: list[tuple[int, int, Resolution]] = []
        for start, end, _, resolution in candidates:
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, resolution))
        taken.sort(key=lambda t: t[0])
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
