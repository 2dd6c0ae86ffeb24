"""Parse helpers for the event coder: subjects, objects, clauses and participles in a spaCy dependency tree."""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.arguments import pobj
from backchannel.events.wordclasses import WordClasses

__all__ = [
    "absolute_participle",
    "alleged_participle",
    "clause_of",
    "deinflect",
    "direct_object",
    "host_modifier",
    "hyphen_prefix",
    "impersonal",
    "marked_clauses",
    "misparsed_means",
    "named_war",
    "own_object",
    "pobjs_deep",
    "shifted_object",
    "subject",
    "third_party_talks",
    "weapon_participle",
]


def identity_hedged(verb: Token, words: WordClasses) -> bool:
    """A subjectless clause hung on a hedge verb that has its own "to be" complement ("X thought to be Y
    burned ..."): a reduced relative on the subject, misparsed as the main verb."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and head.lemma_.lower() in words.identity_hedge_verbs
        and head.i < verb.i
        and any(c.dep_ == "xcomp" and c.lemma_.lower() == "be" for c in head.children)
    )


def _stand_in_subject(cur: Token, words: WordClasses) -> tuple[bool, Token | None]:
    """Who does the act of a clause without a subject of its own, where the clause says it by its form:
    (whether a rule applies, the token it gives)."""
    if identity_hedged(cur, words):
        # "attackers thought to be separatists burned a school", parsed with "thought" as the main verb
        # and "burned" its clause: the hedge is on who the attackers are, and they did the act
        return True, next((c for c in cur.head.children if c.dep_ in words.subject_deps), None)
    if alleged_participle(cur, words):
        # "Petro accuses the Ecuadorian military of an airstrike, killing 27 people": the accused
        return True, direct_object(cur.head)
    if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in words.object_control_verbs:
        # "urged Israel to withdraw", "invited Sunak to visit Washington": the object does the act
        obj = direct_object(cur.head)
        if obj is not None:
            return True, obj
    return False, None


def subject(verb: Token | None, words: WordClasses) -> Token | None:
    """The subject of a clause, borrowed from the controlling or first-conjunct verb when absent."""
    cur = verb
    for _ in range(6):
        if cur is None:
            return None
        subj = next((c for c in cur.children if c.dep_ in words.subject_deps), None)
        if subj is not None:
            if subj.lower_ in words.relative_pronouns and cur.dep_ == "relcl":
                return cur.head
            return subj
        applies, stand_in = _stand_in_subject(cur, words)
        if applies:
            return stand_in
        if cur.dep_ in words.subject_sharing_deps and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ == "ADP" and cur.dep_ == "prep" and cur.head.pos_ in ("VERB", "AUX"):
                # "looks forward to welcoming X": the subject of "looks"; but "jailed a student for helping
                # militants", "accused Russia of shelling": the object of the verb does the -ing
                obj = direct_object(cur.head)
                if obj is not None:
                    return obj
                cur = cur.head
            if cur.pos_ == "ADJ" and cur.dep_ in ("acomp", "amod"):
                # "it is prepared to impose": the subject of the copula
                cur = cur.head
            if cur.pos_ not in ("VERB", "AUX") and cur.dep_ != "ROOT":
                return None
            continue
        if cur.dep_ == "relcl" and not infinitive_relative(cur, words):
            return cur.head
        if cur.dep_ == "acl" and cur.head.pos_ in ("VERB", "AUX"):
            # "the Council votes to lift sanctions": an infinitive the parser hung on a verb as "acl"
            cur = cur.head
            continue
        if (
            cur.dep_ == "acl"
            and cur.tag_ == "VBG"
            and cur.i > 0
            and cur.doc[cur.i - 1].is_punct
            and cur.head.dep_ in ("dobj", "pobj")
            and cur.head.head.pos_ in ("VERB", "AUX")
        ):
            # "Israeli strikes kill nine people, violating the ceasefire": set off by a comma after the
            # object, the participle goes with the clause's subject (not "arrested men carrying banners")
            cur = cur.head.head
            continue
        if (
            cur.dep_ == "acl"
            and cur.tag_ == "VBG"
            and cur.head.lemma_.lower() in words.arms
            and cur.head.dep_ in ("dobj", "pobj")
            and cur.head.head.pos_ in ("VERB", "AUX")
        ):
            # "militants detonated an IED targeting a convoy": those who used the weapon
            cur = cur.head.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG":
            if cur.head.lemma_.lower() in words.speaking_documents and cur.head.head.pos_ in ("VERB", "AUX"):
                # "the PKK issued a declaration demanding ...": the issuer demands
                cur = cur.head.head
                continue
            return cur.head
        if cur.dep_ in ("acl", "relcl") and cur.tag_ == "VB":
            owner = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            by = next((c for c in cur.head.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            if owner is None and by is not None and cur.head.lemma_.lower() in words.attempt_nouns:
                owner = pobj(by)  # "the attempt by prime minister Magyar to oust the president": Magyar ousts
            if owner is not None:
                # "the United States' efforts to mediate": the possessor acts
                return owner
        if cur.dep_ in ("acl", "relcl") and cur.tag_ == "VB" and cur.head.dep_ in words.nominal_argument_deps:
            # "chose a time to have a dialogue", "became the first country to recognize X" (infinitive_relative)
            cur = cur.head.head
            if cur.pos_ == "ADP":
                cur = cur.head
            continue
        return cur.head if cur.dep_ == "relcl" else None
    return None


def infinitive_relative(verb: Token, words: WordClasses) -> bool:
    """A relative clause that is a bare infinitive on a noun of a party or a body sent to act ("the first
    country to recognize X", "a mission to investigate"): it has no subject or relative pronoun, only "to"."""
    return (
        verb.tag_ == "VB"
        and verb.head.lemma_.lower() in words.acting_body_nouns
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
    )


def marked_clauses(verb: Token, words: WordClasses) -> list[tuple[Token, Token | None]]:
    """The clauses of ``verb`` opened by a preposition as their mark, with the subject of each: "called
    for Israel to withdraw" is "call for" with Israel (the parser makes "for" the mark of the clause)."""
    out: list[tuple[Token, Token | None]] = []
    for clause in verb.children:
        if clause.dep_ not in words.subject_sharing_deps | {"ccomp"}:
            continue
        for mark in clause.children:
            if mark.dep_ == "mark" and mark.tag_ == "IN" and mark.i < clause.i:
                doer = next((c for c in clause.children if c.dep_ in words.subject_deps), None)
                out.append((mark, doer))
    return out


def deinflect(form: str) -> list[str]:
    """Regular English de-inflections of a verb form, most likely first."""
    out: list[str] = []
    if form.endswith("ied"):
        out.append(form[:-3] + "y")
    if form.endswith("ed"):
        out += [form[:-1], form[:-2]]
        if len(form) > 4 and form[-3] == form[-4]:
            out.append(form[:-3])
    if form.endswith("ing"):
        out += [form[:-3], form[:-3] + "e"]
        if len(form) > 5 and form[-4] == form[-5]:
            out.append(form[:-4])
    if form.endswith("ies"):
        out.append(form[:-3] + "y")
    if form.endswith("es"):
        out.append(form[:-2])
    if form.endswith("s"):
        out.append(form[:-1])
    return out


def host_modifier(tok: Token, words: WordClasses) -> bool:
    """'hosted' in a misparsed "Turkey hosted talks": a mediation verb read as the noun's modifier."""
    return (
        tok.dep_ == "amod"
        and tok.tag_ in ("VBD", "VBN")
        and tok.lemma_.lower() in words.mediation_verbs
        and tok.i < tok.head.i
    )


def misparsed_means(tok: Token, words: WordClasses) -> bool:
    """'killed in Israeli army shelling' with "shelling" read as a clause after "in Israeli army"."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.dep_ == "pobj" and prev.head.lower_ in words.means_preps and prev.head.head.i == tok.head.i


def own_object(obj: Token, words: WordClasses) -> bool:
    """'its troops', 'their entire delegation': an object the subject itself owns."""
    return any(c.dep_ == "poss" and c.lower_ in words.possessive_pronouns for c in obj.children)


def named_war(tok: Token, words: WordClasses) -> bool:
    """'the Korean War', 'World War II', 'the Six-Day War' (as the object of a preposition)."""
    return (
        tok.dep_ == "pobj"
        and tok.lemma_.lower() == "war"
        and tok.text[:1].isupper()
        and tok.head.lower_ in words.history_preps
    )


def weapon_participle(verb: Token, words: WordClasses) -> bool:
    """'an IED targeting a convoy', 'a missile aimed at Kyiv': what a weapon used in the clause was aimed at."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBG", "VBN")
        and verb.head.lemma_.lower() in words.arms
        and verb.head.dep_ == "dobj"
    )


