"""Find place mentions in a parsed document and resolve each to one gazetteer entry.

Mentions come from spaCy GPE/LOC/FAC entities, plus capitalised proper-noun runs the small model
misses.  Candidates are ranked by prior salience and by the document's country context: other places
and demonyms in the document (and ``context_countries``) boost same-country candidates, and a named
first-order division (Texas) boosts its own towns, and towns boost their division (Seattle -> Washington
state).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from backchannel.geo.brackets import BracketReader, Brackets
from backchannel.geo.demonyms import DemonymFinder
from backchannel.geo.facilities import FacilityFinder
from backchannel.geo.gazetteer import Gazetteer, GazetteerEntry, NameMatch, distance_km, normalize_name
from backchannel.geo.index import common_words
from backchannel.geo.lexicon import LOCATIVE_PREPS, PLACE_EVIDENCE_PREPS, PLACE_NOUNS, PLACE_OBJECT_VERBS
from backchannel.records import PlaceKind, PlaceMention

__all__ = ["PlaceResolver"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LEADING_DROP = frozenset({"the", "The", "THE"})
_MAX_NGRAM = 4
_CONTEXT_COUNTRY = 3.0
_CONTEXT_ADMIN1 = 3.0
_WEAK_MIN_POPULATION = 50_000
_WEAK_MIN_SUPPORT = 2
_COUNTRY_LEVEL = frozenset({"PCLI", "CONT", "RGN", "OCN", "SEA", "GULF", "STRT", "ADM1", "PPLC"})
_BIG_CITY = 1_000_000
_MAX_LONG_NAME = 6  # "Democratic Republic of the Congo"
_MAX_NAME_RUN = 6  # tokens of a name before a comma or a division word ("Deir ez - Zor")
# Words after a name that make it an administrative division, with the feature code the division gets.
# ("Division" and "Department" are left out: "the 3rd Armored Division", "the Police Department"; so is "County":
# a US county is seldom where the town of its name is.)
_ADMIN_WORDS: dict[str, str] = {
    "state": "ADM1",
    "province": "ADM1",
    "governorate": "ADM1",
    "oblast": "ADM1",
    "region": "ADM1",
    "prefecture": "ADM1",
    "krai": "ADM1",
    "district": "ADM2",
    "raion": "ADM2",
    "municipality": "ADM2",
}
# Division words placed only through the big index's divisions of that full name ("Orange County").
_SMALL_ADMIN_WORDS: dict[str, str] = {"county": "ADM2", "parish": "ADM2"}
# Features a division is never named for: "Niger State" is not the country Niger.
_NOT_DIVISIONS = frozenset({"PCLI", "CONT", "OCN", "SEA", "GULF", "STRT", "CNL"})
# What may close a comma chain of names ("Korbol, Moyen-Chari, Chad"), and what makes a chain a list.
_CONTAINERS = frozenset({"PCLI", "ADM1"})
_LIST_FEATURES = frozenset({"PCLI", "CONT", "RGN", "OCN", "SEA", "GULF", "STRT"})
_DATELINE_PUNCT = frozenset({",", "(", "—", "–", "-", ":"})
# Last words of names of things that are not the place they contain ("Morris County", "Colorado State University").
_FEATURE_HEADS = frozenset(
    """county river university college school street avenue road square airport center centre hospital court
    station park bridge canal lake institute township parish hall tower stadium church chapel basilica mosque
    building""".split()  # noqa: SIM905 - word list
)


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int  # token index
    end: int
    matches: tuple[NameMatch, ...]  # empty: a name the gazetteer lacks, kept only inside a named container
    weak: bool = False  # kept only when other places of the document are in the same country
    small: bool = False  # candidates from the big index: kept only inside the document's country or a container
    extra: tuple[NameMatch, ...] = ()  # big-index namesakes of a main-table place: used when they fit and it does not
    admin: str | None = None  # feature code of a "<Name> State/Province/District" division
    kind: PlaceKind = "toponym"  # "embedded": a place named inside an organisation's name


def _trim(tokens: Iterable[Token]) -> list[Token]:
    """Drop a leading article and trailing possessives / punctuation."""
    toks = list(tokens)
    while toks and (toks[0].text in _LEADING_DROP or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].tag_ == "POS" or (toks[-1].is_punct and toks[-1].text != ".")):
        toks = toks[:-1]
    return toks


def _bracket_parts(tokens: Span) -> list[list[Token]]:
    """The runs of ``tokens`` between brackets: "Goma (North Kivu" -> "Goma", "North Kivu"."""
    parts: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.text in ("(", ")", "[", "]"):
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)


class PlaceResolver:
    """Find and geocode the places of a spaCy ``Doc``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # only a word that begins some long country-level name can begin one in the text
        self._long_starts = gazetteer.long_name_starts(_COUNTRY_LEVEL)
        self._common = common_words()
        self.demonyms = DemonymFinder(gazetteer)
        self.facilities = FacilityFinder()
        self.brackets = BracketReader(gazetteer)

    def find(
        self, doc: Doc, context_countries: Sequence[str] = (), *, keep_unresolved: bool = False
    ) -> list[PlaceMention]:
        """Sorted, non-overlapping place mentions of ``doc`` (offsets into ``doc.text``).

        ``keep_unresolved`` also returns GPE/LOC/FAC entities the gazetteer does not know, with only their
        text and offsets (useful to say where an event happened even without coordinates).
        """
        mentions = self._mentions(doc)
        places = self._resolve(doc, mentions, context_countries)  # Doc.text is rebuilt per access: read it once
        if keep_unresolved:
            places = self._with_unresolved(doc, places)
        places = sorted([*places, *self.facilities.find(doc, places)], key=lambda p: p.start)
        demonyms = self.demonyms.find(doc, [(p.start, p.end) for p in places])
        return sorted([*places, *demonyms], key=lambda p: p.start)

    def _with_unresolved(self, doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
        out = list(places)
        doc_text = doc.text
        for ent in doc.ents:
            if ent.label_ not in _PLACE_LABELS:
                continue
            toks = _trim(ent)
            if not toks or not any(_is_capitalised(t) for t in toks):
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            text = doc_text[start:end]
            if self.gazetteer.is_nonplace(text) or self.gazetteer.demonym_country(text) is not None:
                continue
            if any(p.start < end and start < p.end for p in out):
                continue
            out.append(PlaceMention(text=text, start=start, end=end))
        for chunk in _locative_name_chunks(doc):
            start, end = chunk[0].idx, chunk[-1].idx + len(chunk[-1].text)
            text = doc_text[start:end]
            if self.gazetteer.is_nonplace(text) or self.gazetteer.demonym_country(text) is not None:
                continue
            if not any(p.start < end and start < p.end for p in out):
                out.append(PlaceMention(text=text, start=start, end=end))
        return sorted(out, key=lambda p: p.start)

    # -- finding -----------------------------------------------------------------------------------

    def _match_span(self, tokens: Sequence[Token]) -> list[NameMatch]:
        if not tokens:
            return []
        if not any(_is_capitalised(t) for t in tokens):
            return []  # a lowercase common noun ("a police van") is never a toponym, whatever the tagger says
        doc = tokens[0].doc
        text = doc[tokens[0].i : tokens[-1].i + 1].text  # Doc.text is rebuilt on every access: slice the span
        if self.gazetteer.is_nonplace(text) or self.gazetteer.demonym_country(text) is not None:
            return []
        return self.gazetteer.lookup(text)

    def _longest_inside(self, tokens: Sequence[Token]) -> Iterable[tuple[list[Token], list[NameMatch]]]:
        """Greedy left-to-right longest gazetteer matches among capitalised token runs."""
        i = 0
        while i < len(tokens):
            found: tuple[list[Token], list[NameMatch]] | None = None
            for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
                window = list(tokens[i : i + n])
                if not _is_capitalised(window[0]) or not _is_capitalised(window[-1]):
                    continue
                matches = [m for m in self._match_span(window) if m.primary]
                if matches:
                    found = (window, matches)
                    break
            if found is not None:
                yield found
                i += len(found[0])
            else:
                i += 1

    def _mentions(self, doc: Doc) -> list[_Mention]:
        covered: set[int] = set()
        out: list[_Mention] = []
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                for part in _bracket_parts(ent):  # "Goma (North Kivu)": a place and its province
                    toks = _trim(part)
                    matches = self._match_span(toks)
                    small = self._small_matches(toks)
                    if matches:
                        out.append(_Mention(toks[0].i, toks[-1].i + 1, tuple(matches), extra=tuple(small)))
                    elif small:
                        out.append(_Mention(toks[0].i, toks[-1].i + 1, tuple(small), small=True))
                    elif toks and toks[-1].lower_ not in _FEATURE_HEADS:
                        # part of an unknown place name: keep parts that stand on their own ("Khan Younis" of
                        # "Khan Younis camp" is kept by the feature-head test above; "North" of "North Salt"
                        # is not evident)
                        out.extend(
                            _Mention(w[0].i, w[-1].i + 1, tuple(m))
                            for w, m in self._longest_inside(toks)
                            if self._evident(w, m)
                        )
                covered.update(range(ent.start, ent.end))
            else:  # the small model also labels places ORG, PERSON, PRODUCT...
                found = self._place_in_actor(ent)
                if not found and ent.label_ in _EMBEDDING_LABELS:
                    found = self._embedded(ent)
                out.extend(found)
                covered.update(range(ent.start, ent.end))
        run: list[Token] = []
        for token in [*doc, None]:
            if token is not None and token.i not in covered and _is_candidate_token(token):
                run.append(token)
                continue
            found = [
                _Mention(w[0].i, w[-1].i + 1, tuple(m), extra=tuple(self._small_matches(w)))
                for w, m in self._longest_inside(run)
                if self._evident(w, m)
            ]
            out.extend(found or self._small_after_preposition(run))
            run = []
        out.extend(self._long_names(doc))
        out.extend(self._admin_units(doc))
        out.extend(self._split_names(doc))
        return _with_brackets(out, self.brackets.find(doc))

    def _split_names(self, doc: Doc) -> Iterable[_Mention]:
        """One name the tagger splits into two adjacent place entities ("Baja" + "California"): the whole wins
        when some gazetteer knows it (a big-index place must then fit the document)."""
        ents = [e for e in doc.ents if e.label_ in _PLACE_LABELS]
        for left, right in pairwise(ents):
            if left.end != right.start:
                continue
            toks = _trim(doc[left.start : right.end])
            core = [m for m in self._match_span(toks) if m.primary]
            if core:
                yield _Mention(toks[0].i, toks[-1].i + 1, tuple(core))
                continue
            small = self._small_matches(toks)
            if small:
                yield _Mention(toks[0].i, toks[-1].i + 1, tuple(small), small=True)

    def _long_names(self, doc: Doc) -> Iterable[_Mention]:
        """Country-level names of three or more words the tagger splits ("Democratic Republic" + "Congo")."""
        for token in doc:
            if not _is_capitalised(token) or token.text in _LEADING_DROP:
                continue
            if normalize_name(token.text) not in self._long_starts:
                continue
            for n in range(_MAX_LONG_NAME, 2, -1):
                window = doc[token.i : token.i + n]
                if len(window) < n or not _is_capitalised(window[-1]) or any(t.is_punct for t in window):
                    continue
                if window.end < len(doc) and _is_capitalised(doc[window.end]):
                    continue  # the start of a longer name: "United States Central Command"
                matches = [m for m in self._match_span(list(window)) if m.primary]
                if matches and matches[0].entry.feature_code in _COUNTRY_LEVEL:
                    yield _Mention(token.i, token.i + n, tuple(matches))
                    break

    def _admin_units(self, doc: Doc) -> Iterable[_Mention]:
        """ "Niger State", "Badakhshan province", "Lakki Marwat District": a division named after a place.

        The division is never the country of its name (Niger State is in Nigeria); named after a town, it
        takes the town's country and point.  A division the gazetteer cannot place at all is returned without
        candidates: only a named container ("Orakzai District, Pakistan") places it.
        """
        for suffix in doc:
            kind = _ADMIN_WORDS.get(suffix.lower_) or _SMALL_ADMIN_WORDS.get(suffix.lower_)
            if kind is None or suffix.i == 0 or not _is_name_word(doc[suffix.i - 1]):
                continue
            after = doc[suffix.i + 1] if suffix.i + 1 < len(doc) else None
            if after is not None and (_is_capitalised(after) or after.pos_ in {"NOUN", "PROPN"}):
                continue  # part of a longer name or a modifier: "Arizona State University", "Iran state media"
            run = _name_run(doc, suffix.i)
            if any(t.lower_ in _ORGANISATION_WORDS or t.ent_type_ in _NOT_PLACE_ENTS for t in run):
                continue
            mention = self._admin_unit(doc, run, suffix, kind)
            if mention is not None:
                yield mention

    def _admin_unit(self, doc: Doc, run: list[Token], suffix: Token, kind: str) -> _Mention | None:
        """The division "<run> <suffix>", named by the longest end of ``run`` the gazetteer knows."""
        for first in range(len(run)):
            name = run[first:]
            if not _is_name_word(name[0]):
                continue
            whole = [m for m in self._match_span([*name, suffix]) if m.primary]
            if whole:  # the gazetteer knows the division by its full name ("Kursk Oblast")
                return _Mention(name[0].i, suffix.i + 1, tuple(whole))
            whole = [m for m in self._small_matches([*name, suffix]) if m.entry.feature_code in ("ADM1", "ADM2")]
            if whole:  # "Fulton County", "Kherson Oblast": a district or province of the big index
                return _Mention(name[0].i, suffix.i + 1, tuple(whole), small=True)
            if suffix.lower_ in _SMALL_ADMIN_WORDS:
                continue  # a county is placed only by its own name: towns rarely lie in the county they name
            text = doc[name[0].i : suffix.i + 1].text
            matches = self._match_span(name)
            if any(m.entry.feature_code == "PCLI" for m in matches):
                # "Montenegro province", "a US state" with no entry of their own: the country's name is read as
                # the country, not as a Brazilian town Montenegro (divisions known by their full name, "Niger
                # State", were matched above)
                return None
            found = [_as_division(m, text, kind) for m in matches if m.entry.feature_code not in _NOT_DIVISIONS]
            if found:
                return _Mention(name[0].i, suffix.i + 1, tuple(found))
        if suffix.lower_ in _SMALL_ADMIN_WORDS:
            return None
        # A known place inside makes the words no division name ("a US state", "New Mexico GOP state"), except
        # a capitalised division word after the whole run: "Niger State" is a division, not the country.
        named = suffix.text[:1].isupper()
        if any(
            self._match_span(run[i:j])
            for i in range(len(run))
            for j in range(i + 1, len(run) + 1)
            if not (named and i == 0 and j == len(run))
        ):
            return None
        return _Mention(run[0].i, suffix.i + 1, (), admin=kind)

    def _place_in_actor(self, ent: Span) -> list[_Mention]:
        """Places the small model labels otherwise (ORG, PERSON, PRODUCT...).

        The whole entity is a place when it names a country-level place, or a place with positional evidence
        ("the Rafah crossing", "in Khan Younis").  A country or capital opening a longer entity after a locative
        preposition is a place too ("ambassador to Qatar Cao Xiaolin").
        """
        parts = _bracket_parts(ent)
        if len(parts) > 1:
            return self._bracketed(parts)
        toks = _trim(ent)
        if not toks:
            return []
        matches = [m for m in self._match_span(toks) if m.primary]
        if matches and (matches[0].entry.feature_code in _COUNTRY_LEVEL or self._evident(toks, matches)):
            return [_Mention(toks[0].i, toks[-1].i + 1, tuple(matches), extra=tuple(self._small_matches(toks)))]
        if (
            matches
            and len(toks) == 1
            and ent.label_ == "PERSON"
            and matches[0].entry.population >= _WEAK_MIN_POPULATION
        ):
            # "Misrata", "Norwich": a lone town name the small model calls a person; the document decides
            return [_Mention(toks[0].i, toks[-1].i + 1, tuple(matches), weak=True)]
        if _after_place(toks[0]):
            # "Kaga Bandoro (Nana-Grebizi)", "Pandi, Bulacan": a division (or town) after a place, tagged ORG
            divisions = [m for m in self._small_matches(toks) if m.entry.feature_code in ("ADM1", "ADM2")]
            if matches or divisions:
                return [_Mention(toks[0].i, toks[-1].i + 1, (*matches, *divisions), small=not matches)]
        if not matches and _after_locative(toks[0]) and (ent.label_ != "PERSON" or len(toks) == 1):
            # a lone name after a place preposition that the tagger calls a person: "driving to Castlegar"
            small = self._small_matches(toks)
            if small:  # "in Kaga Bandoro" tagged ORG: a small town if it fits the document
                return [_Mention(toks[0].i, toks[-1].i + 1, tuple(small), small=True)]
        if len(toks) < 2 or not _after_locative(toks[0]):
            return []
        for n in range(min(_MAX_NGRAM, len(toks) - 1), 0, -1):
            window = toks[:n]
            opening = [m for m in self._match_span(window) if m.primary]
            if opening and opening[0].entry.feature_code in _COUNTRY_LEVEL:
                return [_Mention(window[0].i, window[-1].i + 1, tuple(opening))]
        return []

    def _embedded(self, ent: Span) -> list[_Mention]:
        """Places named inside an organisation's, a team's or a currency's name: "the Pakistan Army", "The
        Washington Post", "the Houston Rockets", "US dollars".  Only names that stand for themselves without
        positional evidence: a country, region or first-order division, a capital or a city of 100,000 people
        ("Allendale Woman's Club" is left out: a small town's name in a club's name is no evidence)."""
        toks = _trim(ent)
        doc = ent.doc
        alone = not any(0 <= j < len(doc) and _is_name_word(doc[j]) for j in (ent.start - 1, ent.end))
        longest = len(toks) if alone else len(toks) - 1  # "Liverpool" (the club) may be all of it; "Boa" + "Vista" not
        out: list[_Mention] = []
        i = 0
        while i < longest:
            for n in range(min(_MAX_NGRAM, longest), 0, -1):
                window = toks[i : i + n]
                if len(window) < n or not _is_capitalised(window[0]) or not _is_capitalised(window[-1]):
                    continue
                # an alias counts for a big place: "New York" of "The New York Times" is New York City's alias
                matches = [m for m in self._match_span(window) if m.primary or m.entry.population >= _BIG_CITY]
                if matches and _stands_for_itself(matches[0].entry) and not self._hyphenated_part(window):
                    out.append(_Mention(window[0].i, window[-1].i + 1, tuple(matches), kind="embedded"))
                    i += n - 1
                    break
            i += 1
        return out

    def _hyphenated_part(self, window: Sequence[Token]) -> bool:
        """Is ``window`` one half of a hyphenated name ("Brest" of "Brest-Litovsk")?  Not when the other half is
        a place too ("Armenia-Italy friendship group")."""
        doc = window[0].doc
        for hyphen, other in ((window[0].i - 1, window[0].i - 2), (window[-1].i + 1, window[-1].i + 2)):
            hyphenated = 0 <= other < len(doc) and doc[hyphen].text == "-" and not doc[hyphen].whitespace_
            if hyphenated and not self._match_span([doc[other]]):
                return True
        return False

    def _small_matches(self, tokens: Sequence[Token]) -> list[NameMatch]:
        """Places of the big index a candidate span may name (towns under 15k people, districts, provinces).

        A single word that is a common English word, a short word or a name the tagger calls a person is no
        small place ("Bill", "West", "Mark"): only the main table's countries, divisions and cities may bear it.
        """
        if not tokens or not all(_is_capitalised(t) or t.text == "-" or t.lower_ in _NAME_PARTICLES for t in tokens):
            return []
        if not _is_capitalised(tokens[0]) or not _is_capitalised(tokens[-1]):
            return []
        if len(tokens) == 1:
            word = tokens[0]
            if len(word.text) < 4 or word.lower_ in self._common or word.ent_type_ in _NOT_PLACE_ENTS:
                return []
        doc = tokens[0].doc
        after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
        if after is not None and after.lower_ in _FEATURE_HEADS:
            return []  # "Heathrow airport", "the Elm Street bridge": a site named after the place, not the town
        text = doc[tokens[0].i : tokens[-1].i + 1].text
        if self.gazetteer.is_nonplace(text) or self.gazetteer.demonym_country(text) is not None:
            return []
        # a division is known by its aliases too ("Nana-Grebizi"); a small town by its own name only
        return [m for m in self.gazetteer.lookup_small(text) if m.primary or not m.entry.feature_code.startswith("PPL")]

    def _small_after_preposition(self, run: Sequence[Token]) -> list[_Mention]:
        """ "in Waverly", "outside Kafr Nabl", "north of Taiz": a capitalised name after a place preposition
        (or "north/south/... of") that the big index knows."""
        if not run or not (_after_locative(run[0]) or _after_direction_of(run[0])):
            return []
        for n in range(min(_MAX_NGRAM, len(run)), 0, -1):
            window = list(run[:n])
            small = self._small_matches(window)
            if small:
                return [_Mention(window[0].i, window[-1].i + 1, tuple(small), small=True)]
        return []

    def _bracketed(self, parts: list[list[Token]]) -> list[_Mention]:
        """'Goma (North Kivu)', 'Bulo Marer (Lower Shabelle)': a place and the region it lies in.

        The region (a first-level division or a country) is a place; so is the name before it when
        the gazetteer has a place of that name in the region's country.
        """
        found = [(toks, [m for m in self._match_span(toks) if m.primary]) for toks in map(_trim, parts) if toks]
        regions = {
            m.entry.country
            for _, matches in found
            for m in matches
            if m.entry.feature_code == "ADM1" or m.entry.feature_code in _COUNTRY_LEVEL
        }
        out: list[_Mention] = []
        for toks, matches in found:
            inside = [m for m in matches if m.entry.country in regions]
            if inside or (matches and self._evident(toks, matches)):
                out.append(_Mention(toks[0].i, toks[-1].i + 1, tuple(inside or matches)))
        return out

    def _evident(self, window: Sequence[Token], matches: Sequence[NameMatch]) -> bool:
        """Is a gazetteer match outside a place entity really a place?  Needs salience or positional evidence."""
        best = matches[0].entry
        doc = window[0].doc
        if best.feature_code in _COUNTRY_LEVEL or best.population >= _BIG_CITY:
            return True
        after = doc[window[-1].i + 1] if window[-1].i + 1 < len(doc) else None
        if _after_locative(window[0]) or (after is not None and after.lower_ in PLACE_NOUNS):
            return True
        first = window[0]
        if first.i >= 2 and doc[first.i - 1].lower_ == "of" and doc[first.i - 2].lower_ in PLACE_NOUNS:
            return True  # "the town of Samarra", "the province of Helmand"
        root = doc[window[0].i : window[-1].i + 1].root
        if root.dep_ == "dobj" and root.head.lemma_ in PLACE_OBJECT_VERBS:
            return True  # "captured Goma"
        if after is not None and after.text == "," and after.i + 1 < len(doc):
            # "Riverdale, N.J." / "Aleppo, Syria": a town named with its region or country
            for n in (1, 2, 3):
                region = doc[after.i + 1 : after.i + 1 + n]
                if any(m.entry.feature_code in {"ADM1", "PCLI"} for m in self.gazetteer.lookup(region.text)):
                    return True
        if all(t.is_upper for t in window) and after is not None and after.text in _DATELINE_PUNCT:
            first = window[0]
            return first.i == 0 or first.is_sent_start or "\n" in doc[first.i - 1].text_with_ws
        return False

    # -- resolving ---------------------------------------------------------------------------------

    def _resolve(self, doc: Doc, mentions: list[_Mention], context_countries: Sequence[str]) -> list[PlaceMention]:
        chosen = _non_overlapping(mentions)
        given = Counter({code: 2 for code in context_countries})
        demonyms: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ == "NORP":
                code = self.gazetteer.demonym_country(ent.text)
                if code:
                    demonyms[code] += 1
        # First pass: each mention's best prior gives its country (and first-order division) to the context.
        firsts = [None if m.weak or m.small or not m.matches else m.matches[0].entry for m in chosen]
        # Totals over all mentions, each mention then taking out its own share (linear, not quadratic).
        all_countries: Counter[str] = Counter()
        all_admin1s: Counter[tuple[str, str | None, str]] = Counter()
        for entry in firsts:
            if entry is None or entry.country is None:
                continue
            all_countries[entry.country] += 1
            if entry.admin1:  # a division named, or a town of it: ("ADM1" or "PPL", country, code)
                all_admin1s[(entry.feature_code[:3], entry.country, entry.admin1)] += 1
        context = given + demonyms + all_countries
        # towns the document names for sure: a small place with namesakes is the one near them
        anchors = [(e.lat, e.lon) for e in firsts if e is not None and e.feature_code.startswith("PPL")]
        resolved: list[GazetteerEntry | None] = []
        for idx, mention in enumerate(chosen):
            countries: Counter[str] = context
            admin1s: AbstractSet[tuple[str, str | None, str]] = all_admin1s.keys()
            own = firsts[idx]
            if own is not None and own.country is not None:
                countries = context.copy()
                countries[own.country] -= 1
                if own.admin1:
                    key = (own.feature_code[:3], own.country, own.admin1)
                    if all_admin1s[key] == 1:
                        admin1s = set(all_admin1s) - {key}
            if not mention.matches or (
                mention.weak
                and not any(countries[m.entry.country] >= _WEAK_MIN_SUPPORT for m in mention.matches if m.entry.country)
            ):
                resolved.append(None)
                continue
            if mention.small:
                resolved.append(_fitting(mention.matches, countries, admin1s, anchors))
                continue
            best = max(mention.matches, key=lambda m: self._score(m, countries, admin1s)).entry
            if mention.extra and _replaceable(best):
                # "57 in Ballina" in a report on Tipperary: the Irish town, not the Australian one; "in
                # Riverdale" in a New Jersey report: the New Jersey town, not the Georgia city
                alt = _fitting(mention.extra, countries, admin1s, anchors)
                if alt is not None and (
                    not (best.country and countries[best.country])
                    or (_in_named_division(alt, admin1s) and not _in_named_division(best, admin1s))
                ):
                    best = alt
            resolved.append(best)
        # second pass: namesakes told apart by the towns the first pass placed ("Nenagh ... 57 in Ballina")
        anchors = [(e.lat, e.lon) for e in resolved if e is not None and e.feature_code.startswith("PPL")]
        for idx, mention in enumerate(chosen):
            if resolved[idx] is not None and not (
                mention.extra and any(m.entry is resolved[idx] for m in mention.matches)
            ):
                continue
            candidates = mention.matches if mention.small else mention.extra
            entry = resolved[idx]
            if entry is not None and not _replaceable(entry):
                continue
            own = firsts[idx]
            support = context[entry.country or ""] - (own is not None and own.country == entry.country) if entry else 0
            if candidates and (entry is None or support <= 0):
                others = context.copy()
                if own is not None and own.country:
                    others[own.country] -= 1
                resolved[idx] = _fitting(candidates, others, all_admin1s.keys(), anchors) or entry
        spans = self._contained(doc, chosen, resolved, context)
        kinds = {(m.start, m.end): m.kind for m in chosen}
        results: list[PlaceMention] = []
        for (start_i, end_i), entry in sorted(spans.items()):
            start = doc[start_i].idx
            last = doc[end_i - 1]
            kind = kinds.get((start_i, end_i), "toponym")
            place = entry.mention(doc[start_i:end_i].text, start, last.idx + len(last.text))
            results.append(place if kind == "toponym" else place.model_copy(update={"kind": kind}))
        return results

    def _contained(
        self, doc: Doc, chosen: list[_Mention], resolved: list[GazetteerEntry | None], context: Counter[str]
    ) -> dict[tuple[int, int], GazetteerEntry]:
        """Apply named containers: "Bakori, Katsina State, Nigeria", "Wana and Orakzai District, Pakistan".

        A comma chain of names ending in a country or first-order division puts each name before it in that
        country: a same-name place elsewhere yields to one inside ("Chala, Peru"), and a name the gazetteer
        lacks is placed at its nearest named container ("Jurf al-Nasr, Iraq").  A country or region inside
        the chain makes it a list ("Syria, Iraq, Jordan"), not a container, and the walk stops there.
        """
        spans: dict[tuple[int, int], GazetteerEntry] = {}
        by_end: dict[int, int] = {}
        for idx, (mention, entry) in enumerate(zip(chosen, resolved, strict=True)):
            by_end[mention.end] = idx
            if entry is not None:
                spans[(mention.start, mention.end)] = entry
        taken = {i for m in chosen for i in range(m.start, m.end)}
        for idx in range(len(chosen) - 1, -1, -1):
            container = resolved[idx]
            if container is None or container.country is None or container.feature_code not in _CONTAINERS:
                continue
            after = doc[chosen[idx].end] if chosen[idx].end < len(doc) else None
            if after is not None and (after.tag_ == "POS" or after.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}):
                continue  # "Gaza City, Israel says", "Kharkiv, Ukraine's second city": not a container
            country = container.country
            reference = container
            pos = chosen[idx].start
            pending: list[tuple[int, int, str | None]] = []  # names the gazetteer cannot place: (start, end, admin)
            while pos >= 2 and (
                doc[pos - 1].text == ","
                or (doc[pos - 1].text == "(" and pos == chosen[idx].start)  # "Bossangoa (Ouham)"
                or (doc[pos - 1].lower_ == "and" and pos != chosen[idx].start)
            ):
                end = pos - 1
                known = by_end.get(end)
                if known is not None and chosen[known].start < end:
                    mention, entry = chosen[known], resolved[known]
                    inside = _inside(mention.matches, container) or _inside(
                        self._small_matches(list(doc[mention.start : mention.end])), container
                    )
                    if entry is not None and (
                        _lies_in(entry, container) or (entry.country == country and not inside)
                    ):  # "Kings County, California" is not Brooklyn: a same-country place must lie in the division
                        reference = entry if entry.feature_code != "PCLI" else reference
                    elif entry is not None and (
                        entry.feature_code in _LIST_FEATURES
                        or (entry.country != country and entry.country and context[entry.country] > 1)
                    ):
                        # "Syria, Iraq, Jordan" is a list; "Donetsk, Russia" in a report that names Ukraine
                        # elsewhere keeps its town
                        break
                    elif inside:
                        best = inside[0]
                        spans[(mention.start, mention.end)] = best
                        reference = best
                    else:
                        spans.pop((mention.start, mention.end), None)
                        pending.append((mention.start, mention.end, mention.admin))
                    pos = mention.start
                    continue
                run = _name_run(doc, end)
                if not run or taken.intersection(range(run[0].i, end)):
                    break
                text = doc[run[0].i : end].text
                if self.gazetteer.is_nonplace(text) or self.gazetteer.demonym_country(text) is not None:
                    break
                if any(t.lower_ in _ORGANISATION_WORDS or t.ent_type_ in _NOT_PLACE_ENTS for t in run):
                    break
                if run[-1].lower_ in _FEATURE_HEADS and run[-1].lower_ != "county":
                    break  # "Kolwezi Airport, ...": a site, not a place container's member
                pos = run[0].i
                found = _inside(self._small_matches(run), container)
                if found and run[-1].lower_ != "county":
                    spans[(run[0].i, end)] = found[0]  # "Pandi, Bulacan": the small town in its province
                    reference = found[0]
                    continue
                pending.append((run[0].i, end, "ADM2" if run[-1].lower_ == "county" else None))
            if not pending or not _chain_evident(doc, pos):
                continue
            for n, (start, end, admin) in enumerate(pending):
                last = n == len(pending) - 1 or doc[pending[n + 1][1]].lower_ == "and"
                kind = admin or ("PPL" if last else "ADM1" if n == 0 and reference is container else "ADM2")
                spans[(start, end)] = GazetteerEntry(
                    name=doc[start:end].text,
                    geonameid=None,
                    lat=reference.lat,
                    lon=reference.lon,
                    country=country,
                    feature_code=kind,
                    population=0,
                    admin1=reference.admin1 if reference.feature_code == "ADM1" else None,
                )
        return spans

    @staticmethod
    def _score(match: NameMatch, countries: Counter[str], admin1s: AbstractSet[tuple[str, str | None, str]]) -> float:
        entry = match.entry
        score = match.prior
        if entry.country and countries[entry.country]:
            score += _CONTEXT_COUNTRY * min(1.0, 0.5 + 0.25 * countries[entry.country])
        other_kind = "PPL" if entry.feature_code == "ADM1" else "ADM"
        if entry.admin1 and (other_kind, entry.country, entry.admin1) in admin1s:
            # Paris near Texas is Paris, Texas; Washington near Seattle is the state
            score += _CONTEXT_ADMIN1
        return score


