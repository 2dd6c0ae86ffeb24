"""The free-text search index: which events the words of a query find.

DuckDB's ``fts`` extension is not in the wheel and ``INSTALL fts`` downloads it, which Backchannel never does at
run time; so the store keeps its own inverted index, ``event_terms``: one row per (term, event mention) for every
word of the event's sentence and of its actors' names and surface forms.  A term is a run of Unicode letters and
digits, lower-cased ("Al-Sisi's" gives "al", "sisi", "s"); one tokeniser (``TERM``, an RE2 pattern run by DuckDB)
makes both the index and the terms of a query, so they cannot drift apart.

The writer fills the index in the transaction that stores a document's events (``index_postings``); migration 5
and ``Store.reindex`` build it for every stored event (``reindex_statements``), sorted by term so that the
row-group min/max statistics skip all but the rows of the terms asked for.

A query (``parse_query``): every word must match (AND); ``word*`` matches the terms that begin with it; a
``"quoted phrase"`` matches those words in that order, next to each other, in the sentence or in an actor's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb

__all__ = [
    "TERM",
    "Postings",
    "SearchQuery",
    "event_ids_sql",
    "index_postings",
    "parse_query",
    "reindex_statements",
    "terms_of",
]

# RE2: a term is a run of letters and digits of any script.
TERM = r"[\p{L}\p{N}]+"
_GAP = r"[^\p{L}\p{N}]+"
_EDGE_BEFORE, _EDGE_AFTER = r"(^|[^\p{L}\p{N}])", r"($|[^\p{L}\p{N}])"


_ACTOR_WORDS = "coalesce(name, '') || ' ' || text"  # an actor's name and the words that named it


def _terms(expr: str) -> str:
    return f"regexp_extract_all(lower({expr}), '{TERM}')"


# The distinct (term, event_id, doc_id) rows of every stored event.
_ALL_POSTINGS = (
    "SELECT DISTINCT term, event_id, doc_id FROM ("
    f"SELECT unnest({_terms('sentence_text')}) AS term, event_id, doc_id FROM events "
    f"UNION ALL SELECT unnest({_terms(_ACTOR_WORDS)}) AS term, event_id, doc_id FROM event_actors)"
)


def reindex_statements() -> tuple[str, ...]:
    """SQL that empties ``event_terms`` and fills it again from every stored event, sorted by term.

    Rebuilding also sorts again what the writer appended since (each batch is sorted only within itself).
    """
    return ("DELETE FROM event_terms", f"INSERT INTO event_terms {_ALL_POSTINGS} ORDER BY term, event_id")


@dataclass
class Postings:
    """The texts of stored events to index: ``texts[i]`` is words of event ``event_ids[i]`` of ``doc_ids[i]``."""

    texts: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    def add(self, text: str | None, event_id: str, doc_id: str) -> None:
        if text:
            self.texts.append(text)
            self.event_ids.append(event_id)
            self.doc_ids.append(doc_id)


def index_postings(con: duckdb.DuckDBPyConnection, postings: Postings) -> None:
    """Add the postings of just stored events, from their texts (no table is read; the caller holds the
    transaction)."""
    if postings.texts:
        con.execute(
            "INSERT INTO event_terms SELECT DISTINCT term, event_id, doc_id FROM ("
            f"SELECT unnest({_terms('t')}) AS term, event_id, doc_id FROM ("
            "SELECT unnest(?::TEXT[]) AS t, unnest(?::TEXT[]) AS event_id, unnest(?::TEXT[]) AS doc_id)) "
            "ORDER BY term, event_id",
            [postings.texts, postings.event_ids, postings.doc_ids],
        )


def terms_of(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """The terms of ``text`` as the index holds them (the index's own tokeniser, run by DuckDB)."""
    row = con.execute(f"SELECT {_terms('?')}", [text]).fetchone()
    return [str(t) for t in (row[0] if row and row[0] else [])]


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: terms that must all be in an event, term prefixes, and phrases (their terms in order)."""

    terms: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.terms or self.prefixes or self.phrases)


_PART = re.compile(r'"([^"]*)"?|(\S+)')


def parse_query(con: duckdb.DuckDBPyConnection, query: str) -> SearchQuery:
    """Words, ``prefix*`` words and ``"quoted phrases"`` of a free-text query, as index terms."""
    terms: list[str] = []
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for phrase, word in _PART.findall(query):
        if phrase:
            found = terms_of(con, phrase)
            terms += found
            if len(found) > 1:
                phrases.append(tuple(found))
            continue
        found = terms_of(con, word)
        if word.endswith("*") and found:
            terms += found[:-1]
            prefixes.append(found[-1])
        else:
            terms += found
    return SearchQuery(tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(prefixes)), tuple(dict.fromkeys(phrases)))


def phrase_pattern(phrase: tuple[str, ...]) -> str:
    """RE2 pattern of a phrase's terms next to each other (any non-word characters between), as whole words."""
    return _EDGE_BEFORE + _GAP.join(re.escape(t) for t in phrase) + _EDGE_AFTER


def event_ids_sql(query: SearchQuery) -> tuple[str, list[object]]:
    """A SELECT of the event ids (mentions) that match every part of ``query``, and its parameters."""
    parts: list[str] = []
    params: list[object] = []
    for term in query.terms:
        parts.append("SELECT event_id FROM event_terms WHERE term = ?")
        params.append(term)
    for prefix in query.prefixes:
        parts.append("SELECT event_id FROM event_terms WHERE starts_with(term, ?)")
        params.append(prefix)
    found = " INTERSECT ".join(parts) if parts else "SELECT event_id FROM event_terms WHERE FALSE"
    for phrase in query.phrases:
        pattern = phrase_pattern(phrase)
        found = (
            f"SELECT x.event_id FROM events x WHERE x.event_id IN ({found}) AND ("
            "regexp_matches(lower(x.sentence_text), ?) OR x.event_id IN (SELECT a.event_id FROM event_actors a "
            "WHERE regexp_matches(lower(a.text), ?) OR regexp_matches(lower(coalesce(a.name, '')), ?)))"
        )
        params += [pattern, pattern, pattern]
    return found, params
