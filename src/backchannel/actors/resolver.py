"""Find the actors in a parsed document: aliases, fuzzy names, role phrases, and unknown names.

Four passes over the tokens of a spaCy ``Doc`` (whose offsets are those of the original text):

1. alias match: a token trie of every alias in the KB, longest match, token boundaries, accents
   stripped, case-aware (``US`` only in capitals, ``Turkey`` only capitalised);
2. fuzzy match of PERSON/ORG/GPE/NORP entities the aliases missed, against aliases of a compatible
   kind only (a GPE never becomes an organisation: the Syrian city Hama is not Hamas);
3. role phrases built around sector nouns: ``Chinese Ambassador to Qatar Cao Xiaolin``, ``the Israeli
   army``, ``chairman of the Hamas Politburo`` (-> the office holder on the document date);
4. the remaining named entities, unresolved, with a country guessed from what surrounds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import spacy
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from backchannel.actors.kb import (
    FUZZY_CUTOFF,
    FUZZY_SHORT_CUTOFF,
    SHORT_QUERY,
    ActorKB,
    Agent,
    Alias,
    Division,
    Resolution,
    canonical_title,
)
from backchannel.actors.normalize import fold, is_acronym, strip_accents
from backchannel.actors.places import PlaceLookup
from backchannel.actors.trie import TokenTrie
from backchannel.records import ActorMention

__all__ = ["ActorResolver"]

_DETERMINERS = {"the", "a", "an", "their", "its", "his", "her", "our", "this", "that", "these", "those", "both"}
_POSSESSIVE = {"'s", "'"}
_LOCATIVE = {"in", "at", "to", "from", "near", "into", "inside", "outside", "across", "toward", "towards", "via"}
_PRE_ADJECTIVES = {"top", "senior", "new"}
_NEAREST_MEMO = 100_000  # fuzzy searches remembered before the memo starts over (a few MB)
# Words that change the office: "deputy chief", "former president" are not the office holder of the day.
_QUALIFIERS = {"former", "acting", "then", "interim", "deputy", "ousted", "late", "outgoing", "incoming", "exiled"}
_GENERIC_LEADS = {"chairman", "chief", "head"}
# Forms of address before a surname: "Mr Chávez" is still the Chávez of the dictionary.
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "comrade", "ayatollah", "imam", "rev"}
)
_PERSON_BODIES = {"administration", "government", "cabinet", "team", "campaign", "regime"}
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_POLITBURO = {"politburo", "political bureau"}
_FUZZY_SURNAME_CUTOFF = 91
_SAME_SURNAME_CUTOFF = 85  # of a full name that already scored 88: "Gbago" ~ "Gbagbo", not "Walton" ~ "Waltz"
_BLOCKED = Resolution(None, None, None, None, None, "blocked", None, False)
_MAX_NAME_TOKENS = 4
_MAX_TOWN_TOKENS = 3  # "Kryvyi Rih", "Ho Chi Minh"
_MIN_FUZZY_COUNTRY = 6
_FUZZY_COUNTRY_CUTOFF = 90

# Which alias kinds a fuzzy match may reach from each entity label.
_FUZZY_KINDS: dict[str, tuple[set[str], set[str]]] = {
    "PERSON": ({"person"}, {"name", "short"}),
    "ORG": ({"igo", "nsa"}, {"name"}),
    "GPE": ({"country"}, {"name", "metonym"}),
    "NORP": ({"country", "nsa"}, {"demonym", "plural", "name"}),
}


@dataclass
class _Hit:
    """A candidate mention over tokens ``[start, end)``."""

    start: int
    end: int
    res: Resolution
    rank: int  # which pass found it: phrase 3, alias 2, fuzzy 1, unknown 0
    alias: Alias | None = None
    place: bool = False  # a sub-national unit named after a demonym ("British Columbia")


# Country names and demonyms that are also ordinary English words: typed in lower case, they are the word.
_LOWERCASE_WORDS = frozenset(
    {
        "turkey",
        "turkish",
        "china",
        "chad",
        "guinea",
        "jordan",
        "georgia",
        "polish",
        "japan",
        "panama",
        "french",
        "swiss",
        "dutch",
        "danish",
        "greek",
        "cook",
        "man",
        "jersey",
        "chile",
        "wales",
        "british",
        "english",
        "american",
        "india",
    }
)


class ActorResolver:
    """Find ``ActorMention`` s in a spaCy ``Doc``; the tries are built once here.

    ``places`` names the countries of towns and cities ("Gyumri mayor", "the Mosul police chief"); without
    it only the sub-national units of the KB's own tables give a title its country.
    """

    def __init__(self, kb: ActorKB, places: PlaceLookup | None = None) -> None:
        self.kb = kb
        self._places = places
        tokenizer = spacy.blank("en").tokenizer
        self._names: TokenTrie[Alias] = TokenTrie()
        fuzzy: dict[str, dict[str, list[Alias]]] = {label: {} for label in _FUZZY_KINDS}
        for alias in kb.aliases:
            tokens = [token.text for token in tokenizer(alias.text)]
            self._names.add([fold(t) for t in tokens], tokens, alias)
            if not alias.actor_id:
                continue
            kind = kb.actors[alias.actor_id].kind
            key = fold(alias.text)
            for label, (kinds, forms) in _FUZZY_KINDS.items():
                if kind in kinds and alias.form in forms and len(key) > 3:
                    fuzzy[label].setdefault(key, []).append(alias)
        self._fuzzy = fuzzy
        self._fuzzy_keys = {label: list(keys) for label, keys in fuzzy.items()}
        self._nearest: dict[tuple[str, str, int], str | None] = {}  # fuzzy searches done (``_nearest_key``)
        self._country_keys = [key for key, found in fuzzy["GPE"].items() if found[0].form == "name" and " " not in key]
        self._agents: TokenTrie[Agent] = TokenTrie()
        self._title_heads: set[str] = set()
        for agent in kb.agents:
            tokens = [token.text for token in tokenizer(agent.phrase)]
            self._agents.add([fold(t) for t in tokens], tokens, agent)
            if agent.type == "title":
                self._title_heads.add(fold(tokens[-1]))
        self._divisions: TokenTrie[Division] = TokenTrie()
        for division in kb.divisions:
            tokens = [token.text for token in tokenizer(division.name)]
            self._divisions.add([fold(t) for t in tokens], tokens, division)

    # -- public ---------------------------------------------------------------------------------------

    def find(self, doc: Doc, doc_date: str | None) -> list[ActorMention]:
        """Actor mentions of ``doc``, sorted by start, not overlapping (the longest span wins)."""
        keys = [fold(token.text) for token in doc]
        base = self._alias_pass(doc, keys, doc_date)
        _merge_resident_ethnicities(base, [token.text for token in doc])
        self._fuzzy_pass(doc, base, doc_date)
        phrases = self._phrase_pass(doc, keys, base, doc_date)
        hits = list(base.values()) + phrases
        hits += self._unknown_pass(doc, keys, hits)
        return self._finish(doc, [hit for hit in hits if hit.res is not _BLOCKED])

    # -- pass 1: aliases --------------------------------------------------------------------------------

    def _alias_pass(self, doc: Doc, keys: list[str], date: str | None) -> dict[int, _Hit]:
        texts = [token.text for token in doc]
        seen: set[str] = set()
        base: dict[int, _Hit] = {}
        last_end = 0  # end of the last mention found

        def accept(original: tuple[str, ...], alias: Alias, start: int, end: int) -> bool:
            return self._case_fits(original, texts, start) or self._sloppy_country(original, alias, texts, start)

        i = 0
        while i < len(keys):
            chosen: tuple[int, Alias] | None = None
            matches = self._names.matches_at(keys, i, accept)
            for end, alias in matches:
                if alias.form in ("surname", "short") and self._other_given_name(doc, keys, alias, i, last_end):
                    continue  # "Betssy Chávez" is not Hugo Chávez
                if alias.form == "surname":
                    if not self._surname_ok(doc, alias, keys, i, end, seen):
                        continue
                    same = [a for e, a in matches if e == end and a.form == "surname"]
                    rivals = [a for a in same if a.actor_id in seen]
                    if len({a.actor_id for a in rivals}) > 1:
                        continue  # two people of that name in the document already
                    # "Rodrigo Duterte ... Duterte's arrest": the one named in full, not his daughter in office
                    alias = rivals[0] if rivals else self._in_office(alias, same, date)
                chosen = (end, alias)
                break
            if chosen is None:
                i += 1
                continue
            end, alias = chosen
            place_end = self._place_named_after(keys, texts, alias, i, end)
            if place_end is not None:  # "British Columbia", "Iraqi Kurdistan": a place, not the British
                countries = {d.country for e, d in self._divisions.matches_at(keys, i, _any) if e == place_end}
                country = next(iter(countries)) if len(countries) == 1 else None
                res = Resolution(None, " ".join(texts[i:place_end]), country, None, None, "unknown", resolved=False)
                base[i] = _Hit(i, place_end, res, 2, place=True)
                i = last_end = place_end
                continue
            if self._inside_longer_name(doc, alias, i, last_end):
                i = end  # "Social Democratic Party" is not the Democratic Party: the name goes to pass 4
                continue
            if alias.form == "block":  # kept as a hit so no later pass reads it as an actor
                base[i] = _Hit(i, end, _BLOCKED, 2, alias)
                last_end = end
            else:
                res = self.kb.resolve(alias, date)
                if res.kind == "country" and _currency_after(keys, end):
                    # "US$50 million", "Hong Kong dollars": a currency, not the state as a party
                    base[i] = _Hit(i, end, _BLOCKED, 2, alias)
                    i = last_end = end
                    continue
                seen.add(alias.actor_id)
                if alias.form == "metonym" and (
                    self._after_locative(keys, i)
                    or (_in_address(texts, keys, i) and last_end != i - 1)  # not "Berlin, Paris and London"
                ):
                    res = Resolution(res.actor_id, res.name, res.country, None, None, res.kind)
                if alias.form in ("demonym", "plural") and i > 0 and keys[i - 1] == "ethnic":
                    # "ethnic Albanians in southern Serbia": an ethnicity, not the citizens of a state; the
                    # country comes from where they are
                    res = Resolution(None, f"ethnic {texts[i]}", None, "CVL", None, "group", resolved=False)
                base[i] = _Hit(i, end, res, 2, alias)
            i = last_end = end
        return base

    def _place_named_after(self, keys: list[str], texts: list[str], alias: Alias, start: int, end: int) -> int | None:
        """End of a sub-national unit whose name begins with the demonym at ``start`` ("British Columbia",
        "Iraqi Kurdistan"), written capitalised; None when there is none."""
        if alias.form != "demonym":
            return None
        for place_end, _ in self._divisions.matches_at(keys, start, _any):
            if place_end > end and all(texts[k][:1].isupper() or not texts[k].isalpha() for k in range(end, place_end)):
                return place_end
        return None

    def _inside_longer_name(self, doc: Doc, alias: Alias, start: int, last_end: int) -> bool:
        """An organisation's name that the tagger reads as the tail of a longer name ("Social Democratic
        Party", "Free Democratic Party"): the capitalised word before it is part of the same entity."""
        if alias.form != "name" or not alias.actor_id or start == 0 or last_end == start:
            return False
        if self.kb.actors[alias.actor_id].kind not in ("nsa", "igo") or doc[start].ent_iob_ != "I":
            return False
        prev = doc[start - 1]
        return prev.is_alpha and prev.is_title and fold(prev.text) not in _DETERMINERS

    def _other_given_name(self, doc: Doc, keys: list[str], alias: Alias, start: int, last_end: int) -> bool:
        """A capitalised name right before a short name or surname that is not the dictionary person's own:
        "Betssy Chávez", "Lindsey Graham" are other people than Hugo Chávez or a known Graham."""
        if start == 0 or last_end == start:
            return False
        prev = doc[start - 1]
        if not (prev.is_alpha and prev.text[:1].isupper() and prev.pos_ == "PROPN"):
            return False
        if prev.ent_type_ not in ("PERSON", ""):
            return False
        key = keys[start - 1]
        if key in _HONORIFICS or key in self._title_heads or self._agent_ends_at(keys, start):
            return False
        person = self.kb.actors[alias.actor_id]
        own = {fold(word) for a in self.kb.aliases_of(person.actor_id) for word in a.text.split()}
        # "Mahmud Abbas" is Mahmoud Abbas spelt another way
        return key not in own and not any(Levenshtein.distance(key, word) <= 1 for word in own if len(word) > 3)

    def _agent_ends_at(self, keys: list[str], end: int) -> bool:
        for begin in range(max(0, end - 4), end):
            if any(e == end for e, _ in self._agents.matches_at(keys, begin, _any)):
                return True
        return False

    def _in_office(self, alias: Alias, same_name: list[Alias], date: str | None) -> Alias:
        """Of several people with this surname ("President Bush"), the one in office on ``date``."""
        if date is None or len(same_name) < 2:
            return alias
        serving = [a for a in same_name if self.kb.role_at(self.kb.actors[a.actor_id], date) is not None]
        return alias if not serving or alias in serving else serving[0]

    def _sloppy_country(self, original: tuple[str, ...], alias: Alias, texts: list[str], start: int) -> bool:
        """'iSrael', 'tunisian rioters', 'russia': a country's name or demonym typed without its capital.

        Only where the folded word is not an English word of its own ("turkey", "china", "chad").
        """
        if alias.form not in ("name", "demonym", "plural") or not alias.actor_id:
            return False
        actor = self.kb.actors.get(alias.actor_id)
        if actor is None or actor.kind != "country":
            return False
        words = [fold(w) for w in original]
        if any(w in _LOWERCASE_WORDS or len(w) < 4 for w in words):
            return False
        typed = [strip_accents(texts[start + k]) for k in range(len(original))]
        return all(t.isalpha() and fold(t) == w for t, w in zip(typed, words, strict=True))

    @staticmethod
    def _case_fits(original: tuple[str, ...], texts: list[str], start: int) -> bool:
        for offset, want in enumerate(original):
            have = strip_accents(texts[start + offset])
            if is_acronym(want):
                if have != want:
                    return False
                if fold(want) in STOP_WORDS and _shouting(texts, start, start + len(original)):
                    return False  # "WHO" / "US" / "IS" in an all-capitals headline
            elif any(ch.isupper() for ch in want[1:]):
                if have not in (want, want.upper()):
                    return False  # mixed case ("LeT", "McGurk") is written exactly
            elif want[:1].isupper() and not have[:1].isupper():
                return False
        return True

    def _surname_ok(self, doc: Doc, alias: Alias, keys: list[str], start: int, end: int, seen: set[str]) -> bool:
        if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            return False  # a first name: "President Ahmed Ben Bella"
        if alias.actor_id in seen:
            return True
        if start > 0 and keys[start - 1] in self._title_heads:  # "Vice President Harris", if she was one
            roles = self.kb.actors[alias.actor_id].roles
            for title_start in range(max(0, start - 4), start):
                for title_end, agent in self._agents.matches_at(keys, title_start, _any):
                    if title_end == start and agent.type == "title" and any(r.fits(agent.phrase) for r in roles):
                        return True
        return end < len(keys) and keys[end] in _PERSON_BODIES  # "the Bush administration"

    @staticmethod
    def _after_locative(keys: list[str], start: int) -> bool:
        j = start - 1
        if j >= 0 and keys[j] == "the":
            j -= 1
        return j >= 0 and keys[j] in _LOCATIVE

    # -- pass 2: fuzzy ----------------------------------------------------------------------------------

    def _fuzzy_pass(self, doc: Doc, base: dict[int, _Hit], date: str | None) -> None:
        covered = _covered(base.values())
        for ent in doc.ents:
            if ent.label_ not in _FUZZY_KINDS or any(i in covered for i in range(ent.start, ent.end)):
                continue
            start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            if start >= ent.end or not doc[start].text[:1].isupper():
                continue
            query = fold(doc[start : ent.end].text)
            alias = self._fuzzy_alias(ent.label_, query)
            if alias is not None and ent.label_ == "PERSON" and not _same_surname(query, fold(alias.text)):
                alias = None  # "Michael Walton" is not "Michael Waltz"
            if alias is None and ent.label_ == "PERSON" and ent.end - start == 1:  # a surname: "Haniye"
                alias = self._fuzzy_alias(ent.label_, query, shorts_only=True, cutoff=_FUZZY_SURNAME_CUTOFF)
            if alias is None and ent.end - start == 1:
                alias = self._fuzzy_country(doc[start])
            if alias is not None:
                base[start] = _Hit(start, ent.end, self.kb.resolve(alias, date), 1, alias)
                covered.update(range(start, ent.end))
        for token in doc:  # misspelt country names the tagger did not see as entities ("Ethopia")
            if token.i not in covered and token.ent_type_ == "" and token.pos_ == "PROPN":
                alias = self._fuzzy_country(token)
                if alias is not None:
                    base[token.i] = _Hit(token.i, token.i + 1, self.kb.resolve(alias, date), 1, alias)

    def _fuzzy_country(self, token: Token) -> Alias | None:
        if not token.is_title or len(token.text) < _MIN_FUZZY_COUNTRY:
            return None
        query = fold(token.text)
        best = self._nearest_key("", query, _FUZZY_COUNTRY_CUTOFF)
        if best is None or best[0] != query[0]:
            return None
        return self._fuzzy["GPE"][best][0]

    def _fuzzy_alias(
        self, label: str, query: str, shorts_only: bool = False, cutoff: int = FUZZY_CUTOFF
    ) -> Alias | None:
        if len(query) < 4:
            return None
        if len(query) <= SHORT_QUERY:  # one letter apart is too much for a short name: Hama is not Hamas
            cutoff = max(cutoff, FUZZY_SHORT_CUTOFF)
        best = self._nearest_key(label, query, cutoff)
        if best is None or best[0] != query[0]:
            return None
        aliases = self._fuzzy[label][best]
        if shorts_only:
            aliases = [alias for alias in aliases if alias.form == "short"]
        return aliases[0] if aliases else None

    def _nearest_key(self, label: str, query: str, cutoff: int) -> str | None:
        """The fuzzy key of ``label`` (of the one-word country names for "") nearest ``query`` at ``cutoff`` or
        better, remembered: the same names come back in document after document, and each search scores
        every key."""
        memo_key = (label, query, cutoff)
        if memo_key in self._nearest:
            return self._nearest[memo_key]
        choices = self._fuzzy_keys[label] if label else self._country_keys
        best = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if len(self._nearest) >= _NEAREST_MEMO:
            self._nearest.clear()
        self._nearest[memo_key] = None if best is None else best[0]
        return self._nearest[memo_key]

    # -- pass 3: role phrases ---------------------------------------------------------------------------

    def _phrase_pass(self, doc: Doc, keys: list[str], base: dict[int, _Hit], date: str | None) -> list[_Hit]:
        known = _Known.of(doc, base)
        found: list[_Hit] = []
        i = 0
        while i < len(doc):
            hit = None if i in known.inside else self._phrase_at(doc, keys, base, i, date, known)
            if hit is not None:
                found.append(hit)
                i = hit.end
            elif i in base:
                i = base[i].end
            else:
                i += 1
        return found

    def _agent_at(self, keys: list[str], j: int) -> tuple[int, Agent] | None:
        matches = self._agents.matches_at(keys, j, _any)
        return matches[0] if matches else None

    def _phrase_at(
        self, doc: Doc, keys: list[str], base: dict[int, _Hit], i: int, date: str | None, known: _Known
    ) -> _Hit | None:
        n = len(doc)
        j = i + 1 if keys[i] in _DETERMINERS and i + 1 < n else i
        start = j
        mod: _Hit | None = None
        first = base.get(j)
        if first is None or first.place:
            mod = self._division_at(doc, keys, base, j, known)
            if mod is not None:
                j = mod.end
                if j < n and keys[j] in _POSSESSIVE:
                    j += 1
        elif first is not None:
            kind = self._kind(first)
            if kind == "person" and not (first.end < n and keys[first.end] in _PERSON_BODIES):
                return None
            if kind == "person" or first.res.kind in ("country", "igo", "nsa"):
                mod = first
                j = first.end
                if j < n and keys[j] in _POSSESSIVE:
                    j += 1
        before_fillers = j
        division = mod is not None and mod.res.kind == "division"
        j = self._skip_fillers(doc, keys, base, j, has_mod=mod is not None, capitals=not division)
        qualified = any(keys[k] not in _PRE_ADJECTIVES for k in range(before_fillers, j))
        qualifiers = [keys[k] for k in range(before_fillers, j) if keys[k] in _QUALIFIERS]
        agents: list[Agent] = []
        while j < n and j not in base:
            match = self._agent_at(keys, j)
            if match is None:
                break
            j, agent = match
            agents.append(agent)
        if not agents:
            return None
        if mod is None and before_fillers == start:
            # "People Power Party lawmaker X", "the Constitutional Court of Slovakia": the capitalised words
            # before a capitalised sector noun are the rest of the body's name
            start = self._name_before(doc, known.covered, start)
        if j < n and doc[j - 1].pos_ == "ADJ" and doc[j].pos_ == "NOUN":
            return None  # an adjective, not an actor: "military plan"
        if j < n and mod is None and _modifies_thing(doc, j - 1, j):
            # a bare sector noun on a noun: "government files", "the first government shutdown" (with a
            # country, "Israeli police investigators" and "Kampuchean guerrilla bases" stay actors, as in PLOVER)
            return None
        titles = [agent for agent in agents if agent.type == "title"]
        head = titles[-1] if titles else agents[-1]
        target: str | None = None
        if j + 1 < n and keys[j] in ("to", "of", "in", "from", "for"):
            k = j + 2 if keys[j + 1] == "the" and j + 2 < n else j + 1
            after = base.get(k)
            if after is not None and after.res.kind in ("country", "igo", "nsa") and after.res.country:
                prep = keys[j]
                if prep in ("to", "for") and head.sector == "DIP":  # "envoy to Qatar", "Envoy for Yemen"
                    target, j = after.res.country, after.end
                elif prep == "of" and mod is None:
                    mod, j = after, after.end
                    if j < n and keys[j] in _POSSESSIVE:
                        j += 1
                    while j < n and j not in base and (match := self._agent_at(keys, j)) and match[1].type == "body":
                        j, body = match
                        agents.append(body)
                elif prep in ("in", "from") and head.type == "group" and mod is None:
                    mod, j = after, after.end
        if mod is None and j + 2 < n and keys[j] == "based" and keys[j + 1] == "in":
            # "a newspaper based in Christian east Beirut", "a terror group based in Trinidad"
            for k in range(j + 2, min(j + 5, n)):
                where = base.get(k)
                if where is not None:
                    if where.res.kind == "country" and where.res.country:
                        mod, j = where, where.end
                    break
        name: _Hit | None = None
        name_start = name_end = j
        if head.type == "title" or (head.type == "group" and not head.phrase.endswith("s")):
            person = base.get(j)
            if person is not None and self._kind(person) == "person" and self._foreign_namesake(person, mod):
                name_end = person.end  # "Peruvian President Chávez" is not the Venezuelan one: a new person
            elif person is not None and self._kind(person) == "person":
                name, name_end = person, person.end
            else:
                name_end = self._name_run(doc, keys, base, j)
                last = base.get(name_end)
                if (
                    name_end > j
                    and last is not None
                    and last.alias is not None
                    and last.alias.form in ("short", "surname")
                    and self._kind(last) == "person"
                    and not self._foreign_namesake(last, mod)
                ):
                    # "Palestinian president Mahmud Abbas": the alias pass let the given name pass as his own
                    name, name_end = last, last.end
        if name is None and name_end == j and mod is None and not any(agent.standalone for agent in agents):
            return None
        if name is not None or name_end > j:
            j = name_end
            if mod is None and j + 1 < n and keys[j] == "of":  # "King Hassan of Morocco"
                k = j + 2 if keys[j + 1] == "the" and j + 2 < n else j + 1
                after = base.get(k)
                if after is not None and after.res.kind == "country":
                    mod, j = after, after.end
        res = self._phrase_resolution(
            doc, head, agents, mod, target, name, (name_start, name_end), date, holder_lookup=not qualified
        )
        if mod is not None and _stance_before(keys, mod.start):
            # "an anti-Syria journalist", "pro-Russian separatists": a stance toward the state, not its member
            res = replace(res, actor_id=None, country=None, resolved=False)
            start = min(start, mod.start - 2)
        if qualifiers and res.role and res.actor_id is not None and not res.actor_id.startswith("P:"):
            res = replace(res, role=" ".join([*qualifiers, res.role]))
        return _Hit(start, j, res, 3)

    @staticmethod
    def _name_before(doc: Doc, covered: frozenset[int], start: int) -> int:
        """Start of the capitalised words of one name right before a capitalised noun at ``start``."""
        if not _capitalised(doc[start]) or doc[start].is_upper:
            return start
        k = start
        while (
            k > 0
            and start - k < _MAX_NAME_TOKENS
            and k - 1 not in covered
            and _capitalised(doc[k - 1])
            and doc[k - 1].is_alpha
            and doc[k - 1].pos_ in ("PROPN", "ADJ", "NOUN")
            and fold(doc[k - 1].text) not in _DETERMINERS
            and doc[k - 1].ent_type_ not in ("PERSON", "GPE", "DATE", "CARDINAL", "ORDINAL")
        ):
            k -= 1
        return k

    def _division_at(self, doc: Doc, keys: list[str], base: dict[int, _Hit], j: int, known: _Known) -> _Hit | None:
        """A sub-national unit written before a sector noun ("Alberta premier", "Bavarian state premier",
        "Cebu governor"), as a modifier carrying the unit's country (of the text's countries when the name
        is in two: Punjab)."""
        first = doc[j]
        if not first.text[:1].isupper():
            return None
        # a word the tagger reads as no name must be a state or province, not a district: "Punjab chief
        # minister" (tagged an adjective) but not "Most officials" (Most is a town in Czechia)
        is_name = first.pos_ == "PROPN" or first.ent_type_ in ("GPE", "NORP", "LOC")
        for end, _ in self._divisions.matches_at(keys, j, _any):
            if not is_name and all(d.level > 1 for e, d in self._divisions.matches_at(keys, j, _any) if e == end):
                continue
            if any(k in base and not base[k].place for k in range(j, end)) or not doc[end - 1].text[:1].isupper():
                continue
            countries = {d.country: d.level for e, d in self._divisions.matches_at(keys, j, _any) if e == end}
            named = known.countries & countries.keys()
            top = [c for c, level in countries.items() if level == 1]
            if len(named) == 1:
                country: str | None = next(iter(named))
            elif len(countries) == 1:
                country = next(iter(countries))
            elif len(top) == 1 and not named:
                country = top[0]
            else:
                country = None
            name = doc[j:end].text
            return _Hit(j, end, Resolution(None, name, country, None, None, "division", None, False), 2)
        return self._town_at(doc, keys, base, j, known)

    def _town_at(self, doc: Doc, keys: list[str], base: dict[int, _Hit], j: int, known: _Known) -> _Hit | None:
        """A town or city written before a sector noun ("Gyumri mayor", "Mosul police chief", "Tabriz
        prosecutor"), as a modifier carrying its country (of the text's countries when the name is a large
        place in two: Valencia, Hyderabad)."""
        if self._places is None:
            return None
        n = len(doc)
        if j > 0 and j - 1 not in base and _capitalised(doc[j - 1]) and keys[j - 1] not in _DETERMINERS:
            return None  # the tail of a longer name: "Lloyd Austin", "Andrew Jackson"
        for end in range(min(n, j + _MAX_TOWN_TOKENS), j, -1):
            if not self._title_follows(doc, keys, j, end, known) or not self._town_words(doc, keys, base, j, end):
                continue
            if j in known.inside:
                return None  # inside a known name: "The Hague"
            if any(keys[k] in known.people for k in range(j, end)):
                continue  # "Warren", "Moore": a surname the text gives a person elsewhere
            countries = self._places(doc[j:end].text)
            if not countries:
                continue
            if len(countries) == 1:
                country: str | None = countries[0]
            else:
                named = known.countries & set(countries)
                country = next(iter(named)) if len(named) == 1 else None
            res = Resolution(None, doc[j:end].text, country, None, None, "division", None, False)
            return _Hit(j, end, res, 2)
        return None

    def _town_words(self, doc: Doc, keys: list[str], base: dict[int, _Hit], j: int, end: int) -> bool:
        """``doc[j:end]`` could be a town's name: capitalised proper nouns, none known to the KB, no sector
        noun, no ordinary word ("Most officials")."""
        for k in range(j, end):
            token = doc[k]
            if k in base or not token.is_alpha or not _capitalised(token) or token.is_upper:
                return False
            if token.ent_type_ in ("NORP", "PERSON", "DATE", "ORDINAL", "CARDINAL"):
                return False
            if token.pos_ not in ("PROPN", "ADJ", "NOUN") or (token.pos_ != "PROPN" and keys[k] in _ORDINARY_WORDS):
                # the small model tags an unknown town that begins a sentence as an adjective ("Gyumri mayor");
                # a word of the language is that word ("Roman prosecutors", "Normal police work")
                return False
            if keys[k] in STOP_WORDS or keys[k] in _DETERMINERS or self._agent_at(keys, k) is not None:
                return False
        return True

    def _title_follows(self, doc: Doc, keys: list[str], j: int, end: int, known: _Known) -> bool:
        """A sector noun at ``end``, after a possessive or up to two lower-case words ("Aleppo city council",
        "Mosul provincial council", "Gyumri's mayor")."""
        k = end + 1 if end < len(doc) and keys[end] in _POSSESSIVE else end
        for _ in range(3):
            if k >= len(doc):
                return False
            match = self._agent_at(keys, k)
            if match is not None:
                after = match[0]
                if keys[k] in _PERSON_BODIES:
                    return False  # "the Kennedy administration": a person's, not a town's (Kennedy, Bogotá)
                if not doc[k].text[:1].isupper():
                    return True
                # "Oxford University Press", "Columbia University's School of ...", "Questrom School of
                # Business at Boston University": a capitalised sector noun inside a longer name
                if after < len(doc) and (
                    keys[after] in _POSSESSIVE or (_capitalised(doc[after]) and doc[after].pos_ == "PROPN")
                ):
                    return False
                # no entity runs out of [j, after): each entity that overlaps it has a token inside
                return not any(
                    (span := known.entity.get(k)) is not None and (span[0] < j or span[1] > after)
                    for k in range(j, after)
                )
            if not (doc[k].is_alpha and doc[k].is_lower and doc[k].pos_ in ("ADJ", "NOUN")):
                return False
            k += 1
        return False

    def _foreign_namesake(self, person: _Hit, mod: _Hit | None) -> bool:
        """A dictionary person found by surname alone after another country's demonym or name."""
        if mod is None or person.alias is None or person.alias.form not in ("short", "surname"):
            return False
        if mod.res.kind not in ("country", "group") or not mod.res.country:
            return False
        return mod.res.country not in self.kb.countries_of(person.alias.actor_id)

    def _skip_fillers(
        self, doc: Doc, keys: list[str], base: dict[int, _Hit], j: int, has_mod: bool, capitals: bool = True
    ) -> int:
        """Skip "new", "top" and, after a country, capitalised words ("US Affairs Assistant"); after a
        sub-national unit lower-case words only ("Bavarian state premier", not "Free Democratic Party")."""
        for _ in range(3):
            if j >= len(doc) or j in base or self._agent_at(keys, j) is not None:
                return j
            token = doc[j]
            if (
                keys[j] in _PRE_ADJECTIVES
                or keys[j] in _QUALIFIERS
                or (token.pos_ == "ADJ" and token.is_lower and token.is_alpha)
                or (
                    has_mod
                    and capitals
                    and token.is_title
                    and token.is_alpha
                    and token.pos_ in ("PROPN", "NOUN", "ADJ")
                )
            ):
                j += 1
            elif has_mod and token.is_lower and token.pos_ == "NOUN" and self._agent_at(keys, j + 1) is not None:
                j += 1  # "French paper workers"
            else:
                return j
        return j

    def _name_run(self, doc: Doc, keys: list[str], base: dict[int, _Hit], j: int) -> int:
        """End of a run of capitalised proper-noun tokens (an unknown person's name) starting at ``j``."""
        k = j
        words = 0  # "Paul-Henri Sandaogo Damiba" is three words in five tokens
        while k < len(doc) and words < _MAX_NAME_TOKENS:
            token = doc[k]
            if k > j and token.text == "-" and k + 1 < len(doc) and doc[k + 1].is_title and k + 1 not in base:
                k += 1  # "Jean-Bertrand"
                continue
            if k > j and token.text == "-" and _joined_syllable(doc, k):
                k += 2  # "Kweon Seong-dong", "Kim Jong-un"
                continue
            if k in base or not _capitalised(token) or token.pos_ != "PROPN" or token.ent_type_ not in ("PERSON", ""):
                break
            if self._agent_at(keys, k) is not None:
                break
            k += 1
            words += 1
        return k

    def _phrase_resolution(
        self,
        doc: Doc,
        head: Agent,
        agents: Sequence[Agent],
        mod: _Hit | None,
        target: str | None,
        name: _Hit | None,
        name_span: tuple[int, int],
        date: str | None,
        holder_lookup: bool = True,
    ) -> Resolution:
        politburo = any(agent.phrase in _POLITBURO for agent in agents)
        title = head.phrase if head.type == "title" else None
        office = "head of political bureau" if politburo and title and head.lead else title
        org = mod.res.actor_id if mod is not None and mod.res.kind in ("igo", "nsa") else None
        country = mod.res.country if mod is not None else None
        sector = head.sector
        if head.sector == "GOV":  # "rebel leaders", "army chief": the specific noun tells the sector
            sector = next((agent.sector for agent in agents if agent.sector != "GOV"), sector)
        if mod is not None and mod.alias is not None and mod.alias.form == "metonym" and sector == "GOV":
            sector = mod.res.sector or sector  # "Pentagon officials" are the military
        if mod is not None and (mod.res.kind == "nsa" or (mod.res.kind == "igo" and mod.res.sector == "NGO")):
            # "Hamas officials" are Hamas, "FIFA officials" the NGO
            sector = mod.res.sector or sector
        role = canonical_title(title) + (f" to {target}" if target else "") if title else None
        if politburo and not title:
            role = "political bureau"
        if name is not None and name.alias is not None:
            person = self.kb.actors[name.alias.actor_id]
            res = self.kb.resolve_person(person, date, office, target)
            if res.country is None or (res.sector is None and country):
                return Resolution(res.actor_id, res.name, res.country or country, sector, role, "person")
            return res
        if mod is not None and self._kind(mod) == "person":  # "the Biden administration"
            return Resolution(None, None, mod.res.country, sector, None, "group", None, mod.res.country is not None)
        if name_span[1] > name_span[0]:
            text = doc[name_span[0] : name_span[1]].text
            return Resolution(None, text, country, sector, role, "person", org, False)
        if mod is not None and mod.alias is not None and mod.alias.form == "metonym" and mod.res.sector != "GOV":
            holder_lookup = False  # "Chair for the Congress" is not the head of state
        if mod is not None and mod.res.kind == "division":
            holder_lookup = False  # "Alberta premier": not the prime minister of Canada
        if org is None and office is not None and canonical_title(office) in _GENERIC_LEADS:
            holder_lookup = False  # "the Israeli chief": which one?
        if office and (country or org) and holder_lookup:  # not for "human rights chief" of the UN
            holder = self.kb.office_holder(office, date, country=country, org=org, target=target)
            if holder is not None:
                return self.kb.resolve_person(holder, date, office, target)
        kind = "person" if title else "group"
        actor_id = f"{country}_{sector}" if country else None
        return Resolution(actor_id, None, country, sector, role, kind, org, country is not None)

    def _kind(self, hit: _Hit) -> str:
        return self.kb.actors[hit.alias.actor_id].kind if hit.alias is not None and hit.alias.actor_id else hit.res.kind

    # -- pass 4: unknown names --------------------------------------------------------------------------

    def _unknown_pass(self, doc: Doc, keys: list[str], hits: list[_Hit]) -> list[_Hit]:
        by_token: dict[int, _Hit] = {}
        for hit in hits:
            for i in range(hit.start, hit.end):
                by_token[i] = hit
        found: list[_Hit] = []
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            start = ent.start + (1 if keys[ent.start] in _DETERMINERS else 0)
            # "Goma (North Kivu)": the name ends at the bracket (the small model runs the two together)
            end = next((i for i in range(start, ent.end) if doc[i].text in ("(", "[")), ent.end)
            while end > start and doc[end - 1].is_punct:
                end -= 1
            if start >= end or not any(ch.isupper() for ch in doc[start:end].text):
                continue
            if self._all_agents(keys, start, end):
                continue  # "Politburo", "Cabinet": sector nouns handled by the phrase pass
            if ent.label_ == "NORP" and _describes_thing(doc[end - 1]):
                continue  # "freeze European assets", "Arab airspace": an adjective on a thing, not a party
            inner = {id(by_token[i]): by_token[i] for i in range(start, end) if i in by_token}
            country: str | None = None
            if inner:
                if all(i in by_token for i in range(start, end)):
                    continue  # made of known names only: "Bosnian Serbs"
                inside = all(start <= h.start and h.end <= end for h in inner.values())
                countries = [h for h in inner.values() if h.rank == 2 and h.res.kind in ("country", "group")]
                if not inside or len(countries) != len(inner) or ent.label_ == "GPE":
                    continue
                if ent.label_ != "PERSON":
                    country = countries[0].res.country
            sector = self._inner_sector(keys, start, end)
            if sector is None and ent.label_ == "ORG" and _business_before(doc, start):
                sector = "BUS"  # "German airline Lufthansa", "mining firm Sherritt International"
            if not inner:
                owner = _possessor(keys, by_token, start)
                if owner is not None:  # "the U.S. military's Central Command", "Uganda's Electoral Commission"
                    country = owner.res.country
                    if sector is None and ent.label_ != "PERSON" and owner.res.kind != "person":
                        sector = owner.res.sector if owner.res.sector in _OWNER_SECTORS else None
                elif ent.label_ == "PERSON" and (relative := _relative_of(keys, by_token, start)) is not None:
                    country = relative.res.country  # "Gustavo Petro, his wife Verónica Alcocer"
                elif (place := _of_country(keys, by_token, end)) is not None:
                    country = place  # "the Royal Palace of Cambodia" split by the tagger before "of"
                else:
                    country = self._neighbour_country(doc, by_token, start)
            res = Resolution(None, doc[start:end].text, country, sector, None, "unknown", None, False)
            found.append(_Hit(start, end, res, 0))
        return found

    def _all_agents(self, keys: list[str], start: int, end: int) -> bool:
        j = start
        while j < end:
            match = self._agent_at(keys, j)
            if match is None or match[0] > end:
                return False
            j = match[0]
        return True

    def _inner_sector(self, keys: list[str], start: int, end: int) -> str | None:
        sector = None
        j = start
        while j < end:
            match = self._agent_at(keys, j)
            if match is not None and match[0] <= end:
                sector = match[1].sector
                j = match[0]  # "Directorate General": not the military "general" inside it
            else:
                j += 1
        return sector

    @staticmethod
    def _neighbour_country(doc: Doc, by_token: dict[int, _Hit], start: int) -> str | None:
        """Country of a demonym or country name right before an unknown name ("Iranian cleric X"); not
        across a verb ("Spanish police have captured Los Lobos leader X")."""
        j = start - 1
        while j >= 0 and j not in by_token and j > start - 3 and doc[j].is_alpha and doc[j].pos_ not in _VERBS:
            j -= 1
        hit = by_token.get(j)
        if hit is not None and hit.res.kind in ("country", "group") and hit.end > start - 3:
            return hit.res.country
        return None

    # -- output -----------------------------------------------------------------------------------------

    @staticmethod
    def _finish(doc: Doc, hits: list[_Hit]) -> list[ActorMention]:
        def chars(hit: _Hit) -> tuple[int, int]:
            last: Token = doc[hit.end - 1]
            return doc[hit.start].idx, last.idx + len(last.text)

        text = doc.text  # built anew on every access: read it once
        spans = [(chars(hit), hit) for hit in hits if hit.end > hit.start]
        spans.sort(key=lambda item: (item[0][0] - item[0][1], -item[1].rank, item[0][0]))
        taken: set[int] = set()  # tokens already in a longer mention
        mentions: list[ActorMention] = []
        for (start, end), hit in spans:
            tokens = range(hit.start, hit.end)
            if any(i in taken for i in tokens):
                continue
            taken.update(tokens)
            res = hit.res
            mentions.append(
                ActorMention(
                    text=text[start:end],
                    start=start,
                    end=end,
                    actor_id=res.actor_id,
                    name=res.name,
                    country=res.country,
                    sector=res.sector,
                    role=res.role,
                    resolved=res.resolved,
                    kind=res.kind,
                    affiliation=res.affiliation,
                )
            )
        mentions.sort(key=lambda mention: mention.start)
        return mentions


