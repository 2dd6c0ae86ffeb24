"""ACLED's bracket convention: a place named with the divisions it lies in, "<location> (<admin2>, <admin1>)".

ACLED's codebook records where an event happened as ``location`` with its ``admin1`` (state, province, region)
and ``admin2`` (district, county, cercle, LGA; ``admin3`` where one is coded); its event notes and ACLED-style
local reports write that place as "near Boni (Douentza, Mopti)", "in Kagarko (Kagarko, Kaduna)" or
"in Klintsy (Bryansk)": the bracket names the divisions, innermost first, and the last part is the first-order
division.  Read together the parts settle the country, and each part is read as a division where the gazetteer
has one of that name ("Mopti" the region, not the town).  The location is a place of that country and division;
a name the gazetteer lacks there (or knows only as a foreign alternate name: "Boni" for Bonn) is placed at its
innermost named division, never abroad, and ACLED's "<city> - <quarter>" ("Tripoli - Souq al Jumaa") at its city.

A bracket is read this way only when it looks like one: one to three comma-separated proper names, none an
acronym the gazetteer does not know as a country or province ("(AFP)", "(UN)", a party "(PTI)"), no number or
lowercase word ("(2019)", "(pictured)"), not a dateline's agency ("GAZA (Reuters) -"), and the gazetteer
knows the last part (or the one before it) by its own name, or by alternate names that agree on one country.
A bracket never moves a country or province elsewhere ("Arizona (Ayton)").  A location the gazetteer does not
know in that country needs a place's position ("in", "near", "the village of", "attacked", "Kalanga village
(...)").  The word classes are in ``data/bracket_words.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from backchannel.geo.gazetteer import Gazetteer, GazetteerEntry, distance_km
from backchannel.geo.lexicon import LOCATIVE_PREPS, PLACE_EVIDENCE_PREPS, PLACE_NOUNS, PLACE_OBJECT_VERBS

__all__ = ["BracketPlace", "BracketReader", "Brackets"]

_MAX_PARTS = 3  # location (admin3, admin2, admin1)
_MAX_PART_TOKENS = 8  # "Port - au - Prince", "Federal Capital Territory"
_MAX_NAME_RUN = 6
_ACRONYM_LETTERS = 5
_DIVISIONS = frozenset({"ADM1", "ADM2", "ADM3", "PCLI"})
# A namesake of the location in the right province but farther than this from its named district is another
# place (when the gazetteer gives no district code to compare).
_DISTRICT_KM = 150.0
_PERSON_LABELS = frozenset({"PERSON"})
# Joiners that end a name in running text ("residents of Springfield", "Kidal and Tessalit").
_LIST_WORDS = frozenset({"and", "of"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})  # not FAC: "Kalihi-Palama Health Center (Honolulu, HI)" is a site
_DASHES = frozenset({"-", "—", "–", ":"})


@dataclass(frozen=True, slots=True)
class BracketPlace:
    """One name of a bracket group, read as ``entry``; ``role`` is "location" or "division"."""

    start: int  # token index
    end: int
    entry: GazetteerEntry
    role: str


@dataclass(frozen=True, slots=True)
class Brackets:
    """What the brackets of a document say: places read with their divisions, and abbreviations of the name
    before them ("the United Nations (UN)"), which are no place whatever a gazetteer knows by those letters."""

    places: tuple[BracketPlace, ...] = ()
    abbreviations: tuple[tuple[int, int], ...] = ()  # token spans


@dataclass(frozen=True, slots=True)
class _Words:
    """The word classes of ``data/bracket_words.tsv``."""

    division: frozenset[str]
    joiner: frozenset[str]
    organisation: frozenset[str]
    site: frozenset[str]


def _bracket_words() -> _Words:
    text = resources.files("backchannel.geo").joinpath("data", "bracket_words.tsv").read_text(encoding="utf-8")
    classes: dict[str, set[str]] = {"division": set(), "joiner": set(), "organisation": set(), "site": set()}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")
            classes[kind].add(word.strip())
    return _Words(**{kind: frozenset(words) for kind, words in classes.items()})


@dataclass(frozen=True, slots=True)
class _Reading:
    entry: GazetteerEntry
    primary: bool
    admin2: str | None = None
    synthetic: bool = False  # a name the gazetteer lacks, put at the point of the division around it

    @property
    def division(self) -> bool:
        return self.entry.feature_code in _DIVISIONS


@dataclass(frozen=True, slots=True)
class _Group:
    outer: list[Token]  # the location's name ([] when absent)
    parts: list[list[Token]]  # the bracket's parts, innermost division first
    close: int  # token index of ")"
    noun: bool = False  # a place noun stands between the name and the bracket ("Kalanga village (...)")


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


def _is_name_word(token: Token) -> bool:
    return _is_capitalised(token) and token.text[-1].isalpha() and not any(ch.isdigit() for ch in token.text)


def _is_acronym(tokens: Sequence[Token]) -> bool:
    letters = [ch for t in tokens for ch in t.text if ch.isalpha()]
    return len(letters) <= _ACRONYM_LETTERS and all(ch.isupper() for ch in letters)


def _looks_like_name(tokens: Sequence[Token], joiners: frozenset[str]) -> bool:
    """Proper-name words, with hyphens and lowercase joiners inside ("Port-au-Prince", "Deir ez-Zor")."""
    if not tokens or len(tokens) > _MAX_PART_TOKENS:
        return False
    if not _is_name_word(tokens[0]) or not _is_name_word(tokens[-1]):
        return False
    return all(_is_name_word(t) or t.text in ("-", "'") or t.lower_ in joiners for t in tokens)


def _outer_name(doc: Doc, end: int, joiners: frozenset[str]) -> list[Token]:
    """The proper name just before token ``end`` ([] if none)."""
    run: list[Token] = []
    i = end - 1
    while i >= 0 and len(run) < _MAX_NAME_RUN:
        token = doc[i]
        joiner = token.text == "-" or (
            token.lower_ in joiners and token.text.islower() and token.lower_ not in _LIST_WORDS
        )
        if not (_is_name_word(token) or (joiner and run)):
            break
        run.insert(0, token)
        i -= 1
    while run and (not _is_name_word(run[0]) or run[0].text in ("The", "THE")):
        run.pop(0)
    while len(run) > 1 and run[0].is_sent_start and run[0].pos_ != "PROPN":
        run.pop(0)  # "Residents Boni ...": a capitalised first word of a sentence
    return run


def _closes(token: Token) -> bool:
    """ ")", or ")" glued to the punctuation after it ("):", "),")."""
    return token.text.startswith(")") and not any(ch.isalnum() for ch in token.text)


def _bracket_at(doc: Doc, open_i: int, joiners: frozenset[str]) -> _Group | None:
    """The bracket opening at token ``open_i`` when it has the shape of a place's divisions."""
    parts: list[list[Token]] = [[]]
    i = open_i + 1
    while i < len(doc) and not _closes(doc[i]):
        token = doc[i]
        if token.text == ",":
            parts.append([])
        elif token.text in ("(", "[", "]", ";") or "\n" in token.text:
            return None
        else:
            parts[-1].append(token)
        if sum(len(p) for p in parts) > _MAX_PARTS * _MAX_PART_TOKENS:
            return None
        i += 1
    if i >= len(doc) or len(parts) > _MAX_PARTS or not all(_looks_like_name(p, joiners) for p in parts):
        return None
    before = doc[open_i - 1]
    if before.lower_ in PLACE_NOUNS and before.text.islower() and open_i >= 2:
        # "Kalanga village (Bunia, Ituri)": the name before the place noun
        return _Group(outer=_outer_name(doc, open_i - 1, joiners), parts=parts, close=i, noun=True)
    return _Group(outer=_outer_name(doc, open_i, joiners), parts=parts, close=i)


