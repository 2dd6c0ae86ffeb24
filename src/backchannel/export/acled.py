"""ACLED-style CSV of the violence and demonstration events: one row per event.

Columns follow ACLED's export (codebook 2023): ``event_id_cnty``, ``event_date`` (YYYY-MM-DD),
``year``, ``time_precision``, ``disorder_type``, ``event_type``, ``sub_event_type``, ``actor1``,
``assoc_actor_1``, ``inter1``, ``actor2``, ``assoc_actor_2``, ``inter2``, ``interaction``,
``civilian_targeting``, ``iso``, ``region``, ``country``, ``admin1``-``admin3``, ``location``,
``latitude``, ``longitude``, ``geo_precision``, ``source``, ``source_scale``, ``notes`` (the coded
sentence), ``fatalities``, ``tags``, ``timestamp``; then Backchannel's ``bc_*`` columns.  Columns we do
not code (region, admin levels, source scale, fatalities, tags) stay empty, never zero.

Which events: asserted (not negated, hypothetical or future) and dated PLOVER events that ACLED
records as political violence or demonstrations, mapped from PLOVER type, mode, trigger and the actors'
sectors:

- PROTEST -> Protests / Peaceful protest; mode ``riot`` -> Riots / Violent demonstration.
- ASSAULT by a crowd (opposition or civilian sector) -> Riots / Violent demonstration, or Mob violence
  against civilians; by other unarmed people (students, journalists...) -> Riots / Mob violence; mode
  ``crowd-control`` -> Protests / Excessive force against protesters.
- ASSAULT modes ``sexual``, ``abduct`` (against civilians) -> Violence against civilians / Sexual
  violence, Abduction/forced disappearance; ``suicide-attack``, ``explosives``, ``unconventional`` ->
  Explosions/Remote violence / Suicide bomb, Remote explosive/landmine/IED, Chemical weapon; ``aerial``,
  ``drone`` or an air-strike trigger -> Air/drone strike; ``heavy-weapons`` or a shelling, missile,
  rocket or artillery trigger -> Shelling/artillery/missile attack.
- Any other ASSAULT -> Violence against civilians / Attack when the recipient is civilian, else
  Battles / Armed clash.
- COERCE, MOBILIZE and the rest are ACLED "Strategic developments" at most and are left out.

Actor names: a party the text names keeps its name; state forces, unnamed armed parties and civilians
take ACLED's names (``acled_actors``).  Rows of one document with the same day, place and actors are one
ACLED event (``_fold``).

``inter`` codes (ACLED's 1-8): state forces 1 (8 when operating outside their own country; a leader or
minister who attacks counts as the state's forces, one who is attacked as a civilian), rebels 2,
unidentified armed groups, criminals and armed parties 3, rioters 5, protesters 6, civilians 7,
international organisations 8.  In protests and riots ``actor1`` is "Protesters (Country)" or "Rioters
(Country)" as in ACLED, with our named actors as ``assoc_actor_1``.  ``country``/``iso`` are those of the
event's place, else of the demonstrators or the target; ``iso`` is ISO 3166 numeric as in ACLED.
``time_precision``: 1 for a day, 2 for a week or the document date standing in for an unstated one, 3 for
longer periods.  ``geo_precision``: 1 populated place, 2 district or region, 3 country.
``event_id_cnty``: alpha-3 of the country + running number (ACLED uses its own country acronyms).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TextIO

import pycountry

from backchannel.export.acled_actors import AcledNames, acled_names
from backchannel.export.source import ExportEvent, ExportSet
from backchannel.store.models import EventActor

__all__ = ["ACLED_COLUMNS", "AcledType", "acled_rows", "acled_type", "write_acled"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "bc_event_id", "bc_doc_id", "bc_plover_type", "bc_mode", "bc_actor1_key", "bc_actor2_key",
    "bc_sentence_start", "bc_sentence_end", "bc_same_event_ids",
)  # fmt: skip

BATTLES, EXPLOSIONS, VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS = "Protests", "Riots"

_STATE = frozenset({"MIL", "COP", "SPY"})
_MILITIA = frozenset({"UAF", "CRM", "PTY"})
_CROWD = frozenset({"OPP", "CVL"})
_AIR = re.compile(r"\b(air ?strikes?|air ?raids?|drones?|strikes?|struck|bomb(s|ed|ing|ings)?|bombard\w*)\b")
_SHELLING = re.compile(r"\b(shell(s|ed|ing)?|missiles?|rockets?|artillery|mortars?)\b")
_MODE_TYPES: dict[str, tuple[str, str]] = {
    "sexual": (VAC, "Sexual violence"),
    "suicide-attack": (EXPLOSIONS, "Suicide bomb"),
    "explosives": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "unconventional": (EXPLOSIONS, "Chemical weapon"),
    "aerial": (EXPLOSIONS, "Air/drone strike"),
    "drone": (EXPLOSIONS, "Air/drone strike"),
    "crowd-control": (PROTESTS, "Excessive force against protesters"),
}
_DISORDER = {BATTLES: "Political violence", EXPLOSIONS: "Political violence", VAC: "Political violence",
             PROTESTS: "Demonstrations", RIOTS: "Demonstrations"}  # fmt: skip
_TIME_PRECISION = {"day": 1, "week": 2, "document": 2}


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str

    @property
    def disorder_type(self) -> str:
        return _DISORDER[self.event_type]


def _inter(a: EventActor | None, events: ExportSet, where: str | None, perpetrator: bool = False) -> int | None:
    """ACLED's actor type; ``None`` for an unknown actor (unresolved and without a sector).

    A head of state or minister who attacks stands for the state's forces; one who is attacked is a civilian.
    """
    if a is None:
        return None
    if a.country == "IGO":
        return 8
    state_body = a.actor_id and (perpetrator or events.kind(a) != "person") and a.sector in (None, "GOV")
    if a.sector in _STATE or (state_body and a.country and _iso_numeric(a.country)):
        return 8 if where and a.country and a.country != where else 1
    if a.sector == "REB":
        return 2
    if a.sector in _MILITIA:
        return 3
    if a.sector is None and not a.actor_id:
        return None
    return 7


def _is_civilian(a: EventActor | None, events: ExportSet) -> bool:
    return a is not None and _inter(a, events, None) == 7


def _sides(e: ExportEvent) -> tuple[list[EventActor], list[EventActor]]:
    row = e.row
    if row.recipients:
        return list(row.actors), list(row.recipients)
    return list(row.actors[:1]), list(row.actors[1:])  # two-sided violence: every side is an actor


def acled_type(e: ExportEvent, events: ExportSet) -> AcledType | None:
    """ACLED event and sub-event type of an event, or ``None`` when ACLED would not record it here."""
    row = e.row
    if row.event_type == "PROTEST":
        riot = row.mode == "riot"
        return AcledType(RIOTS, "Violent demonstration") if riot else AcledType(PROTESTS, "Peaceful protest")
    if row.event_type != "ASSAULT":
        return None
    first, second = _sides(e)
    target = second[0] if second else None
    civilian_target = _is_civilian(target, events)
    if row.actors and all(a.sector in _CROWD for a in row.actors):
        return AcledType(RIOTS, "Mob violence" if civilian_target else "Violent demonstration")
    if first and _inter(first[0], events, None, perpetrator=True) == 7:  # unarmed people committing violence
        return AcledType(RIOTS, "Mob violence")
    if row.mode in _MODE_TYPES:
        return AcledType(*_MODE_TYPES[row.mode])
    if row.mode == "abduct" and (target is None or civilian_target):
        return AcledType(VAC, "Abduction/forced disappearance")
    trigger = e.provenance.trigger.text.lower()
    if row.mode == "heavy-weapons" or _SHELLING.search(trigger):
        return AcledType(EXPLOSIONS, "Shelling/artillery/missile attack")
    if _AIR.search(trigger):
        return AcledType(EXPLOSIONS, "Air/drone strike")
    return AcledType(VAC, "Attack") if civilian_target else AcledType(BATTLES, "Armed clash")


@cache
def _iso_numeric(alpha3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=alpha3)
    return str(country.numeric) if country else None


def _country_name(alpha3: str | None, events: ExportSet) -> str | None:
    if not alpha3:
        return None
    if alpha3 in events.country_names:
        return events.country_names[alpha3]
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return None
    name = str(getattr(country, "common_name", None) or country.name)
    return name.split(",")[0]


def _event_country(e: ExportEvent, kind: AcledType) -> str | None:
    row = e.row
    if row.location and row.location.country_code:
        return row.location.country_code
    people = (row.actors, row.recipients) if kind.event_type in (PROTESTS, RIOTS) else (row.recipients, row.actors)
    for group in people:
        for a in group:
            if a.country and _iso_numeric(a.country):
                return a.country
    return None


def _names(actors: list[EventActor], events: ExportSet) -> str | None:
    return "; ".join(events.name(a) for a in actors) or None


def _geo_precision(feature_code: str | None) -> int | None:
    if not feature_code:
        return None
    if feature_code.startswith("PCL"):
        return 3
    return 1 if feature_code.startswith("P") else 2


def _party(
    a: EventActor | None, inter: int | None, where: str | None, e: ExportEvent, events: ExportSet, names: AcledNames
) -> tuple[str | None, str | None, int | None]:
    """ACLED's ``(actor, associated actor, inter)`` for one party (``acled_actors``): the organisation of
    its members ("Hamas fighters" -> Hamas); state forces, an unidentified armed group or civilians by the
    codebook's names; any other party by its own name."""
    if a is None:
        return None, None, inter
    own = events.name(a)
    organisation = events.affiliation(e.row.doc_id, a) if _generic(a) else None
    if organisation and inter in (2, 3):
        return organisation, None, inter
    country = _country_name(a.country, events) or _country_name(where, events)
    named = not _generic(a)
    if inter in (1, 8):
        forces = names.forces(a.sector, country)
        if forces:
            return forces, (own if named else None), inter
    if inter in (2, 3) and not named:
        armed = names.armed(a.sector, country)
        if armed:
            return armed, None, 3
    if inter == 7:
        group = own if named else names.civilian_group(a.sector, country)
        return names.civilians(country), group, inter
    return own, None, inter