# Nationalities that name citizens whatever their origin: "Chinese Americans" are American, "Turkish
# Germans" German.
_CIVIC_PLURALS = frozenset(
    {"americans", "canadians", "australians", "britons", "brazilians", "argentines", "germans", "israelis"}
)


_COMPASS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west"})


def _merge_resident_ethnicities(base: dict[int, _Hit], texts: list[str]) -> None:
    """'Bosnian Serbs', 'Kosovo Albanians', 'the Albanians of southern Serbia': people living in a state."""
    for start in sorted(base):
        people = base.get(start)
        if people is None or people.alias is None or people.alias.form != "plural":
            continue
        j = people.end
        if j + 1 < len(texts) and texts[j] == "of":
            k = j + 1 + (texts[j + 1].casefold() in _COMPASS)
            place = base.get(k)
            if (
                place is not None
                and place.res.kind == "country"
                and place.res.country not in (None, people.res.country)
            ):
                name = " ".join(texts[start : place.end])
                res = Resolution(
                    None, name, place.res.country, people.res.sector or "CVL", None, "group", resolved=False
                )
                del base[k]
                base[start] = _Hit(start, place.end, res, 2, people.alias)
    for start in sorted(base):
        first = base.get(start)
        if first is None or first.alias is None or first.alias.form not in ("demonym", "name", "short"):
            continue
        second = base.get(first.end)
        if (
            second is None
            or second.alias is None
            or second.alias.form != "plural"
            or first.res.kind != "country"
            or not first.res.country
            or second.res.country in (None, first.res.country)
        ):
            continue
        name = " ".join(texts[first.start : second.end])
        # "Iranian Americans", "Turkish Germans": citizens of the second country, of the first one's origin
        home = second.res.country if texts[second.start].casefold() in _CIVIC_PLURALS else first.res.country
        res = Resolution(None, name, home, second.res.sector or "CVL", None, "group", resolved=False)
        del base[second.start]
        base[start] = _Hit(first.start, second.end, res, 2, second.alias)


