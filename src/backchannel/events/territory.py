"""Places taken by force: "rebels took control of the town", "the army announced the capture of Kauda".

A trigger with the lexicon option ``ofplace`` codes only when its noun ("control", "capture") has an "of"
phrase naming a place: a named place (entity labels ``seized_place_entities``) or a noun of one
(``seized_places``).  PLOVER manual ASSAULT (the capture of territory, as the verb "capture"); "took control
of the company", "the capture of a suspect" name no place and stay out.
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.wordclasses import WordClasses

__all__ = ["names_held_place"]


def names_held_place(noun: Token | None, words: WordClasses) -> bool:
    """Does ``noun`` have an "of" phrase whose object is a place ("control of the Mashlab neighbourhood")?"""
    if noun is None:
        return False
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            # "control of Kauda, South Kordofan", "of Bakhmut, Donetsk Oblast": a name placed by what follows it
            named = [obj, *(c for c in obj.children if c.dep_ in ("appos", "conj"))]
            if any(_place(t, words) for t in named):
                return True
    return False


def _place(tok: Token, words: WordClasses) -> bool:
    return tok.ent_type_ in words.seized_place_entities or tok.lemma_.lower() in words.seized_places
