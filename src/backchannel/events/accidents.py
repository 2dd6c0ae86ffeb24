"""Deaths and damage with no hostile author: disasters, accidents and animals are not PLOVER events.

"A fire breaks out at a pub, killing 27", "34 miners are killed after a methane gas explosion", "A bus
plunges off the highway, killing 19", "a storm system has killed three people", "A grizzly bear attacks
a group of hikers": the verbs are those of violence, but no actor attacked anyone.  ``sentence_accident``
finds such a cause in a sentence; the coder then drops the sentence's killings and destruction that no
hostile actor (a state, armed forces, rebels, police) is named for (``accidental``).

The classes are data (``data/wordclasses.tsv``): vehicles that collide, sink, plunge or hit people,
buildings and mines that collapse, explosions and fires at industrial sites, weather, disease and
mishaps.  News parses of such lines are often broken ("a bus collides" read as a noun phrase), so
vehicle accidents are also read on the words before the verb, back to the clause's start, and any word
of an attack in the sentence ("shot down", "a mine", "gunmen") vetoes that reading.  PLOVER manual:
accidents belong to the "disasters" context, and an event needs a named actor ("Required entities").
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from backchannel.events.candidate import Candidate, harm
from backchannel.events.parties import hostile
from backchannel.events.wordclasses import WordClasses

__all__ = ["accident_context", "accidental", "attack_named", "natural_hazard", "sentence_accident"]


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
        if _vehicle_accident(tok, sent, words) or _fire_spreads(tok, words):  # "after a bus collides with a truck"
            return tok
    return None


def accident_context(sent: Span, words: WordClasses) -> tuple[Token | None, Token | None]:
    """The accident of ``sent`` and, when it has none, one told in the sentence before (the second word):
    "A plane crashes into a bay. At least five people are killed." A sentence the parser cut where no
    punctuation stands ("... an Iran Army | AH-1 helicopter crashes ...") is read with its other part."""
    accident = _sentence_accident_once(sent, words)
    if accident is None and sent.end < len(sent.doc) and not sent[-1].is_punct:
        accident = _sentence_accident_once(sent.doc[sent.end].sent, words)
    if accident is not None or sent.start == 0:
        return accident, None
    before = _sentence_accident_once(sent.doc[sent.start - 1].sent, words)
    if not sent.doc[sent.start - 1].is_punct:
        # the parser cut "A fire breaks out at the Rong Beer Na | Lat Phrao pub ..., killing 27" in two
        return before, None
    return None, (before if before is not None and not attack_named(sent, words) else None)


_ACCIDENT_KEY = "backchannel.sentence_accident"  # the doc user-data key of a sentence's accident, read once


def _sentence_accident_once(sent: Span, words: WordClasses) -> Token | None:
    """``sentence_accident``, kept in the doc's user data: each sentence is also read as its neighbours'."""
    key = (_ACCIDENT_KEY, sent.start, sent.end)
    store: dict[Any, Any] = sent.doc.user_data  # spaCy types it dict[str, Any]; its extensions use tuples too
    known = store.get(key)
    if known is not None and known[0] is words:
        return None if known[1] is None else sent.doc[known[1]]
    accident = sentence_accident(sent, words)
    store[key] = (words, None if accident is None else accident.i)
    return accident


def accidental(cand: Candidate, accident: Token | None, carried: Token | None, words: WordClasses) -> bool:
    """The accident word itself ("struck by a train" is no strike), or a killing or destruction with an
    accident of its sentence for its cause and no hostile author, or that is the accident's own outcome
    ("a jet crashes, killing the pilot"); after an accident told in the sentence before, an agentless
    killing ("At least five people are killed.")."""
    if accident is not None and cand.trigger.i == accident.i and accident.lemma_.lower() in words.impact_verbs:
        return True
    if not harm(cand):
        return False
    if accident is not None:
        return not any(hostile(a) for a in cand.actors) or accident_killing(cand.trigger, accident)
    return carried is not None and not cand.actors


def accident_killing(trigger: Token, accident: Token) -> bool:
    """'A jet crashes, killing the pilot', 'killed when a helicopter crashes': the killing is the accident's
    own outcome, whoever owns the vehicle, unless the killing names its own subject."""
    linked = any(a.i == accident.i for a in trigger.ancestors) or any(a.i == trigger.i for a in accident.ancestors)
    return linked and not any(c.dep_ == "nsubj" for c in trigger.children)


def attack_named(sent: Span, words: WordClasses, skip: tuple[int, ...] = ()) -> bool:
    """A word of an attack anywhere in ``sent`` ("gunmen", "shot down", "a mine", "missile strikes",
    "rammed"); "struck" and "hit" as verbs are what vehicles also do."""
    means = words.attack_means | words.explosive_nouns
    return any(
        t.i not in skip
        and (
            bool({t.lemma_.lower(), t.lower_} & words.accident_vetoes)
            or (t.lemma_.lower() in means and not (t.pos_ == "VERB" and t.lemma_.lower() in words.impact_verbs))
        )
        for t in sent
        if t.pos_ in ("NOUN", "PROPN", "VERB") or t.lower_ in words.accident_vetoes
    )


def natural_hazard(noun: Token, words: WordClasses) -> bool:
    """'tsunami warnings', 'a flood alert', 'the storm threat': a warning about nature, not a threat."""
    return bool(_words_on(noun, words) & words.disaster_nouns)


def _as_cause(tok: Token, words: WordClasses) -> bool:
    if tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return True
    if tok.dep_ == "dobj" and tok.head.lower_ in words.cause_preps:
        return True  # "killed following a fire at the refinery": "following" parsed as a verb
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
        return (
            bool(modifiers & words.accident_modifiers)
            or (lemma == "fire" and _fire_broke_out(tok, words))
            or any(_at_site(tok, t, words) for t in _holders(tok))
        )
    if lemma in words.natural_hazards:
        return True  # "amid heavy rainfall": "heavy" is no artillery here
    if lemma in words.mishap_nouns:
        return bool(modifiers & words.accident_modifiers)  # "a mining incident", "a brake failure"
    if lemma in words.disaster_nouns or lemma in words.animal_nouns:
        return not modifiers & words.hostile_modifiers
    # "a storm system", "freezing temperatures", "an outbreak of tuberculosis": the head names the kind of
    # a hazard word on it
    if lemma not in words.hazard_heads:
        return False
    of = {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children}
    return bool((modifiers | of) & words.disaster_nouns or modifiers & words.hazard_modifiers)


def _holders(tok: Token) -> list[Token]:
    """Where a place after an explosion hangs: on it, its conjunct, or "following" ("following a fire at")."""
    out = [tok, *(c for c in tok.children if c.dep_ == "conj")]
    return [*out, tok.head] if tok.dep_ == "dobj" else out


def _at_site(tok: Token, holder: Token, words: WordClasses) -> bool:
    """'an explosion at a glue factory', 'a fire at a fireworks shop', 'the fire at a nightclub'."""
    for prep in holder.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "in"):
            continue
        for site in prep.children:
            if site.dep_ != "pobj":
                continue
            if site.lemma_.lower() in words.industrial_sites or _words_on(site, words) & words.accident_modifiers:
                return True
            if tok.lemma_.lower() == "fire" and prep.lower_ == "at" and any(c.dep_ == "det" for c in tok.children):
                return True  # "the fire at a Crans-Montana nightclub": a blaze, not gunfire
    return False


def _fire_broke_out(tok: Token, words: WordClasses) -> bool:
    """'A fire breaks out', 'a fire engulfed the market', 'killed in a fire': not gunfire."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.head.lemma_.lower() in words.fire_verbs
    return tok.dep_ == "pobj" and tok.head.lower_ in words.fire_preps and any(c.dep_ == "det" for c in tok.children)