_VERBS = frozenset({"VERB", "AUX"})
# Things a demonym can describe without naming a party: "European assets", "Western goods", "Arab waters".
_THING_NOUNS = frozenset(
    {
        "asset",
        "good",
        "product",
        "airspace",
        "territory",
        "water",
        "soil",
        "import",
        "export",
        "fund",
        "reserve",
        "market",
        "economy",
        "border",
        "coast",
        "coastline",
        "mainland",
        "land",
        "property",
        "oil",
        "gas",
        "grain",
        "steel",
        "car",
        "vehicle",
    }
)


def _describes_thing(token: Token) -> bool:
    """``token`` modifies a noun for a thing or a place ("European" in "European assets")."""
    head = token.head
    return token.dep_ in ("amod", "compound", "nmod") and head.i > token.i and head.lemma_.lower() in _THING_NOUNS


# Sectors a possessor hands to the organisation it owns: "the U.S. military's Central Command" is military.
_OWNER_SECTORS = frozenset({"MIL", "GOV"})


# Nouns that say the name after them is a business: "German airline Lufthansa", "miner SQM".
_BUSINESS_NOUNS = frozenset(
    {
        "company",
        "firm",
        "airline",
        "carrier",
        "carmaker",
        "automaker",
        "miner",
        "manufacturer",
        "conglomerate",
        "retailer",
        "insurer",
        "lender",
        "bank",
        "chipmaker",
        "shipbuilder",
        "supermarket",
        "corporation",
        "startup",
        "giant",
    }
)


