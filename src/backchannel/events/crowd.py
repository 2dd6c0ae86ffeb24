"""Less-lethal crowd control: the PLOVER manual's ASSAULT mode crowd-control ("weapons and tactics
intended to be less lethal crowd control, including tear gas, water cannons, firing weapons in the air,
lathi charges").  The weapons are the word class ``crowd_control_weapons`` of ``data/wordclasses.tsv``."""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.wordclasses import WordClasses

__all__ = ["crowd_weapon"]


def crowd_weapon(verb: Token, words: WordClasses) -> bool:
    """Is what ``verb`` fires or uses a crowd-control weapon ("fired water cannon", "fired into the air")?"""
    things = [c for c in verb.children if c.dep_ == "dobj"]
    things += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "into") for g in c.children]
    for thing in things:
        named = {thing.lemma_.lower()} | {c.lemma_.lower() for c in thing.children if c.dep_ in ("compound", "amod")}
        if named & words.crowd_control_weapons:
            return True
    return False
