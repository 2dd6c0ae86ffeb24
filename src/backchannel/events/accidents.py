"""Deaths and damage with no hostile author: disasters, accidents and animals are not PLOVER events.

"A fire breaks out at a pub, killing 27", "34 miners are killed after a methane gas explosion", "A bus
plunges off the highway, killing 19", "a storm system has killed three people", "A grizzly bear attacks
a group of hikers": the verbs are those of violence, but no actor attacked anyone.  ``sentence_accident``
finds such a cause in a sentence; the coder then drops the sentence's killings and destruction that no
hostile actor (a state, armed forces, rebels, police) is named for.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from backchannel.events.wordclasses import WordClasses

__all__ = ["natural_hazard", "sentence_accident"]


def sentence_accident(sent: Span, words: WordClasses) -> Token | None:
    """A natural or accidental cause of death or damage named in ``sent`` (its word), or None.

    The cause is a disaster, accident or animal word as a subject or as the object of "in", "after",
    "due to" ... ("a fire breaks out", "killed in an accident", "after a methane gas explosion"), or an
    accident verb whose subject is no weapon ("a bus plunges", "a pipeline explodes").  The parse of such
    sentences is often broken, so the whole sentence is read, not the path from one verb.
    """
    for tok in sent:
        cause = (
            _as_cause(tok, words) or tok.lemma_.lower() in words.natural_hazards
        )  # "the toll of yesterday's earthquakes"
        nominal = tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in ("pobj", "nsubj")  # "killed by flooding"
        if nominal and cause and _is_accidental(tok, words):
            return tok
        if (tok.pos_ == "VERB" or tok.dep_ == "ROOT") and _accident_verb(tok, words):  # "A bus plunges", read as nouns
            return tok
    return None


def natural_hazard(noun: Token, words: WordClasses) -> bool:
    """'tsunami warnings', 'a flood alert', 'the storm threat': a warning about nature, not a threat."""
    return bool(_words_on(noun, words) & words.disaster_nouns)


def _as_cause(tok: Token, words: WordClasses) -> bool:
    if tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return True
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in ("to", "of") and prep.head.lower_ in ("due", "because"):
        return True
    return prep.lower_ in words.cause_preps


def _subject_of(verb: Token, words: WordClasses) -> Token | None:
    cur: Token | None = verb
    for _ in range(3):
        if cur is None:
            return None
        subj = next((c for c in cur.children if c.dep_ in words.subject_deps), None)
        if subj is not None:
            return subj
        cur = cur.head if cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i else None
    return None


def _words_on(tok: Token, words: WordClasses) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in words.modifier_deps} | {
        g.lemma_.lower() for c in tok.children if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"
    }


def _is_accidental(tok: Token, words: WordClasses) -> bool:
    lemma = tok.lemma_.lower()
    modifiers = _words_on(tok, words)
    if lemma in words.explosion_nouns:
        # "a car blast" is a car bomb; "a car crash" is no attack: the bombing words count on explosions only
        if modifiers & (words.hostile_modifiers | words.bombing_modifiers) or any(
            c.dep_ == "prep" and c.lower_ in ("from", "by") for c in tok.children
        ):
            return False
        return bool(modifiers & words.accident_modifiers) or (lemma == "fire" and _fire_broke_out(tok, words))
    if lemma in words.disaster_nouns or lemma in words.animal_nouns:
        return not modifiers & words.hostile_modifiers
    # "a storm system", "a flash flood warning": the head names the kind of a disaster word before it
    return lemma in ("system", "surge") and bool(modifiers & words.disaster_nouns)


def _fire_broke_out(tok: Token, words: WordClasses) -> bool:
    """'A fire breaks out', 'a fire engulfed the market', 'killed in a fire': not gunfire."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.head.lemma_.lower() in words.fire_verbs
    return tok.dep_ == "pobj" and tok.head.lower_ in words.fire_preps and any(c.dep_ == "det" for c in tok.children)


def _accident_verb(verb: Token, words: WordClasses) -> bool:
    if verb.lemma_.lower() not in words.accident_verbs or any(c.dep_ in ("agent", "auxpass") for c in verb.children):
        return False  # "the frigate was sunk by a submarine": someone sank it
    subject = _subject_of(verb, words)
    if subject is None:
        # "A bus plunges off ...": the parser made the subject a compound of the verb
        subject = next((c for c in verb.children if c.dep_ in ("compound", "amod") and c.i < verb.i), None)
    if subject is None:
        return False
    if subject.lemma_.lower() in words.party_sectors:
        return False  # "residents burned the house of a suspected kidnapper": people did it
    return subject.lemma_.lower() not in words.attack_means and not _words_on(subject, words) & words.bombing_modifiers