def _business_before(doc: Doc, start: int) -> bool:
    """One of the three lower-case words before ``start`` is a noun for a business."""
    for k in range(start - 1, max(-1, start - 4), -1):
        token = doc[k]
        if not token.is_lower or not (token.is_alpha or token.text == "-"):
            return False
        if token.lower_ in _BUSINESS_NOUNS and token.pos_ == "NOUN":
            return True
    return False


def _of_country(keys: list[str], by_token: dict[int, _Hit], end: int) -> str | None:
    """The country named right after an unknown name by "of" ("National Nutrition Agency of Indonesia")."""
    if end + 1 >= len(keys) or keys[end] != "of":
        return None
    k = end + 2 if keys[end + 1] == "the" else end + 1
    hit = by_token.get(k)
    return hit.res.country if hit is not None and hit.start == k and hit.res.kind == "country" else None


def _possessor(keys: list[str], by_token: dict[int, _Hit], start: int) -> _Hit | None:
    """The mention that owns the name at ``start`` ("Iran's", "the U.S. military's"), if it has a country."""
    if start < 2 or keys[start - 1] not in _POSSESSIVE:
        return None
    owner = by_token.get(start - 2)
    if owner is None or owner.end != start - 1 or not owner.res.country:
        return None
    return owner


_KIN = frozenset(
    {
        "wife",
        "husband",
        "son",
        "daughter",
        "brother",
        "sister",
        "father",
        "mother",
        "nephew",
        "niece",
        "cousin",
        "uncle",
        "aunt",
        "widow",
        "widower",
        "stepson",
        "stepdaughter",
        "grandson",
        "granddaughter",
        "son-in-law",
        "daughter-in-law",
        "brother-in-law",
        "sister-in-law",
        "partner",
        "spouse",
    }
)
_KIN_LOOKBACK = 12  # tokens back to the person "his" refers to