def _fire_spreads(tok: Token, words: WordClasses) -> bool:
    """'when a fire engulfs dwellings', read on the words: the parser takes "engulfs" for a noun."""
    if tok.lower_ != "fire" or tok.i == 0 or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i - 1].dep_ != "det":
        return False
    nxt = tok.doc[tok.i + 1]
    return bool({nxt.lemma_.lower(), nxt.lower_.removesuffix("s")} & words.fire_verbs)


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
    if subject.lemma_.lower() in words.attack_means or _words_on(subject, words) & words.bombing_modifiers:
        return False
    return not attack_named(verb.sent, words, skip=(subject.i, verb.i))  # "collapsed after a missile strike"


_WINDOW = 9  # tokens before an accident verb searched for its vehicle ("a boat carrying hundreds of refugees sinks")


def _vehicle_accident(verb: Token, sent: Span, words: WordClasses) -> bool:
    """'after a bus collides with a truck', 'when a boat carrying refugees sinks', 'a ferry catches fire',
    'struck by an express train', 'a wave hits a pool': read on the words, as the parser often takes the
    verb for a noun ("collides", "collapses").  No attack word may stand in the sentence."""
    lemma = verb.lemma_.lower()
    if lemma in words.impact_verbs and verb.pos_ == "VERB":  # not "Russian strikes on Sumy"
        doers = words.vehicle_nouns | words.natural_objects
        doer = _agent_after(verb, sent, doers) if _passive(verb) else _doer_before(verb, sent, doers)
        if doer is None or doer.lemma_.lower() in words.weapon_nouns:
            return False  # "a drone struck a bus", "a helicopter hit the convoy": an attack
    else:
        doer = _accident_doer(verb, sent, words)
        if doer is None or _passive(verb) or _agent_after(verb, sent) is not None:
            return False  # "the ferry was sunk", "derailed by saboteurs": someone did it
    if _words_on(doer, words) & words.bombing_modifiers:
        return False  # "an explosives-laden truck crashed into the gate"
    return not attack_named(sent, words, skip=(doer.i, verb.i))