def _generic(a: EventActor) -> bool:
    """A party the text does not name: no entity, a state, or a state's people of one sector ("ISR_MIL")."""
    return not a.actor_id or a.actor_id in (a.country, f"{a.country}_{a.sector}")


def _joined(*names: str | None) -> str | None:
    return "; ".join(n for n in names if n) or None


def _violence_rows(events: ExportSet) -> Iterator[dict[str, str | int | float | None]]:
    """One ACLED row per asserted, dated violence or demonstration event, unnumbered and unfolded."""
    names = acled_names()
    for e in events.events:
        row, doc = e.row, e.document
        kind = acled_type(e, events)
        if kind is None or row.status != "asserted" or not row.day:
            continue
        where = _event_country(e, kind)
        first, second = _sides(e)
        a1, a2 = (first[0] if first else None), (second[0] if second else None)
        actor1, own1, inter1 = _party(a1, _inter(a1, events, where, perpetrator=True), where, e, events, names)
        actor2, own2, inter2 = _party(a2, _inter(a2, events, where), where, e, events, names)
        assoc1, assoc2 = _joined(own1, _names(first[1:], events)), _joined(own2, _names(second[1:], events))
        if kind.event_type in (PROTESTS, RIOTS) and kind.sub_event_type != "Excessive force against protesters":
            crowd = "Protesters" if kind.event_type == PROTESTS else "Rioters"
            name = _country_name(where, events)
            actor1, assoc1 = (f"{crowd} ({name})" if name else crowd), _names([a for a in first if a.actor_id], events)
            inter1 = 6 if kind.event_type == PROTESTS else 5
            if a2 is not None and a2.actor_id and a2.actor_id == a2.country:  # a state protested against: no party
                actor2, assoc2, inter2 = None, _names(second[1:], events), None
            elif a2 is not None:
                actor2, inter2 = events.name(a2), _inter(a2, events, where)
        elif kind.sub_event_type == "Excessive force against protesters":
            actor2, inter2 = (f"Protesters ({_country_name(where, events)})" if where else "Protesters"), 6
            assoc2 = _joined(own2, _names(second, events) if not own2 else None)
        codes = sorted(c for c in (inter1, inter2) if c is not None)
        interaction = int(f"{codes[0]}{codes[1] if len(codes) > 1 else 0}") if codes else None
        loc = row.location
        civilians = inter2 == 7 and kind.event_type in (VAC, EXPLOSIONS)
        yield {
            "event_id_cnty": where or "XXX",
            "event_date": row.day,
            "year": int(row.day[:4]),
            "time_precision": _TIME_PRECISION.get(row.date_precision, 3),
            "disorder_type": kind.disorder_type,
            "event_type": kind.event_type,
            "sub_event_type": kind.sub_event_type,
            "actor1": actor1,
            "assoc_actor_1": assoc1,
            "inter1": inter1,
            "actor2": actor2,
            "assoc_actor_2": assoc2,
            "inter2": inter2,
            "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if civilians else None,
            "iso": _iso_numeric(where) if where else None,
            "region": None,
            "country": _country_name(where, events),
            "admin1": None,
            "admin2": None,
            "admin3": None,
            "location": (loc.name or loc.text) if loc else None,
            "latitude": loc.lat if loc else None,
            "longitude": loc.lon if loc else None,
            "geo_precision": _geo_precision(loc.feature_code) if loc else None,
            "source": doc.source or doc.url or doc.doc_id,
            "source_scale": None,
            "notes": " ".join(e.provenance.sentence.text.split()),
            "fatalities": None,
            "tags": None,
            "timestamp": int(doc.ingested_at.timestamp()) if doc.ingested_at else None,
            "bc_event_id": row.event_id,
            "bc_doc_id": row.doc_id,
            "bc_plover_type": row.event_type,
            "bc_mode": row.mode,
            "bc_actor1_key": a1.key if a1 else None,
            "bc_actor2_key": a2.key if a2 else None,
            "bc_sentence_start": e.provenance.sentence.start,
            "bc_sentence_end": e.provenance.sentence.end,
            "bc_same_event_ids": None,
        }