def _relative_of(keys: list[str], by_token: dict[int, _Hit], start: int) -> _Hit | None:
    """The person whose relative the name at ``start`` is: "Petro's son Nicolás", "Gustavo Petro, his wife X"."""
    j = start - 1
    if j >= 4 and keys[j] == "law" and keys[j - 1] == "-" and keys[j - 2] == "in" and keys[j - 3] == "-":
        j -= 4  # "son-in-law"
    if j < 1 or keys[j] not in _KIN:
        return None
    if keys[j - 1] in _POSSESSIVE:
        owner = _possessor(keys, by_token, j)
        return owner if owner is not None and owner.res.kind == "person" else None
    if keys[j - 1] not in ("his", "her"):
        return None
    for k in range(j - 2, max(-1, j - 2 - _KIN_LOOKBACK), -1):
        hit = by_token.get(k)
        if hit is not None and hit.res.kind == "person":
            return hit if hit.res.country else None
    return None


def _in_address(texts: list[str], keys: list[str], start: int) -> bool:
    """A capital written as a place in an address: "Mathare, Nairobi", "County Dublin", "Greater London"."""
    if start >= 1 and keys[start - 1] in ("county", "greater") and texts[start - 1][:1].isupper():
        return True
    return start >= 2 and texts[start - 1] == "," and texts[start - 2][:1].isupper() and texts[start - 2].isalpha()