def _abbreviates(doc: Doc, open_i: int, part: Sequence[Token]) -> bool:
    """Is ``part`` the initials of the capitalised words before the bracket ("World Health Organization (WHO)",
    "Pakistan Tehreek-e-Insaf (PTI)")?"""
    if not _is_acronym(part):
        return False
    letters = "".join(ch for t in part for ch in t.text if ch.isalpha())
    initials: list[str] = []
    i = open_i - 1
    while i >= 0 and len(initials) < len(letters):
        token = doc[i]
        if _is_name_word(token):
            initials.insert(0, token.text[0])
        elif not (token.text == "-" or token.text.islower()):
            break
        i -= 1
    return len(letters) > 1 and "".join(initials) == letters


def _is_dateline(doc: Doc, group: _Group) -> bool:
    """ "GAZA (Reuters) -", "KYIV (AP) —": an agency's byline after the dateline's place."""
    after = doc[group.close + 1] if group.close + 1 < len(doc) else None
    return after is not None and after.text in _DASHES and all(t.is_upper or not t.is_alpha for t in group.outer)


def _placed(doc: Doc, outer: Sequence[Token]) -> bool:
    """Does the name stand where a place stands: "in Boni", "the village of Tawo", "attacked Boni", a place
    entity?"""
    first = outer[0]
    if any(t.ent_type_ in _PLACE_LABELS for t in outer):
        return True
    if first.i == 0:
        return False
    before = doc[first.i - 1]
    if before.lower_ in LOCATIVE_PREPS or before.lower_ in PLACE_EVIDENCE_PREPS or before.lower_ in PLACE_NOUNS:
        return True
    if before.pos_ == "VERB" and before.lemma_ in PLACE_OBJECT_VERBS:
        return True
    return before.lower_ == "of" and first.i >= 2 and doc[first.i - 2].lower_ in PLACE_NOUNS


