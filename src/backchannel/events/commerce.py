"""Business deals between companies: an acquisition or a purchase agreed by a firm is no PLOVER event.

PLOVER codes interactions between political actors (states, governments, armed and social groups); a
company buying or merging with another is commerce, not an AGREE (PLOVER manual AGREE: "agree to, offer,
promise ... to cooperate"), unless a state takes part ("India agreed to buy Rafale jets from France" is
still an AGREE).  The check reads the trigger's own children and its subject's actor mention.
"""

from __future__ import annotations

from spacy.tokens import Token

from backchannel.events.arguments import ArgumentFinder
from backchannel.events.lexicon import TriggerEntry
from backchannel.events.syntax import subject

__all__ = ["company_deal"]

_BUSINESS = "BUS"  # the PLOVER/CAMEO sector of businesses


def company_deal(verb: Token, entry: TriggerEntry, finder: ArgumentFinder) -> bool:
    """'Microsoft agrees to acquire Activision', 'EA agrees to be acquired by investors': an AGREE whose
    act is a transaction of the commerce_verbs class, by a subject that is a business or a name with no
    country (a firm the actor knowledge base does not know)."""
    if entry.event_type != "AGREE":
        return False
    words = finder.words
    if not any(c.dep_ == "xcomp" and c.lemma_.lower() in words.commerce_verbs for c in verb.children):
        return False
    subj = subject(verb, words)
    mention = finder.mention_at(subj) if subj is not None else None
    if mention is None:
        return False
    sector = mention.sector or ""
    return sector.startswith(_BUSINESS) or (mention.country is None and not sector)