_CURRENCY_WORDS = frozenset({"$", "dollar", "dollars", "cent", "cents", "pound", "pounds", "yuan", "rupee", "rupees"})


def _currency_after(keys: list[str], end: int) -> bool:
    return end < len(keys) and keys[end] in _CURRENCY_WORDS


def _stance_before(keys: list[str], start: int) -> bool:
    """'anti-Syria', 'pro-Russian': a stance toward the state, written as a hyphenated prefix."""
    return start >= 2 and keys[start - 1] == "-" and keys[start - 2] in ("anti", "pro")


def _same_surname(query: str, alias: str) -> bool:
    mine, theirs = query.split()[-1], alias.split()[-1]
    return Levenshtein.distance(mine, theirs) <= 1 or fuzz.ratio(mine, theirs) >= _SAME_SURNAME_CUTOFF


# Ordinary words that are also towns of 50,000 people or more: written where the tagger does not read a
# name, they are the word ("Roman prosecutors" are Rome's, not those of the Romanian town).
_ORDINARY_WORDS = frozenset(
    {
        "roman",
        "normal",
        "nice",
        "split",
        "orange",
        "surprise",
        "temple",
        "concord",
        "providence",
        "paradise",
        "sandy",
        "sale",
        "bath",
        "hull",
        "bury",
        "mission",
        "vista",
        "aurora",
        "phoenix",
        "buffalo",
        "independence",
        "union",
        "mobile",
        "reading",
    }
)


