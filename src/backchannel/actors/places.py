"""Which country a town or city named before a title is in ("Gyumri mayor", "the Mosul police chief").

The actor resolver takes a ``PlaceLookup`` as a resource: a callable from a place name to the countries a
populated place of that name may be in, most populous first, one when one place dominates.  The pipeline
builds it from the gazetteer it has already loaded (``GazetteerPlaces``); without one the resolver knows only
the sub-national units of its own tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backchannel.geo.gazetteer import Gazetteer

__all__ = ["GazetteerPlaces", "PlaceLookup"]

PlaceLookup = Callable[[str], tuple[str, ...]]

# Feature classes that stand for a town, city or first-order division; a name that is also a country, a
# continent, a sea or a region ("Gaza" is the Gaza Strip) is not looked up as a town.
_TOWNS = frozenset({"PPL", "PPLA", "PPLC"})
_DIVISIONS = frozenset({"ADM1"})
# A place of another country with at least this share of the largest one's people makes the name ambiguous
# ("Valencia": Venezuela and Spain; "Hyderabad": India and Pakistan); the text's countries decide then.
_RIVAL_SHARE = 0.25
_CACHE_LIMIT = 20_000


class GazetteerPlaces:
    """A ``PlaceLookup`` over a loaded gazetteer: towns of at least ``min_population`` people, capitals and
    provincial seats of any size, first-order divisions; never a demonym or a known non-place."""

    def __init__(self, gazetteer: Gazetteer, min_population: int = 50_000) -> None:
        self._gazetteer = gazetteer
        self._min_population = min_population
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, name: str) -> tuple[str, ...]:
        found = self._cache.get(name)
        if found is None:
            found = self._countries(name)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[name] = found
        return found

    def _countries(self, name: str) -> tuple[str, ...]:
        gazetteer = self._gazetteer
        if gazetteer.demonym_country(name) or gazetteer.is_nonplace(name):
            return ()
        matches = gazetteer.lookup(name)
        if any(m.entry.feature_code not in _TOWNS | _DIVISIONS for m in matches):
            return ()  # "Georgia", "Gaza": the name of a country or region first
        sizes: dict[str, int] = {}
        for match in matches:
            entry = match.entry
            if entry.country is None or not match.primary:
                continue  # a former or foreign name ("Salisbury") is not how a town's mayor is written
            if entry.feature_code == "PPL" and entry.population < self._min_population:
                continue
            sizes[entry.country] = max(sizes.get(entry.country, 0), entry.population)
        if not sizes:
            return ()
        ranked = sorted(sizes, key=lambda code: -sizes[code])
        top = sizes[ranked[0]]
        return tuple(code for code in ranked if code == ranked[0] or sizes[code] >= _RIVAL_SHARE * top)
