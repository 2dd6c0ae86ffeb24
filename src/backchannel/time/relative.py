"""Resolvers for expressions relative to the document date: today, Tuesday, last week, two years ago, soon.

Each resolver reads a match against the document date and returns a ``Resolution`` or ``None``.
With no document date these stay unresolved (``value=None``) at the precision they express.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from .base import QUAL_AFTER, QUAL_APPROX, QUAL_BEFORE, Match, Resolution, quarter_start, resolved, unit_of, vague_ref
from .context import direction, is_capitalised, past_narrative
from .lexicon import ORDINALS, WEEKDAYS, number_value
from .periods import Period, shift, week_start

__all__ = [
    "resolve_ago",
    "resolve_anaphoric",
    "resolve_deictic_day",
    "resolve_edge_of_year",
    "resolve_future",
    "resolve_past",
    "resolve_present",
    "resolve_relative_unit",
    "resolve_weekday",
    "resolve_weekend",
    "resolve_within",
    "resolve_year_ago_adjective",
]


_DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def resolve_deictic_day(m: Match) -> Resolution | None:
    word = m.g("word")
    words = word.split()
    if word.startswith("the day before"):
        offset = -2
    elif word.startswith("the day after"):
        offset = 2
    elif words[0] in ("this", "tonight"):
        offset = 0
    elif word == "last night":
        offset = -1
    else:
        offset = next(_DEICTIC_DAYS[w] for w in words if w in _DEICTIC_DAYS)
    doc = m.doc_date
    if doc is None:
        return resolved(None, "day", doc)
    return resolved(Period(doc + dt.timedelta(days=offset), "day"), "day", doc)


def resolve_weekday(m: Match) -> Resolution | None:
    word = m.m.group("dow")
    if not (is_capitalised(word) or word.isupper()):
        return None
    doc = m.doc_date
    if doc is None:
        return resolved(None, "day", doc)
    target = WEEKDAYS[word.lower()]
    mod = " ".join(m.g("mod").split())
    back = (doc.weekday() - target) % 7
    fwd = (target - doc.weekday()) % 7
    if mod in ("last", "this past", "the previous", "past"):
        offset = -(back or 7)
    elif mod in ("next", "this coming", "the following", "coming"):
        offset = fwd or 7
    elif back == 0:
        offset = 0  # the weekday of the document date is the document date
    elif direction(m.text, m.m.start(), m.m.end()) > 0:
        offset = fwd  # without a clue a weekday is the past one: news reports what happened
    else:
        offset = -back
    return resolved(Period(doc + dt.timedelta(days=offset), "day"), "day", doc)


_RELATIVE_STEP = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "this past": -1,
    "last": -1,
    "past": -1,
    "previous": -1,
    "the previous": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "this coming": 1,
    "the next": 1,
    "the following": 1,
    "the full": 0,
    "the whole": 0,
    "the entire": 0,
}


def resolve_relative_unit(m: Match) -> Resolution | None:
    """'this month', 'last week', 'earlier this year', 'next year', 'the end of the month'."""
    unit_word = " ".join(m.g("unit").split())
    mod = " ".join(m.g("mod").split())
    unit = {"weekend": "week", "fiscal year": "year"}.get(unit_word, unit_word)
    step = _RELATIVE_STEP.get(mod, 0)
    if mod in ("this past",) and unit == "week":
        step = -1
    doc = m.doc_date
    anaphoric = mod in ("the previous", "the following")
    if doc is None or anaphoric:
        return resolved(None, unit if unit in ("week", "month", "quarter", "year") else "unknown", doc)
    if unit in ("decade", "century"):
        span = 10 if unit == "decade" else 100
        base = doc.year // span * span + step * span
        return resolved(Period(dt.date(max(base, 1), 1, 1), unit), unit, doc)
    period = shift(doc, unit, step)
    return resolved(period, period.precision, doc)


def resolve_ago(m: Match) -> Resolution | None:
    """'two years ago', 'more than a decade ago', 'a few days ago', 'a year earlier'."""
    parsed = number_value(m.g("qty"))
    if parsed is None:
        return None
    count, vague = parsed
    unit, mult = unit_of(m.g("unit"))
    qual = " ".join(m.g("qual").split())
    direction_word = m.g("dir")
    relation = "before" if qual in QUAL_BEFORE else "after" if qual in QUAL_AFTER else "on"
    approximate = vague or qual in QUAL_APPROX or relation != "on"
    sign = 1 if direction_word in ("later", "from now", "hence") else -1
    if sign > 0 and relation != "on":
        relation = "after" if relation == "before" else "before"
    precision = {"decade": "year", "century": "year"}.get(unit, unit)
    doc = m.doc_date
    if doc is not None and unit == "year" and count == 1 and not vague and direction_word in ("ago", "earlier"):
        year_ago = _year_ago_quarter(m, doc)
        if year_ago is not None:
            return resolved(year_ago, "quarter", doc, approximate, relation)
    if doc is None or direction_word in ("later",) or (direction_word == "earlier" and unit != "year"):
        # "two days later": anchored on the story's own time, which we do not know
        return resolved(None, precision, doc, approximate, relation)
    return resolved(shift(doc, unit, sign * count * mult), precision, doc, approximate, relation)


_QUARTER_WORD = re.compile(r"\bquarter\b", re.IGNORECASE)
_QUARTER_ORDINAL = re.compile(r"\b(first|second|third|fourth)[-\s]+(?:fiscal[-\s]+)?quarter\b", re.IGNORECASE)


def _year_ago_quarter(m: Match, doc: dt.date) -> Period | None:
    """In quarterly results, "a year ago" / "year-earlier" is the same quarter one year back."""
    window = m.text[max(0, m.m.start() - 200) : m.m.end() + 80]
    if not _QUARTER_WORD.search(window):
        return None
    named = _QUARTER_ORDINAL.findall(window)
    if named:
        q = ORDINALS[named[-1].lower()]
        return Period(quarter_start(doc.year - 1, q), "quarter")
    latest = quarter_start(doc.year, (doc.month - 1) // 3 + 1) - relativedelta(months=3)
    return Period(latest - relativedelta(years=1), "quarter")


def resolve_year_ago_adjective(m: Match) -> Resolution | None:
    """'year-earlier', 'year-ago', 'the year-ago period' (comparisons in results)."""
    doc = m.doc_date
    if doc is None:
        return resolved(None, "year", doc)
    same_quarter = _year_ago_quarter(m, doc)
    if same_quarter is not None:
        return resolved(same_quarter, "quarter", doc)
    return resolved(Period(dt.date(doc.year - 1, 1, 1), "year"), "year", doc)


def resolve_weekend(m: Match) -> Resolution | None:
    doc = m.doc_date
    if doc is None:
        return resolved(None, "week", doc)
    mod = " ".join(m.g("mod").split())
    saturday = doc + dt.timedelta(days=(5 - doc.weekday()) % 7)  # this week's (or today's) Saturday
    if doc.weekday() == 6:
        saturday = doc - dt.timedelta(days=1)
    if mod in ("last", "this past", "past"):
        day = saturday - dt.timedelta(weeks=1) if saturday >= doc - dt.timedelta(days=1) else saturday
    elif mod in ("next", "this coming", "coming"):
        day = saturday + dt.timedelta(weeks=1) if saturday <= doc else saturday
    elif mod == "this":
        day = saturday
    elif saturday > doc and direction(m.text, m.m.start(), m.m.end()) <= 0:
        day = saturday - dt.timedelta(weeks=1)
    else:
        day = saturday
    return resolved(Period(week_start(day), "week"), "week", doc)


def resolve_within(m: Match) -> Resolution | None:
    """'within a few weeks', 'in two days', 'in the coming months'."""
    qty = m.g("qty")
    parsed = number_value(qty) if qty else (3, True)
    if parsed is None:
        return None
    count, vague = parsed
    unit, mult = unit_of(m.g("unit"))
    relation = "before" if m.g("lead").startswith("within") else "on"
    doc = m.doc_date
    precision = {"decade": "year", "century": "year"}.get(unit, unit)
    if past_narrative(m.text, m.m.start(), m.m.end()):
        # "within a few days, Russia sent...": counted from the story's own time, which we do not know
        return resolved(None, precision, doc, True, relation)
    if doc is None:
        return resolved(None, precision, doc, True if vague or not qty else relation != "on", relation)
    return resolved(shift(doc, unit, count * mult), precision, doc, vague or not qty or relation != "on", relation)


def resolve_edge_of_year(m: Match) -> Resolution | None:
    doc = m.doc_date
    if doc is None:
        return resolved(None, "year", doc)
    return resolved(Period(dt.date(doc.year, 1, 1), "year"), "year", doc)


def resolve_present(m: Match) -> Resolution | None:
    return vague_ref("on")


def resolve_past(m: Match) -> Resolution | None:
    unit = (m.g("unit") or m.g("unit2") or m.g("unit3")).rstrip("s")
    return vague_ref("before", unit if unit in ("day", "week", "month", "year") else "unknown")


def resolve_future(m: Match) -> Resolution | None:
    unit = m.g("unit").rstrip("s")
    return vague_ref("after", unit if unit in ("day", "week", "month", "quarter", "year") else "unknown")


def resolve_anaphoric(m: Match) -> Resolution | None:
    unit = m.g("unit")
    return Resolution(None, unit if unit in ("day", "week", "month", "year", "quarter") else "unknown")
