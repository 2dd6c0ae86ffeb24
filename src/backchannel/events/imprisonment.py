"""A court sentence to prison is also an arrest: "sentenced to 14 years in prison", "to life imprisonment".

The PLOVER manual codes a conviction as SANCTION mode convict and adds: "court sentences that include
imprisonment will also receive a COERCE 'arrest' mode" ("Convictions that result in imprisonment should
also be coded as COERCE 'arrest'"; SANCTION and COERCE ambiguities).  The prison is read from the
sentence's "to" phrase; the nouns of imprisonment are the word class ``imprisonment_nouns``.
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.wordclasses import WordClasses

__all__ = ["prison_term"]


def prison_term(clause: Token, words: WordClasses) -> Token | None:
    """The noun of imprisonment the conviction of ``clause`` sentences to, if any."""
    for prep in clause.children:
        if prep.dep_ != "prep" or prep.lower_ != "to":
            continue
        for tok in prep.subtree:
            if tok.lemma_.lower() in words.imprisonment_nouns:
                return tok
    return None
