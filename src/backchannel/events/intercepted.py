"""Attacks told by their interception: "Jordan's air force intercepted four missiles launched from Iran",
"the military intercepted seven Iranian ballistic missiles fired at the country", "air defences
confronted several attacks from Iran".

The weapons were fired at the intercepting side: an ASSAULT by the party they came from (a "from"
phrase on the weapon or on the participle that fired it) or that a demonym on the weapon names, on the
party that intercepted them (PLOVER manual ASSAULT, mode heavy-weapons for missiles and rockets, drone for
drones; ACLED codebook, "Shelling/artillery/missile attack" and "Air/drone strike", which counts attacks
intercepted).  Weapons with no origin and no owner make no event.  The verbs of interception and the
weapons are the word classes ``interception_verbs`` and ``launched_weapons``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from backchannel.events.arguments import ArgumentFinder
from backchannel.events.candidate import Candidate
from backchannel.events.lexicon import Lexicon
from backchannel.events.syntax import subject
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention

__all__ = ["intercepted_attacks"]


def intercepted_attacks(
    sent: Span, finder: ArgumentFinder, s_index: int, words: WordClasses, lexicon: Lexicon, taken: set[int]
) -> list[Candidate]:
    """One ASSAULT for each interception verb whose object names weapons with an origin or an owner."""
    out: list[Candidate] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in words.interception_verbs or verb.i in taken:
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in objects for g in _counted(c)]
        weapons = [w for c in objects for w in (c, *c.conjuncts) if _weapon(w, words)]
        attackers = _unique([a for w in weapons for a in _attackers(w, finder, s_index)])
        for head in (verb, *objects):  # "intercepted a number of drones from Iran"
            attackers = attackers or _origin(head, finder)
        if not weapons or not attackers:
            continue
        weapon = weapons[0]
        entries = (
            lexicon.nouns.get(f"{weapon.lemma_.lower()} strike")
            or lexicon.nouns.get(f"{weapon.lemma_.lower()} attack")
            or lexicon.nouns.get("attack")
        )
        if not entries:
            continue
        cand = Candidate(trigger=weapon, clause=verb, entry=entries[0], nominal=True, actors=attackers)
        cand.recipients = [r for r in finder.actors_of(subject(verb, words), s_index) if r.country]
        cand.rule = f"intercepted weapons: the object of {verb.lemma_!r} came from its attacker"
        cand.filled_by += ["actor:weapon-origin", "recipient:interceptor"]
        out.append(cand)
    return out


def _counted(noun: Token) -> list[Token]:
    """'a number of missiles', 'waves of drones': the weapons counted."""
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _weapon(noun: Token, words: WordClasses) -> bool:
    return noun.lemma_.lower() in words.launched_weapons or noun.lower_ in words.launched_weapons


def _attackers(weapon: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """Who fired the weapon: the country of a "from" phrase on it or on its participle ("launched from Iran"),
    else the party a modifier names ("Iranian ballistic missiles"; not its maker, "Chinese-made drones")."""
    fired = [c for c in weapon.children if c.dep_ == "acl"]
    for agent in (a for c in fired for a in c.children if a.dep_ == "agent"):
        found = [m for g in agent.children if g.dep_ == "pobj" for m in finder.actors_of(g, s_index) if m.country]
        if found:
            return found  # "a drone launched from Lebanon by Hezbollah"
    for head in (weapon, *fired):
        found = _origin(head, finder)
        if found:
            return found
    for mod in weapon.children:
        if mod.dep_ in ("amod", "compound", "poss") and mod.i < weapon.i and mod.tag_ not in ("VBN", "VBG"):
            found = [m for m in finder.actors_of(mod, s_index) if m.country]
            if found:
                return found
    return []


def _origin(head: Token, finder: ArgumentFinder) -> list[ActorMention]:
    """The party named in a "from" phrase of ``head``."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for obj in prep.children:
                found = [m for m in finder.mentions_in(obj.left_edge.i, obj.right_edge.i + 1) if m.country]
                if found:
                    return found[:1]
    return []


def _unique(mentions: list[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    for m in mentions:
        if all((m.start, m.end) != (o.start, o.end) for o in out):
            out.append(m)
    return out
