"""Deaths and damage with no hostile author: disasters, accidents and animals are not PLOVER events.

"A fire breaks out at a pub, killing 27", "34 miners are killed after a methane gas explosion", "A bus
plunges off the highway, killing 19", "a storm system has killed three people", "A grizzly bear attacks
a group of hikers": the verbs are those of violence, but no actor attacked anyone.  ``sentence_accident``
finds such a cause in a sentence; the coder then drops the sentence's killings and destruction that no
hostile actor (a state, armed forces, rebels, police) is named for.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["natural_hazard", "sentence_accident"]

# Natural hazards: named anywhere in a sentence, they are its cause of death ("Typhoon Ragasa makes
# landfall, killing three"); other accident words count only as a subject or after "in", "after" ...
_NATURAL_HAZARDS = frozenset(
    """earthquake quake tremor aftershock landslide landslip mudslide flood floods flooding storm cyclone
    hurricane typhoon tornado avalanche tsunami eruption wildfire bushfire heatwave lightning drought
    blizzard snowstorm downpour rainfall weather crush stampede thunderstorm rainstorm sandstorm hailstorm
    monsoon""".split()  # noqa: SIM905 - word list
)
# Causes that are never an actor.
_DISASTER_NOUNS = _NATURAL_HAZARDS | frozenset(
    """earthquake quake tremor aftershock landslide landslip mudslide flood floods flooding deluge storm
    cyclone hurricane typhoon tornado avalanche tsunami eruption volcano wildfire bushfire blaze inferno
    heatwave lightning drought rain rainfall downpour snowstorm blizzard sinkhole accident crash collision
    derailment collapse stampede crush capsizing shipwreck epidemic pandemic disease cholera measles
    dengue malaria virus infection leak weather mishap""".split()  # noqa: SIM905 - word list
)
_ANIMAL_NOUNS = frozenset(
    """bear shark crocodile alligator elephant tiger lion leopard wolf wolves dog dogs snake hippo hippopotamus
    buffalo bull jaguar cougar""".split()  # noqa: SIM905 - word list
)
# An explosion or a fire is an accident only with one of these words on it ("a methane gas explosion").
_ACCIDENT_MODIFIERS = frozenset(
    """gas methane boiler chemical fuel pipeline factory mine coal dust firework fireworks cylinder
    transformer accidental industrial tanker oil refinery warehouse ammonium electrical house forest
    building kitchen""".split()  # noqa: SIM905 - word list
)
_EXPLOSION_NOUNS = frozenset({"explosion", "blast", "fire"})
_HOSTILE_MODIFIERS = frozenset(
    """bomb suicide car gun cross artillery tank mortar sniper rocket heavy machine enemy hostile friendly
    sniper rifle""".split()  # noqa: SIM905 - word list
)
# Verbs of an accident, when their subject is no weapon: "a bus plunges", "a pipeline explodes".
_ACCIDENT_VERBS = frozenset(
    """crash plunge overturn capsize sink derail collide explode collapse veer skid burn catch fall
    topple""".split()  # noqa: SIM905
)
_WEAPONS = frozenset(
    """bomb bombs ied device grenade shell shells rocket rockets missile missiles mortar drone drones
    mine landmine projectile torpedo attack strike airstrike shelling bombing bombardment raid""".split()  # noqa: SIM905
)
# Prepositions that name a cause: "killed in a fire", "died after a landslide", "due to the earthquake".
_CAUSE_PREPS = frozenset({"in", "by", "after", "during", "following", "amid", "from", "due", "because"})
_FIRE_VERBS = frozenset({"break", "erupt", "engulf", "sweep", "rip", "gut", "spread", "destroy", "kill"})


def sentence_accident(sent: Span) -> Token | None:
    """A natural or accidental cause of death or damage named in ``sent`` (its word), or None.

    The cause is a disaster, accident or animal word as a subject or as the object of "in", "after",
    "due to" ... ("a fire breaks out", "killed in an accident", "after a methane gas explosion"), or an
    accident verb whose subject is no weapon ("a bus plunges", "a pipeline explodes").  The parse of such
    sentences is often broken, so the whole sentence is read, not the path from one verb.
    """
    for tok in sent:
        cause = _as_cause(tok) or tok.lemma_.lower() in _NATURAL_HAZARDS  # "the toll of yesterday's earthquakes"
        nominal = tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in ("pobj", "nsubj")  # "killed by flooding"
        if nominal and cause and _is_accidental(tok):
            return tok
        if (tok.pos_ == "VERB" or tok.dep_ == "ROOT") and _accident_verb(tok):  # "A bus plunges", read as nouns
            return tok
    return None


def natural_hazard(noun: Token) -> bool:
    """'tsunami warnings', 'a flood alert', 'the storm threat': a warning about nature, not a threat."""
    return bool(_words_on(noun) & _DISASTER_NOUNS)


def _as_cause(tok: Token) -> bool:
    if tok.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return True
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in ("to", "of") and prep.head.lower_ in ("due", "because"):
        return True
    return prep.lower_ in _CAUSE_PREPS


def _subject_of(verb: Token) -> Token | None:
    cur: Token | None = verb
    for _ in range(3):
        if cur is None:
            return None
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subj is not None:
            return subj
        cur = cur.head if cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i else None
    return None


def _words_on(tok: Token) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")} | {
        g.lemma_.lower() for c in tok.children if c.dep_ == "compound" for g in c.children if g.dep_ == "compound"
    }


def _is_accidental(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    words = _words_on(tok)
    if lemma in _EXPLOSION_NOUNS:
        if words & _HOSTILE_MODIFIERS or any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in tok.children):
            return False
        return bool(words & _ACCIDENT_MODIFIERS) or (lemma == "fire" and _fire_broke_out(tok))
    if lemma in _DISASTER_NOUNS or lemma in _ANIMAL_NOUNS:
        return not words & _HOSTILE_MODIFIERS
    # "a storm system", "a flash flood warning": the head names the kind of a disaster word before it
    return lemma in ("system", "surge") and bool(words & _DISASTER_NOUNS)


def _fire_broke_out(tok: Token) -> bool:
    """'A fire breaks out', 'a fire engulfed the market', 'killed in a fire': not gunfire."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.head.lemma_.lower() in _FIRE_VERBS
    return (
        tok.dep_ == "pobj"
        and tok.head.lower_ in ("in", "after", "during")
        and any(c.dep_ == "det" for c in tok.children)
    )


def _accident_verb(verb: Token) -> bool:
    if verb.lemma_.lower() not in _ACCIDENT_VERBS or any(c.dep_ in ("agent", "auxpass") for c in verb.children):
        return False  # "the frigate was sunk by a submarine": someone sank it
    subject = _subject_of(verb)
    if subject is None:
        # "A bus plunges off ...": the parser made the subject a compound of the verb
        subject = next((c for c in verb.children if c.dep_ in ("compound", "amod") and c.i < verb.i), None)
    if subject is None:
        return False
    return subject.lemma_.lower() not in _WEAPONS and not _words_on(subject) & {"bomb", "suicide", "car"}