# Nouns for people after a sector noun: "government sources", "army personnel" are still that sector.
_PEOPLE_AFTER = frozenset(
    {
        "source",
        "sources",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "representative",
        "representatives",
        "delegation",
        "delegations",
        "negotiator",
        "negotiators",
        "member",
        "members",
        "personnel",
        "staff",
        "employees",
        "unit",
        "units",
        "agents",
        "loyalists",
        "critics",
        "coalition",
        "alliance",
        "bloc",
        "movement",
        "figures",
        "groups",
    }
)


def _modifies_thing(doc: Doc, last: int, after: int) -> bool:
    """The sector noun ending at ``last`` is a compound on the noun at ``after`` that names no people."""
    token = doc[last]
    return (
        token.dep_ == "compound"
        and token.head.i >= after
        and doc[after].pos_ == "NOUN"
        and doc[after].lower_ not in _PEOPLE_AFTER
    )


def _joined_syllable(doc: Doc, hyphen: int) -> bool:
    """A lower-case syllable hyphened to a name without spaces ("Seong-dong")."""
    if hyphen + 1 >= len(doc) or doc[hyphen - 1].whitespace_ or doc[hyphen].whitespace_:
        return False
    after = doc[hyphen + 1]
    return after.is_alpha and after.is_lower and len(after.text) <= 5 and after.pos_ in ("PROPN", "NOUN", "X")


