"""Actor mentions and references for events: conversion, identity keys and country guesses."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from backchannel.events.arguments import ArgumentFinder
from backchannel.events.ontology import HOSTILE_SECTORS
from backchannel.events.wordclasses import WordClasses
from backchannel.records import COUNTRYLESS_MENTION_KINDS, ActorMention, ActorRef, PlaceMention

__all__ = [
    "appositive_country",
    "bloc_party",
    "hostile",
    "key",
    "mention_from_ref",
    "only_own",
    "place_party",
    "ref",
    "unidentified_group",
    "unidentified_protesters",
    "unique_refs",
    "unknown_perpetrator",
    "with_country",
]


def only_own(recips: Sequence[ActorMention], actors: Sequence[ActorMention]) -> bool:
    """No recipient but the actors themselves ("called off its strike": its own); true when there is none."""
    own = {a.actor_id for a in actors if a.actor_id}
    return all(r.actor_id in own for r in recips)


def hostile(m: ActorMention) -> bool:
    """A party that can attack: a state, an armed non-state actor, armed forces, police, criminals."""
    return m.kind in ("country", "nsa") or m.sector in HOSTILE_SECTORS or m.country == "IMG"


def unique_refs(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    for m in mentions:
        if all(key(m) != key(o) for o in out):
            out.append(m)
    return out


def with_country(m: ActorMention, country: str, any_kind: bool = False) -> ActorMention:
    if m.resolved or m.country or (m.kind != "group" and not any_kind):
        return m
    return m.model_copy(update={"country": country})


def bloc_party(m: ActorMention, sent: Span, words: WordClasses) -> bool:
    """Whether an unnamed party is one of several states ("Western leaders", "foreign governments"): the
    sentence's country is no guess for it (word class ``bloc_modifiers``)."""
    if m.resolved or m.country:
        return False
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    # the mention may leave its modifier out ("European diplomats" named as "diplomats")
    return any(t.lower_ in words.bloc_modifiers for t in (*span, *span.root.lefts))


def appositive_country(m: ActorMention, sent: Span, finder: ArgumentFinder) -> ActorMention:
    if m.resolved or m.country or m.kind not in COUNTRYLESS_MENTION_KINDS or m.end <= m.start:
        return m
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return m
    root = span.root
    phrases = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        phrases.append(root.head)
    # "U.N. mediator Diego Cordovez", "French envoy Jean Dupont": the title before the name says whose
    phrases += [c for c in root.children if c.dep_ in finder.words.modifier_deps and c.i < span.start]
    for phrase in phrases:
        whole = phrase.dep_ != "appos" and phrase.i == root.head.i
        lo, hi = (phrase.i, phrase.i + 1) if whole else (phrase.left_edge.i, phrase.right_edge.i + 1)
        for other in finder.mentions_in(lo, hi):
            if other.country and other is not m:
                return m.model_copy(update={"country": other.country})
    return m


def place_party(place: PlaceMention) -> ActorMention:
    return ActorMention(
        text=place.text,
        start=place.start,
        end=place.end,
        actor_id=place.country_code,
        name=place.name,
        country=place.country_code,
        resolved=True,
        kind="place",
    )


def unidentified_group(country: str) -> ActorMention:
    return ActorMention(
        text="",
        start=0,
        end=0,
        actor_id=None,
        name="Unidentified armed group",
        country=country,
        sector="UAF",
        resolved=False,
        kind="group",
    )


def unidentified_protesters(country: str, riot: bool = False) -> ActorMention:
    """ACLED's actor for a demonstration whose organisers are not named: "Protesters (COUNTRY)", or
    "Rioters (COUNTRY)" for a riot; the sector is the Phoenix agents dictionary's PROTESTER/RIOTER (~OPP)."""
    return ActorMention(
        text="",
        start=0,
        end=0,
        actor_id=None,
        name="Rioters" if riot else "Protesters",
        country=country,
        sector="OPP",
        resolved=False,
        kind="group",
    )


_STATE_SECTORS = frozenset({"MIL", "COP", "GOV", "SPY"})


def unknown_perpetrator(m: ActorMention, sent: Span, words: WordClasses, attack: bool = False) -> ActorMention:
    """An armed party said to be unknown ("unidentified gunmen", "masked men") keeps its quoted text and
    takes ACLED's name and sector for it: an unidentified armed group (of its country). Unknown people who
    attack ("masked men opened fire") are armed parties too."""
    if m.resolved or m.actor_id or m.end <= m.start or m.sector in _STATE_SECTORS:
        return m  # "unidentified soldiers" are still the state's forces
    if not (attack or hostile(m) or m.sector is None):
        return m
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return m
    modifiers = [*span, *(c for c in span.root.children if c.dep_ in ("amod", "compound"))]
    if not any(t.lower_ in words.unidentified_modifiers for t in modifiers):
        return m
    return m.model_copy(update={"name": "Unidentified armed group", "sector": "UAF"})


def ref(m: ActorMention) -> ActorRef:
    return ActorRef(
        text=m.text,
        actor_id=m.actor_id,
        name=m.name,
        country=m.country,
        sector=m.sector,
        role=m.role,
        affiliation=m.affiliation,
        start=m.start if m.end > m.start else None,  # a host country inferred from a place quotes no text
        end=m.end if m.end > m.start else None,
        resolved=m.resolved,
    )


def mention_from_ref(r: ActorRef) -> ActorMention:
    return ActorMention(
        text=r.text,
        start=r.start or 0,
        end=r.end or 0,
        actor_id=r.actor_id,
        name=r.name,
        country=r.country,
        sector=r.sector,
        role=r.role,
        resolved=r.resolved,
        affiliation=r.affiliation,
    )


def key(m: ActorMention) -> str:
    """Identity of a party: its canonical id, else where it is quoted (an inferred party quotes no text:
    then what it is, so that two unidentified groups of different countries stay two)."""
    if m.actor_id:
        return m.actor_id
    return f"@{m.start}" if m.end > m.start else f"@{m.name}:{m.country}:{m.sector}"
