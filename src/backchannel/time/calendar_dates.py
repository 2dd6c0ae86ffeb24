"""Resolvers for calendar expressions: written dates, months, years, decades, seasons, quarters, holidays.

Each resolver reads a match against the document date and returns a ``Resolution`` or ``None``
(reject the match).  With no document date, expressions without a year stay unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from .base import Match, Resolution, explicit_year, infer_year, make_day, month_number, quarter_start, resolved
from .context import direction, is_capitalised, preceding_word
from .lexicon import ORDINALS, SEASON_START, WEEKDAYS
from .periods import Period, week_start

__all__ = [
    "ONES_RE",
    "TEENS_RE",
    "TENS_RE",
    "resolve_century",
    "resolve_day_of_month",
    "resolve_decade",
    "resolve_holiday",
    "resolve_iso",
    "resolve_month",
    "resolve_month_day",
    "resolve_month_year",
    "resolve_named_quarter",
    "resolve_quarter",
    "resolve_season",
    "resolve_slash",
    "resolve_spelled_year",
    "resolve_year",
]


def resolve_iso(m: Match) -> Resolution | None:
    day = make_day(int(m.g("y")), int(m.g("mo")), int(m.g("d")))
    return resolved(Period(day, "day"), "day", m.doc_date) if day else None


def resolve_slash(m: Match) -> Resolution | None:
    year = int(m.g("y"))
    year = year + (1900 if year >= 50 else 2000) if year < 100 else year
    day = make_day(year, int(m.g("mo")), int(m.g("d")))
    return resolved(Period(day, "day"), "day", m.doc_date) if day else None


def resolve_month_day(m: Match) -> Resolution | None:
    mon_word = m.m.group("mon")
    if not is_capitalised(mon_word):
        return None
    month = month_number(mon_word)
    day_num = int(m.g("day")) if m.g("day").isdigit() else ORDINALS.get(m.g("day"), 0)
    year = explicit_year(m.g("year"))
    if make_day(year, month, day_num) is None:
        return None
    if year is None:
        dow = m.g("dow")
        year = infer_year(month, day_num, m)
        if year is not None and dow:
            # a weekday written with the date settles the year
            for cand in (year, year - 1, year + 1):
                if make_day(cand, month, day_num) and dt.date(cand, month, day_num).weekday() == WEEKDAYS[dow]:
                    year = cand
                    break
    precision = "week" if m.g("weekof") else "day"
    if year is None:
        return resolved(None, precision, m.doc_date)
    day = make_day(year, month, day_num)
    if day is None:
        return None
    return resolved(Period(week_start(day) if precision == "week" else day, precision), precision, m.doc_date)


def resolve_month_year(m: Match) -> Resolution | None:
    if not is_capitalised(m.m.group("mon")):
        return None
    return resolved(Period(dt.date(int(m.g("year")), month_number(m.m.group("mon")), 1), "month"), "month", m.doc_date)


_BARE_MONTH_CUES = {
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "during",
    "before",
    "after",
    "from",
    "to",
    "through",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "throughout",
    "last",
    "next",
    "this",
    "on",
}


def resolve_month(m: Match) -> Resolution | None:
    word = m.m.group("mon")
    if not is_capitalised(word):
        return None
    month = month_number(word)
    mod = m.g("mod")
    rel = m.g("rel")
    # modal "may" and verb "march" are months only after a word that introduces a date
    bare_ambiguous = not mod and not rel and word.lower() in ("may", "march")
    if bare_ambiguous and preceding_word(m.text, m.m.start()) not in _BARE_MONTH_CUES:
        return None
    doc = m.doc_date
    if doc is None:
        return resolved(None, "month", doc)
    if rel:
        year = doc.year + {"last year": -1, "this year": 0, "next year": 1}[" ".join(rel.split())]
    elif mod.startswith("last") or mod == "this past":
        year = doc.year if month < doc.month else doc.year - 1
    elif mod.startswith("next") or mod == "this coming":
        year = doc.year if month > doc.month else doc.year + 1
    elif mod == "this":
        year = doc.year
    else:
        year = infer_year(month, None, m) or doc.year
    return resolved(Period(dt.date(year, month, 1), "month"), "month", doc)


def resolve_day_of_month(m: Match) -> Resolution | None:
    """'the last day of February', 'the first week of March'."""
    word = m.m.group("mon")
    if not is_capitalised(word):
        return None
    month = month_number(word)
    year = explicit_year(m.g("year")) or infer_year(month, 1, m)
    precision = "week" if m.g("what") == "week" else "day"
    if year is None:
        return resolved(None, precision, m.doc_date)
    last = calendar.monthrange(year, month)[1]
    which = m.g("which")
    if precision == "day":
        day = dt.date(year, month, last if which in ("last", "final") else ORDINALS.get(which, 1))
        return resolved(Period(day, "day"), "day", m.doc_date)
    anchor = dt.date(year, month, last - 6) if which in ("last", "final") else dt.date(year, month, 1)
    anchor += dt.timedelta(weeks=max(ORDINALS.get(which, 1) - 1, 0))
    return resolved(Period(week_start(anchor), "week"), "week", m.doc_date)


# ---------------------------------------------------------------- years, decades, centuries

_NOT_YEAR_BEFORE = re.compile(
    r"(?:\$|#|no\.?|number|resolution|article|flight|route|room|page|pages|bus|model|code|chapter|section|"
    r"highway|unit|batch|paragraph|vol\.?|volume|item|[\d,.])\s*$",
    re.IGNORECASE,
)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per cent|[.,]\d|\d|-\s*\d|(?:people|persons|troops|soldiers|men|women|children|dollars|euros|"
    r"pounds|tons|tonnes|km|kilometers|kilometres|miles|meters|metres|feet|members|residents|civilians|refugees|"
    r"fighters|police|policemen|officers|rockets|missiles|shells|workers|employees|jobs|votes|seats|cases|deaths|"
    r"hostages|prisoners|detainees|units|houses|homes|acres|hectares|barrels|cars|vehicles|aircraft|planes|"
    r"points|students|families|deaths)\b)",
    re.IGNORECASE,
)
_YEAR_MODS = {"early": 0, "mid": 0, "late": 0}


def resolve_year(m: Match) -> Resolution | None:
    year = int(m.g("year"))
    start, end = m.m.span("year")
    if _NOT_YEAR_BEFORE.search(m.text, max(0, start - 12), start) or _NOT_YEAR_AFTER.match(m.text, end):
        return None
    if end < len(m.text) and m.text[end : end + 1] in ":/":
        return None
    old_or_far = year < 1800 or year > 2099
    if old_or_far and preceding_word(m.text, m.m.start()) not in ("in", "since", "of", "by", "until", "from", "to"):
        return None
    return resolved(Period(dt.date(year, 1, 1), "year"), "year", m.doc_date, approximate=False)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TENS_RE = "|".join(_TENS)
TEENS_RE = "|".join(_TEENS)
ONES_RE = "|".join(_ONES)


def resolve_spelled_year(m: Match) -> Resolution | None:
    words = m.g("sp").replace("-", " ").split()
    words = [w for w in words if w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        base = 2000
    else:
        base = {"nineteen": 1900, "twenty": 2000, "eighteen": 1800}[words[0]]
        rest = words[1:]
    if not rest:
        year = base
    elif rest[0] in _TEENS:
        year = base + _TEENS[rest[0]]
    elif rest[0] in _TENS:
        year = base + _TENS[rest[0]] + (_ONES[rest[1]] if len(rest) > 1 else 0)
    elif rest[0] in _ONES and base == 2000:
        year = base + _ONES[rest[0]]
    else:
        return None
    return resolved(Period(dt.date(year, 1, 1), "year"), "year", m.doc_date)


_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70}
_DECADE_WORDS |= {"eighties": 80, "nineties": 90}


def resolve_decade(m: Match) -> Resolution | None:
    if m.g("dec"):
        year = int(m.g("dec"))
    else:
        short = int(m.g("d2")) if m.g("d2") else _DECADE_WORDS[m.g("dw")]
        year = (1900 if short >= 20 else 2000) + short
        if m.g("cent"):
            year = 1900 + short if m.g("cent") == "nineteen" else 2000 + short
    return resolved(Period(dt.date(year, 1, 1), "decade"), "decade", m.doc_date)


def resolve_century(m: Match) -> Resolution | None:
    word = m.g("n").replace(" ", "-")
    n = int(re.sub(r"\D", "", word)) if word[:1].isdigit() else ORDINALS.get(word, 0)
    if not 1 <= n <= 21:
        return None
    return resolved(Period(dt.date(max(1, (n - 1) * 100), 1, 1), "century"), "century", m.doc_date)


# ---------------------------------------------------------------- seasons, quarters

_SEASON_CUES = {"in", "during", "this", "last", "next", "the", "since", "until", "by", "through", "over", "throughout"}


def resolve_season(m: Match) -> Resolution | None:
    name = m.g("season")
    mod = " ".join(m.g("mod").split())
    year = explicit_year(m.g("year"))
    if not mod and year is None and preceding_word(m.text, m.m.start()) not in _SEASON_CUES:
        return None
    start_month = SEASON_START[name]
    doc = m.doc_date
    if year is None:
        if doc is None:
            return resolved(None, "season", doc)
        # the season the document date falls in, by its start
        this_start = dt.date(doc.year if start_month <= doc.month else doc.year - 1, start_month, 1)
        if start_month == 12 and doc.month < 3:
            this_start = dt.date(doc.year - 1, 12, 1)
        elif start_month != 12 and doc.month < start_month:
            this_start = dt.date(doc.year, start_month, 1)
        current = this_start <= doc < this_start + relativedelta(months=3)
        if mod in ("last", "this past", "past"):
            start = this_start - relativedelta(years=1) if current or this_start > doc else this_start
        elif mod in ("next", "this coming", "coming"):
            start = this_start + relativedelta(years=1) if this_start <= doc else this_start
        elif mod == "this":
            start = dt.date(doc.year, start_month, 1)
        else:
            lead = direction(m.text, m.m.start(), m.m.end())
            start = this_start
            if this_start > doc and lead <= 0:
                start = this_start - relativedelta(years=1)
            elif this_start + relativedelta(months=3) <= doc and lead > 0:
                start = this_start + relativedelta(years=1)
    else:
        start = dt.date(year, start_month, 1)
    return resolved(Period(start, "season"), "season", doc)


def resolve_quarter(m: Match) -> Resolution | None:
    q = ORDINALS.get(m.g("ord"), 0) or (int(m.g("q")) if m.g("q") else 0)
    if not 1 <= q <= 4:
        return None
    year = explicit_year(m.g("year")) or explicit_year(m.g("year2"))
    doc = m.doc_date
    if year is None:
        if doc is None:
            return resolved(None, "quarter", doc)
        own = " ".join(m.g("own").split())
        year = doc.year + {"last year's": -1, "next year's": 1}.get(own, 0) - (1 if m.g("ago") else 0)
    return resolved(Period(quarter_start(year, q), "quarter"), "quarter", doc)


def resolve_named_quarter(m: Match) -> Resolution | None:
    """'the quarter', 'the latest quarter', 'this quarter', 'the year-ago quarter'."""
    doc = m.doc_date
    mod = " ".join(m.g("mod").replace("-", " ").split())
    if doc is None:
        return resolved(None, "quarter", doc)
    current = quarter_start(doc.year, (doc.month - 1) // 3 + 1)
    if mod in ("this", "current", "the current", "this fiscal"):
        start = current
    elif mod in ("next", "the next", "coming", "the coming"):
        start = current + relativedelta(months=3)
    else:
        start = current - relativedelta(months=3)  # the latest completed quarter: what news reports
        if "year" in mod:
            start -= relativedelta(years=1)
    return resolved(Period(start, "quarter"), "quarter", doc)


def _holiday_day(name: str, year: int) -> dt.date | None:
    if name.startswith("christmas eve"):
        return dt.date(year, 12, 24)
    if name.startswith("christmas"):
        return dt.date(year, 12, 25)
    if name.startswith("new year's eve"):
        return dt.date(year, 12, 31)
    if name.startswith("new year"):
        return dt.date(year, 1, 1)
    if name.startswith("easter"):
        day: dt.date = easter(year)
        return day
    if name.startswith("thanksgiving"):  # US: fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("election day"):  # US: the Tuesday after the first Monday of November
        first = dt.date(year, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return None


def resolve_holiday(m: Match) -> Resolution | None:
    if not is_capitalised(m.m.group("name")):
        return None
    name = " ".join(m.g("name").replace("’", "'").split())
    year = explicit_year(m.g("year"))
    doc = m.doc_date
    mod = m.g("mod")
    if year is None:
        if doc is None:
            return resolved(None, "day", doc)
        year = doc.year + {"last": -1, "next": 1}.get(mod, 0)
        day = _holiday_day(name, year)
        if (
            day is not None
            and not mod
            and day > doc + dt.timedelta(days=31)
            and direction(m.text, m.m.start(), m.m.end()) <= 0
        ):
            year -= 1
    day = _holiday_day(name, year)
    return resolved(Period(day, "day"), "day", doc) if day else None
