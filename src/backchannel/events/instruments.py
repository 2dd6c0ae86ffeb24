"""An attack's PLOVER ASSAULT mode from the instrument the sentence names; a mobilisation's MOBILIZE mode
from the forces it names.

The PLOVER manual (and NGEC's structured codebook) give ASSAULT modes by weapon: primitive, firearms,
explosives, suicide-attack, aerial, drone, heavy-weapons, unconventional.  The verb often says only that
someone attacked ("attacked the airport with kamikaze drones", "a roadside bomb killed five"); the
instrument near the trigger says how.  The instruments are the ``weapon_mode/MODE`` word classes of
``data/wordclasses.tsv``; where several are named the most specific mode wins (``MODE_ORDER``).  Modes
that say what was done rather than with what (abduct, torture, execute, massacre, crowd-control ...)
are kept.  A mobilisation of police or gendarmes is mode police, of militias or fighters militia, of
missiles or nuclear forces weapons (PLOVER manual MOBILIZE modes; ``mobilized_mode/MODE``); the
lexicon's default, troops, gives way to them.  Only the trigger's own dependents are read: no pass over
the document.
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.wordclasses import WordClasses

__all__ = ["MOBILIZE_ORDER", "MODE_ORDER", "instrument_mode"]

# most specific first: a suicide car bomb is a suicide attack, a drone strike from the air a drone attack
# not-words: PLOVER ASSAULT mode names
MODE_ORDER = (
    "suicide-attack",
    "unconventional",
    "drone",
    "aerial",
    "explosives",
    "heavy-weapons",
    "firearms",
    "primitive",
)
_RANK = {mode: n for n, mode in enumerate(MODE_ORDER)}
# weapons readied outrank who carries them; troops is the lexicon's default
# not-words: PLOVER MOBILIZE mode names
MOBILIZE_ORDER = ("weapons", "police", "militia", "troops")
_MOBILIZE_RANK = {mode: n for n, mode in enumerate(MOBILIZE_ORDER)}
_NAMING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "compound", "amod", "npadvmod"})


def _named(tok: Token) -> list[Token]:
    """``tok`` and its compound and adjective modifiers ("suicide car bombing", "roadside bomb")."""
    return [tok, *(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod"))]


def _instruments(trigger: Token, words: WordClasses) -> list[Token]:
    found = _named(trigger)
    heads = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        heads.append(trigger.head.head)  # "put its nuclear forces on alert": the forces of the verb
    for c in (c for h in heads for c in h.children):
        if c.dep_ in _NAMING_DEPS:
            found += _named(c)
            # "launched a wave of drones", "fired dozens of rockets"
            found += [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        elif c.dep_ in ("prep", "agent") and c.lower_ in words.instrument_preps:
            for g in c.children:
                found += _named(g)
    return found


def instrument_mode(trigger: Token, event_type: str, mode: str | None, words: WordClasses) -> str | None:
    """The ASSAULT or MOBILIZE mode told by the instruments or forces around ``trigger``; ``mode`` when none
    is named, for other types, or when the mode says what was done rather than with what."""
    if event_type == "ASSAULT":
        family, rank = words.weapon_modes, _RANK
    elif event_type == "MOBILIZE":
        family, rank = words.mobilized_modes, _MOBILIZE_RANK
        if mode not in (None, "troops"):
            return mode
    else:
        return mode
    if mode is not None and mode not in rank:
        return mode
    told = (family.get(t.lemma_.lower()) or family.get(t.lower_) for t in _instruments(trigger, words))
    modes = {m for m in (*told, mode) if m is not None and m in rank}
    ranked = sorted(modes, key=rank.__getitem__)
    return ranked[0] if ranked else mode