# Entities whose names may hold a place's name ("Pakistan Army" ORG, "US dollars" MONEY, "Texas Rangers"
# ORG or NORP); a person's name never does ("Paris Hilton").
_EMBEDDING_LABELS = frozenset({"ORG", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "MONEY"})
_EMBEDDED_MIN_POPULATION = 100_000
_NOT_PLACE_ENTS = frozenset({"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Words that make a proper name an organisation, not a place ("Armored Division", "Tiger Forces").
_ORGANISATION_WORDS = frozenset(
    [
        "forces",
        "force",
        "army",
        "division",
        "brigade",
        "battalion",
        "regiment",
        "units",
        "unit",
        "party",
        "council",
        "ministry",
        "committee",
        "group",
        "front",
        "movement",
        "company",
        "bank",
        "university",
        "news",
        "agency",
        "police",
        "organization",
        "organisation",
        "union",
        "court",
        "office",
        "corps",
        "guard",
        "guards",
        "militia",
        "coalition",
        "alliance",
        "government",
        "authority",
        "commission",
        "institute",
        "war",
    ]
)
_NAME_PARTICLES = frozenset(
    ["al", "el", "ez", "ad", "as", "ash", "ar", "at", "de", "del", "la", "le", "du", "bin", "ibn", "abu"]
)


def _locative_name_chunks(doc: Doc) -> Iterable[list[Token]]:
    """Proper-name chunks in place positions: "in Swat", "the town of Sheykler", "Rawiya village"."""
    for token in doc:
        if token.pos_ != "PROPN" or not _is_name_word(token) or token.ent_type_ in _NOT_PLACE_ENTS:
            continue
        if token.dep_ in {"compound", "flat"} and token.head.pos_ == "PROPN":
            continue  # not the head of its name
        head = token.head
        placed = (
            (token.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS)
            or (token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS)
            or (
                token.dep_ in {"compound", "nmod", "appos", "poss"}
                and head.lower_ in PLACE_NOUNS
                and not token.is_upper  # "the MFO base"
                and not (token.dep_ == "poss" and token.ent_type_ == "PERSON")  # "Hekmatyar's base"
            )
            # the small model labels unknown towns PERSON or ORG; a captured PERSON is a person
            or (token.dep_ == "dobj" and head.lemma_ in PLACE_OBJECT_VERBS and token.ent_type_ != "PERSON")
        )
        if not placed:
            continue
        chunk = [token]
        inside = {t.i for t in token.subtree}
        while chunk[0].i > 0:
            left = doc[chunk[0].i - 1]
            name_part = left.pos_ == "PROPN" and _is_name_word(left)
            joiner = left.text == "-" or left.lower_ in _NAME_PARTICLES  # "Deir ez-Zor", "Ras al-Ain"
            if left.i in inside and (name_part or (joiner and left.i > 0 and doc[left.i - 1].i in inside)):
                chunk.insert(0, left)
            else:
                break
        while chunk[0].text == "-" or (chunk[0].lower_ in _NAME_PARTICLES and chunk[0].text.islower()):
            chunk.pop(0)
        if not any(t.lower_ in _ORGANISATION_WORDS for t in chunk):
            yield chunk


def _stands_for_itself(entry: GazetteerEntry) -> bool:
    """Can a place's name inside another name be read as the place without positional evidence?"""
    return entry.feature_code in _COUNTRY_LEVEL or entry.population >= _EMBEDDED_MIN_POPULATION


def _name_run(doc: Doc, end: int) -> list[Token]:
    """The proper name just before token ``end``: "Jurf al - Nasr", "Lakki Marwat" ([] if none)."""
    run: list[Token] = []
    i = end - 1
    while i >= 0 and len(run) < _MAX_NAME_RUN:
        token = doc[i]
        joiner = token.text == "-" or (token.lower_ in _NAME_PARTICLES and token.text.islower())
        if not (_is_name_word(token) or (joiner and run)):
            break
        run.insert(0, token)
        i -= 1
    while run and not _is_name_word(run[0]):
        run.pop(0)
    return run


def _as_division(match: NameMatch, text: str, kind: str) -> NameMatch:
    """A division named after ``match``'s place: a town's division takes the town's country and point."""
    entry = match.entry
    if not entry.feature_code.startswith("PPL"):
        return match  # a region or division already ("Darfur region", "Sindh province")
    division = GazetteerEntry(
        name=text,
        geonameid=None,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        feature_code=kind,
        population=entry.population,
        admin1=entry.admin1,
    )
    return NameMatch(division, match.primary)


def _chain_evident(doc: Doc, start: int) -> bool:
    """Does the name at token ``start`` stand where a place stands ("in Korbol, Chad", "the town of X, Y")?"""
    first = doc[start]
    if first.ent_type_ in _PLACE_LABELS:
        return True
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in LOCATIVE_PREPS or before.lower_ in PLACE_EVIDENCE_PREPS:
        return True
    return before.lower_ == "of" and start >= 2 and doc[start - 2].lower_ in PLACE_NOUNS


def _is_name_word(token: Token) -> bool:
    return _is_capitalised(token) and token.text[-1].isalpha()


def _is_candidate_token(token: Token) -> bool:
    return _is_capitalised(token) and (token.pos_ == "PROPN" or (token.is_upper and len(token.text) > 2))


_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western".split()  # noqa: SIM905 - word list
)


def _after_direction_of(token: Token) -> bool:
    """ "north of Bakersfield", "southwest of Kirkuk"."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].lower_ == "of" and doc[token.i - 2].lower_ in _DIRECTIONS


def _after_place(token: Token) -> bool:
    """Does ``token`` follow a proper name and a comma or an opening bracket ("Pandi, Bulacan")?"""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in ("(", ",") and doc[token.i - 2].pos_ == "PROPN"


def _lies_in(entry: GazetteerEntry, container: GazetteerEntry) -> bool:
    """Same country; and same first-order division when the container is one and both codes are known."""
    if entry.country != container.country:
        return False
    return container.feature_code != "ADM1" or not container.admin1 or entry.admin1 in (None, container.admin1)


def _inside(matches: Sequence[NameMatch], container: GazetteerEntry) -> list[GazetteerEntry]:
    """Entries of ``matches`` that lie in ``container`` (its country; its division when it is one), towns
    first, then the most salient."""
    out = [
        m.entry
        for m in matches
        if m.entry is not container and _lies_in(m.entry, container) and m.entry.feature_code not in _LIST_FEATURES
    ]
    return sorted(out, key=lambda e: (not e.feature_code.startswith("PPL"), -e.prior, e.name))


def _in_named_division(entry: GazetteerEntry, admin1s: AbstractSet[tuple[str, str | None, str]]) -> bool:
    """Is ``entry`` a town or district of a first-order division the document names?"""
    return entry.feature_code != "ADM1" and bool(entry.admin1) and ("ADM", entry.country, entry.admin1) in admin1s


def _replaceable(entry: GazetteerEntry) -> bool:
    """May a small namesake that fits the document replace this main-table place?  Only a town that is not a
    capital or a large city: a country, region or division keeps its name ("Luxembourg", "Middle East")."""
    return entry.feature_code in ("PPL", "PPLA") and entry.population < _REPLACEABLE_POPULATION


_REPLACEABLE_POPULATION = 200_000
_NAMESAKE_KM = 50.0
_ANCHOR_KM = 100.0


def _fitting(
    matches: Sequence[NameMatch],
    countries: Counter[str],
    admin1s: AbstractSet[tuple[str, str | None, str]],
    anchors: Sequence[tuple[float, float]] = (),
) -> GazetteerEntry | None:
    """A big-index candidate that fits the document: in a first-order division the document names (or whose
    towns it names), else in a country it names; towns before districts and provinces (fallback only)."""
    fits: list[tuple[tuple[int, bool, float], GazetteerEntry]] = []
    for match in matches:
        entry = match.entry
        if not entry.country or not countries[entry.country]:
            continue
        other_kind = "PPL" if entry.feature_code == "ADM1" else "ADM"
        in_division = bool(entry.admin1) and (other_kind, entry.country, entry.admin1) in admin1s
        fits.append(((int(in_division), entry.feature_code.startswith("PPL"), entry.prior), entry))
    if not fits:
        return None
    fits.sort(key=lambda f: (f[0], f[1].name), reverse=True)
    (division_fit, town, _), best = fits[0]
    rivals = [
        e
        for key, e in fits
        if key[:2] == (division_fit, town)
        and e.country == best.country
        and distance_km(e.lat, e.lon, best.lat, best.lon) > _NAMESAKE_KM
    ]
    if division_fit or not rivals:
        return best
    # "the Hamilton County jail": namesakes in the country; only a town the document names nearby tells them apart
    near = [
        (min((distance_km(e.lat, e.lon, lat, lon) for lat, lon in anchors), default=1e9), e) for e in [best, *rivals]
    ]
    near.sort(key=lambda pair: pair[0])
    if near[0][0] <= _ANCHOR_KM and near[1][0] > near[0][0] + _NAMESAKE_KM:
        return near[0][1]
    return None


def _after_locative(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ in PLACE_EVIDENCE_PREPS


def _with_brackets(mentions: list[_Mention], brackets: Brackets) -> list[_Mention]:
    """ "Boni (Douentza, Mopti)": names read together as a place and its divisions replace the readings that
    overlap them ("Boni" alone is Bonn); an abbreviation in brackets ("the United Nations (UN)") is no place."""
    if not brackets.places and not brackets.abbreviations:
        return mentions
    taken = {i for place in brackets.places for i in range(place.start, place.end)}
    taken.update(i for start, end in brackets.abbreviations for i in range(start, end))
    kept = [m for m in mentions if not taken.intersection(range(m.start, m.end))]
    return [*kept, *(_Mention(p.start, p.end, (NameMatch(p.entry, primary=True),)) for p in brackets.places)]


def _non_overlapping(mentions: list[_Mention]) -> list[_Mention]:
    kept: list[_Mention] = []
    taken: set[int] = set()
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if taken.intersection(range(m.start, m.end)):
            continue
        kept.append(m)
        taken.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: m.start)
