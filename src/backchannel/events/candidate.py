"""A trigger found in a sentence before it becomes events, and the passes over a sentence's candidates."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from spacy.tokens import Token

from backchannel.events.lexicon import TriggerEntry
from backchannel.events.ontology import QUAD_CLASS
from backchannel.events.parties import key
from backchannel.events.syntax import direct_object
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention

__all__ = [
    "Candidate",
    "Trigger",
    "drop_protest_purposes",
    "harm",
    "imposes_measure",
    "inherit_complement_recipients",
    "unnamed_protest",
]


@dataclass(frozen=True)
class Trigger:
    """A trigger as the trigger finder marks it: where the event is said, and the lexicon entry that says it."""

    trigger: Token  # the word that carries the event meaning
    clause: Token  # the verb heading the clause (modality, time, subject)
    entry: TriggerEntry
    nominal: bool = False
    light: bool = False  # the noun trigger is the object of a light verb ("held talks", "put under investigation")
    phrase_object: Token | None = None  # the object of a phrasal trigger ("fired at Russia", "cracked down on")


@dataclass
class Candidate:
    trigger: Token  # the word that carries the event meaning
    clause: Token  # the verb heading the clause (modality, time, subject)
    entry: TriggerEntry
    nominal: bool = False
    actors: list[ActorMention] = field(default_factory=list)
    recipients: list[ActorMention] = field(default_factory=list)
    mediators: list[ActorMention] = field(default_factory=list)
    reciprocal_pair: bool = False
    agentless_passive: bool = False
    light: bool = False  # the noun trigger is the object of a light verb ("held talks", "put under investigation")
    phrase_object: Token | None = None  # the object of a phrasal trigger ("fired at Russia", "cracked down on")
    background: bool = False  # told as background to another event ("released X, who had been jailed ...")
    solo: bool = False  # a meeting of one side only ("the Cabinet met"): not an event, and takes no donor
    filled_by: list[str] = field(default_factory=list)  # the argument rules that filled its slots (the trace)
    rule: str | None = None  # the rule that made the candidate when no trigger did (the trace)

    @classmethod
    def of(cls, found: Trigger) -> Candidate:
        """A candidate to fill, from a trigger as marked."""
        return cls(**{f.name: getattr(found, f.name) for f in fields(found)})


def imposes_measure(cand: Candidate, words: WordClasses) -> bool:
    """Does the event's object name a measure over a place ("lifted the curfew", "imposed martial law")?"""
    verb = cand.trigger if not cand.nominal else cand.clause
    heads = [verb] + [c for c in verb.children if c.dep_ == "xcomp"]
    for head in heads:
        dobj = direct_object(head)
        if dobj is None:
            continue
        named = [t for t in dobj.subtree if t.i <= dobj.i]
        named += [g for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if any(t.lemma_.lower() in words.measure_nouns for t in named):
            return True  # "lifted the curfew", "a state of emergency"
    return cand.nominal and cand.trigger.lemma_.lower() in words.measure_nouns


def inherit_complement_recipients(cands: list[Candidate]) -> None:
    """'threatened to break relations with Russia': the announced act's recipient is the threat's."""
    by_token = {c.trigger.i: c for c in cands if not c.nominal}
    for cand in cands:
        if cand.recipients or cand.nominal or cand.entry.event_type == "CONSULT":
            continue
        for comp in cand.trigger.children:
            purpose = (
                comp.dep_ == "advcl"
                and QUAD_CLASS[cand.entry.event_type] == 4
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in comp.children)
            )  # "opened fire to disperse the demonstrators"
            inner = by_token.get(comp.i) if comp.dep_ in ("xcomp", "ccomp", "conj") or purpose else None
            if inner is None or not inner.recipients:
                continue
            if comp.dep_ == "conj" and inner.actors:
                continue  # "X attacked Y and Z retreated": a new clause with its own parties
            own = {key(a) for a in cand.actors}
            cand.recipients = [r for r in inner.recipients if key(r) not in own]
            if cand.recipients:
                cand.filled_by.append("recipient:complement-event")
                break


def drop_protest_purposes(cands: list[Candidate]) -> list[Candidate]:
    """'staged demonstrations to demand reforms': the demand is the protest's purpose, not a second event."""
    protests = {c.clause.i for c in cands if c.entry.event_type == "PROTEST"} | {
        c.trigger.i for c in cands if c.entry.event_type == "PROTEST"
    }
    if not protests:
        return cands
    kept = []
    for c in cands:
        purpose_types = ("REQUEST", "ACCUSE", "REJECT", "PROTEST")
        if c.entry.event_type in purpose_types and not c.nominal:
            cur, hops, host = c.clause, 0, None
            while cur.head.i != cur.i and hops < 3:
                if cur.dep_ in ("advcl", "xcomp", "acl", "prep", "pcomp", "pobj") and cur.head.i in protests:
                    host = next((p for p in cands if p is not c and cur.head.i in (p.clause.i, p.trigger.i)), None)
                    break
                cur, hops = cur.head, hops + 1
            if host is not None:
                # "demonstrations to demand reforms by Suharto's government": the target of the protest
                if not host.recipients:
                    host.recipients = list(c.recipients)
                    host.filled_by += ["recipient:protest-purpose"] if host.recipients else []
                continue
        kept.append(c)
    return kept


def harm(cand: Candidate) -> bool:
    """A killing, an attack or a destruction (what a disaster or an accident also does)."""
    return cand.entry.event_type == "ASSAULT" or cand.entry.mode == "destroy"


def unnamed_protest(cand: Candidate) -> bool:
    """A demonstration told with no one named ("protests erupted across Kenya"): ACLED and PLOVER still
    code it, with unidentified protesters of the country where it happened as the actor (issue 14, class
    1). Only the event noun as subject of an occurrence verb; a protest that is the object of another
    verb ("condemned the protests") is not told as happening here; what it hit may be named ("a general strike
    paralysed the port city")."""
    return (
        cand.entry.event_type == "PROTEST"
        and cand.nominal
        and cand.light
        and cand.trigger.dep_ in ("nsubj", "nsubjpass")  # "protests erupted", "a rally was held"
        and not cand.actors
    )