def _accident_doer(verb: Token, sent: Span, words: WordClasses) -> Token | None:
    """The vehicle or structure of 'a bus collides', 'a ferry catches fire', 'a firecracker factory explodes'."""
    lemma = verb.lemma_.lower()
    following = verb.doc[verb.i + 1] if verb.i + 1 < sent.end else None
    if lemma in words.vehicle_accident_verbs or (
        lemma in words.object_accident_verbs
        and following is not None
        and following.lemma_.lower() in words.accident_objects
    ):
        return _doer_before(verb, sent, words.vehicle_nouns | words.structure_nouns)
    if lemma in words.accident_verbs:
        return _doer_before(verb, sent, words.industrial_sites - words.explosive_nouns)  # not "a mine exploded"
    return None


def _passive(verb: Token) -> bool:
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return verb.tag_ == "VBN" and before is not None and before.lemma_.lower() in ("be", "get")


def _doer_before(verb: Token, sent: Span, doers: frozenset[str]) -> Token | None:
    """The nearest of ``doers`` named in the words before ``verb``, back to the clause's start."""
    for i in range(verb.i - 1, max(sent.start, verb.i - _WINDOW) - 1, -1):
        tok = verb.doc[i]
        if tok.lower_ in (",", ";", ":") or tok.tag_ in ("WRB", "WDT") or tok.pos_ == "SCONJ":
            return None
        forms = {tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s")}  # "trains" read as a verb
        if forms & doers and verb.doc[i + 1].lower_ != "of":
            return tok  # not "a wave of attacks"
    return None


def _agent_after(verb: Token, sent: Span, doers: frozenset[str] | None = None) -> Token | None:
    """'struck by a Limited express train': the first of ``doers`` after "by" (any noun without them)."""
    if verb.i + 1 >= sent.end or verb.doc[verb.i + 1].lower_ != "by":
        return None
    for tok in verb.doc[verb.i + 2 : min(sent.end, verb.i + 2 + _WINDOW)]:
        if tok.pos_ in ("NOUN", "PROPN") and (doers is None or tok.lemma_.lower() in doers):
            return tok
    return None
