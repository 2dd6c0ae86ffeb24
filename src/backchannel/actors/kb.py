"""The actor knowledge base: countries, organisations, people with date-bounded roles, sector nouns.

Everything is read from the packaged data files in ``backchannel/actors/data`` (see the header of each
file for its sources and licence); official country names come from ``pycountry``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pycountry
from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from backchannel.actors.normalize import fold
from backchannel.records import ActorMention

__all__ = [
    "FUZZY_CUTOFF",
    "FUZZY_SHORT_CUTOFF",
    "SHORT_QUERY",
    "Actor",
    "ActorKB",
    "Agent",
    "Alias",
    "Division",
    "Resolution",
    "Role",
    "canonical_title",
]

_DATA = "backchannel.actors.data"
# rapidfuzz ratio cut-offs: Haniye ~ Haniyeh scores 92, Hama ~ Hamas 89 (and Hama is a city).
FUZZY_CUTOFF = 88
FUZZY_SHORT_CUTOFF = 92
SHORT_QUERY = 6
_NO_PLURAL = ("ese", "ish", "ch", "ss", "sh", "i-Kiribati")
_PARTICLE_SPACE = re.compile(r"\b([Aa]l|[Ee]l|[Aa]s|[Aa]d) (?=[A-Z])(\w)")
_PARTICLE_HYPHEN = re.compile(r"\b([Aa]l|[Ee]l|[Aa]s|[Aa]d)-(?=[A-Z])(\w)")
_NAME_SUFFIXES = {"jr.", "jr", "sr.", "ii", "iii", "iv"}
_TITLE_SYNONYMS = {
    "foreign secretary": "foreign minister",
    "external affairs minister": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "minister for foreign affairs": "foreign minister",
    "defence minister": "defense minister",
    "defence secretary": "defense minister",
    "defense secretary": "secretary of defense",
    "national security advisor": "national security adviser",
    "security adviser": "national security adviser",
    "premier": "prime minister",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "chair": "chairman",
    "secretary general": "secretary-general",
    "director general": "director-general",
    "amir": "emir",
    "vice-president": "vice president",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
}
# Offices that make their holder the leader of a country or an organisation.
_LEAD_ROLES = (
    "president",
    "prime minister",
    "king",
    "queen",
    "emir",
    "sultan",
    "supreme leader",
    "leader",
    "head",
    "chairman",
    "secretary-general",
    "director-general",
    "director general",
    "managing director",
    "executive director",
    "commissioner-general",
    "commander",
    "pope",
)
_LEAD_PREFIXES = ("head of political bureau", "president of", "chairman of", "chairperson of", "secretary-general of")


def canonical_title(title: str) -> str:
    """Lower-cased title with synonyms merged (``Foreign Secretary`` -> ``foreign minister``)."""
    key = " ".join(fold(title).split())
    return _TITLE_SYNONYMS.get(key, key)


@dataclass(frozen=True)
class Role:
    """An office held by a person between two dates (inclusive; empty = open)."""

    country: str
    sector: str | None
    title: str
    affiliation: str | None = None
    start: str | None = None
    end: str | None = None

    def valid_on(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    @property
    def is_lead(self) -> bool:
        """Heads the country or organisation (``head of political bureau``, not ``leader in Gaza``)."""
        title = canonical_title(self.title)
        return title in _LEAD_ROLES or title.startswith(_LEAD_PREFIXES)

    def fits(self, title: str, target: str | None = None) -> bool:
        """Whether a title read in text (``Prime Minister``, ``chairman``) names this office."""
        want = canonical_title(title)
        have = canonical_title(self.title)
        if target is not None:
            want = f"{want} to {fold(target)}"
        if have == want or (have.startswith(want + " ") and not have.startswith(want + " to ")):
            return True  # "president" fits "president of the European Commission", not "ambassador to QAT"
        generic = want in {"chairman", "chief", "head", "leader", "supreme leader"}
        return generic and self.is_lead


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    kind: str  # country, igo, nsa, person
    country: str | None
    sector: str | None = None
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Alias:
    """One way of writing an actor; ``form`` says how it may be used."""

    text: str
    actor_id: str  # "" for a blocker
    form: str  # name, short, surname, demonym, plural, metonym, block
    sector: str | None = None  # metonyms carry their own sector ("Pentagon" -> MIL)


@dataclass(frozen=True)
class Agent:
    """A sector noun: an office, a body or a group of people."""

    phrase: str
    sector: str
    type: str  # title, body, group
    standalone: bool
    lead: bool = False


@dataclass(frozen=True)
class Division:
    """A sub-national unit ("Alberta", "Bavarian"): the country it lies in and its level (1 = first)."""

    name: str
    country: str
    level: int


@dataclass(frozen=True)
class Resolution:
    """What an actor is at a date: the fields of an ``ActorMention`` besides text and offsets."""

    actor_id: str | None
    name: str | None
    country: str | None
    sector: str | None
    role: str | None
    kind: str
    affiliation: str | None = None
    resolved: bool = True


@dataclass
class _Tables:
    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)


def _rows(name: str) -> Iterator[list[str]]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _plural(demonym: str) -> str | None:
    if demonym.endswith(_NO_PLURAL) or demonym.upper() == demonym:
        return None
    return demonym + ("es" if demonym.endswith("s") else "s")


def _load_countries(tables: _Tables) -> None:
    rows = {row[0]: row + [""] * (4 - len(row)) for row in _rows("countries.tsv")}
    names: dict[str, list[str]] = defaultdict(list)
    display: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        for attr in ("common_name", "name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[code].append(re.sub(r"\s*\(.*?\)", "", value))
        display[code] = names[code][0] if names[code] else country.name
    for code, row in rows.items():
        own = _split(row[1])
        names[code] = own + names[code]
        display[code] = own[0] if own else display.get(code, code)
    for code, aliases in names.items():
        tables.actors[code] = Actor(code, display[code], "country", code)
        tables.aliases.extend(Alias(text, code, "name") for text in dict.fromkeys(aliases))
    known = {fold(text) for aliases in names.values() for text in aliases}
    for code, row in rows.items():
        for demonym in _split(row[2]):
            tables.aliases.append(Alias(demonym, code, "demonym"))
            plural = _plural(demonym)
            if plural and fold(plural) not in known:  # "Philippines" is a name, not "Philippine" people
                tables.aliases.append(Alias(plural, code, "plural", "CVL"))
        for metonym in _split(row[3]):
            text, _, sector = metonym.partition(":")
            sector = sector or "GOV"
            tables.aliases.append(Alias(text, code, "metonym", None if sector == "-" else sector))


def _load_organizations(tables: _Tables) -> None:
    for row in _rows("organizations.tsv"):
        actor_id, name, country, sector, kind, aliases = row[:6]
        tables.actors[actor_id] = Actor(actor_id, name, kind, country, sector or None)
        tables.aliases.extend(Alias(text, actor_id, "name") for text in dict.fromkeys([name, *_split(aliases)]))


def _particle_variants(name: str) -> list[str]:
    """``Al Thani`` and ``Al-Thani``, ``el-Sisi`` and ``el Sisi``: both spellings of an Arabic particle."""
    hyphened = _PARTICLE_SPACE.sub(r"\1-\2", name)
    spaced = _PARTICLE_HYPHEN.sub(r"\1 \2", name)
    return list(dict.fromkeys([name, hyphened, spaced]))


def _load_people(tables: _Tables) -> None:
    person: list[str] | None = None
    roles: list[Role] = []

    def flush() -> None:
        if person is None:
            return
        actor_id, name, home, aliases, shorts = (person + [""] * 5)[:5]
        tables.actors[actor_id] = Actor(actor_id, name, "person", home, None, tuple(roles))
        full = list(dict.fromkeys(variant for text in [name, *_split(aliases)] for variant in _particle_variants(text)))
        tables.aliases.extend(Alias(text, actor_id, "name") for text in full)
        tables.aliases.extend(Alias(text, actor_id, "short") for text in _split(shorts))
        for text in full:
            words = text.split()
            while len(words) > 1 and fold(words[-1]) in _NAME_SUFFIXES:
                words.pop()
            # "Al Thani", "Al Nahyan" name a ruling family, not one person
            dynasty = any(fold(word) in ("al", "bin", "bint", "ibn") for word in words[1:])
            if len(words) > 1 and len(words[-1]) > 2 and words[-1][0].isupper() and not dynasty:
                tables.aliases.append(Alias(words[-1], actor_id, "surname"))

    for row in _rows("people.tsv"):
        if row[0]:
            flush()
            person, roles = row, []
        else:
            country, sector, title, affiliation, start, end = (row[1:] + [""] * 6)[:6]
            roles.append(Role(country, sector or None, title, affiliation or None, start or None, end or None))
    flush()


def _load_agents(tables: _Tables) -> None:
    seen: set[str] = set()
    for row in _rows("agents.tsv"):
        phrase, sector_cell, kind, standalone = row[:4]
        sector, _, lead = sector_cell.partition("/")
        agent = Agent(phrase, sector, kind, standalone == "1", lead == "LEAD")
        tables.agents.append(agent)
        seen.add(phrase)
    for agent in list(tables.agents):
        plural = agent.phrase + ("es" if agent.phrase.endswith(("s", "sh", "ch")) else "s")
        if agent.type == "group" and not agent.phrase.endswith("s") and plural not in seen:
            tables.agents.append(Agent(plural, agent.sector, "group", agent.standalone, agent.lead))


# Type words ISO 3166-2 writes after a subdivision's name ("Guangdong Sheng", "Tomskaya oblast'").
_DIVISION_SUFFIX = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Huizu|Uygur|Zhuangzu|oblast'?|kray|Respublika|avtonomnyy okrug)$")
# Subdivision names that are ordinary words before a sector noun ("Central Bank", "Delta police"?).
_COMMON_DIVISION_WORDS = frozenset(
    {
        "central",
        "capital",
        "centre",
        "center",
        "coast",
        "coastal",
        "delta",
        "plateau",
        "rivers",
        "lakes",
        "border",
        "upper",
        "lower",
        "islands",
        "island",
        "national",
        "federal",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "mountain",
        "highlands",
        "valley",
        "littoral",
        "interior",
        "metropolitan",
        # short ISO names that are English words or names before a sector noun ("Most officials")
        "most",
        "male",
        "gulf",
        "pool",
        "bar",
        "lot",
        "chin",
        "mon",
        "paul",
        "sal",
        "isla",
        "nord",
        "sud",
        "est",
        "free",
        "mayo",
        "cork",
        "kent",
        "york",
    }
)


def _division_names(raw: str) -> list[str]:
    """``Catalunya [Cataluña]`` -> both names; ``Murcia, Región de`` -> ``Murcia``; type words dropped."""
    names = [raw.split("[", 1)[0], *re.findall(r"\[([^\]]+)\]", raw)]
    out = []
    for name in names:
        name = re.sub(r"\s*\(.*?\)", "", name).split(",", 1)[0].strip()
        for _ in range(2):
            name = _DIVISION_SUFFIX.sub("", name).strip()
        if len(name) > 2 and not re.search(r"\d", name):
            out.append(name)
    return out


def _load_divisions(tables: _Tables) -> None:
    """ISO 3166-2 subdivisions and the English names of ``divisions.tsv``, minus the names of actors."""
    taken = {fold(alias.text) for alias in tables.aliases}
    found: dict[tuple[str, str], int] = {}
    for sub in pycountry.subdivisions:
        state = pycountry.countries.get(alpha_2=sub.country_code)
        if state is None:
            continue
        level = 1 if sub.parent_code is None else 2
        for name in _division_names(sub.name):
            pair = (name, str(state.alpha_3))
            found[pair] = min(level, found.get(pair, level))
    for row in _rows("divisions.tsv"):
        found[(row[0], row[1])] = int(row[2])
    for (name, country), level in found.items():
        key = fold(name)
        if key in taken or key in _COMMON_DIVISION_WORDS or key in STOP_WORDS or not name[:1].isupper():
            continue
        tables.divisions.append(Division(name, country, level))


def _load_blockers(tables: _Tables) -> None:
    text = resources.files(_DATA).joinpath("blockers.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            tables.aliases.append(Alias(line.strip(), "", "block"))


class ActorKB:
    """Countries, IGOs, non-state actors and people, with their aliases and date-bounded roles."""

    def __init__(
        self,
        actors: dict[str, Actor],
        aliases: list[Alias],
        agents: list[Agent],
        divisions: list[Division] | None = None,
    ) -> None:
        self.actors = actors
        self.aliases = aliases
        self.agents = agents
        self.divisions = divisions or []
        self._exact: dict[str, list[Alias]] = defaultdict(list)
        self._by_actor: dict[str, list[Alias]] = defaultdict(list)
        for alias in aliases:
            self._exact[fold(alias.text)].append(alias)
            self._by_actor[alias.actor_id].append(alias)
        self._fuzzy_keys = [key for key, found in self._exact.items() if len(key) > 3 and found[0].actor_id]
        self.people_by_affiliation: dict[str, list[Actor]] = defaultdict(list)
        self.people_by_country: dict[str, list[Actor]] = defaultdict(list)
        for actor in actors.values():
            for role in actor.roles:
                if role.affiliation and actor not in self.people_by_affiliation[role.affiliation]:
                    self.people_by_affiliation[role.affiliation].append(actor)
                if actor not in self.people_by_country[role.country]:
                    self.people_by_country[role.country].append(actor)

    @classmethod
    def load(cls) -> ActorKB:
        """The packaged knowledge base (loaded once per process)."""
        return _load_packaged()

    def aliases_of(self, actor_id: str) -> list[Alias]:
        """Every way of writing ``actor_id`` (names, short names, surnames...)."""
        return self._by_actor.get(actor_id, [])

    def countries_of(self, actor_id: str) -> set[str]:
        """The home country of an actor and the countries of all its roles."""
        actor = self.actors[actor_id]
        return {code for code in (actor.country, *(role.country for role in actor.roles)) if code}

    # -- resolution ---------------------------------------------------------------------------------

    def role_at(
        self, actor: Actor, date: str | None, title: str | None = None, target: str | None = None
    ) -> Role | None:
        """The role ``actor`` holds on ``date`` (the current one when ``date`` is None), preferring one that
        fits ``title``, then the first listed; None when the person held no office then."""
        roles = [role for role in actor.roles if date is None or role.valid_on(date)]
        if title:
            fitting = [role for role in roles if role.fits(title, target)]
            if not fitting and date is None:
                fitting = [role for role in actor.roles if role.fits(title, target)]
            roles = fitting or roles
        if not roles:
            return None
        if date is None:  # the first-listed current office, else the one left last
            current = [role for role in roles if role.end is None]
            return current[0] if current else max(roles, key=lambda role: role.end or "")
        return roles[0]  # offices are listed most important first

    def resolve(
        self, alias: Alias, date: str | None, title: str | None = None, target: str | None = None
    ) -> Resolution:
        """What ``alias`` stands for at ``date``."""
        actor = self.actors[alias.actor_id]
        if actor.kind == "person":
            return self.resolve_person(actor, date, title, target)
        if actor.kind == "country":
            if alias.form == "plural":
                return Resolution(actor.actor_id, actor.name, actor.country, "CVL", None, "group")
            sector = alias.sector if alias.form == "metonym" else None
            return Resolution(actor.actor_id, actor.name, actor.country, sector, None, "country")
        return Resolution(actor.actor_id, actor.name, actor.country, actor.sector, None, actor.kind)

    def resolve_person(
        self, actor: Actor, date: str | None, title: str | None = None, target: str | None = None
    ) -> Resolution:
        role = self.role_at(actor, date, title, target)
        if role is None and title:
            # "President Mwanawasa" in a text dated outside his term: the office the text names wins over
            # "no office then" (a wrong or placeholder date, or a retrospective story)
            role = next((r for r in actor.roles if r.fits(title, target)), None)
        if role is not None:
            return Resolution(
                actor.actor_id, actor.name, role.country, role.sector, role.title, "person", role.affiliation
            )
        past = [r for r in actor.roles if date is not None and r.end is not None and r.end < date]
        if past:  # out of office on that date: an elite of the home country
            last = max(past, key=lambda r: r.end or "")
            return Resolution(
                actor.actor_id, actor.name, actor.country, "ELI", f"former {last.title}", "person", last.affiliation
            )
        return Resolution(actor.actor_id, actor.name, actor.country, None, None, "person")

    def office_holder(
        self,
        title: str,
        date: str | None,
        country: str | None = None,
        org: str | None = None,
        target: str | None = None,
    ) -> Actor | None:
        """The one person holding ``title`` (of ``org`` or ``country``) at ``date``, if the KB knows exactly one."""
        pool = self.people_by_affiliation.get(org, []) if org else self.people_by_country.get(country or "", [])
        found = []
        for person in pool:
            role = self.role_at(person, date, title, target)
            if role is None or not role.fits(title, target):
                continue
            if (org and role.affiliation != org) or (not org and role.country != country):
                continue
            if date is None and role.end is not None:
                continue
            found.append(person)
        return found[0] if len(found) == 1 else None

    def lookup(self, name: str, date: str | None = None) -> ActorMention | None:
        """Resolve a bare name or alias (exact, then fuzzy); offsets are ``0..len(name)``."""
        key = fold(" ".join(name.split()))
        candidates = [alias for alias in self._exact.get(key, []) if alias.actor_id]
        if not candidates and len(key) > 3:
            cutoff = FUZZY_SHORT_CUTOFF if len(key) <= SHORT_QUERY else FUZZY_CUTOFF
            best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is not None and best[0][0] == key[0]:
                candidates = [alias for alias in self._exact[best[0]] if alias.actor_id]
        if not candidates:
            return None
        res = self.resolve(candidates[0], date)
        return ActorMention(
            text=name,
            start=0,
            end=len(name),
            actor_id=res.actor_id,
            name=res.name,
            country=res.country,
            sector=res.sector,
            role=res.role,
            resolved=True,
            kind=res.kind,
            affiliation=res.affiliation,
        )


@cache
def _load_packaged() -> ActorKB:
    tables = _Tables()
    _load_countries(tables)
    _load_organizations(tables)
    _load_people(tables)
    _load_agents(tables)
    _load_blockers(tables)
    _load_divisions(tables)
    return ActorKB(tables.actors, tables.aliases, tables.agents, tables.divisions)
