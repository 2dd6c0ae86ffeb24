"""Calendar periods: arithmetic on the document date and the value strings of ``TimeMention``.

Values follow the ``TimeMention`` contract: ``YYYY-MM-DD`` for day and week (the Monday that starts
the week), ``YYYY-MM`` for month, season and quarter (the first month of the period), ``YYYY`` for
year, decade (first year, e.g. ``1990``) and century (first year, e.g. ``1900`` for the 20th).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

__all__ = ["HISTORICAL_DAYS", "Period", "period_end", "shift", "week_start"]

# A period that ends more than this many days before the document date is "historical".
HISTORICAL_DAYS = 365


@dataclass(frozen=True)
class Period:
    """A calendar period: its first day and its precision."""

    start: dt.date
    precision: str

    @property
    def value(self) -> str:
        p = self.precision
        if p in ("day", "week"):
            return self.start.isoformat()
        if p in ("month", "season", "quarter"):
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"

    def is_historical(self, doc_date: dt.date | None) -> bool:
        if doc_date is None:
            return False
        return period_end(self) < doc_date - dt.timedelta(days=HISTORICAL_DAYS)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def period_end(period: Period) -> dt.date:
    """Last day of the period."""
    step = {
        "day": relativedelta(days=1),
        "week": relativedelta(weeks=1),
        "month": relativedelta(months=1),
        "season": relativedelta(months=3),
        "quarter": relativedelta(months=3),
        "year": relativedelta(years=1),
        "decade": relativedelta(years=10),
        "century": relativedelta(years=100),
    }.get(period.precision, relativedelta(days=1))
    end: dt.date = period.start + step - relativedelta(days=1)
    return end


def shift(day: dt.date, unit: str, amount: int) -> Period:
    """The period ``amount`` units away from ``day`` (negative = back), at the unit's precision."""
    if unit == "day":
        return Period(day + dt.timedelta(days=amount), "day")
    if unit == "week":
        return Period(week_start(day + dt.timedelta(weeks=amount)), "week")
    if unit == "month":
        moved = day + relativedelta(months=amount)
        return Period(moved.replace(day=1), "month")
    if unit == "quarter":
        moved = day + relativedelta(months=3 * amount)
        return Period(dt.date(moved.year, 3 * ((moved.month - 1) // 3) + 1, 1), "quarter")
    if unit == "decade":
        unit, amount = "year", amount * 10
    if unit == "century":
        unit, amount = "year", amount * 100
    moved = day + relativedelta(years=amount)
    return Period(dt.date(moved.year, 1, 1), "year")
