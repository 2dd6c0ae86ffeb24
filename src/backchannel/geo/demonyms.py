"""Demonym mentions: a country or region named by its adjective ("Syrian forces", "European leaders").

A demonym says whose, not where: it is returned as a ``PlaceMention`` of kind "demonym", placed at its
country's (or region's) reference point, which event-location attachment and the event coder ignore.  The
places output carries it because news geoparsing counts it as a toponym (GeoWebNews, Gritta et al. 2019,
annotates "Russian", "European" with the country's or region's coordinates).  Country demonyms come from
``data/demonyms.tsv`` (through the gazetteer), region adjectives from ``data/region_adjectives.tsv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources

from spacy.tokens import Doc, Token

from backchannel.geo.gazetteer import Gazetteer, GazetteerEntry, normalize_name
from backchannel.records import PlaceMention

__all__ = ["DemonymFinder"]

_MAX_WORDS = 3  # "Sub - Saharan", "North American"
# A name the tagger calls a person is no demonym ("Judith French", "Will English").
_NOT_DEMONYM_ENTS = frozenset({"PERSON"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _region_adjectives() -> Iterable[tuple[str, str]]:
    text = resources.files("backchannel.geo").joinpath("data", "region_adjectives.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            adjective, region = line.split("\t")
            yield adjective, region


class DemonymFinder:
    """Find demonyms of countries and regions in a parsed document."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        countries: dict[str, GazetteerEntry] = {}
        for entry in gazetteer.entries():
            if entry.feature_code == "PCLI" and entry.country:
                known = countries.get(entry.country)
                if known is None or entry.prior > known.prior:
                    countries[entry.country] = entry
        self._countries = countries
        self._regions: dict[str, GazetteerEntry] = {}
        for adjective, region in _region_adjectives():
            matches = [m.entry for m in gazetteer.lookup(region) if m.primary and m.entry.feature_code != "PPL"]
            if matches:
                self._regions[normalize_name(adjective)] = matches[0]

    def entry_of(self, text: str) -> GazetteerEntry | None:
        """The country or region ``text`` is the demonym of ("Syrians" -> Syria), or None."""
        region = self._regions.get(normalize_name(text))
        if region is not None:
            return region
        code = self.gazetteer.demonym_country(text)
        return self._countries.get(code) if code else None

    def find(self, doc: Doc, taken: Sequence[tuple[int, int]] = ()) -> list[PlaceMention]:
        """Demonym mentions of ``doc`` outside the character spans ``taken`` (the document's toponyms)."""
        blocked = {i for start, end in taken for i in range(start, end)}
        adjective = [_is_adjective_word(t) for t in doc]  # read once: a demonym's words are capitalised words
        out: list[PlaceMention] = []
        i = 0
        while i < len(doc):
            found = self._longest_at(doc, i, adjective)
            if found is None:
                i += 1
                continue
            end, entry = found
            first, last = doc[i], doc[end - 1]
            start_char, end_char = first.idx, last.idx + len(last.text)
            if not blocked.intersection(range(start_char, end_char)):
                mention = entry.mention(doc[i:end].text, start_char, end_char)
                out.append(mention.model_copy(update={"kind": "demonym"}))
            i = end
        return out

    def _longest_at(self, doc: Doc, i: int, adjective: Sequence[bool]) -> tuple[int, GazetteerEntry] | None:
        if not adjective[i]:
            return None  # every window starts with this word
        for n in range(min(_MAX_WORDS, len(doc) - i), 0, -1):
            if not adjective[i + n - 1]:
                continue  # the window's last word (checked before the span is built)
            window = doc[i : i + n]
            if any(t.ent_type_ in _NOT_DEMONYM_ENTS for t in window):
                continue
            last = window[-1]
            while last.dep_ == "conj" and last.head.i < last.i and self.entry_of(last.head.text) is not None:
                last = last.head  # "Russian and Venezuelan delegations": the first conjunct's noun
            if last.head.i <= last.i or window[-1].tag_ in _PLURAL_TAGS:
                # a demonym modifying a noun names a country ("Syrian forces"); one standing alone names a
                # people or a language ("many Chinese", "Afghans crossed", "in English"): GeoWebNews leaves those
                continue
            entry = self.entry_of(window.text)
            if entry is not None:
                return i + n, entry
        return None


def _is_adjective_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.isalpha() and token.lower_ != "the"
