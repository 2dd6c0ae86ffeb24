"""Accords and talks named with their mediator but reported by no verb of the sentence.

"Fighting has nearly ceased under a UN-mediated truce", "the broad adherence to the previous ceasefire
brokered by the United States", "return to the EU-facilitated Dialogue": the sentence recalls a
cooperative accord or talks (an event noun of the lexicon whose PLOVER type is verbal or material
cooperation) and names who mediated it, yet no trigger of the sentence carries that noun.  The accord is
coded as an event of its own, told as background (``historical``: the sentence recalls it, it does not
report it), with the mediators the noun's own modifiers name (``MediatorReader.read_noun``) and the
parties of its "between" phrase when there is one.  Nothing here decides which words mediate: the
phrasings are the mediator word classes (``events/data/wordclasses.tsv``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from backchannel.events.arguments import ArgumentFinder, pobj
from backchannel.events.candidate import Candidate
from backchannel.events.lexicon import TriggerEntry
from backchannel.events.mediators import CONVENING, MediatorReader
from backchannel.events.ontology import QUAD_CLASS
from backchannel.events.parties import key
from backchannel.events.syntax import third_party_talks
from backchannel.events.triggers import TriggerFinder
from backchannel.records import ActorMention

__all__ = ["HOSTED_RULE", "RULE", "mediated_accords"]

RULE = "mediated accord: an accord or talks named with their mediator, told as background"
# "ahead of peace talks in Egypt": talks of a third party's kind, no side named; the builder makes the
# country of their place the host (PLOVER manual CONSULT, mode third-party; CAMEO 044 "meet at a 'third'
# location") and drops them where no place is named
HOSTED_RULE = "hosted talks: talks of a third party's kind named with their place only, told as background"


def mediated_accords(
    sent: Span, finder: ArgumentFinder, s_index: int, found: Sequence[Candidate], triggers: TriggerFinder
) -> list[Candidate]:
    """Background candidates for the mediated accords of ``sent`` that no candidate in ``found`` codes."""
    reader = MediatorReader(triggers.words)
    taken = {c.trigger.i for c in found}
    # material conflict keeps no mediator (the builder drops it): the truce it breaks is coded here
    known = {key(m) for c in found if QUAD_CLASS.get(c.entry.event_type) != 4 for m in c.mediators}
    out: list[Candidate] = []
    for tok in sent:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        entry = triggers.noun_entry(tok)
        if entry is None or QUAD_CLASS.get(entry.event_type, 4) > 2:
            continue  # accords and talks only: "the US-backed offensive" is no mediated accord
        between = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"]
        parties = [a for p in between for a in finder.actors_of(pobj(p), s_index)]
        found_here = reader.read_noun(tok, finder, s_index, mediation=entry.mode == "third-party")
        if len({a.country for a in parties}) < 2:
            # "a summit hosted by Egypt", "a meeting chaired by the Swiss president": a host or chair of a
            # meeting with no two sides named mediates nothing (as the filler's convening rule), unless
            # two other sides act in the sentence ("after talks hosted by the US, Congo and Rwanda agreed")
            found_here = [(rule, m) for rule, m in found_here if rule != CONVENING or _two_other_sides(m, found)]
        mediators = [m for _, m in found_here]
        hosted = not mediators and not parties and _talks_at_a_third_place(tok, triggers)
        if hosted:
            # "ahead of peace talks in Egypt": the builder names the place's country their host (or drops them)
            out.append(_recalled(tok, entry, [], [], HOSTED_RULE, ["mediator:host-of-talks"]))
            taken.add(tok.i)
            continue
        if not mediators or {key(m) for m in mediators} <= known:
            continue  # "agreed in a deal brokered by China": the agreement already names China
        actors = [a for a in parties if key(a) not in {key(m) for m in mediators}]
        rules = list(dict.fromkeys(f"mediator:{rule}" for rule, _ in found_here))
        out.append(_recalled(tok, entry, actors, mediators, RULE, rules))
        taken.add(tok.i)
        known |= {key(m) for m in mediators}
    return out


def _recalled(
    tok: Token,
    entry: TriggerEntry,
    actors: list[ActorMention],
    mediators: list[ActorMention],
    rule: str,
    why: list[str],
) -> Candidate:
    """A background candidate for an accord or talks the sentence only names."""
    cand = Candidate(trigger=tok, clause=tok, entry=entry, nominal=True, actors=actors, mediators=mediators)
    cand.background = True
    cand.rule = rule
    cand.filled_by.extend(why)
    return cand


def _talks_at_a_third_place(tok: Token, triggers: TriggerFinder) -> bool:
    """Talks of the kind a third party hosts ("peace talks", "indirect negotiations"), no side named."""
    words = triggers.words
    return tok.lemma_.lower() in words.talks_nouns and third_party_talks(tok, words)


def _two_other_sides(host: ActorMention, found: Sequence[Candidate]) -> bool:
    """Some event of the sentence has parties of two countries, neither the host's (PLOVER manual CONSULT,
    mode third-party: "a meeting between two actors is hosted by a third actor")."""
    for cand in found:
        countries = {a.country for a in cand.actors + cand.recipients if a.country and a.country != "IGO"}
        if len(countries - {host.country}) >= 2 and host.country not in countries:
            return True
    return False
