"""Violence told with no party named: the victims of an attack ("a journalist was stabbed to death", "the
bodies of two men were found with their hands bound") and attacks observed or tallied ("shelling was heard
near the town", "observers counted 40 blasts along the contact line").

PLOVER codes an ASSAULT on its victims (manual, ASSAULT) and ACLED codes such an attack as violence
against civilians by an unidentified armed group of the country where it happened (issue 14, class 2).
A victim named by role only ("a police officer", "two men") is no actor of the knowledge base; here it
becomes the event's recipient, so that the builder gives it the place's country and the unidentified
attacker.  An observed attack is asserted by its observer, who reports it and is not its actor (PLOVER
manual: the source of a report); the builder gives it an unidentified armed group of the place's country.
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.candidate import Candidate
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention

__all__ = ["observed_attack", "observed_noun", "unnamed_victims"]


def unnamed_victims(cand: Candidate, words: WordClasses) -> list[ActorMention]:
    """The attack's recipients: the people it harms, named by role, where the parse read none (or a place)."""
    if cand.entry.event_type != "ASSAULT" or cand.nominal or any(r.kind != "place" for r in cand.recipients):
        return cand.recipients  # a party read from the parse stays; a place only stands in for its people
    if any(a.pos_ == "NOUN" and a.lemma_.lower() in words.attack_means for a in cand.trigger.ancestors):
        return (
            cand.recipients
        )  # "two air raids in which it said 20 people were killed": the raids' victims, told by the raids
    patient = _patient(cand.trigger, cand.entry.swap_roles)
    if patient is not None and patient.lemma_.lower() in words.corpse_nouns:
        # "the bodies of two men": the men
        owner = next((g for c in patient.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        patient = owner or patient
    if patient is None or patient.lemma_.lower() not in words.victim_nouns:
        return cand.recipients
    phrase = [t for t in patient.subtree if t.i <= patient.i and t.dep_ not in ("det", "poss", "punct")]
    first = phrase[0] if phrase else patient
    cand.filled_by.append("recipient:unnamed-victim")
    return [
        ActorMention(
            text=patient.doc[first.i : patient.i + 1].text,
            start=first.idx,
            end=patient.idx + len(patient.text),
            sector=words.party_sectors.get(patient.lemma_.lower()),
            kind="group",
        )
    ]


def _patient(verb: Token, subject_undergoes: bool) -> Token | None:
    """Who undergoes the verb: a passive subject, the noun of a reduced relative, or the direct object;
    the subject of a verb whose subject undergoes it ("a man died in custody")."""
    for c in verb.children:
        if c.dep_ == "nsubjpass" or (subject_undergoes and c.dep_ == "nsubj"):
            return c
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # "a journalist stabbed to death in Karachi"
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def observed_attack(cand: Candidate, words: WordClasses) -> bool:
    """An attack noun heard, seen, reported or counted, with no party read ("shelling was heard")."""
    return (
        cand.entry.event_type == "ASSAULT"
        and cand.nominal
        and not cand.light
        and not cand.actors
        and not cand.recipients
        and observed_noun(cand.trigger, words)
    )


def observed_noun(noun: Token, words: WordClasses) -> bool:
    """An event noun as what an observation verb observes: its subject is the observer, not a party."""
    return noun.dep_ in ("nsubjpass", "dobj") and noun.head.lemma_.lower() in words.observation_verbs
