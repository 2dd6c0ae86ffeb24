"""Shared pieces of the time rules: the match a resolver sees, what it returns, and date helpers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .context import direction
from .lexicon import MONTHS, NUMBER_WORDS, VAGUE_QUANTITIES
from .periods import Period

__all__ = [
    "QTY_RE",
    "QUAL_AFTER",
    "QUAL_APPROX",
    "QUAL_BEFORE",
    "QUAL_RE",
    "UNIT_RE",
    "Match",
    "Resolution",
    "Resolver",
    "Rule",
    "explicit_year",
    "infer_year",
    "make_day",
    "month_number",
    "quarter_start",
    "resolved",
    "unit_of",
    "vague_ref",
]


@dataclass(frozen=True)
class Resolution:
    value: str | None
    precision: str
    approximate: bool = False
    relation: str = "on"
    historical: bool = False
    anchorable: bool = True  # may take a preceding "since"/"until"/"before"/"after"


@dataclass(frozen=True)
class Match:
    """A regex match with its document: what a resolver sees."""

    m: re.Match[str]
    text: str
    doc_date: dt.date | None

    def g(self, name: str) -> str:
        return (self.m.groupdict().get(name) or "").lower()


Resolver = Callable[[Match], Resolution | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


def resolved(
    period: Period | None, precision: str, doc: dt.date | None, approximate: bool = False, relation: str = "on"
) -> Resolution:
    if period is None:
        return Resolution(None, precision, approximate, relation)
    return Resolution(period.value, period.precision, approximate, relation, period.is_historical(doc))


def vague_ref(relation: str, precision: str = "unknown") -> Resolution:
    """A vague reference to the past, present or future (TIMEX3 PAST_REF / PRESENT_REF / FUTURE_REF)."""
    return Resolution(None, precision, True, relation, False, anchorable=False)


QUAL_BEFORE = {"more than", "over", "at least", "just over", "well over", "upwards of"}
QUAL_AFTER = {"less than", "under", "just under", "within", "fewer than"}
QUAL_APPROX = {"nearly", "almost", "about", "around", "roughly", "some", "approximately", "close to", "barely"}
QUAL_RE = (
    r"(?:(?P<qual>more than|over|well over|at least|just over|upwards of|less than|fewer than|under|just under|"
    r"nearly|almost|about|around|roughly|some|approximately|close to|barely|only|just)\s+)?"
)
_NUM_WORD_RE = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((re.escape(w) for w in VAGUE_QUANTITIES), key=len, reverse=True))
QTY_RE = (
    rf"(?P<qty>\d{{1,3}}|(?:twenty|thirty|forty|fifty)[-\s](?:one|two|three|four|five|six|seven|eight|nine)|"
    rf"{_VAGUE_RE}|{_NUM_WORD_RE})"
)
UNIT_RE = r"(?P<unit>days?|weeks?|fortnights?|months?|years?|decades?|century|centuries)"
_UNIT_NAMES = {"fortnight": "week", "centurie": "century", "centuries": "century"}


def unit_of(word: str) -> tuple[str, int]:
    """Singular unit name and a multiplier (a fortnight is two weeks)."""
    w = word.lower()
    w = "century" if w.startswith("centur") else w.rstrip("s")
    if w == "fortnight":
        return "week", 2
    return _UNIT_NAMES.get(w, w), 1


def infer_year(month: int, day: int | None, m: Match) -> int | None:
    """The year of a month (and day) written without one, read from tense and the document date."""
    doc = m.doc_date
    if doc is None:
        return None
    lead = direction(m.text, m.m.start(), m.m.end())
    candidate = dt.date(doc.year, month, min(day or 1, 28))
    ref = doc if day is not None else doc.replace(day=1)
    if lead > 0 and (ref - candidate).days > 14:
        return doc.year + 1
    if lead < 0 and candidate > ref:
        # "said on Nov. 25" in January is last year's November; a near date this year stays this year
        return doc.year - 1 if (candidate - ref).days > (7 if day is not None else 0) else doc.year
    if lead == 0:
        # no clue from the verb: the nearest such date, leaning to the past
        if (candidate - ref).days > 153:
            return doc.year - 1
        if (ref - candidate).days > 243:
            return doc.year + 1
    return doc.year


def make_day(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        year = 2000  # a leap year: only used to check that the day exists
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def explicit_year(word: str) -> int | None:
    return int(word) if word and word.isdigit() else None


def quarter_start(year: int, q: int) -> dt.date:
    return dt.date(year, 3 * (q - 1) + 1, 1)
