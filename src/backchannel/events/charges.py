"""An accusation carried by an act: "detained on charges of spying for a foreign power" is an arrest and
an ACCUSE (PLOVER manual ACCUSE mode allege: "formally or informally accuse; sue, indict, or charge").

The arresting (or expelling, sentencing) party accuses the party it acts on; the accusation is read from
a preposition of the act's clause (``charge_preps``) whose object is a noun of accusation
(``charge_nouns``), both word classes of ``data/wordclasses.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.wordclasses import WordClasses

__all__ = ["charge_noun"]


def charge_noun(clause: Token, words: WordClasses) -> Token | None:
    """The accusation the act of ``clause`` is done upon ("arrested on charges of", "on suspicion of")."""
    for prep in clause.children:
        if prep.dep_ != "prep" or prep.lower_ not in words.charge_preps:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in words.charge_nouns:
                return noun
    return None