def _around(division: _Reading, place: GazetteerEntry) -> _Reading:
    """An unknown division moved to the point of a known place inside it."""
    entry = division.entry
    moved = GazetteerEntry(entry.name, None, place.lat, place.lon, entry.country, entry.feature_code, 0, place.admin1)
    return _Reading(moved, division.primary, synthetic=True)


def _synthetic(name: str, at: GazetteerEntry, feature_code: str, country: str) -> GazetteerEntry:
    """A place the gazetteer lacks, put at the point of the division that contains it."""
    return GazetteerEntry(
        name=name,
        geonameid=None,
        lat=at.lat,
        lon=at.lon,
        country=country,
        feature_code=feature_code,
        population=0,
        admin1=at.admin1,
    )


class BracketReader:
    """Find "<location> (<admin2>, <admin1>)" groups in a ``Doc`` and place their names together."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.words = _bracket_words()

    def find(self, doc: Doc) -> Brackets:
        """The places of every bracket group of ``doc`` (token spans, in text order) and its abbreviations."""
        places: list[BracketPlace] = []
        abbreviations: list[tuple[int, int]] = []
        for token in doc:
            if token.text != "(" or token.i == 0:
                continue
            group = _bracket_at(doc, token.i, self.words.joiner)
            if group is None or _is_dateline(doc, group):
                continue
            found = list(self._read(doc, group))
            if found:
                places.extend(found)
            elif (
                len(group.parts) == 1
                and _abbreviates(doc, token.i, group.parts[0])
                and not self._readings(group.parts[0])  # "the Democratic Republic of the Congo (DRC)" is a place
            ):
                abbreviations.append((group.parts[0][0].i, group.parts[0][-1].i + 1))
        return Brackets(tuple(places), tuple(abbreviations))

    # -- readings of one name ------------------------------------------------------------------------

    def _readings(self, tokens: Sequence[Token]) -> list[_Reading]:
        doc = tokens[0].doc
        text = doc[tokens[0].i : tokens[-1].i + 1].text
        if self.gazetteer.is_nonplace(text) or self.gazetteer.demonym_country(text) is not None:
            return []
        found = self._lookup(text)
        if not found and len(tokens) > 1 and tokens[-1].lower_ in self.words.division:
            # "Mopti Region", "Kaduna State": the division of that name
            shorter = doc[tokens[0].i : tokens[-2].i + 1].text
            found = [r for r in self._lookup(shorter) if r.division]
        if _is_acronym(tokens):
            # "(DRC)", "(CAR)": a country's or province's own acronym; "(UN)", "(AFP)", "(PTI)" are no place
            found = [r for r in found if r.primary and r.entry.feature_code in ("PCLI", "ADM1")]
        return [r for r in found if r.entry.country]

    def _lookup(self, text: str) -> list[_Reading]:
        out = [_Reading(m.entry, m.primary) for m in self.gazetteer.lookup(text)]
        index = self.gazetteer.index
        if index is None:
            return out
        slot = {r.entry.geonameid: n for n, r in enumerate(out) if r.entry.geonameid is not None}
        for match in index.lookup(text):
            known = slot.get(match.entry.geonameid) if match.entry.geonameid is not None else None
            if known is not None:  # the main table's entry, with the district code the index knows
                out[known] = _Reading(out[known].entry, out[known].primary, match.admin2)
            else:
                out.append(_Reading(match.entry, match.primary, match.admin2))
        return out

    # -- one group -----------------------------------------------------------------------------------

    def _read(self, doc: Doc, group: _Group) -> Iterable[BracketPlace]:
        run = group.outer
        if not run or any(t.lower_ in self.words.organisation for t in run):
            return []
        readings = [self._readings(part) for part in group.parts]
        # the outermost part the gazetteer knows: "(Marka, Lower Shabelle)" is read from "Marka" when the
        # province's name is unknown, and the province is put at its district
        known = max((n for n, found in enumerate(readings) if found), default=-1)
        if known < 0 or known < len(readings) - 2 or (known < len(readings) - 1 and _is_acronym(group.parts[-1])):
            return []  # one trailing name may be unknown, never a code ("(Akron, OH)")
        site = run[-1].lower_ in self.words.site
        # the run's ends that the gazetteer knows, longest first ("Residents Springfield" -> "Springfield")
        # (never from inside an entity: "Scott" of "Congressman Bobby Scott (VA)")
        named = [
            (run[n:], self._readings(run[n:]))
            for n in range(len(run))
            if _is_name_word(run[n]) and (n == 0 or run[n].ent_iob_ != "I")
        ]
        named = [] if site else named
        country = _country(readings[: known + 1], [r for _, found in named for r in found])
        if country is None or _contradicts(named, country) or _a_person(group.parts, readings, country):
            return []
        support = sum(any(r.entry.country == country for r in found) for found in readings) + any(
            r.entry.country == country for _, found in named for r in found
        )
        if support < 2 and not any(r.entry.country == country and (r.primary or r.division) for r in readings[known]):
            # a lone name known only as another town's alternate name: "(PETs)" is not Pécs; "Kafr Nabl
            # (Maaret An Nu'man, Idleb)" is Idlib's, as the village's alternate name agrees
            return []
        divisions = _place_divisions(group.parts[: known + 1], readings[: known + 1], country)
        for part in group.parts[known + 1 :]:
            name = doc[part[0].i : part[-1].i + 1].text
            divisions.append(_Reading(_synthetic(name, divisions[-1].entry, "ADM1", country), True, synthetic=True))
        out: list[BracketPlace] = []
        if not site:
            location = self._location(doc, run, named, country, divisions, group.noun)
            if location is None:
                return []
            out.append(location)
            if location.entry.geonameid is not None:
                # a district the gazetteer lacks lies around the known place it contains ("Karachi South")
                divisions = [_around(d, location.entry) if d.synthetic else d for d in divisions]
        for part, division in zip(group.parts, divisions, strict=True):
            out.append(BracketPlace(part[0].i, part[-1].i + 1, division.entry, "division"))
        return out

    def _location(
        self,
        doc: Doc,
        run: list[Token],
        named: Sequence[tuple[list[Token], list[_Reading]]],
        country: str,
        divisions: Sequence[_Reading],
        noun: bool,
    ) -> BracketPlace | None:
        """The name before the bracket as a place inside its divisions; a name the gazetteer lacks there is put
        at the innermost division when it stands where a place stands ("in", "near", "attacked", "village")."""
        for outer, found in named:
            entry = _locate(found, country, divisions)
            if entry is not None:
                return BracketPlace(outer[0].i, outer[-1].i + 1, entry, "location")
        if not (noun or _placed(doc, run)):
            return None
        name = doc[run[0].i : run[-1].i + 1].text
        city = _city_of_quarter(run)
        town = _locate(self._readings(city), country, divisions) if city else None
        if town is not None:  # "Tripoli - Souq al Jumaa": ACLED's "<city> - <quarter>", a quarter of the city
            return BracketPlace(run[0].i, run[-1].i + 1, _synthetic(name, town, "PPLX", country), "location")
        entry = _synthetic(name, divisions[0].entry, "PPL", country)
        return BracketPlace(run[0].i, run[-1].i + 1, entry, "location")


def _city_of_quarter(run: Sequence[Token]) -> list[Token]:
    """ "Tripoli" of "Tripoli - Souq al Jumaa": the name before a dash set apart by spaces ([] if none)."""
    for k in range(1, len(run) - 1):
        if run[k].text in ("-", "–") and run[k].whitespace_ and run[k - 1].whitespace_:
            return list(run[:k])
    return []


# Readings of the location's name that a bracket cannot move to another country ("Arizona (Ayton)": a person).
_SOVEREIGN = frozenset({"PCLI", "ADM1", "RGN", "CONT"})


def _contradicts(named: Sequence[tuple[list[Token], list[_Reading]]], country: str) -> bool:
    """Is the location's whole name a country or province elsewhere?  Then the bracket is no container."""
    if not named:
        return False
    own = [r for r in named[0][1] if r.primary and r.entry.feature_code in _SOVEREIGN]
    return bool(own) and all(r.entry.country != country for r in own)


