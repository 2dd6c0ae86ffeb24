"""CAMEO-style TSV with GDELT 1.0 event columns: one row per (actor, recipient) pair of an event.

Columns are those of a GDELT 1.0 event file (58, ``GLOBALEVENTID`` ... ``SOURCEURL``), followed by
Backchannel's own (``BC_*``: event and document id, PLOVER type, mode, context, status, spans and the
sentence).  It starts with a header line; like GDELT's, the file is tab-separated without quoting (tabs
and line breaks inside a value become spaces): read it with
``pandas.read_csv(path, sep="\\t", quoting=csv.QUOTE_NONE)``.

How the columns are filled (differences from GDELT are deliberate and listed here):

- Rows: an event with recipients gives one row per actor x recipient (as ``event_dyads``); one
  without recipients gives one row per unordered pair of its actors (PLOVER codes both sides of a
  reciprocal meeting or clash as actors), else one row with an empty Actor2.
- ``GLOBALEVENTID``: ``<event_id>-<n>``, a string unique in the file (GDELT uses an integer).
- ``SQLDATE`` etc.: the first day of the event's date; ``BC_DatePrecision`` says how precise it is.
- ``ActorNCode`` = country + sector (``PSEREB``, ``CHNDIP``); ``ActorNCountryCode``: ISO 3166 alpha-3
  (non-state codes such as ``IGO`` only in ``ActorNCode``); ``ActorNType1Code``: the sector.
- ``EventCode``: see ``cameo_codes``; base and root codes are its first three and two digits.
- ``QuadClass``: the PLOVER quad class (same 1-4 meaning as GDELT's); ``GoldsteinScale``: our
  Goldstein-like intensity.  ``NumMentions``/``NumSources``/``NumArticles``: 1 (a row is one coded mention;
  ``BC_FusedId`` links the mentions of one real event).
- ``IsRootEvent``: 1 when the sentence lies in the document's first paragraph.
- ``ActionGeo_*``: the event's place; ``ActionGeo_CountryCode`` is ISO alpha-3 (GDELT uses FIPS 10-4);
  ``ActionGeo_Type`` 1 country, 5 first-level division, 4 other places; ``ActionGeo_FeatureID`` the
  GeoNames id.  Actor geography, known-group, ethnic and religion codes and ``AvgTone`` stay empty.
- ``DATEADDED``: the day the document was ingested; ``SOURCEURL``: its URL, else its document id.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import combinations
from typing import TextIO

from backchannel.export.cameo_codes import CameoCode, cameo_code
from backchannel.export.source import ExportEvent, ExportSet
from backchannel.store.models import EventActor

__all__ = ["BC_COLUMNS", "GDELT_COLUMNS", "cameo_rows", "event_code", "write_cameo"]

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
BC_COLUMNS: tuple[str, ...] = (
    "BC_EventId", "BC_DocId", "BC_PloverType", "BC_Mode", "BC_Context", "BC_Status", "BC_DatePrecision",
    "BC_CameoSource", "BC_Actor1Key", "BC_Actor2Key", "BC_SentenceStart", "BC_SentenceEnd",
    "BC_TriggerStart", "BC_TriggerEnd", "BC_Trigger", "BC_FusedId", "BC_Sentence",
)  # fmt: skip

_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
_NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "UAF"})
Cell = str | int | float | None


def _is_state(a: EventActor, events: ExportSet) -> bool:
    return a.sector in _STATE_SECTORS or (events.kind(a) == "country" and a.sector is None)


def event_code(e: ExportEvent, events: ExportSet) -> CameoCode:
    """The CAMEO code of one exported event."""
    row = e.row
    state = any(_is_state(a, events) for a in (*row.actors, *row.recipients))
    return cameo_code(row.event_type, row.mode, e.provenance.context, state_force=state)


def _pairs(e: ExportEvent) -> Iterator[tuple[EventActor | None, EventActor | None]]:
    row = e.row
    if row.recipients and row.actors:
        pairs = [(a, r) for a in row.actors for r in row.recipients if a.key != r.key]
        yield from pairs
        if not pairs:
            yield row.actors[0], None
    elif len(row.actors) > 1:
        yield from combinations(row.actors, 2)
    elif row.actors:
        yield row.actors[0], None
    else:
        yield None, row.recipients[0] if row.recipients else None


def _country(code: str | None) -> str | None:
    return code if code and len(code) == 3 and code not in _NON_STATE_CODES else None


def _actor(a: EventActor | None, events: ExportSet) -> list[Cell]:
    if a is None:
        return [None] * len(_ACTOR)
    code = (a.country or "") + (a.sector or "")
    return [code or None, events.name(a), _country(a.country), None, None, None, None, a.sector, None, None]


def _geo_type(feature_code: str | None) -> int | None:
    if not feature_code:
        return None
    if feature_code.startswith("PCL"):
        return 1
    return 5 if feature_code == "ADM1" else 4


def _clean(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def cameo_rows(events: ExportSet) -> Iterator[dict[str, Cell]]:
    """The export's rows as column -> value dicts (GDELT columns, then ``BC_*``)."""
    for e in events.events:
        row, prov, doc = e.row, e.provenance, e.document
        code = event_code(e, events)
        day = date.fromisoformat(row.day) if row.day else None
        when: list[Cell] = [None] * 4
        if day:
            fraction = round(day.year + (day.timetuple().tm_yday / 365.0), 4)
            when = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, fraction]
        loc = row.location
        action: list[Cell] = [None] * len(_GEO)
        if loc:
            action = [_geo_type(loc.feature_code), loc.name or loc.text, loc.country_code, None, loc.lat, loc.lon,
                      loc.geonameid]  # fmt: skip
        added = doc.ingested_at.strftime("%Y%m%d") if doc.ingested_at else None
        for n, (first, second) in enumerate(_pairs(e), start=1):
            values: list[Cell] = [
                f"{row.event_id}-{n}", *when, *_actor(first, events), *_actor(second, events),
                int(e.in_lead), code.code, code.base, code.root, row.quad_class, row.intensity, 1, 1, 1, None,
                *([None] * len(_GEO)), *([None] * len(_GEO)), *action,
                added, doc.url or doc.doc_id,
                row.event_id, row.doc_id, row.event_type, row.mode, ";".join(prov.context), row.status,
                row.date_precision, code.source, first.key if first else None, second.key if second else None,
                prov.sentence.start, prov.sentence.end, prov.trigger.start, prov.trigger.end, prov.trigger.text,
                e.fused_id, prov.sentence.text,
            ]  # fmt: skip
            yield dict(zip((*GDELT_COLUMNS, *BC_COLUMNS), values, strict=True))


def write_cameo(events: ExportSet, out: TextIO) -> int:
    """Write the header and one tab-separated line per row; returns the number of rows."""
    columns = (*GDELT_COLUMNS, *BC_COLUMNS)
    out.write("\t".join(columns) + "\n")
    count = 0
    for r in cameo_rows(events):
        out.write("\t".join(_clean(r[c]) for c in columns) + "\n")
        count += 1
    return count
