"""Network node identity: which node of the network, the dyads and the brokerage analyses a participant is.

A participant with a canonical entity of its own (a person, an organisation, a named but unresolved actor) is
that entity's node.  A participant known only as a country and a sector -- the country itself ("the United
States", "Congress": country USA, sector LEG), a body named by its office ("the U.S. Alternate Executive
Director": USA_GOV) or a group ("the Biden administration") -- is the node of that country and sector:

* the state itself (key ``USA``, label "United States") when the sector acts for the state (``node`` column
  ``state`` of ``actors/data/sectors.tsv``: government, military, diplomats, intelligence) or is unknown;
* the country's body of that sector otherwise (key ``USA_LEG``, label "United States (legislature)").

An edge whose two ends are one node is no dyad, nor is one joining a state's office holder to that state (the
president acting on his own state); an edge between two nodes of one country (the president and
the legislature) is a domestic dyad.  ``node_sql`` is the one definition of a participant's node (a SQL
expression over an ``event_actors`` row); ``fill_nodes`` stores it beside the rows the writer adds (columns
``event_actors.node`` and ``event_dyads.source_node``/``target_node``, migration 6), so the aggregates group
by a column; ``describe`` names the nodes.  Nodes follow ``sectors.tsv`` as it was when they were stored: after
changing which sectors stand for the state, set those columns (and ``node_repeat``) to NULL and open the
database for writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import duckdb
import pycountry

__all__ = [
    "NON_STATE_CODES",
    "NodeInfo",
    "Sector",
    "country_name",
    "describe",
    "domestic",
    "fill_nodes",
    "is_node",
    "node_sql",
    "sectors",
]

# Country codes of actors that are no state (CAMEO/PLOVER: international organisations, NGOs, multinationals,
# unidentified armed forces, transnational militants, rebels, civilians, unknown).
NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC", "UAF", "IMG", "REB", "CVL", "UNK"})
_CODE = re.compile(r"^[A-Z]{3}$")
_BODY = re.compile(r"^([A-Z]{3})_([A-Z]{3})$")


@dataclass(frozen=True)
class Sector:
    code: str
    label: str
    state: bool  # the sector acts for the state itself: its generic actors are the state's node


@cache
def sectors() -> dict[str, Sector]:
    """The sector codes of ``actors/data/sectors.tsv``."""
    text = resources.files("backchannel.actors.data").joinpath("sectors.tsv").read_text(encoding="utf-8")
    found: dict[str, Sector] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, label, node = line.split("\t")
        if not _CODE.match(code) or node not in ("state", "own"):
            raise ValueError(f"sectors.tsv: bad line {line!r}")
        found[code] = Sector(code, label, node == "state")
    return found


def _state_country(column: str) -> str:
    codes = ", ".join(f"'{c}'" for c in sorted(NON_STATE_CODES))
    return f"(regexp_full_match({column}, '[A-Z]{{3}}') AND {column} NOT IN ({codes}))"


def node_sql(alias: str) -> str:
    """SQL: the node key of the ``event_actors`` row aliased ``alias`` (columns actor_key, name, country, sector).

    A row is generic -- no entity of its own -- when it is its country ("United States", "Congress") or has no
    name of its own ("Alternate Executive Director", "the administration") and its country is a state.
    """
    key, name, country, sector = (f"{alias}.{c}" for c in ("actor_key", "name", "country", "sector"))
    own = ", ".join(f"'{s.code}'" for s in sectors().values() if not s.state)
    generic = f"({country} IS NOT NULL AND {_state_country(country)} AND ({key} = {country} OR {name} IS NULL))"
    body = f"(CASE WHEN {sector} IN ({own}) THEN {country} || '_' || {sector} ELSE {country} END)"
    # A sector acting for the state, an unknown one or none: the state's own node.
    return f"(CASE WHEN {generic} THEN {body} ELSE {key} END)"


@cache
def _country_names() -> dict[str, str]:
    """Display names of countries, as the actor knowledge base gives them: countries.tsv, else ISO 3166."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        value = getattr(country, "common_name", None) or country.name
        names[country.alpha_3] = re.sub(r"\s*\(.*?\)", "", value)
    text = resources.files("backchannel.actors.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, rest = line.partition("\t")
            first = rest.split("\t")[0].split("|")[0].strip()
            names[code] = first or names.get(code, code)
    return names


def country_name(code: str) -> str:
    """A country's display name ("Germany" for DEU), or the code itself when it is no country."""
    return _country_names().get(code, code)


def fill_nodes(con: duckdb.DuckDBPyConnection, doc_ids: list[str] | None = None) -> None:
    """Store the node of each participant (``event_actors.node``) and of each end of each dyad
    (``event_dyads.source_node``, ``target_node``) not stored yet, of the documents ``doc_ids`` (else of all).

    The caller holds the transaction.  The nodes follow ``sectors.tsv`` as it was when they were written.
    """
    scope, params = ("AND {table}.doc_id IN (SELECT unnest(?::TEXT[]))", [doc_ids]) if doc_ids is not None else ("", [])
    con.execute(
        f"UPDATE event_actors SET node = {node_sql('event_actors')} "
        f"WHERE event_actors.node IS NULL {scope.format(table='event_actors')}",
        params,
    )
    for end, role, column in (("source_node", "actor", "source"), ("target_node", "recipient", "target")):
        con.execute(
            f"UPDATE event_dyads SET {end} = a.node FROM (SELECT event_id, actor_key, node FROM event_actors "
            f"WHERE role = '{role}' {scope.format(table='event_actors')}) a WHERE event_dyads.{end} IS NULL "
            f"AND a.event_id = event_dyads.event_id AND a.actor_key = event_dyads.{column} "
            f"{scope.format(table='event_dyads')}",
            params * 2,
        )
    # A participant repeats its mention's node when an earlier party (actor, recipient, mediator; the reporter
    # apart) is that node too; a pair repeats when an earlier pair of the mention joins the same two nodes.
    party = "(role = 'reported_by')"
    con.execute(
        "UPDATE event_actors SET node_repeat = r.n > 1 FROM (SELECT event_id, role, position, row_number() OVER "
        f"(PARTITION BY event_id, node, {party} ORDER BY role, position) AS n FROM event_actors "
        f"WHERE node_repeat IS NULL {scope.format(table='event_actors')}) r "
        "WHERE event_actors.event_id = r.event_id AND event_actors.role = r.role "
        f"AND event_actors.position = r.position {scope.format(table='event_actors')}",
        params * 2,
    )
    # before the pairs' repeats, and only on the pairs just written: a writable open re-reads nothing
    _office_holders_on_their_state(con, scope.format(table="d"), params)
    con.execute(
        "UPDATE event_dyads SET node_repeat = r.n > 1 FROM (SELECT event_id, source, target, row_number() OVER "
        "(PARTITION BY event_id, source_node, target_node ORDER BY source, target) AS n FROM event_dyads "
        f"WHERE node_repeat IS NULL {scope.format(table='event_dyads')}) r "
        "WHERE event_dyads.event_id = r.event_id AND event_dyads.source = r.source AND event_dyads.target = r.target "
        f"{scope.format(table='event_dyads')}",
        params * 2,
    )


def _office_holders_on_their_state(con: duckdb.DuckDBPyConnection, scope: str, params: Sequence[object]) -> None:
    """A pair joining a state's office holder (a person or body of a sector acting for the state: the president,
    the Pentagon) to that state's own node is the same party twice -- "Biden called on the administration" -- so
    it is no dyad either (a person acting on his own state is no dyad); it stays a domestic dyad when the
    other end is a body of the state ("Biden urged Congress": United States (legislature))."""
    state = ", ".join(f"'{s.code}'" for s in sectors().values() if s.state)

    def holder(p: str, other: str) -> str:
        own_state = _state_country(f"{p}.country")
        return f"({p}.node <> {p}.country AND {p}.sector IN ({state}) AND {other}.node = {p}.country AND {own_state})"

    con.execute(
        "UPDATE event_dyads SET node_repeat = TRUE FROM (SELECT d.event_id, d.source, d.target FROM event_dyads d "
        "JOIN event_actors s ON s.event_id = d.event_id AND s.role = 'actor' AND s.actor_key = d.source "
        "JOIN event_actors t ON t.event_id = d.event_id AND t.role = 'recipient' AND t.actor_key = d.target "
        f"WHERE d.node_repeat IS NULL AND ({holder('s', 't')} OR {holder('t', 's')}) {scope}) r "
        "WHERE event_dyads.event_id = r.event_id AND event_dyads.source = r.source AND event_dyads.target = r.target",
        params,
    )


@dataclass(frozen=True)
class NodeInfo:
    key: str
    name: str | None = None  # the entity's name, or the country's name with the body's sector
    country: str | None = None
    sector: str | None = None  # the sector of a country's body (None for the state itself and for entities)
    kind: str | None = None
    actor: str | None = None  # the stored actor a user opens for this node (a body: its country)


def _body(key: str) -> tuple[str, Sector] | None:
    """(country, sector) of a country's body node such as ``USA_LEG``."""
    match = _BODY.match(key)
    if match is None or match.group(1) in NON_STATE_CODES:
        return None
    sector = sectors().get(match.group(2))
    return (match.group(1), sector) if sector is not None and not sector.state else None


def is_node(key: str) -> bool:
    """Whether ``key`` is a node ``node_sql`` can return with no stored actor: a country's body or a state."""
    return _body(key) is not None or (key in _country_names() and key not in NON_STATE_CODES)


def domestic(a: NodeInfo, b: NodeInfo) -> bool:
    """Whether two nodes are of one country (the state and its legislature, a president and his business)."""
    return a.country is not None and a.country == b.country and a.country not in NON_STATE_CODES


def describe(con: duckdb.DuckDBPyConnection, keys: Iterable[str]) -> dict[str, NodeInfo]:
    """Name, country and kind of each node key (as ``node_sql`` returns them), from the ``actors`` table."""
    wanted = sorted(set(keys))
    bodies = {k: b for k in wanted if (b := _body(k)) is not None}
    lookup = sorted(set(wanted) | {country for country, _ in bodies.values()})
    rows = con.execute(
        "SELECT actor_key, name, country, kind FROM actors WHERE actor_key IN (SELECT unnest(?::TEXT[]))", [lookup]
    ).fetchall()
    stored = {str(k): (name, country, kind) for k, name, country, kind in rows}
    out: dict[str, NodeInfo] = {}
    for key in wanted:
        if key in bodies:
            country, sector = bodies[key]
            label = f"{stored.get(country, (None,))[0] or country_name(country)} ({sector.label})"
            out[key] = NodeInfo(key, label, country, sector.code, "body", country if country in stored else None)
            continue
        name, country, kind = stored.get(key, (None, None, None))
        state = kind == "country" if kind else bool(_CODE.match(key)) and key not in NON_STATE_CODES
        if state:  # the state itself, whatever sector it was stored with (GOP, a three-letter party, is none)
            name, country, kind = name or country_name(key), key, kind or "country"
        out[key] = NodeInfo(key, name, country, None, kind, key if key in stored else None)
    return out
