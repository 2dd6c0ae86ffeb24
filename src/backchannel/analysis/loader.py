"""Load stored events and their participants for the network analyses (read-only, one query per table).

The analyses work on a ``Corpus``: the events of a time window with their actors,
recipients, mediators and reporters, and what the store knows about each actor
(name, country, sector, kind, and the organisation a person belongs to).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import replace as with_fields
from datetime import date
from typing import Any

import duckdb

from backchannel.analysis.models import Evidence
from backchannel.store.errors import InvalidQuery
from backchannel.store.nodes import NON_STATE_CODES, describe
from backchannel.store.queries import EventFilter, event_clauses, resolve_actor

__all__ = [
    "LEVELS",
    "ActorInfo",
    "Corpus",
    "EventView",
    "Participant",
    "load_corpus",
    "parse_window",
    "resolve_side",
]

Connection = duckdb.DuckDBPyConnection

# Contact levels from the most to the least senior; "unspecified" is a collective actor (a state, a group).
LEVELS: tuple[str, ...] = ("head", "minister", "party official", "envoy", "ambassador", "official", "unspecified")
_LEVEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "head",
        re.compile(
            r"\b(president|prime minister|premier|king|queen|emir|amir|sultan|crown prince|chancellor|"
            r"supreme leader|head of (state|government)|monarch)\b"
        ),
    ),
    ("minister", re.compile(r"\b(minister|secretary of state|foreign secretary|secretary of defense)\b")),
    (
        "party official",
        re.compile(r"\b(political bureau|politburo|party|chairman|secretary[- ]general|leader|spokes(man|person))\b"),
    ),
    ("envoy", re.compile(r"\b(envoy|special representative|emissary|negotiator|adviser|advisor|representative)\b")),
    ("ambassador", re.compile(r"\b(ambassador|charg[eé] d'affaires|consul|diplomat)\b")),
)
_STATE_CODE = re.compile(r"^[A-Z]{3}$")
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class ActorInfo:
    key: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    affiliation: str | None = None  # actor key of the organisation a person belongs to (Haniyeh -> HAMAS)


@dataclass(frozen=True)
class Participant:
    key: str
    role: str  # actor, recipient, mediator, reported_by
    text: str
    title: str | None = None
    country: str | None = None
    sector: str | None = None
    node: str = ""  # the network node the participant is (``store.nodes``): USA_LEG for "Congress"; "": its key

    @property
    def party(self) -> str:
        """The node this participant is in the network analyses (its actor key when no node is known)."""
        return self.node or self.key


@dataclass(frozen=True)
class EventView:
    event_id: str
    doc_id: str
    day: date | None
    event_type: str
    mode: str | None
    status: str
    quad_class: int
    intensity: float
    trigger: str
    sentence: str
    context: tuple[str, ...] = ()
    actors: tuple[Participant, ...] = ()
    recipients: tuple[Participant, ...] = ()
    mediators: tuple[Participant, ...] = ()
    reported_by: tuple[Participant, ...] = ()
    fused_id: str | None = None  # set when the store has fused mentions of one real event

    @property
    def real_id(self) -> str:
        """The id of the real event: its fused event, else this mention."""
        return self.fused_id or self.event_id

    @property
    def cooperative(self) -> bool:
        return self.quad_class in (1, 2)

    def evidence(self) -> Evidence:
        return Evidence(
            event_id=self.event_id, doc_id=self.doc_id, day=self.day.isoformat() if self.day else None,
            event_type=self.event_type, mode=self.mode, status=self.status, quad_class=self.quad_class,
            intensity=self.intensity, trigger=self.trigger, sentence=self.sentence, fused_id=self.fused_id,
        )  # fmt: skip

    def counterparts(self) -> list[tuple[Participant, Participant, str]]:
        """Pairs of participants who deal with each other in this event, with how.

        ``directed``: actor -> recipient.  ``mutual``: two actors of an event without recipients
        ("Israel and Hamas agreed", "talks between Fatah and Hamas").  ``mediation``: mediator -> party.
        Two participants that are one network node (a state and its generic office holder) are no pair.
        """
        pairs: list[tuple[Participant, Participant, str]] = []
        if self.recipients:
            pairs += [(a, r, "directed") for a in self.actors for r in self.recipients if a.party != r.party]
        else:
            pairs += [
                (a, b, "mutual") for i, a in enumerate(self.actors) for b in self.actors[i + 1 :] if a.party != b.party
            ]
        parties = self.actors + self.recipients
        pairs += [(m, p, "mediation") for m in self.mediators for p in parties if m.party != p.party]
        return pairs


@dataclass
class Corpus:
    """The events of a window and the actors they involve."""

    events: list[EventView]
    actors: dict[str, ActorInfo] = field(default_factory=dict)

    def info(self, key: str) -> ActorInfo:
        return self.actors.get(key) or ActorInfo(key=key)

    def real_events(self) -> int:
        """The real events among the loaded mentions (a fused event once), as the aggregates count them."""
        return len({e.real_id for e in self.events})

    def name(self, key: str) -> str | None:
        return self.info(key).name

    def is_state(self, key: str) -> bool:
        info = self.actors.get(key)
        if info is not None and info.kind is not None:
            return info.kind == "country"
        return bool(_STATE_CODE.match(key)) and key not in NON_STATE_CODES

    def level(self, p: Participant) -> str:
        """How senior a participant is: from its title, else its sector; collective actors are unspecified."""
        info = self.info(p.key)
        title = (p.title or "").lower()
        for level, pattern in _LEVEL_WORDS:
            if title and pattern.search(title):
                return level
        if (p.sector or info.sector) == "DIP":
            return "ambassador"
        if info.kind == "person" or p.key.startswith("P:"):
            return "official"
        return "unspecified"

    def owner(self, key: str) -> str | None:
        """The organisation or state an actor belongs to or acts for, if it is not that body itself."""
        info = self.info(key)
        if info.affiliation and info.affiliation != key:
            return info.affiliation
        country = info.country
        if not country or country == key or not self.is_state(country):
            return None
        # Persons and state bodies (government, military, diplomats: CHN_DIP, RUS_MIL) act for their state.
        if info.kind == "person" or key.startswith("P:") or (info.sector in ("GOV", "MIL", "DIP") and "_" in key):
            return country
        return None

    def rollup(self, key: str) -> str:
        """The body an actor stands for (a person -> its organisation or state), else the actor itself."""
        seen = {key}
        current = key
        while (up := self.owner(current)) is not None and up not in seen:
            seen.add(up)
            current = up
        return current


def parse_window(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """Inclusive day bounds from YYYY[-MM[-DD]] strings; a bare year or month covers all of it."""

    def parse(value: str | None, name: str, last: bool) -> date | None:
        if not value:
            return None
        if not _DAY.match(value):
            raise InvalidQuery(f"{name}: expected a date YYYY-MM-DD, got {value!r}")
        parts = [int(p) for p in value.split("-")]
        try:
            if len(parts) == 3:
                return date(*parts)
            if len(parts) == 2:
                if not last:
                    return date(parts[0], parts[1], 1)
                following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
                return date.fromordinal(following.toordinal() - 1)
            return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
        except ValueError as exc:
            raise InvalidQuery(f"{name}: {value!r} is not a valid date ({exc})") from exc

    return parse(since, "since", last=False), parse(until, "until", last=True)


def resolve_side(con: Connection, ref: str, name: str) -> list[str]:
    """Actor keys a user's reference names; an unknown reference is an ``InvalidQuery``."""
    keys = resolve_actor(con, ref.strip())
    if not keys:
        raise InvalidQuery(f"{name}: no stored actor matches {ref!r} (try `backchannel actors --search`)")
    return keys