def _a_person(parts: Sequence[Sequence[Token]], readings: Sequence[Sequence[_Reading]], country: str) -> bool:
    """A one-name bracket the tagger calls a person and the gazetteer knows only as towns: a person's name."""
    if len(parts) != 1 or not any(t.ent_type_ in _PERSON_LABELS for t in parts[0]):
        return False
    return not any(r.division for r in readings[0] if r.entry.country == country)


def _country(readings: Sequence[Sequence[_Reading]], outer: Sequence[_Reading]) -> str | None:
    """The one country the bracket's parts (and the location) agree on; None when two tie.

    Each part counts once for each country it has a reading in (its own name fully, an alternate name half);
    the location's own name adds half; the last part read as a first-order division or a country adds a
    quarter.  A last part whose readings all lie in one country decides alone.
    """
    candidates = {r.entry.country for r in readings[-1] if r.entry.country}
    if len(candidates) == 1:
        return next(iter(candidates))
    scores: dict[str, float] = {}
    for country in candidates:
        score = sum(
            max((1.0 if r.primary else 0.5 for r in part if r.entry.country == country), default=0.0)
            for part in readings
        )
        score += max((0.5 if r.primary else 0.25 for r in outer if r.entry.country == country), default=0.0)
        if any(r.entry.country == country and r.entry.feature_code in ("ADM1", "PCLI") for r in readings[-1]):
            score += 0.25
        scores[country] = score
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.25:
        return None
    return ranked[0][0]


