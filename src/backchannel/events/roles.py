"""Finding who acts and who is acted on in the parse, beyond the direct subject and object."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from backchannel.events.arguments import ArgumentFinder, pobj
from backchannel.events.candidate import Candidate
from backchannel.events.ontology import THING_ENTITIES
from backchannel.events.parties import ref
from backchannel.events.syntax import absolute_participle, direct_object, subject
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention, ActorRef

__all__ = [
    "according_to",
    "addressees_of_clause",
    "agent_or_subject",
    "clause_subject_actors",
    "condition_subjects",
    "generic_party",
    "is_actorish",
    "of_object",
    "protest_organisers",
    "relation_partners",
    "sentence_country",
    "talks_partners",
]


def relation_partners(verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'broke off relations with Russia', 'boycott all contact with the United States', 'reneged on his
    commitment to the Zambian people', 'pulled out of the deal with Iran'."""
    dobj = direct_object(verb)
    objects = [dobj] if dobj is not None else []
    preps = [c for c in verb.children if c.dep_ == "prep"]
    # "pulled out of the deal": "of" under the particle or under "out" read as a preposition
    preps += [g for c in verb.children if c.dep_ in ("prt", "prep") for g in c.children if g.dep_ == "prep"]
    objects += [
        g for c in preps if c.lower_ in finder.words.relation_object_preps for g in c.children if g.dep_ == "pobj"
    ]
    for obj in objects:
        lemma = obj.lemma_.lower()
        if lemma in finder.words.relation_nouns:
            partner_preps: tuple[str, ...] = ("with", "between")
        elif lemma in finder.words.commitment_nouns:
            partner_preps = ("to", "with")
        else:
            continue
        for head in (obj, verb):
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in partner_preps:
                    found = finder.actors_of(pobj(c), s_index)
                    if found:
                        return found
    return []


