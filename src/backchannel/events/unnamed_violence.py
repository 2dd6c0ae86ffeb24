"""Violence told with no party named: the victims of an attack ("a journalist was stabbed to death", "the
bodies of two men were found with their hands bound") and attacks observed or tallied ("shelling was heard
near the town", "observers counted 40 blasts along the contact line").

PLOVER codes an ASSAULT on its victims (manual, ASSAULT) and ACLED codes such an attack as violence
against civilians by an unidentified armed group of the country where it happened (issue 14, class 2).
A victim named by role only ("a police officer", "two men") is no actor of the knowledge base; here it
becomes the event's recipient, so that the builder gives it the place's country and the unidentified
attacker.  An observed attack is asserted by its observer, who reports it and is not its actor (PLOVER
manual: the source of a report); the builder gives it an unidentified armed group of the place's country.
The same holds for people arrested, deported or charged with no one named ("five suspects were arrested in
Quito"): the builder gives such an act the police or the judiciary of the country (issue 14, class 1).
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.candidate import Candidate
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention

__all__ = [
    "agentless_attack",
    "attack_owner_words",
    "observed_attack",
    "observed_noun",
    "reported_attack",
    "reported_parties",
    "unnamed_victims",
]


def unnamed_victims(cand: Candidate, words: WordClasses) -> list[ActorMention]:
    """The recipients of an attack, an arrest or a charge: the people it befalls, named by role, where the
    parse read none (or a place); the acts are the word class ``patient_events``."""
    entry = cand.entry
    kinds = {entry.event_type, f"{entry.event_type}/{entry.mode}"}
    if not kinds & words.patient_events or cand.nominal or any(r.kind != "place" for r in cand.recipients):
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
    if patient is not None and (patient.lower_ in words.crowd_numbers or patient.pos_ == "NUM"):
        # "dozens of people were killed", "two of his guards": the people counted
        counted = (g for c in patient.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj")
        patient = next(counted, patient)
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


def agentless_attack(cand: Candidate, words: WordClasses) -> bool:
    """An attack told with no party named that still happened: a weapon that went off or hit ("a car bomb
    exploded outside a police station"), fighting that broke out ("heavy clashes broke out in Zawiya"), a
    drone strike carried out, a target hit by a weapon ("a tanker was hit by an unknown projectile"), an
    attack told as what caused something ("damaged in a drone strike"). The builder gives it an
    unidentified armed group of the place's country (ACLED codebook; PLOVER manual sector UAF)."""
    if cand.entry.event_type != "ASSAULT" or cand.actors or cand.recipients:
        return False
    trigger = cand.trigger
    if not cand.nominal and cand.entry.subjects:
        return True  # "a car bomb exploded outside the station": the lexicon row's subject is the weapon used
    if cand.nominal and cand.light:
        if trigger.dep_ == "nsubj" and cand.clause.lemma_.lower() not in words.outbreak_verbs:
            return False  # "clashes were still continuing": told as a backdrop, not as news
        return trigger.dep_ in ("nsubj", "nsubjpass") and (
            trigger.lemma_.lower() in words.unnamed_fighting_nouns
            or trigger.lower_ in words.unnamed_fighting_nouns
            or _attack_word(trigger, words)
        )
    if cand.nominal:
        return reported_attack(trigger, words)
    if not any(c.dep_ == "nsubjpass" for c in trigger.children) or trigger.dep_ == "conj":
        return False  # "four killed and eight others injured in an attack": one attack, told by the first verb
    preps = [c for c in trigger.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")]
    means = [g for c in preps for g in c.children]
    return any(g.dep_ == "pobj" and _attack_word(g, words) for g in means)


def reported_attack(noun: Token, words: WordClasses) -> bool:
    """An attack noun told as what happened, not as what someone does: the object of a preposition of cause
    or circumstance ("damaged in an Iranian drone strike", "following a missile attack") or of a verb of
    suffering ("the port suffers a drone attack"); word classes ``reported_attack_preps``, ``suffering_verbs``."""
    if not _attack_word(noun, words):
        return False
    noun = _counted(noun, words)
    if noun.dep_ == "pobj" or (noun.dep_ == "dobj" and noun.head.dep_ == "prep"):  # "following" read as a verb
        prep = noun.head
        holder = prep.head
        if holder.dep_ == "pobj" and holder.head.lower_ == "of":
            holder = holder.head.head  # "the death of a commander in a drone strike"
        if (
            prep.lower_ == "in"
            and prep.head.pos_ not in ("VERB", "AUX")
            and holder.lemma_.lower() not in words.casualty_nouns
        ):
            return False  # "a pause in the bombing", "a rise in drone attacks"; not "his death in an airstrike"
        if prep.lower_ in ("to", "for") and prep.head.lemma_.lower() in words.response_nouns:
            return True  # "in response to a drone strike on the base"
        return prep.lower_ in words.reported_attack_preps
    verb = noun.head.lemma_.lower()
    return noun.dep_ == "dobj" and (verb in words.suffering_verbs or verb in words.citing_verbs)


def _counted(noun: Token, words: WordClasses) -> Token:
    """The phrase that stands for the attack noun in its sentence: the first of a list it is in ("a missile
    and drone attack"), the count it is the object of ("a number of airstrikes"; class attack_count_nouns)."""
    for _ in range(4):
        if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head
        elif (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lemma_.lower() in words.attack_count_nouns
        ):
            noun = noun.head.head
        else:
            break
    return noun


def attack_owner_words(verb: Token, words: WordClasses) -> list[Token]:
    """The words that may say whose attack harmed the verb's victims ("killed in a series of Russian missile
    strikes", "one killed, seven injured and a road severed in Israeli strikes"): the modifiers of an attack
    noun reached from the verb through prepositions and conjoined verbs only."""
    out: list[Token] = []
    for tok in verb.subtree:
        if tok.pos_ == "NOUN" and tok.i != verb.i and _attack_word(tok, words) and _reached_by_preps(tok, verb):
            out += [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and c.i < tok.i]
    return out


def _reached_by_preps(tok: Token, verb: Token) -> bool:
    cur = tok
    while cur.i != verb.i:
        if cur.dep_ not in ("pobj", "prep", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def reported_parties(cand: Candidate, words: WordClasses) -> tuple[list[ActorMention], list[ActorMention]]:
    """The parties of an attack told as a cause or circumstance are those its own phrase names ("following
    an Iranian drone attack on the port"): the subject of the clause around it did not attack ("residents
    fled their homes after the shelling"); the subject of a verb of suffering is the attack's target."""
    trigger = cand.trigger
    if not (cand.nominal and not cand.light and cand.entry.event_type == "ASSAULT" and reported_attack(trigger, words)):
        return cand.actors, cand.recipients
    lo, hi = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge.text)
    actors = [a for a in cand.actors if lo <= a.start < hi]
    recips = [r for r in cand.recipients if lo <= r.start < hi]
    if trigger.head.lemma_.lower() in words.suffering_verbs:
        recips += [a for a in cand.actors if not lo <= a.start < hi]  # "Israel suffered a drone attack"
    if len(actors) != len(cand.actors):
        cand.filled_by.append("parties:the-attack-phrase-only")
    return actors, recips


def _attack_word(noun: Token, words: WordClasses) -> bool:
    """The noun, or a modifier of it, is a weapon or an attack ("drone strike", "missile attack", "airstrike")."""
    named = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i)]
    return any(t.lemma_.lower() in words.attack_means or t.lower_ in words.attack_means for t in named)