def _place_divisions(
    parts: Sequence[Sequence[Token]], readings: Sequence[Sequence[_Reading]], country: str
) -> list[_Reading]:
    """Each bracket part read inside ``country``, outermost first: the last as a first-order division where the
    gazetteer has one, each earlier one as a district of the division after it (a town of that name else)."""
    placed: list[_Reading] = []
    for n in range(len(parts) - 1, -1, -1):
        here = [r for r in readings[n] if r.entry.country == country]
        outside = placed[0].entry if placed else None
        if outside is None:
            best = _best(here, ("ADM1", "PCLI", "ADM2"))
        else:
            inside = [r for r in here if _within(r.entry, outside)]
            best = _best(inside, ("ADM2", "ADM3")) if inside else None
        if best is None and outside is not None:
            doc = parts[n][0].doc
            name = doc[parts[n][0].i : parts[n][-1].i + 1].text
            kind = "ADM2" if n == len(parts) - 2 else "ADM3"
            best = _Reading(_synthetic(name, outside, kind, country), primary=True, synthetic=True)
        if best is None:  # the last part has readings in ``country`` by construction
            best = here[0]
        placed.insert(0, best)
    return placed


def _best(readings: Sequence[_Reading], preferred: Sequence[str]) -> _Reading | None:
    """A division of a ``preferred`` kind (in that order), else the most salient town; own names first."""
    if not readings:
        return None

    def key(r: _Reading) -> tuple[int, bool, float]:
        rank = preferred.index(r.entry.feature_code) if r.entry.feature_code in preferred else len(preferred)
        return (rank, not r.primary, -r.entry.prior)

    return min(readings, key=key)


def _within(entry: GazetteerEntry, division: GazetteerEntry) -> bool:
    """May ``entry`` lie in ``division``: same country, and same first-order division when both codes are known."""
    if entry.country != division.country:
        return False
    if division.feature_code == "PCLI":
        return True
    return not (entry.admin1 and division.admin1) or entry.admin1 == division.admin1


def _locate(readings: Sequence[_Reading], country: str, divisions: Sequence[_Reading]) -> GazetteerEntry | None:
    """The location's own place inside the bracket's divisions: a town before a division, in the named
    district (by code or distance) and province, its own name before an alternate one."""
    known = [d for d in divisions if not d.synthetic]
    if not known:
        return None
    innermost = known[0].entry
    province = known[-1].entry
    district_code = known[0].admin2  # the index's district code of the innermost division (or its town)
    fits: list[tuple[tuple[bool, bool, bool, float], GazetteerEntry]] = []
    for r in readings:
        entry = r.entry
        if entry.country != country or not _within(entry, province):
            continue
        if innermost is not province and innermost.feature_code != "PCLI":
            if district_code is not None and r.admin2 is not None:
                if r.admin2 != district_code:
                    continue  # a namesake in another district of the province
            elif distance_km(entry.lat, entry.lon, innermost.lat, innermost.lon) > _DISTRICT_KM:
                continue
        town = entry.feature_code.startswith("PPL")
        near = distance_km(entry.lat, entry.lon, innermost.lat, innermost.lon)
        fits.append(((not town, not r.primary, entry.feature_code in ("PCLI",), near), entry))
    if not fits:
        return None
    return min(fits, key=lambda f: f[0])[1]
