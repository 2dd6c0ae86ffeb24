"""Streets, buildings and sites: "Royal Street", "the Kerem Shalom crossing", "Al-Shifa hospital".

No offline gazetteer lists them, so they are found by their shape (a capitalised name and a head word of
``data/facility_words.tsv``) and placed at a town of the document: the toponym right after them ("X Hospital
in Rome", "X Street, Winnipeg") or else the one town its sentence names.  A site whose sentence names no
town, or several, is left out: the town a document names most proved too often a guess of its own.  A
facility is a toponym (it says where); its ``name`` is its own text, its point the town's, its
``geonameid`` None and its feature code the class's GeoNames code.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources

from spacy.tokens import Doc, Token

from backchannel.records import PlaceMention

__all__ = ["FacilityFinder"]

_MAX_NAME = 5  # words of the name before the head word ("Alder Hey Children 's Hospital")
_JOINERS = frozenset({"-", "'s", "’s", "&", "de", "del", "al", "el"})
_NOT_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_INDEFINITE = frozenset({"a", "an", "another", "every", "each"})
_NEXT_TO = frozenset({"in", "at", "near", ",", "outside", "of"})


def _facility_words() -> dict[str, str]:
    text = resources.files("backchannel.geo").joinpath("data", "facility_words.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {word: code for word, code in rows}


class FacilityFinder:
    """Find named streets, buildings and sites and place them at a town of the document."""

    def __init__(self) -> None:
        self.words = _facility_words()

    def find(self, doc: Doc, places: Sequence[PlaceMention]) -> list[PlaceMention]:
        """Facilities of ``doc`` that overlap none of ``places`` (the document's other places)."""
        towns = [p for p in places if p.kind == "toponym" and p.lat is not None and _is_town(p)]
        if not towns:
            return []
        towns.sort(key=lambda p: p.start)
        starts = [t.start for t in towns]
        by_start = {t.start: t for t in reversed(towns)}  # the first town at a start, as a scan in order finds
        taken = {i for p in places for i in range(p.start, p.end)}
        out: list[PlaceMention] = []
        for start, head in self._names(doc):
            first, last = doc[start], doc[head]
            lo, hi = first.idx, last.idx + len(last.text)
            if taken.intersection(range(lo, hi)):
                continue
            town = _town_after(doc, head, by_start) or _sentence_town(doc[head], towns, starts)
            if town is None:
                continue
            out.append(
                PlaceMention(
                    text=doc[start : head + 1].text,
                    start=lo,
                    end=hi,
                    name=doc[start : head + 1].text,
                    lat=town.lat,
                    lon=town.lon,
                    country_code=town.country_code,
                    feature_code=self.words[last.lower_],
                )
            )
            taken.update(range(lo, hi))
        return out

    def _names(self, doc: Doc) -> Iterable[tuple[int, int]]:
        """(first token, head token) of each "<Name> <facility word>"."""
        for token in doc:
            if token.lower_ not in self.words or token.i == 0:
                continue
            start = token.i
            while start > 0 and token.i - start < _MAX_NAME:
                left = doc[start - 1]
                if _is_name_word(left) or (left.lower_ in _JOINERS and start - 1 > 0):
                    start -= 1
                else:
                    break
            while start < token.i and not _is_name_word(doc[start]):
                start += 1
            name = doc[start : token.i]
            if not name or any(t.ent_type_ in _NOT_NAME_ENTS for t in name):
                continue
            if all(t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in name) or (
                start > 0 and doc[start - 1].lower_ in _INDEFINITE
            ):
                continue  # "the British market", "a Methodist church": a kind of site, not a named one
            yield start, token.i


def _is_name_word(token: Token) -> bool:
    """A capitalised word; at a sentence's start only a proper noun ("Royal Street heading upriver", not
    "Police station officials")."""
    capitalised = token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)
    return capitalised and (not token.is_sent_start or token.pos_ == "PROPN")


def _is_town(place: PlaceMention) -> bool:
    """A town, or a division or region of one country ("Gaza Strip"): never a country or a continent."""
    code = place.feature_code or ""
    return code.startswith(("PPL", "ADM")) or (code == "RGN" and place.country_code is not None)


def _sentence_town(head: Token, towns: Sequence[PlaceMention], starts: Sequence[int]) -> PlaceMention | None:
    """The one town (or division) the facility's sentence names, if it names exactly one (``towns`` sorted by
    start, ``starts`` their starts: the sentence's towns are found by bisection, not by a scan of all)."""
    sent = head.sent
    inside = towns[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]
    return inside[0] if inside and len({t.name for t in inside}) == 1 else None


def _town_after(doc: Doc, head: int, by_start: Mapping[int, PlaceMention]) -> PlaceMention | None:
    """The town right after the facility: "X Hospital in Rome", "X Street, Winnipeg"."""
    if head + 2 >= len(doc) or doc[head + 1].lower_ not in _NEXT_TO:
        return None
    return by_start.get(doc[head + 2].idx)