def _capitalised(token: Token) -> bool:
    """A name-like word: "Henry", "McMaster", "O'Brien" (``is_title`` refuses the last two)."""
    text = token.text
    return token.is_title or (text[:1].isupper() and any(ch.islower() for ch in text))


def _any(original: tuple[str, ...], payload: object, start: int, end: int) -> bool:
    return True


def _covered(hits: Iterable[_Hit]) -> set[int]:
    return {i for hit in hits for i in range(hit.start, hit.end)}


@dataclass(frozen=True)
class _Known:
    """What the role-phrase pass asks of the document and of the names found before it, built once per
    document.  Each was rebuilt at every token that might open a phrase (the covered tokens, the countries
    named, the entities of the whole ``Doc``), which made the pass quadratic in the length of the text."""

    covered: frozenset[int]  # tokens of the names found
    inside: frozenset[int]  # tokens after the first of a name found ("Hague" of "The Hague")
    countries: frozenset[str]  # countries of the names found
    entity: dict[int, tuple[int, int]]  # token -> token span of its entity
    people: frozenset[str]  # folded words of the PERSON entities

    @classmethod
    def of(cls, doc: Doc, base: dict[int, _Hit]) -> _Known:
        entity: dict[int, tuple[int, int]] = {}
        people: set[str] = set()
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                entity[i] = (ent.start, ent.end)
            if ent.label_ == "PERSON":
                people.update(fold(t.text) for t in ent)
        return cls(
            covered=frozenset(_covered(base.values())),
            inside=frozenset(i for hit in base.values() for i in range(hit.start + 1, hit.end)),
            countries=frozenset(hit.res.country for hit in base.values() if hit.res.country),
            entity=entity,
            people=frozenset(people),
        )


def _shouting(texts: list[str], start: int, end: int) -> bool:
    """The neighbours of ``[start, end)`` are words in capitals too (a headline in capitals)."""
    around = [texts[k] for k in (start - 1, end) if 0 <= k < len(texts) and texts[k].isalpha()]
    return bool(around) and all(word.isupper() and len(word) > 1 for word in around)
