"""The argument filler: actor, recipient and mediator of a trigger from the parse (second part of the coder).

``ArgumentFiller.fill`` reads who acts and who is acted on around a trigger the trigger finder marked:
the subject and object of a verb, the possessor and "between" of an event noun, the subject of a light
verb.  What the parse leaves empty, the event type's argument plan fills (``argument_plans``); an entry's
``retype`` options recode it where the arguments say so.  Every rule that fills a slot is named in
``Candidate.filled_by``, the trace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from backchannel.events.argument_plans import ArgumentPlans, PlanState
from backchannel.events.arguments import ArgumentFinder, is_reciprocal_pronoun, pobj
from backchannel.events.candidate import Candidate
from backchannel.events.crowd import crowd_weapon
from backchannel.events.lexicon import Retype, TriggerEntry
from backchannel.events.mediators import MediatorReader
from backchannel.events.ontology import QUAD_CLASS, SETTLEMENT_TYPES
from backchannel.events.parties import key, only_own, place_party
from backchannel.events.roles import agent_or_subject, of_object, talks_partners
from backchannel.events.syntax import (
    absolute_participle,
    direct_object,
    host_modifier,
    misparsed_means,
    named_war,
    own_object,
    shifted_object,
    subject,
    weapon_participle,
)
from backchannel.events.triggers import TriggerFinder
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention

__all__ = ["ArgumentFiller"]


@dataclass(frozen=True)
class ArgumentFiller:
    """Fills a candidate's actors, recipients and mediators; reads triggers, never marks them."""

    triggers: TriggerFinder
    words: WordClasses
    plans: ArgumentPlans
    country_actor: Callable[[str], ActorMention | None] | None = None

    def fill(self, cand: Candidate, finder: ArgumentFinder, s_index: int) -> None:
        """Fill ``cand``'s arguments (and recode its entry where a retype option holds)."""
        actors, recips = self._parsed_arguments(cand, finder, s_index)
        actors, recips = self._third_parties(cand, actors, recips, finder, s_index)
        self._retype(cand, actors, recips)
        plan = PlanState(cand, cand.entry, finder, s_index, self, actors, recips)
        self.plans.run(plan)
        cand.filled_by.extend(plan.filled_by)
        actors, recips = plan.actors, plan.recipients
        actor_ids = {key(a) for a in actors}
        recips = [r for r in recips if key(r) not in actor_ids]
        own_side = self._own_state(actors, recips)
        if own_side:
            recips = [r for r in recips if r not in own_side]
            cand.filled_by.append("recipient:own-state-dropped")
        entry = cand.entry
        if (
            entry.event_type == "CONSULT"
            and not cand.nominal
            and len(actors) == 1
            and not recips
            and not cand.mediators
            and entry.mode not in ("visit", "multilateral")
        ):
            # "Israel's Cabinet met on Sunday": a meeting needs two sides
            actors = []
            cand.solo = True
        self._proposal_authors(cand, actors, recips, finder, s_index)
        med_ids = {key(m) for m in cand.mediators}
        actors = [a for a in actors if key(a) not in med_ids] or actors
        recips = [r for r in recips if key(r) not in med_ids]  # "signed the Angola-brokered truce"
        cand.actors, cand.recipients = actors, recips

    def _party_object(self, verb: Token) -> Token | None:
        """The verb's direct object, unless it is what is talked about ("discussed Hamas": a topic)."""
        if verb.lemma_.lower() in self.words.topic_object_verbs:
            return None
        return direct_object(verb)

    def _own_state(self, actors: list[ActorMention], recips: list[ActorMention]) -> list[ActorMention]:
        """Recipients that are the actors' own state: the country itself, or a place standing for it.

        "President Biden invited Sunak to visit Washington", "Biden sent messages of the United States'
        support": a head of state or a government acting on its own state is no dyad (word class
        ``state_sectors``); a recipient of another sector of the same country (Congress, the Pentagon,
        protesters) stays.
        """
        own = {
            a.country
            for a in actors
            if a.country
            and a.country not in ("IGO", "NGO")
            and (a.sector in self.words.state_sectors or (a.kind == "country" and a.sector is None))
        }
        return [
            r
            for r in recips
            if r.kind in ("country", "place")
            and r.country in own
            and (r.sector is None or r.sector in self.words.state_sectors)
        ]

    def _parsed_arguments(
        self, cand: Candidate, finder: ArgumentFinder, s_index: int
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        entry = cand.entry
        if cand.light:
            cand.filled_by.append("parse:light-verb")
            actors, recips = self._light_verb_arguments(cand, finder, s_index)
        elif cand.nominal:
            cand.filled_by.append("parse:event-noun")
            actors, recips = self._noun_arguments(cand.trigger, entry, finder, s_index)
        elif cand.trigger.pos_ == "ADJ":
            cand.filled_by.append("parse:adjective")
            actors = finder.actors_of(subject(cand.clause, self.words), s_index)
            recips = self.prep_recipients(cand.trigger, entry, finder, s_index)
        else:
            cand.filled_by.append("parse:verb")
            actors, recips, cand.agentless_passive = self._verb_arguments(cand.trigger, entry, finder, s_index)
            if cand.phrase_object is not None and not recips:
                recips = finder.actors_of(cand.phrase_object, s_index)
                cand.filled_by += ["recipient:phrase-object"] if recips else []
            if not actors and entry.event_type in ("ASSAULT", "COERCE"):
                # "killed in an Israeli air strike", "wounded by Russian shelling": the attack's author
                actors = self.instrument_authors(cand.trigger, finder, s_index)
                if actors:
                    cand.filled_by.append("actor:instrument-author")
        if entry.event_type == "RETREAT" and cand.agentless_passive and not actors:
            # "500 guerrillas have been demobilized", "troops were withdrawn": those who stand down act
            actors, recips = recips, []
            cand.agentless_passive = False
            cand.filled_by.append("actor:passive-subject-retreats")
        return actors, recips

    def _light_verb_arguments(
        self, cand: Candidate, finder: ArgumentFinder, s_index: int
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """A light verb or an occurrence verb: the light verb's subject is the actor ("held talks")."""
        entry = cand.entry
        actors: list[ActorMention] = []
        recips: list[ActorMention] = []
        subj = subject(cand.clause, self.words) if cand.trigger.dep_ not in ("nsubj", "nsubjpass") else None
        if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == cand.clause.i:
            # "a US national has been put under investigation", "was placed under arrest by police":
            # the subject undergoes the event; an agent, if named, does it
            recips = finder.actors_of(subj, s_index)
            agent = next((c for c in cand.clause.children if c.dep_ == "agent"), None)
            agent_obj = pobj(agent) if agent else None
            actors = finder.actors_of(agent_obj, s_index)
            cand.agentless_passive = agent is None
        elif subj is not None:
            actors = finder.actors_of(subj, s_index)
        actors2, recips2 = self._noun_arguments(cand.trigger, entry, finder, s_index)
        for c in cand.clause.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                actors2 = actors2 + finder.actors_of(pobj(c), s_index)
        clause_obj = direct_object(cand.clause)
        if clause_obj is not None and clause_obj.i != cand.trigger.i:
            # "Syrian rebels engaged Filipino peacekeepers in a firefight"
            recips = recips + finder.actors_of(clause_obj, s_index)
        if actors2 and cand.clause.lemma_.lower() in self.words.mediation_verbs | self.words.hosting_verbs:
            # "Russia hosted talks between Fatah and Hamas": the parties act, the host mediates
            cand.mediators = list(actors)
            actors = []
        actors = actors or actors2
        recips = recips + recips2
        recips += self.prep_recipients(cand.clause, entry, finder, s_index)
        return actors, recips

    def _third_parties(
        self,
        cand: Candidate,
        actors: list[ActorMention],
        recips: list[ActorMention],
        finder: ArgumentFinder,
        s_index: int,
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Mediators of the event, the parties a mediation is between, and "each other"."""
        entry = cand.entry
        found = MediatorReader(self.words).read(cand, finder, s_index)
        parties = actors + recips
        if len({a.country for a in parties}) < 2 and len({a.sector for a in parties if a.sector}) < 2:
            # "officials attended a meeting convened by the National Academies": a convener or chair
            # mediates between two sides (two states or two sectors), not for one
            found = [(rule, m) for rule, m in found if rule != "convening-participle"]
        cand.mediators = cand.mediators + [m for _, m in found]
        cand.filled_by.extend(dict.fromkeys(f"mediator:{rule}" for rule, _ in found))
        if not cand.nominal and (cand.trigger.lemma_.lower() in ("mediate", "broker") or entry.mode == "third-party"):
            # "shuttled between the government and the rebels", "passed messages between Iran and the US"
            # "Qatar mediated between Israel and Hamas", "efforts to mediate the Palestinian-Israeli conflict"
            parties = list(recips)
            dobj = direct_object(cand.trigger)
            if dobj is not None and not parties:
                parties = finder.mentions_in(dobj.left_edge.i, dobj.right_edge.i + 1)
            cand.mediators = cand.mediators + actors
            actors, recips = parties, []
            cand.filled_by.append("mediator:mediating-subject")
        elif cand.nominal and entry.mode == "third-party":
            # "Qatar's mediation between Israel and Hamas", "the mediation led by Angola": who leads it mediates
            agents = {key(m) for m in MediatorReader(self.words).mediation_agents(cand.trigger, finder, s_index)}
            leaders = [a for a in actors + recips if key(a) in agents]
            if leaders and len(leaders) < len(actors + recips):  # and the sides it is between
                cand.mediators = cand.mediators + leaders
                actors = [a for a in actors if key(a) not in agents]
                recips = [r for r in recips if key(r) not in agents]
                cand.filled_by.append("mediator:mediation-agent")
        elif entry.event_type == "CONSULT" and actors and recips and self._mediators_meet(cand):
            # "Kuwaiti and Omani mediators met the Saudi and Yemeni delegations": the met are the parties
            cand.mediators = cand.mediators + actors
            actors, recips = recips, []
            cand.filled_by.append("mediator:mediators-meet-parties")
        # reciprocal pronoun: "accuse each other" -> both directions
        objs = [direct_object(cand.trigger)] + [
            g for c in cand.trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if any(o is not None and is_reciprocal_pronoun(o) for o in objs) and len(actors) >= 2:
            cand.reciprocal_pair = True
            recips = []
            cand.filled_by.append("actor:each-other")
        return actors, recips

    def _retype(self, cand: Candidate, actors: list[ActorMention], recips: list[ActorMention]) -> None:
        """The first of the entry's retype options whose condition holds recodes the candidate."""
        for option in cand.entry.retypes:
            if self._retype_holds(option, cand, actors, recips):
                retyped = cand.entry.retyped_by(option.condition)
                if retyped is not None:
                    cand.entry = retyped
                return

    def _retype_holds(
        self, option: Retype, cand: Candidate, actors: list[ActorMention], recips: list[ActorMention]
    ) -> bool:
        if option.condition in ("troops", "peace_troops"):
            # "NATO peacekeeping troops arrived in Bosnia": a deployment, not a visit
            subj = subject(cand.trigger, self.words) if not cand.nominal else None
            if subj is None or subj.lemma_.lower() not in self.words.troop_nouns:
                return False
            prefixes = tuple(self.words.peaceful_mission_prefixes)
            peace = any(t.lower_.startswith(prefixes) for t in subj.subtree)
            return peace or option.condition == "troops"
        if option.condition == "alone":
            # "Russia is conducting military exercises in Alaska": alone, an exercise is a show of force
            joint = any(c.lemma_.lower() in self.words.joint_modifiers for c in cand.trigger.children)
            return len(actors) < 2 and not recips and not joint
        if option.condition == "protester_doer":
            # "the building was demolished by a Ukrainian protestor": destruction by protesters is a riot
            doer = agent_or_subject(cand, self.words) if not cand.nominal else None
            return doer is not None and doer.lemma_.lower() in self.words.protester_nouns
        if option.condition == "crowd_weapon":
            # "fired water cannon at students", "fired tear gas", "fired into the air": crowd control
            return crowd_weapon(cand.trigger, self.words)
        if option.condition == "tested":
            # "test-fired a ballistic missile", "test launched": a weapons test, not an attack
            return any(c.lemma_.lower() in self.words.weapon_test_modifiers for c in cand.trigger.children)
        return False  # "promise", "own_threat" and "failed" are read by the trigger finder

    def instrument_authors(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        weapon = subject(verb, self.words)
        if weapon is not None and weapon.lemma_.lower() in self.words.arms:
            # "a landmine planted by an armed group exploded, killing two shepherds": who planted it
            for c in weapon.children:
                agent = next((g for g in c.children if g.dep_ == "agent"), None) if c.dep_ == "acl" else None
                found = finder.actors_of(pobj(agent), s_index) if agent is not None else []
                if found:
                    return found
        for c in verb.children:
            entry = self.triggers.noun_entry(c) if misparsed_means(c, self.words) else None
            if entry is not None and entry.event_type == "ASSAULT":
                # "killed in Pakistani army shelling", parsed as "killed in Pakistani army" + "shelling"
                found = finder.actors_of(c.doc[c.i - 1], s_index)
                if found:
                    return found
        for c in verb.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in self.words.attack_author_preps:
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    if named_war(g, self.words):
                        continue  # "killed in the Korean War": the name of a war, not its author
                    entry = self.triggers.noun_entry(g)
                    if entry is not None and entry.event_type == "ASSAULT":
                        found, _ = self._noun_arguments(g, entry, finder, s_index)
                        if found:
                            return found
                    if g.lemma_.lower() in self.words.weapon_nouns or (
                        entry is not None and entry.event_type == "ASSAULT"
                    ):
                        # "killed in Israeli tank shelling", "hit by a Russian drone": whose weapon
                        for m in g.children:
                            if m.dep_ in ("amod", "compound", "poss") and m.i < g.i:
                                found = finder.actors_of(m, s_index)
                                if found:
                                    return found
        for c in verb.children:
            if c.dep_ == "advcl" and any(
                g.lower_ in self.words.attack_clause_marks for g in c.children if g.dep_ in ("mark", "advmod")
            ):
                # "sailors were killed when their frigate was sunk by a US submarine": the attack's author
                inner = self.triggers.verb_trigger(c, finder)
                if inner is not None and inner.entry.event_type == "ASSAULT":
                    found, _, _ = self._verb_arguments(c, inner.entry, finder, s_index)
                    if found:
                        return found
        return []

    def origin(self, verb: Token, finder: ArgumentFinder) -> str | None:
        """'a mortar bomb was fired at it from the Gaza Strip': the country an attack came from."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                for g in c.children:
                    for m in finder.mentions_in(g.left_edge.i, g.right_edge.i + 1):
                        if m.kind in ("country", "place") and m.country and m.country not in ("IGO", "NGO"):
                            return m.country
                    lo, hi = g.left_edge.idx, g.right_edge.idx + len(g.right_edge.text)
                    for place in finder.places:
                        if lo <= place.start and place.end <= hi and place.country_code:
                            return place.country_code
        return None

    def complement_targets(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        out: list[ActorMention] = self._places_under(verb, self.words.place_target_preps, finder)
        dobj = self._party_object(verb)
        if dobj is not None:
            out += finder.actors_of(dobj, s_index)
            # "threatened to ban voting in East Jerusalem", "resume attacks in Israel"
            out += self._places_under(dobj, self.words.place_target_preps, finder)
        # "plans to impose restrictions on its labour market for new EU members": whom a measure is for
        measure = dobj is not None and dobj.lemma_.lower() in self.words.measure_nouns
        preps = self.words.complement_target_preps | ({"for"} if measure else set())
        for c in verb.children:
            if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in preps):
                obj = (pobj(c) or c) if c.dep_ == "dative" else pobj(c)
                out += finder.actors_of(obj, s_index)
        return out

    def _places_under(self, verb: Token, preps: frozenset[str], finder: ArgumentFinder) -> list[ActorMention]:
        out: list[ActorMention] = []
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    place = self._place_in(g, finder)
                    if place is not None:
                        out.append(place)
        return out

    def _place_in(self, head: Token, finder: ArgumentFinder) -> ActorMention | None:
        """The first resolved place inside the phrase ``head`` ends (a place stands for its country)."""
        lo, hi = head.left_edge.idx, head.idx + len(head.text)
        for place in finder.places:
            if lo <= place.start and place.end <= hi and place.country_code:
                return place_party(place)
        return None

    def place_targets(self, cand: Candidate, entry: TriggerEntry, finder: ArgumentFinder) -> list[ActorMention]:
        heads: list[Token] = []
        verb = cand.trigger if not cand.nominal else cand.clause
        dobj = self._party_object(verb)
        if dobj is not None and dobj.i != cand.trigger.i:
            heads.append(dobj)
        targets = set(entry.recip_preps) | (
            self.words.attack_target_preps if QUAD_CLASS[entry.event_type] == 4 else set()
        )
        for head in {cand.trigger, verb}:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in targets:
                    heads.extend(g for g in c.children if g.dep_ == "pobj")
        return [p for p in (self._place_in(h, finder) for h in heads) if p is not None]

    def _verb_arguments(
        self, verb: Token, entry: TriggerEntry, finder: ArgumentFinder, s_index: int
    ) -> tuple[list[ActorMention], list[ActorMention], bool]:
        """Actors, recipients, and whether the clause is a passive with no agent (kept without an actor)."""
        subj = subject(verb, self.words)
        # "... were released yesterday by Putin": a passive conjunct borrows an active verb's subject
        # (not "Ukraine is expected to receive jets": the infinitive of a passive is active itself)
        passive = subj is not None and (
            # ("Rebels attacking the town were repelled": the participle of a passive's subject is active)
            (
                subj.dep_ == "nsubjpass"
                and (subj.head.i == verb.i or verb.dep_ != "xcomp")
                and not (verb.dep_ == "acl" and verb.tag_ == "VBG")
            )
            or any(c.dep_ == "auxpass" for c in verb.children)
            or (subj.head.i == verb.i and absolute_participle(verb))
        )
        agentless = False
        if subj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "10 Russian soldiers killed in Ukraine", "a convoy attacked by rebels": the noun is the patient;
            # but "around 300 teachers protested in front of ...": nobody is protested, the noun acts
            subj, passive = verb.head, entry.event_type != "PROTEST"
        recips: list[ActorMention] = []
        if passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            # a reduced relative ("officials accused of ...") describes its noun; it is not kept without an actor
            agentless = agent is None and verb.dep_ != "acl"
            agent_obj = pobj(agent) if agent is not None else None
            actors = finder.actors_of(agent_obj, s_index)
            if agent_obj is not None and finder.mention_at(agent_obj) is None:
                # "beaten by unidentified men in Dhaka": the place of the agent's phrase is not the agent
                where = [t for c in agent_obj.children if c.lower_ in self.words.place_target_preps for t in c.subtree]
                actors = [a for a in actors if not any(t.idx <= a.start < t.idx + len(t.text) for t in where)]
            recips = finder.actors_of(subj, s_index)
            if not recips and subj is not None:
                # "Evidence against Russia was presented by the US"
                recips = self.prep_recipients(subj, entry, finder, s_index)
        else:
            actors = finder.actors_of(subj, s_index)
            if not actors and subj is not None and subj.lemma_.lower() in self.words.speaking_documents:
                # "a report released in the Rwandan capital alleged ...": the document speaks for its authors
                found = finder.mentions_in(subj.left_edge.i, subj.right_edge.i + 1)
                actors = [m for m in found if m.country][:1]
            recips = self._object_recipients(verb, entry, actors, finder, s_index)
            dative = next((c for c in verb.children if c.dep_ == "dative"), None)
            if dative is not None:
                # "presented a plan to Israel and Hamas": a dative "to" names its object and its conjuncts
                recips += finder.actors_of(pobj(dative) or dative, s_index)
        recips += self.prep_recipients(verb, entry, finder, s_index)
        actors, recips = self._settled_parties(verb, entry, actors, recips, finder, s_index)
        return actors, recips, agentless

    def _object_recipients(
        self, verb: Token, entry: TriggerEntry, actors: list[ActorMention], finder: ArgumentFinder, s_index: int
    ) -> list[ActorMention]:
        """Whom an active verb's object names or points to ("imposed sanctions on Russia")."""
        recips: list[ActorMention] = []
        if verb.lemma_.lower() in self.words.topic_object_verbs:
            return recips  # "Biden and Netanyahu discussed Hamas": the object is the topic, not a party
        dobj = direct_object(verb) or shifted_object(verb)
        if dobj is not None and entry.event_type == "AID" and dobj.lemma_.lower() in entry.objects:
            # "sent Patriot air defence systems to Ukraine", "receive F-16 jets": what is given is no party,
            # but "forgives the debt of Somalia", "$1.2 billion in loans to Ethiopia" name whom it is for
            inner = [g for c in dobj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for part in (dobj, *inner):
                recips = recips or self.prep_recipients(part, entry, finder, s_index)
            recips = recips or of_object(dobj, finder, s_index)
            dobj = None
        aimed = next((c for c in dobj.children if weapon_participle(c, self.words)), None) if dobj is not None else None
        if aimed is not None:
            # "detonated an IED targeting an AMISOM convoy": the weapon's target
            recips += finder.actors_of(direct_object(aimed), s_index)
        if dobj is not None and not recips:
            # "deployed three F-16 jets", "mobilised 300,000 reservists": what is mobilised is no party
            recips = finder.actors_of(dobj, s_index) if entry.event_type != "MOBILIZE" else []
            # "suspends its visa-free arrangement for Turkish citizens": the actor's own thing names no one
            acting = {key(a) for a in actors}
            recips = [r for r in recips if key(r) not in acting]
            if not recips:
                # "imposed sanctions on Russia": the recipient hangs off the object, or off its
                # last conjunct ("launched artillery, mortar and rocket fire against the camps")
                # "$1.2 billion in loans to Ethiopia": or off what the amount is of
                amounts = [
                    g
                    for c in dobj.children
                    if c.dep_ == "prep" and c.lower_ in self.words.amount_preps
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                for part in (dobj, *dobj.conjuncts, *amounts):
                    recips = recips or self.prep_recipients(part, entry, finder, s_index)
            if dobj.lemma_.lower() in self.words.measure_nouns and only_own(recips, actors):
                # "lift the curfew on Palestinians", "a ban against the party", "impose restrictions
                # on its labour market for new EU members" (its own market is not whom it is for)
                recips = [
                    a
                    for c in [*dobj.children, *(c for c in verb.children if c.lower_ == "for")]
                    if c.dep_ == "prep" and c.lower_ in self.words.measure_target_preps
                    for a in finder.actors_of(pobj(c), s_index)
                ]
            if entry.mode == "withdraw" and own_object(dobj, self.words):
                # "Rwanda withdraws its troops from eastern Congo", "recalled its ambassador from Paris":
                # its own people are what it withdraws, not whom
                own = {a.country for a in actors}
                recips = [r for r in recips if r.kind not in ("group", "person") and r.country not in own]
                recips = recips or self.prep_recipients(dobj, entry, finder, s_index)
            if not recips:
                recips = of_object(dobj, finder, s_index)
        return recips

    def _settled_parties(
        self,
        verb: Token,
        entry: TriggerEntry,
        actors: list[ActorMention],
        recips: list[ActorMention],
        finder: ArgumentFinder,
        s_index: int,
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Givers of what was received, partners of a settlement, an IGO where a vote was cast."""
        if entry.swap_roles:
            # "Georgian demonstrators received weapons from the government": the giver acts
            obj = direct_object(verb)
            heads = [verb] + ([obj] if obj is not None else [])  # "received assurances from the government"
            givers = [
                a
                for h in heads
                for c in h.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for a in finder.actors_of(pobj(c), s_index)
            ]
            return givers, actors
        if entry.event_type in SETTLEMENT_TYPES and only_own(recips, actors):
            # "called off its strike after deliberations with the government": who it was settled with
            recips = [a for a in talks_partners(verb, finder, s_index) if a not in actors] or recips
        if not recips and entry.event_type in ("REJECT", "SUPPORT", "ACCUSE"):
            # "vetoed resolutions ... in the Security Council": an IGO in the clause
            # not inside a reported clause: "alleging that the government looted a WFP warehouse"
            scope = [t for c in verb.children if c.dep_ not in self.words.reported_clause_deps for t in c.subtree]
            for c in scope:
                m = finder.mention_at(c)
                if m is not None and m.country == "IGO" and m not in actors:
                    recips = [m]
                    break
        return actors, recips

    def prep_recipients(
        self, head: Token, entry: TriggerEntry, finder: ArgumentFinder, s_index: int
    ) -> list[ActorMention]:
        out: list[ActorMention] = []
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in entry.recip_preps:
                obj = pobj(c)
                for m in finder.actors_of(obj, s_index):
                    state = self.country_actor(m.country) if self.country_actor and m.country else None
                    if obj is not None and m.start < c.idx and state is not None:
                        # "withdrawing its fighters from Turkey", read as one mention "fighters from Turkey":
                        # the object of "from" is Turkey itself
                        end = obj.idx + len(obj.text)
                        m = state.model_copy(update={"text": obj.text, "start": obj.idx, "end": end})
                    out.append(m)
            if c.dep_ == "prt":
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in entry.recip_preps:
                        out.extend(finder.actors_of(pobj(g), s_index))
        return out

    def _noun_arguments(
        self, noun: Token, entry: TriggerEntry, finder: ArgumentFinder, s_index: int
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        actors: list[ActorMention] = []
        recips: list[ActorMention] = []
        for c in noun.children:
            if host_modifier(c, self.words):
                continue  # "Turkey hosted talks between ..." read as "hosted talks": the host mediates
            if c.dep_ == "poss" and noun.lemma_.lower() in self.words.patient_nouns:
                recips.extend(finder.actors_of(c, s_index))  # "Charlie Kirk's killing", "Navalny's arrest"
            elif c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i < noun.i):
                actors.extend(finder.actors_of(c, s_index))
            elif (c.dep_ == "prep" and c.lower_ == "between") or (c.dep_ == "prep" and c.lower_ == "by"):
                obj = pobj(c)
                actors.extend(finder.actors_of(obj, s_index))
            elif c.dep_ == "acl" and c.lemma_.lower() in self.words.attribution_verbs:
                # "an attack blamed on separatists", "a bombing attributed to the group", "an ambush
                # carried out by suspected rebels": a hedge on who did it names the actor
                for g in c.children:
                    if g.dep_ == "agent" or (g.dep_ == "prep" and g.lower_ in ("on", "to")):
                        actors.extend(finder.actors_of(pobj(g), s_index))
        recips.extend(self.prep_recipients(noun, entry, finder, s_index))
        return actors, recips

    def _proposal_authors(
        self,
        cand: Candidate,
        actors: list[ActorMention],
        recips: list[ActorMention],
        finder: ArgumentFinder,
        s_index: int,
    ) -> None:
        """A third party's proposal of an accord or talks between two others mediates them ("a proposal by
        Pakistan and Qatar to resume talks between Iran and the US"); a side's own proposal does not."""
        if QUAD_CLASS.get(cand.entry.event_type, 4) > 2:
            return
        parties = {key(p) for p in actors + recips}
        authors = MediatorReader(self.words).proposal_authors(cand, finder, s_index)
        if authors and len(parties) >= 2 and not parties & {key(a) for a in authors}:
            cand.mediators = cand.mediators + authors
            cand.filled_by.append("mediator:proposal-author")

    def _mediators_meet(self, cand: Candidate) -> bool:
        subj = subject(cand.clause, self.words)
        if cand.nominal and subj is not None and subj.i == cand.trigger.i:
            return False  # "Qatar's mediation between Israel and Hamas stalled": the parties meet no mediator
        return MediatorReader(self.words).mediating_subject(cand.clause)