def _fold(rows: list[dict[str, str | int | float | None]]) -> list[dict[str, str | int | float | None]]:
    """ACLED's unit of an event: one per day, location and pair of actors (codebook, "Event definition").

    Within one document, rows with the same day, location, actors and type are one event, and a row of
    political violence with no second actor ("gunmen opened fire") is the same event as the row of the
    same day, place and first actor that names whom it hit ("..., killing five"); the folded rows'
    event ids stay in ``bc_same_event_ids``."""
    kept: dict[tuple[object, ...], dict[str, str | int | float | None]] = {}
    named: dict[tuple[object, ...], dict[str, str | int | float | None]] = {}
    out: list[dict[str, str | int | float | None]] = []
    for r in rows:
        place = (r["bc_doc_id"], r["event_date"], r["location"] or r["country"], r["actor1"])
        exact = (*place, r["actor2"], r["event_type"], r["sub_event_type"])
        if exact not in kept:
            kept[exact] = r
            out.append(r)
            if r["actor2"] and r["disorder_type"] == "Political violence":
                named.setdefault(place, r)
        else:
            _join_same(kept[exact], r)
    folded = []
    for r in out:
        place = (r["bc_doc_id"], r["event_date"], r["location"] or r["country"], r["actor1"])
        target = named.get(place)
        if not r["actor2"] and r["disorder_type"] == "Political violence" and target is not None:
            _join_same(target, r)
            continue
        folded.append(r)
    return folded


def _join_same(into: dict[str, str | int | float | None], row: dict[str, str | int | float | None]) -> None:
    ids = [i for i in str(into["bc_same_event_ids"] or "").split(";") if i]
    ids += [str(row["bc_event_id"]), *(i for i in str(row["bc_same_event_ids"] or "").split(";") if i)]
    into["bc_same_event_ids"] = ";".join(ids)


def acled_rows(events: ExportSet) -> Iterator[dict[str, str | int | float | None]]:
    """One ACLED row per asserted, dated violence or demonstration event (``_fold``), in date order."""
    numbers: Counter[str] = Counter()
    for r in _fold(list(_violence_rows(events))):
        country = str(r["event_id_cnty"])
        numbers[country] += 1
        r["event_id_cnty"] = f"{country}{numbers[country]}"
        yield r


def write_acled(events: ExportSet, out: TextIO) -> int:
    """Write the CSV (header first); returns the number of events written."""
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for r in acled_rows(events):
        writer.writerow(r)
        count += 1
    return count
