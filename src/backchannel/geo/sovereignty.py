"""Which state a place belonged to on the document's date.

Gazetteers give today's country.  A report from 1995 about shelling in Juba is about Sudan, not South
Sudan, and coding it with a state that did not exist yet is wrong.  The table lists states that
seceded from another in the period news archives cover, with the date of independence (public
record; see each state's article in any encyclopedia).  Before that date a place in the new state is
coded with the state it seceded from.
"""

from __future__ import annotations

from collections.abc import Sequence

from backchannel.records import PlaceMention

__all__ = ["SECESSIONS", "as_of"]

# new state -> (state it left, first day of independence)
SECESSIONS: dict[str, tuple[str, str]] = {
    "SSD": ("SDN", "2011-07-09"),  # South Sudan from Sudan
    "ERI": ("ETH", "1993-05-24"),  # Eritrea from Ethiopia
    "NAM": ("ZAF", "1990-03-21"),  # Namibia from South African administration
    "TLS": ("IDN", "1999-10-25"),  # East Timor: Indonesian rule ended with the UN administration
}


def as_of(places: Sequence[PlaceMention], date: str | None) -> list[PlaceMention]:
    """``places`` with each country code the one in force on ``date`` (unchanged without a date)."""
    if not date or len(date) < 10:
        return list(places)
    out: list[PlaceMention] = []
    for place in places:
        seceded = SECESSIONS.get(place.country_code or "")
        if seceded is not None and date < seceded[1]:
            place = place.model_copy(update={"country_code": seceded[0]})
        out.append(place)
    return out
