"""Normalise document dates to ``YYYY-MM-DD``.

Accepted: ISO dates and datetimes (``2024-03-01``, ``2024-03-01T08:00:00Z``), compact
``20080804``, RFC 822 feed dates (``Fri, 01 Mar 2024 10:00:00 GMT``) and written dates
(``March 1, 2024``, ``1 March 2024``).  A datetime keeps the calendar date as written (no
conversion to UTC): the publisher's local date is the document date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz

__all__ = ["normalise_date"]

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)")
_ISO_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T?\d{2}:?\d{2})")
_WRITTEN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")


def _make(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def normalise_date(value: str | int | None) -> str | None:
    """``value`` as ``YYYY-MM-DD``, or None when it is missing or not a recognisable date."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_ISO, _ISO_SLASH, _COMPACT):
        match = pattern.match(text)
        if match:
            return _make(*match.groups())
    parsed = parsedate_tz(text)
    if parsed is not None and parsed[0] > 0:
        return _make(parsed[0], parsed[1], parsed[2])
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None