def alleged_participle(verb: Token, words: WordClasses) -> bool:
    """'accuses X of an airstrike, killing 27': a participle after an accusation tells what X is accused of."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.head.lemma_.lower() in words.accusing_verbs
        and direct_object(verb.head) is not None
    )


def absolute_participle(verb: Token) -> bool:
    """'with seven jets destroyed': an absolute participle, whose subject is its patient."""
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == "mark" and c.lower_ in ("with", "without") for c in verb.children)
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def impersonal(verb: Token, words: WordClasses) -> bool:
    """'it is expected that ...', 'it was reported that ...': no reporter."""
    subj = next((c for c in verb.children if c.dep_ in words.nominal_subject_deps | {"expl"}), None)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return subj is not None and subj.lower_ == "it" and passive


def third_party_talks(noun: Token, words: WordClasses) -> bool:
    mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")}
    return bool(mods & words.third_party_talks_modifiers)


def pobjs_deep(prep: Token, depth: int) -> list[Token]:
    out: list[Token] = []
    for g in prep.children:
        if g.dep_ == "pobj":
            out.append(g)
            if depth > 1:
                for p2 in g.children:
                    if p2.dep_ == "prep" and p2.lower_ == "in":
                        out.extend(pobjs_deep(p2, depth - 1))
    return out


def direct_object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def shifted_object(verb: Token) -> Token | None:
    """'denounced as an ugly crime Serbia's suppression of ...': a heavy object after the "as" phrase."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.children:
                if g.dep_ == "pobj":
                    return next((a for a in g.children if a.dep_ == "appos"), None)
    return None


def clause_of(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def hyphen_prefix(tok: Token) -> str | None:
    """The word joined to ``tok`` by a hyphen with no space ("sit" of "sit-in"), lower-cased, else None."""
    if tok.i < 2:
        return None
    hyphen, first = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return None
    return first.lower_
