"""Mediators of an event from the parse: the third party of the PLOVER manual's CONSULT (mode third-party)
and the project's mediation convention (a third party who brings the sides together, hosts, chairs,
drafts for them or guarantees their accord mediates it; a person mediates for his state and is named).

Every phrasing is read from the word classes (``events/data/wordclasses.tsv``): ``mediation_verbs``
("mediated by", "convened by", "chaired by"), ``mediation_prefixes`` ("Angola-brokered"),
``mediation_preps`` with ``mediator_nouns`` ("under the auspices of", "through the good offices of"),
``mediator_nouns`` as the agent of any participle ("a plan drafted by Kenyan mediators"), and
``mediator_role_preps`` ("will act as guarantors of the accord").  ``read_noun`` reads the same phrasings
on an accord the sentence only recalls ("under a UN-mediated truce", ``events/mediated_accords.py``) and,
on a noun of mediation, who leads it (``mediation_agent_verbs``: "the mediation led by Angola").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from backchannel.events.arguments import ArgumentFinder, pobj
from backchannel.events.candidate import Candidate
from backchannel.events.syntax import host_modifier, subject
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention

__all__ = ["CONVENING", "Found", "MediatorReader", "mediation_denied"]

Found = tuple[str, ActorMention]  # the phrasing's rule name, the mediator
CONVENING = "convening-participle"  # a host's or chair's participle: a mediator only between two sides


def _tag(rule: str, mentions: list[ActorMention]) -> list[Found]:
    return [(rule, m) for m in mentions]


@dataclass(frozen=True)
class MediatorReader:
    """Reads the mediators of a candidate's trigger; changes nothing."""

    words: WordClasses

    def read(self, cand: Candidate, finder: ArgumentFinder, s_index: int) -> list[Found]:
        """The mediators, each with the name of the phrasing that gave it (for the trace)."""
        out: list[Found] = []
        for head in self._scope(cand):
            for c in head.children:
                out.extend(self._from_child(c, finder, s_index))
        for c in cand.trigger.children:
            if host_modifier(c, self.words):
                # "Turkey hosted talks between ...", parsed as a noun "talks" modified by "hosted"
                out.extend(_tag("host-modifier", finder.actors_of(c, s_index)))
        # "X hosted/mediated/brokered talks between A and B"
        clause = cand.clause
        if cand.nominal and clause.lemma_.lower() in self.words.mediation_verbs | self.words.hosting_verbs:
            has_between = any(c.dep_ == "prep" and c.lower_ == "between" for c in cand.trigger.children)
            if has_between:
                out.extend(_tag("hosting-subject", finder.actors_of(subject(clause, self.words), s_index)))
        if cand.nominal:
            out.extend(_tag("mediating-agent", self._passive_agents(cand.trigger, finder, s_index)))
        out.extend(_tag("role-holder", self._role_holders(cand.trigger, finder, s_index)))
        out.extend(_tag("drafting-mediators", self._drafters(cand.trigger, finder, s_index)))
        return out

    def read_noun(self, noun: Token, finder: ArgumentFinder, s_index: int, mediation: bool) -> list[Found]:
        """The mediators an accord's or talks' noun names by its own modifiers ("a UN-brokered truce",
        "the ceasefire brokered by the United States", "a process under UN auspices"); for a noun of
        mediation itself (``mediation``), also who leads it ("the mediation led by Angola")."""
        out: list[Found] = []
        # and on its participles, as ``_scope`` reads them: "the agreement reached under the auspices of X"
        heads = [noun, *(c for c in noun.children if c.dep_ == "acl")]
        for c in (c for h in heads for c in h.children):
            out.extend(self._from_child(c, finder, s_index))
        out.extend(_tag("mediating-agent", self._passive_agents(noun, finder, s_index)))
        if mediation:
            out.extend(_tag("mediation-agent", self.mediation_agents(noun, finder, s_index)))
        out.extend(_tag("titled-mediator", self.titled_actors(noun, finder, s_index)))
        return out

    def proposal_authors(self, cand: Candidate, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """Who made the proposal or plan the event is the purpose of: "a proposal by Pakistan and Qatar to
        resume talks between the two", "the US plan for a truce between A and B" (``proposal_nouns``)."""
        clause, trigger = cand.clause, cand.trigger
        if clause.dep_ == "acl":
            noun = clause.head
        elif trigger.dep_ == "pobj" and trigger.head.lower_ == "for":
            noun = trigger.head.head
        else:
            return []
        if noun.lemma_.lower() not in self.words.proposal_nouns:
            return []
        owners: list[Token | None] = [c for c in noun.children if c.dep_ == "poss"]
        owners += [pobj(c) for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        found = [m for o in owners if o is not None for m in finder.actors_of(o, s_index)]
        # "the Kenyan initiative", "the Egyptian proposal": a demonym or name modifying the noun
        named = (finder.mention_at(c) for c in noun.children if c.dep_ in ("amod", "compound"))
        return found + [m for m in named if m is not None]

    def _passive_agents(self, noun: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """ "The prisoner exchange is being overseen by the ICRC": the passive's agent mediates its subject."""
        verb = noun.head
        if noun.dep_ != "nsubjpass" or verb.lemma_.lower() not in self.mediating_verbs:
            return []
        agents = [pobj(g) for g in verb.children if g.dep_ == "agent"]
        return [m for a in agents if a is not None for m in finder.actors_of(a, s_index)]

    def titled_actors(self, noun: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """ "Mediators Pakistan and Qatar propose a ceasefire": the subject of the verb whose object is the
        accord bears a mediator's title, so it mediates the accord."""
        if noun.dep_ != "dobj":
            return []
        subj = subject(noun.head, self.words)
        if subj is None:
            return []
        named = self.mediator_noun(subj) and any(
            c.dep_ == "appos" for c in subj.children
        )  # "Mediators Egypt and Qatar"
        titled = named or any(
            c.dep_ in ("compound", "appos")
            and (self.mediator_noun(c) or c.lower_.removesuffix("s") in self.words.mediator_nouns)
            for c in subj.children
        )
        return finder.actors_of(subj, s_index) if titled else []

    def mediation_agents(self, noun: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """Who leads a mediation: its owner ("Qatar's mediation"), its "by" phrase ("mediation efforts by
        the United States"), the agent of a leading participle ("the mediation led by the President of
        Angola") or the doer of a leading verb ("Pakistan is engaged in mediation efforts")."""
        leading = self.words.mediation_agent_verbs
        heads: list[Token | None] = []
        # "engagement and mediation overseen by the UN envoy": a participle shared by the coordinated nouns
        shared = [c for c in noun.head.children if c.dep_ == "acl"] if noun.dep_ == "conj" else []
        for c in [*noun.children, *shared]:
            if c.dep_ == "poss":
                heads.append(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                heads.append(pobj(c))
            elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in leading:
                heads.extend(pobj(g) for g in c.children if g.dep_ == "agent")
        verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
        if noun.dep_ in ("dobj", "pobj") and verb.tag_.startswith("VB") and verb.lemma_.lower() in leading:
            # "Turkey is engaged in mediation efforts": the predicate's subject is on its copula
            heads.append(subject(verb.head if verb.dep_ == "acomp" else verb, self.words))
        return [m for h in heads for m in finder.actors_of(h, s_index)]

    def mediating_subject(self, clause: Token) -> bool:
        """ "Kuwaiti and Omani mediators met the Saudi and Yemeni delegations": the clause's subject is
        a mediator, so the ones it meets are the parties."""
        subj = subject(clause, self.words)
        return subj is not None and subj.dep_ in ("nsubj",) and self.mediator_noun(subj)

    def _drafters(self, trigger: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """ "Norwegian facilitators drafted a framework accepted by both sides": mediators who made the
        thing the event is about."""
        if trigger.dep_ != "acl" or trigger.head.dep_ not in ("dobj", "pobj"):
            return []
        verb = trigger.head.head
        if verb.dep_ == "prep":
            verb = verb.head
        subj = subject(verb, self.words) if verb.pos_ in ("VERB", "AUX") else None
        if subj is None or not self.mediator_noun(subj):
            return []
        return finder.actors_of(subj, s_index)

    def _scope(self, cand: Candidate) -> list[Token]:
        """The trigger, its clause, a complement's clause, their objects and prepositional objects, and the
        participles on those ("a deal brokered by", "an agreement reached through")."""
        scope = [cand.trigger, cand.clause]
        # "agreed to restore relations in a deal brokered by China": the complement's deal too
        heads = [cand.trigger, cand.clause, *(c for c in cand.clause.children if c.dep_ == "xcomp")]
        for head in heads:
            if head is not cand.trigger and head is not cand.clause:
                scope.append(head)
            for c in head.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    scope.append(c)
                elif c.dep_ == "prep":
                    scope.extend(g for g in c.children if g.dep_ == "pobj")
        participles = [c for h in scope for c in h.children if c.dep_ == "acl"]
        return list({t.i: t for t in scope + participles}.values())

    def _from_child(self, c: Token, finder: ArgumentFinder, s_index: int) -> list[Found]:
        out: list[Found] = []
        participle = c.dep_ == "acl" or (c.dep_ == "advcl" and c.tag_ == "VBN")
        if participle and c.lemma_.lower() in self.words.mediation_verbs:
            # "mediated by Qatar", "brokered by Egypt", "convened by the OSCE", "chaired by the Swiss president";
            # "Mediated by Qatar, the talks resumed"
            for g in c.children:
                if g.dep_ == "agent":
                    rule = "mediation-participle" if c.lemma_.lower() in self.mediating_verbs else CONVENING
                    out.extend(_tag(rule, finder.actors_of(pobj(g), s_index)))
                if g.dep_ == "prep" and g.lower_ == "with":
                    out.extend(_tag("helpers", self._helpers_of(g, finder, s_index)))
        elif c.dep_ == "agent":
            # "a plan drafted by Kenyan mediators": the mediators of any participle;
            # "Mediated by Qatar, ...": the agent of the mediation verb that is the trigger
            obj = pobj(c)
            verb = c.head
            # "Mediated by Qatar, the talks ...", "the talks are mediated by Pakistan and Qatar"
            passive_of_talks = any(
                x.dep_ == "nsubjpass" and x.lemma_.lower() in self.words.talks_nouns for x in verb.children
            )
            mediating = (
                verb.dep_ in ("acl", "advcl") or passive_of_talks
            ) and verb.lemma_.lower() in self.mediating_verbs
            if obj is not None and (self.mediator_noun(obj) or mediating):
                out.extend(_tag("mediating-agent", finder.actors_of(obj, s_index)))
        out.extend(_tag("hyphen-prefix", self._prefixed(c, finder)))
        if c.lower_ in self.words.mediation_preps:
            # "through Qatari and Egyptian mediators", "under the auspices of the Vatican",
            # "through the good offices of the UN secretary-general"; "thanks to Chinese mediation"
            preps = [c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ == "prep"]
            for g in (g for p in preps for g in p.children):
                if g.dep_ == "pobj" and self.mediator_noun(g):
                    out.extend(_tag("mediation-preposition", finder._nearest_in_phrase(g, s_index)))
                    # "under the aegis of Saudi Arabia and the United States": every owner
                    of = next((x for x in g.children if x.dep_ == "prep" and x.lower_ == "of"), None)
                    out.extend(_tag("mediation-preposition", finder.actors_of(pobj(of), s_index) if of else []))
                    for conj in g.children:
                        # "through Egyptian mediators and Qatari facilitators", not "mediators and Palestinian factions"
                        if conj.dep_ == "conj" and self.mediator_noun(conj):
                            out.extend(_tag("mediation-preposition", finder.actors_of(conj, s_index)))
        return out

    def _prefixed(self, c: Token, finder: ArgumentFinder) -> list[ActorMention]:
        """ "Egyptian-brokered truce", "the Angola-brokered truce" (one token or split at the hyphen)."""
        if c.dep_ not in ("amod", "compound"):
            return []
        prefixes = tuple(self.words.mediation_prefixes)
        if "-" in c.text:
            if c.text.partition("-")[2].lower().startswith(prefixes):
                m = finder.mention_at(c)
                return [m] if m is not None else []
            return []
        doc = c.doc
        if c.i >= 1 and c.tag_ == "VBN" and c.lemma_.lower() in self.mediating_verbs:
            # "under the EU facilitated dialogue", "the Qatar mediated talks": the hyphen left out
            m = finder.mention_at(doc[c.i - 1])
            if m is not None and doc[c.i - 1].pos_ == "PROPN" and not doc[c.i - 1].text.endswith("-"):
                return [m]
        if not c.lower_.startswith(prefixes) or c.i < 2:
            return []
        before = doc[c.i - 1]
        if before.text == "-":
            m = finder.mention_at(doc[c.i - 2])
            return [m] if m is not None else []
        if len(before.text) > 1 and before.text.endswith("-"):
            # "the UN and Türkiye- brokered initiative": the hyphen kept on the name, a space after it;
            # the names coordinated with it broker too
            heads = [before, before.head] if before.dep_ == "conj" else [before]
            if before.i >= 2 and doc[before.i - 1].dep_ == "cc":
                heads.append(doc[before.i - 2])  # the parser may hang "Türkiye-" on the accord, not on "UN"
            found = [finder.mention_at(t) for t in heads]
            return [m for m in found if m is not None]
        return []

    def _role_holders(self, trigger: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """ "Brazil and Chile will act as guarantors of the accord", "Norway, the mediator of the talks":
        the holder of a mediator's role over the event mediates it."""
        prep = trigger.head
        if trigger.dep_ != "pobj" or prep.lower_ not in self.words.mediator_role_preps:
            return []
        noun = prep.head
        if noun.i == prep.i or not self.mediator_noun(noun):
            return []
        out = finder._nearest_in_phrase(noun, s_index)
        role = noun.head
        if noun.dep_ == "pobj" and role.dep_ == "prep" and role.lower_ == "as":
            out = out + finder.actors_of(subject(role.head, self.words), s_index)
        elif noun.dep_ == "attr":
            out = out + finder.actors_of(subject(noun.head, self.words), s_index)
        elif noun.dep_ == "appos":
            out = out + finder.actors_of(noun.head, s_index)
        return [m for m in out if not (m.start <= trigger.idx < m.end)]

    @property
    def mediating_verbs(self) -> frozenset[str]:
        """Verbs of mediation proper: a host of a summit may be its party ("a summit hosted by the EU")."""
        return self.words.mediation_verbs - self.words.hosting_verbs

    def mediator_noun(self, tok: Token) -> bool:
        """A noun of mediation, alone ("mediators", "auspices") or with its modifier ("good offices")."""
        lemma = tok.lemma_.lower()
        if lemma in self.words.mediator_nouns or tok.lower_ in self.words.mediator_nouns:
            return True
        mods = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")]
        return any(f"{m} {tok.lower_}" in self.words.mediator_nouns for m in mods)

    def _helpers_of(self, with_prep: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """ "mediated by Qatar with the help of Egypt and the United States": the helpers mediate too."""
        out: list[ActorMention] = []
        for h in with_prep.children:
            if h.dep_ == "pobj" and h.lemma_.lower() in self.words.help_nouns:
                of = next((x for x in h.children if x.dep_ == "prep" and x.lower_ == "of"), None)
                obj = pobj(of) if of is not None else None
                out.extend(finder.actors_of(obj, s_index) if obj is not None else finder._nearest_in_phrase(h, s_index))
        return out


def mediation_denied(sent: Span, words: WordClasses) -> bool:
    """ "with no third party present", "without mediators": the sentence says nobody mediated."""
    text = " ".join(t.lower_ for t in sent)
    return _any_phrase(words.absent_mediation_phrases).search(text) is not None


@lru_cache(maxsize=4)
def _any_phrase(phrases: frozenset[str]) -> re.Pattern[str]:
    """One pattern that matches where any of ``phrases`` matches as whole words (compiled once, not one
    search per phrase and sentence); no phrase at all matches nothing."""
    if not phrases:
        return re.compile(r"(?!)")
    return re.compile("|".join(rf"\b{re.escape(p)}\b" for p in sorted(phrases)))