def _fetch(con: Connection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in con.execute(sql, params).fetchall()]


def _actor_infos(con: Connection, keys: Iterable[str]) -> dict[str, ActorInfo]:
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = _fetch(
        con,
        "SELECT actor_key, name, country, sector, kind FROM actors WHERE actor_key IN (SELECT unnest(?::TEXT[]))",
        [wanted],
    )
    affiliations: dict[str, Counter[str]] = defaultdict(Counter)
    for key, affiliation, n in _fetch(
        con,
        "SELECT actor_key, affiliation, count(*) FROM mentions WHERE affiliation IS NOT NULL "
        "AND actor_key IN (SELECT unnest(?::TEXT[])) GROUP BY ALL",
        [wanted],
    ):
        affiliations[str(key)][str(affiliation)] += int(n)
    out: dict[str, ActorInfo] = {}
    for key, name, country, sector, kind in rows:
        best = affiliations.get(str(key))
        out[str(key)] = ActorInfo(
            key=str(key), name=name, country=country, sector=sector, kind=kind,
            affiliation=best.most_common(1)[0][0] if best else None,
        )  # fmt: skip
    return out


def _has_fusion(con: Connection) -> bool:
    """Whether the store has the fusion tables (an older database may not)."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fused_event_mentions'"
    ).fetchone()
    return bool(found and found[0])


def _fused_ids(con: Connection, where: str, params: list[Any]) -> dict[str, str]:
    """Mention -> fused event, when the store has a fusion table."""
    if not _has_fusion(con):
        return {}
    rows = _fetch(
        con,
        f"SELECT m.event_id, m.fused_id FROM fused_event_mentions m JOIN events e ON e.event_id = m.event_id {where}",
        params,
    )
    return {str(event_id): str(fused_id) for event_id, fused_id in rows}


def load_corpus(
    con: Connection,
    since: str | None = None,
    until: str | None = None,
    statuses: Iterable[str] | None = None,
    copies: bool = False,
    event_ids: Iterable[str] | None = None,
    f: EventFilter | None = None,
) -> Corpus:
    """Events whose day falls in the window (undated events only when there is no window).

    ``event_ids``: only these mentions (chosen by the store's shared filter), whatever the other arguments.
    ``f``: only the mentions the store's shared event filter selects (its actor and recipient are not read: the
    analyses name their sides themselves), read as every view reads it; pass no window and no statuses with it.

    The mentions of a near-duplicate document (a repost of an earlier one) are left out unless ``copies``:
    they repeat their original and are no real event of their own.
    """
    first, last = parse_window(since, until)
    clauses: list[str] = []
    params: list[Any] = []
    if first is not None:
        clauses.append("e.day >= ?")
        params.append(first)
    if last is not None:
        clauses.append("e.day <= ?")
        params.append(last)
    if statuses is not None:
        clauses.append("e.status IN (SELECT unnest(?::TEXT[]))")
        params.append(sorted(set(statuses)))
    if event_ids is not None:
        clauses.append("e.event_id IN (SELECT unnest(?::TEXT[]))")
        params.append(sorted(set(event_ids)))
    if f is not None:
        shared, shared_params = event_clauses(con, with_fields(f, actor=None, recipient=None, either=False))
        clauses += shared
        params += shared_params
    if not copies and _has_fusion(con):
        clauses.append("e.doc_id NOT IN (SELECT doc_id FROM document_duplicates WHERE doc_id <> canonical_doc_id)")
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = _fetch(
        con,
        "SELECT e.event_id, e.doc_id, e.day, e.event_type, e.mode, e.status, e.quad_class, e.intensity, "
        f"e.trigger_text, e.sentence_text, e.context FROM events e {where} ORDER BY e.day NULLS FIRST, e.event_id",
        params,
    )
    links: dict[str, dict[str, list[Participant]]] = defaultdict(lambda: defaultdict(list))
    for event_id, role, key, text, title, country, sector, node in _fetch(
        con,
        "SELECT a.event_id, a.role, a.actor_key, a.text, a.title, a.country, a.sector, a.node FROM event_actors a "
        f"JOIN events e ON e.event_id = a.event_id {where} ORDER BY a.event_id, a.role, a.position",
        params,
    ):
        links[str(event_id)][str(role)].append(
            Participant(str(key), str(role), str(text), title, country, sector, str(node or ""))
        )
    fused = _fused_ids(con, where, params)
    events: list[EventView] = []
    keys: set[str] = set()
    for event_id, doc_id, day, etype, mode, status, quad, intensity, trigger, sentence, context in rows:
        roles = links.get(str(event_id), {})
        view = EventView(
            event_id=str(event_id), doc_id=str(doc_id), day=day, event_type=str(etype), mode=mode,
            status=str(status), quad_class=int(quad), intensity=float(intensity), trigger=str(trigger),
            sentence=str(sentence), context=tuple(context or ()),
            actors=tuple(roles.get("actor", ())), recipients=tuple(roles.get("recipient", ())),
            mediators=tuple(roles.get("mediator", ())), reported_by=tuple(roles.get("reported_by", ())),
            fused_id=fused.get(str(event_id)),
        )  # fmt: skip
        events.append(view)
        keys.update(p.key for group in roles.values() for p in group)
    infos = _actor_infos(con, keys)
    # A country's body (USA_LEG), or a state named only by generic participants, may be no stored actor.
    unstored = {p.node for group in links.values() for ps in group.values() for p in ps} - set(infos)
    for key, node in describe(con, unstored).items():
        infos[key] = ActorInfo(key=key, name=node.name, country=node.country, sector=node.sector, kind=node.kind)
    # Owners named by affiliation or country may never take part themselves: load them for names.
    owners = {i.affiliation for i in infos.values() if i.affiliation} | {i.country for i in infos.values() if i.country}
    infos.update(_actor_infos(con, {k for k in owners if k and k not in infos}))
    return Corpus(events=events, actors=infos)