def protest_organisers(verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'police prevented the demonstration staged by students', 'banned the opposition's rally'."""
    dobj = direct_object(verb)
    if dobj is None or dobj.lemma_.lower() not in finder.words.protest_nouns:
        return []
    for c in dobj.children:
        if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = c if c.dep_ == "poss" else pobj(c)
            found = finder.actors_of(obj, s_index)
            if found:
                return found
        if c.dep_ == "acl":
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            obj = pobj(agent) if agent is not None else None
            found = finder.actors_of(obj, s_index)
            if found:
                return found
    return []


def condition_subjects(verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'threatened to stop the talks if the United States goes ahead': the threat is aimed at whoever
    must meet the condition."""
    heads = [verb] + [c for c in verb.children if c.dep_ == "xcomp"]
    for head in heads:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                found = clause_subject_actors(c, finder, s_index)
                if found:
                    return found
    return []


def addressees_of_clause(trigger: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'demanded that the US cancel ...', 'its demand that Israel ease ...': the one asked to act."""
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj":
        heads.append(trigger.head)  # "reiterated its demand today that Israel ease ..."
    for c in (c for head in heads for c in head.children):
        if c.dep_ in ("ccomp", "acl", "xcomp", "advcl") and c.pos_ in ("VERB", "AUX"):
            found = clause_subject_actors(c, finder, s_index)
            if found:
                return found
    return []


def clause_subject_actors(clause: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """The actors a clause's own subject names; a pronoun subject names none here."""
    subj = next((g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return []
    return finder.actors_of(subj, s_index)


def agent_or_subject(cand: Candidate, words: WordClasses) -> Token | None:
    if cand.nominal and cand.trigger.dep_ in ("nsubj", "nsubjpass"):
        return None
    subj = subject(cand.clause, words)
    if subj is not None and (
        subj.dep_ == "nsubjpass" or (subj.head.i == cand.clause.i and absolute_participle(cand.clause))
    ):
        agent = next((c for c in cand.clause.children if c.dep_ == "agent"), None)
        return pobj(agent) if agent is not None else None
    return subj


def generic_party(tok: Token | None, words: WordClasses) -> ActorMention | None:
    """An unnamed party ("protesters", "police", "dozens of civilians") as an unresolved actor."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    head = tok
    if tok.lemma_.lower() not in words.party_sectors:
        # "dozens of protesters", "thousands of people"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = pobj(of) if of is not None else None
        if inner is None and tok.lower_ in words.crowd_numbers and tok.dep_ in ("nsubj", "nsubjpass"):
            # "Thousands protest in Budapest", "Hundreds marched": a crowd of people
            return ActorMention(
                text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), sector="CVL", resolved=False, kind="group"
            )
        if inner is None or inner.lemma_.lower() not in words.party_sectors:
            return None
        head = inner
    sector = words.party_sectors[head.lemma_.lower()]
    left = tok.left_edge.i
    while left < tok.i and tok.doc[left].dep_ in ("det", "punct", "cc"):
        left += 1
    right = head.i
    for c in head.children:
        if c.i > head.i and c.dep_ in ("compound",):
            right = max(right, c.i)
    span = tok.doc[left : right + 1]
    # "a regional peacekeeping force", "international troops": many states' force, not one state's
    multinational = any(
        c.dep_ in ("amod", "compound") and c.lower_ in words.multinational_modifiers for c in head.children
    )
    return ActorMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        actor_id=None,
        name=None,
        country="IGO" if multinational else None,
        sector=sector,
        resolved=False,
        kind="group",
    )


def of_object(noun: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'resolutions of/by the UN', 'positions of X'."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in finder.words.owner_preps:
            obj = pobj(c)
            found = finder.actors_of(obj, s_index)
            if found:
                return found
        if c.dep_ == "poss":
            found = finder.actors_of(c, s_index)
            if found:
                return found
    return []


def is_actorish(tok: Token, finder: ArgumentFinder) -> bool:
    """Is this object a party (a person, group or state) rather than a thing ("talks", "targets")?"""
    if finder.mention_at(tok) is not None or tok.pos_ == "PRON":
        return True
    if tok.pos_ == "PROPN":
        # "receives the 2026 Pritzker Architecture Prize": a named thing is no party
        return tok.ent_type_ not in THING_ENTITIES and tok.lemma_.lower() not in finder.words.thing_names
    return tok.lemma_.lower() in finder.words.party_sectors


def according_to(sent: Span, finder: ArgumentFinder, s_index: int) -> ActorRef | None:
    for tok in finder.according_tokens(sent):
        if tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
            to = sent.doc[tok.i + 1]
            obj = pobj(to)
            found = finder.actors_of(obj, s_index)
            if found:
                return ref(found[0])
    return None


def talks_partners(verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'after deliberations with the government', 'following talks with Hamas': the other side of the talks."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in finder.words.settlement_preps:
            continue
        talks = pobj(c) or next((g for g in c.children if g.dep_ == "pcomp"), None)
        if talks is None or talks.lemma_.lower() not in finder.words.talks_nouns:
            continue
        for g in talks.children:
            if g.dep_ == "prep" and g.lower_ == "with":
                found = finder.actors_of(pobj(g), s_index)
                if found:
                    return found
    return []


def sentence_country(
    sent: Span,
    finder: ArgumentFinder,
    parties: Sequence[ActorMention],
    outside: Span | None = None,
    mediators: Sequence[ActorMention] = (),
) -> str | None:
    """The first country named in the sentence that is not already a participant's country.

    Not one named in ``outside``, the clause the event reports ("the two leaders agreed that Hamas must
    free the hostages": Hamas's country is not the leaders'), nor one named as a mediator ("the rebels
    signed the Angola-brokered truce" does not make them Angolan).
    """
    taken = {a.country for a in parties if a.country}
    third = {(m.start, m.end) for m in mediators}
    fallback: str | None = None
    group: str | None = None
    skip = range(outside.start, outside.end) if outside is not None else range(0)
    for m in finder.mentions_in(sent.start, sent.end):
        if not m.country or m.country in ("IGO", "NGO", "IMG") or (m.start, m.end) in third:
            continue
        span = finder.doc.char_span(m.start, m.end, alignment_mode="expand") if m.end > m.start else None
        if span is not None and span.start in skip:
            continue
        if m.kind in ("country", "place") and m.country not in taken:
            return m.country
        if group is None and m.country not in taken:
            group = m.country  # "his commitment to the Zambian people": a nationality named by a group
        if fallback is None and m.country in taken:
            fallback = m.country  # most events are domestic: a judge and the officials he investigates
    return group or fallback
