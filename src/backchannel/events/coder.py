"""The events stage: PLOVER events from a parsed document.

``EventCoder`` is registered as ``plover_rules.v4``.  For each sentence it finds
triggers (verbs, phrasal verbs, light verb + event noun, event nouns that
"broke out" or stand "between X and Y", predicative adjectives), reads actor,
recipient and mediator from the dependency structure, and attaches modality,
time, place, reporter and provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from backchannel.events.accidents import natural_hazard, sentence_accident
from backchannel.events.argument_plans import ArgumentPlans, PlanState
from backchannel.events.arguments import ArgumentFinder, is_reciprocal_pronoun, pobj
from backchannel.events.background import after_document, governing_time, mark_background, time_anchor, time_heads
from backchannel.events.candidate import (
    Candidate,
    drop_protest_purposes,
    harm,
    imposes_measure,
    inherit_complement_recipients,
    retype,
)
from backchannel.events.event_fields import (
    confidence,
    contexts,
    event_id,
    missing_recipient,
    sentence_ref,
    trigger_span,
)
from backchannel.events.intent import intent_event_type, narrated_purpose
from backchannel.events.lexicon import Lexicon, TriggerEntry
from backchannel.events.modality import clause_modality, reporting_verb
from backchannel.events.ontology import (
    DOMESTIC_TYPES,
    INTENSITY,
    QUAD_CLASS,
    SETTLEMENT_TYPES,
    STATE_NOUN_TYPES,
    TERRITORIAL_TYPES,
)
from backchannel.events.parties import (
    appositive_country,
    hostile,
    key,
    mention_from_ref,
    only_own,
    place_party,
    ref,
    unidentified_group,
    unique_refs,
    with_country,
)
from backchannel.events.roles import (
    according_to,
    agent_or_subject,
    is_actorish,
    of_object,
    sentence_country,
    talks_partners,
)
from backchannel.events.syntax import (
    absolute_participle,
    clause_of,
    deinflect,
    direct_object,
    host_modifier,
    impersonal,
    misparsed_means,
    named_war,
    own_object,
    pobjs_deep,
    shifted_object,
    subject,
    third_party_talks,
    weapon_participle,
)
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention, ActorRef, CleanDoc, Event, PlaceMention, TimeMention, TriggerRef

__all__ = ["CODER_NAME", "EventCoder", "LocationAttacher"]

CODER_NAME = "plover_rules.v4"

LocationAttacher = Callable[[Token, Sequence[PlaceMention]], PlaceMention | None]


class EventCoder:
    """Rule-based PLOVER coder over a spaCy dependency parse (``plover_rules.v4``)."""

    name = CODER_NAME

    def __init__(
        self,
        lexicon: Lexicon,
        attach_location: LocationAttacher | None = None,
        country_actor: Callable[[str], ActorMention | None] | None = None,
        type_scorer: Callable[[Span], dict[str, float]] | None = None,
        words: WordClasses | None = None,
        plans: ArgumentPlans | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.words = words or WordClasses.load()
        self.plans = plans or ArgumentPlans.load()
        self.type_scorer = type_scorer
        self.attach_location = attach_location
        self.country_actor = country_actor
        self._original = ""
        self._substitutions: list[tuple[int, int]] = []
        self._places: list[PlaceMention] = []

    # ------------------------------------------------------------------ api
    def __call__(
        self,
        doc: Doc,
        clean: CleanDoc,
        actors: Sequence[ActorMention],
        times: Sequence[TimeMention],
        places: Sequence[PlaceMention],
        doc_date: str | None,
    ) -> list[Event]:
        finder = ArgumentFinder(doc, actors, self.words)
        self._original = clean.article.text
        self._places = list(places)
        self._substitutions = [
            (w.start, w.end)
            for w in clean.warnings
            if w.code == "mistranslation" and w.start is not None and w.end is not None
        ]
        time_by_head = time_heads(doc, times)
        events: list[Event] = []
        seen: set[str] = set()
        carried_time: TimeMention | None = None
        prev_para_end = -1
        original = clean.article.text
        for sent in doc.sents:
            finder.learn_definition(list(sent))
        for s_index, sent in enumerate(doc.sents):
            if not sent.text.strip():
                continue
            paragraph_break = "\n" in original[prev_para_end + 1 : sent.start_char] if prev_para_end >= 0 else True
            prev_para_end = sent.end_char
            if paragraph_break:
                carried_time = None
            # coordinated actors ("Hamas and Israel ... they") are remembered before the clauses are read
            finder.observe_sentence(list(sent), s_index)
            candidates = self._candidates(sent, finder, s_index)
            sent_time: TimeMention | None = None
            sent_events: list[Event] = []
            for cand in candidates:
                time = governing_time(cand, time_by_head)
                if time is None and carried_time is not None and cand.clause.tag_ in ("VBD", "VBN"):
                    time = carried_time
                if time is not None and time.historical:
                    sent_time = time
                for event in self._events(cand, sent, s_index, time, places, doc_date, clean.article.doc_id, finder):
                    if missing_recipient(event):
                        continue  # "suspends administration of its dengue vaccine": a sanction needs a target
                    if event.id not in seen:
                        seen.add(event.id)
                        sent_events.append(event)
                if len(cand.actors) + len(cand.recipients) >= 2:
                    finder.remember_pair(cand.actors + cand.recipients, s_index)
            events.extend(self._break_ties(sent, sent_events))
            own_historical = [t for t in times if sent.start_char <= t.start < sent.end_char and t.historical]
            if own_historical:
                carried_time = own_historical[-1]
            elif sent_time is not None:
                carried_time = sent_time
        return events

    def _break_ties(self, sent: Span, sent_events: list[Event]) -> list[Event]:
        """Several asserted types in one sentence: the learned sentence classifier nudges their confidence."""
        asserted = {e.event_type for e in sent_events if e.status == "asserted"}
        if self.type_scorer is None or len(asserted) < 2:
            return sent_events
        probs = self.type_scorer(sent)
        return [
            e.model_copy(update={"confidence": round(min(0.99, e.confidence + 0.2 * probs.get(e.event_type, 0.0)), 3)})
            if e.status == "asserted"
            else e
            for e in sent_events
        ]

    # ------------------------------------------------------------ triggers
    def _candidates(self, sent: Span, finder: ArgumentFinder, s_index: int) -> list[Candidate]:
        out: list[Candidate] = []
        orphans: list[Candidate] = []
        used: set[int] = set()
        accident = sentence_accident(sent, self.words)
        if accident is None and sent.start > 0 and not sent.doc[sent.start - 1].is_punct:
            # the parser cut "A fire breaks out at the Rong Beer Na | Lat Phrao pub ..., killing 27" in two
            accident = sentence_accident(sent.doc[sent.start - 1].sent, self.words)
        for tok in sent:
            if tok.i in used:
                continue
            cand: Candidate | None = None
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                cand = self._verb_candidate(tok, finder)
            elif tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod", "ROOT"):
                cand = self._adj_candidate(tok)
            elif tok.pos_ in ("NOUN", "PROPN"):
                cand = self._noun_candidate(tok, finder)
            if cand is None:
                continue
            used.add(cand.trigger.i)
            if cand.nominal and natural_hazard(cand.trigger, self.words):
                continue
            if (
                weapon_participle(cand.trigger, self.words)
                and self._verb_candidate(cand.trigger.head.head, finder) is not None
            ):
                continue  # "detonated an IED targeting a convoy": one attack, coded on "detonated"
            self._fill_arguments(cand, finder, s_index)
            if any(
                named_war(g, self.words) for h in (cand.trigger, cand.clause) for c in h.children for g in c.children
            ):
                cand.background = True  # "soldiers killed in the Korean War", "during World War II": history
            if accident is not None and harm(cand) and not any(hostile(a) for a in cand.actors):
                continue  # "a fire breaks out, killing 27", "a bus plunges off the road": no one attacked
            if len(cand.actors) + len(cand.recipients) >= 2:
                # later clauses may say "the two sides" for these participants
                finder.remember_pair(cand.actors + cand.recipients, s_index)
            if cand.actors or cand.recipients:
                out.append(cand)
            else:
                orphans.append(cand)
        # "... have reached a consensus, and an agreement will be reached soon": same participants
        for cand in orphans:
            if cand.solo:
                continue
            donor = next((c for c in out if c.entry.event_type == cand.entry.event_type and c.actors), None)
            if donor is not None:
                cand.actors, cand.recipients = list(donor.actors), list(donor.recipients)
                out.append(cand)
        inherit_complement_recipients(out)
        mark_background(out)
        out.extend(self._deontic_requests(sent, finder, s_index, out))
        out = drop_protest_purposes(out)
        # PLOVER events need an actor; kept without one: violence against named victims by unnamed
        # perpetrators, and agentless passives ("Aristide has been accused of ...")
        return [
            c
            for c in out
            if c.actors or (c.recipients and (c.entry.event_type in ("ASSAULT", "COERCE") or c.agentless_passive))
        ]

    def _verb_lemma(self, tok: Token) -> str:
        """spaCy's lemma, unless a regular de-inflection of the form is a known trigger ("staged" -> "stage")."""
        lemma = tok.lemma_.lower()
        if lemma in self.lexicon.verbs or lemma in self.words.light_verbs:
            return lemma
        for guess in deinflect(tok.lower_):
            if guess in self.lexicon.verbs or guess in self.words.light_verbs:
                return guess
        return lemma

    def _promises(self, vow: Token, finder: ArgumentFinder) -> bool:
        """Is what is vowed cooperative ("vowed to continue supplying gas"), so that the vow is a promise?"""
        chain = [c for c in vow.children if c.dep_ == "xcomp"]
        chain += [g for c in chain for g in c.children if g.dep_ == "xcomp"]  # "vowed to continue supplying"
        promised = [self._verb_candidate(c, finder) for c in chain]
        return any(p is not None and QUAD_CLASS[p.entry.event_type] <= 2 for p in promised)

    def _verb_candidate(self, tok: Token, finder: ArgumentFinder) -> Candidate | None:
        if tok.dep_ in ("amod", "compound"):
            return None  # "the proposed agreement", "the banned movement": modifiers, not events
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in self.words.state_participles:
            return None  # "militiamen armed with machetes", "Iran-backed groups"
        if tok.dep_ == "acl" and tok.lemma_.lower() == "target" and tok.head.lemma_.lower() in self.words.measure_heads:
            return None  # "a U.S. blacklist targeting Chinese firms", "sanctions targeting Russian banks": no attack
        if (
            tok.tag_ == "VBG"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lemma_.lower() in self.words.player_roles
        ):
            return None  # "signs attacking midfielder X", "the defending champion": a player's position
        if misparsed_means(tok, self.words):
            # "killed in Israeli tank shelling" read as "killed in Israeli tank" + a clause "shelling":
            # the shelling is how they were killed, one event whose author the killing takes
            head = self._verb_candidate(tok.head, finder)
            if head is not None and head.entry.event_type == "ASSAULT":
                return None
        lemma = self._verb_lemma(tok)
        phrasal = any(f"{lemma} {c.lower_}" in self.lexicon.verbs for c in tok.children if c.dep_ in ("prt", "prep"))
        if lemma in self.words.speech_verbs and lemma not in self.lexicon.verbs and not phrasal:
            return None  # but "wrote off $1.2 billion in loans", "called off the strike" are events
        dobj = direct_object(tok)
        if dobj is None:
            # passive: "an agreement will be reached" -> the subject is the logical object
            dobj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        keys: list[tuple[str, Token | None]] = []
        for c in tok.children:
            if c.dep_ == "prt":
                keys.append((f"{lemma} {c.lower_}", dobj))
                for g in c.children:
                    if g.dep_ == "pobj":
                        keys.append((f"{lemma} {c.lower_} {g.lower_}", g))
        for c in tok.children:
            if c.dep_ in ("prep", "agent"):
                # "bars her from entering its territory": a gerund object of the preposition counts too
                gerund = next((g for g in c.children if g.dep_ == "pcomp"), None)
                keys.append((f"{lemma} {c.lower_}", pobj(c) or gerund))
        if dobj is not None:
            keys.append((f"{lemma} {dobj.lower_}", None))
        keys.append((lemma, dobj))
        for lookup, obj in keys:
            for entry in self.lexicon.verbs.get(lookup, ()):
                if self._conditions_hold(entry, tok, obj if " " in lookup else dobj, finder):
                    phrase_obj = obj if " " in lookup and obj is not None and obj is not dobj else None
                    if (
                        entry.phrase in self.words.vow_verbs
                        and entry.event_type == "THREATEN"
                        and self._promises(tok, finder)
                    ):
                        entry = retype(entry, "AGREE", None)  # "vowing to continue shipments of aid": a promise
                    return Candidate(trigger=tok, clause=tok, entry=entry, phrase_object=phrase_obj)
        # "they are in (full swing in) ceasefire negotiations"
        if lemma == "be":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for obj in pobjs_deep(c, 2):
                        noun_entry = self._noun_entry(obj)
                        if noun_entry is not None and noun_entry.event_type in STATE_NOUN_TYPES:
                            return Candidate(trigger=obj, clause=tok, entry=noun_entry, nominal=True, light=True)
            return None
        # light verb + event noun: "held talks", "launched an attack", "engaged in dialogue"
        if lemma in self.words.light_verbs or any(
            f"{lemma} {c.lower_}" in self.words.light_verbs for c in tok.children if c.dep_ == "prt"
        ):
            objs = [dobj] if dobj is not None else []
            if dobj is not None:
                # "launched 10 days of war games", "a series of attacks"
                objs += [g for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
                objs += list(dobj.conjuncts)  # "launched artillery, mortar and rocket fire against ..."
            objs += [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in self.words.light_verb_object_preps
                for g in c.children
                if g.dep_ == "pobj"
            ]
            for obj in objs:
                noun_entry = self._noun_entry(obj)
                if noun_entry is not None:
                    return Candidate(trigger=obj, clause=tok, entry=noun_entry, nominal=True, light=True)
        return None

    def _conditions_hold(self, entry: TriggerEntry, verb: Token, obj: Token | None, finder: ArgumentFinder) -> bool:
        if entry.objects:
            if obj is None:
                return False
            lemmas = {obj.lemma_.lower(), obj.lower_}
            lemmas |= {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
            # "$100 million in humanitarian aid", "a package of military assistance"
            lemmas |= {
                g.lemma_.lower()
                for c in obj.children
                if c.dep_ == "prep" and c.lower_ in self.words.amount_preps
                for g in c.children
                if g.dep_ == "pobj"
            }
            if not lemmas & entry.objects:
                return False
        if entry.not_objects and obj is not None:
            words = {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")}
            if words & entry.not_objects:
                return False  # "strikes its last gold sovereign", "strikes a pose"
        if entry.subjects:
            subj = subject(verb, self.words)
            if subj is None or subj.lemma_.lower() not in entry.subjects:
                return False
        if entry.complements:
            if not any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in entry.complements for c in verb.children):
                return False
            ordered = direct_object(verb)
            if ordered is not None and ordered.lemma_.lower() in self.words.subordinate_nouns:
                return False  # "the president ordered the army to stop": a command, not coercion
        if entry.intransitive and direct_object(verb) is not None:
            return False
        if entry.no_xcomp and any(c.dep_ in ("xcomp", "oprd", "ccomp") for c in verb.children):
            return False
        if entry.obj_actor:
            d = direct_object(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if d is not None and not is_actorish(d, finder):
                return False
        return True

    def _adj_candidate(self, tok: Token) -> Candidate | None:
        entries = self.lexicon.adjs.get(tok.lemma_.lower())
        if not entries:
            return None
        clause = tok.head if tok.dep_ == "acomp" else tok
        return Candidate(trigger=tok, clause=clause, entry=entries[0])

    def _noun_entry(self, tok: Token) -> TriggerEntry | None:
        lemma = tok.lemma_.lower()
        compounds = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        if lemma in self.words.war_nouns and any(
            c.lemma_.lower() in self.words.figurative_war_modifiers for c in compounds
        ):
            return None  # "an economic war against Iran", "a trade war", "a price war": no fighting
        for c in compounds:
            entries = self.lexicon.nouns.get(f"{c.lemma_.lower()} {lemma}") or self.lexicon.nouns.get(
                f"{c.lower_} {lemma}"
            )
            if entries:
                return entries[0]
        entries = self.lexicon.nouns.get(lemma) or self.lexicon.nouns.get(tok.lower_)
        if not entries and lemma in self.words.generic_event_heads:
            # "a mediation effort", "the peace process": the modifier names the event
            for c in compounds:
                entries = self.lexicon.nouns.get(c.lemma_.lower())
                if entries:
                    break
        return entries[0] if entries else None

    def _noun_candidate(self, tok: Token, finder: ArgumentFinder) -> Candidate | None:
        entry = self._noun_entry(tok)
        if entry is None:
            return None
        head = tok.head
        # "fighting broke out", "talks were held", "an attack killed ..."
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in self.words.occurrence_verbs:
            return Candidate(trigger=tok, clause=head, entry=entry, nominal=True, light=True)
        # "the talks between X and Y", "Israel's offensive on Gaza", "the Israeli airstrikes"
        has_between = any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children)
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if has_between or (owner is not None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "attr")):
            if time_anchor(tok, self.words):
                return None  # "since the start of the country's civil war": a date, not a report of fighting
            clause = clause_of(tok)
            if clause is not None and clause.i != tok.i and self._verb_candidate(clause, finder) is not None:
                # the noun is an argument of another event ("stop its offensive"): no separate event
                return None
            return Candidate(trigger=tok, clause=clause or tok, entry=entry, nominal=True)
        return None

    # ------------------------------------------------------------ arguments
    def _fill_arguments(self, cand: Candidate, finder: ArgumentFinder, s_index: int) -> None:
        entry = cand.entry
        if cand.light:
            # light verb or occurrence verb: subject of the light verb is the actor
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
        elif cand.nominal:
            actors, recips = self._noun_arguments(cand.trigger, entry, finder, s_index)
        elif cand.trigger.pos_ == "ADJ":
            actors = finder.actors_of(subject(cand.clause, self.words), s_index)
            recips = self.prep_recipients(cand.trigger, entry, finder, s_index)
        else:
            actors, recips, cand.agentless_passive = self._verb_arguments(cand.trigger, entry, finder, s_index)
            if cand.phrase_object is not None and not recips:
                recips = finder.actors_of(cand.phrase_object, s_index)
            if not actors and entry.event_type in ("ASSAULT", "COERCE"):
                # "killed in an Israeli air strike", "wounded by Russian shelling": the attack's author
                actors = self._instrument_authors(cand.trigger, finder, s_index)
        if entry.event_type == "RETREAT" and cand.agentless_passive and not actors:
            # "500 guerrillas have been demobilized", "troops were withdrawn": those who stand down act
            actors, recips = recips, []
            cand.agentless_passive = False
        cand.mediators = cand.mediators + self._mediators(cand, finder, s_index)
        if not cand.nominal and (cand.trigger.lemma_.lower() in ("mediate", "broker") or entry.mode == "third-party"):
            # "shuttled between the government and the rebels", "passed messages between Iran and the US"
            # "Qatar mediated between Israel and Hamas", "efforts to mediate the Palestinian-Israeli conflict"
            parties = list(recips)
            dobj = direct_object(cand.trigger)
            if dobj is not None and not parties:
                parties = finder.mentions_in(dobj.left_edge.i, dobj.right_edge.i + 1)
            cand.mediators = cand.mediators + actors
            actors, recips = parties, []
        # reciprocal pronoun: "accuse each other" -> both directions
        objs = [direct_object(cand.trigger)] + [
            g for c in cand.trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if any(o is not None and is_reciprocal_pronoun(o) for o in objs) and len(actors) >= 2:
            cand.reciprocal_pair = True
            recips = []
        if entry.event_type == "CONSULT" and entry.mode == "visit" and not cand.nominal:
            subj = subject(cand.trigger, self.words)
            if subj is not None and subj.lemma_.lower() in self.words.troop_nouns:
                # "NATO peacekeeping troops arrived in Bosnia": a deployment, not a visit
                words = {t.lower_ for t in subj.subtree}
                peace = any(w.startswith(tuple(self.words.peaceful_mission_prefixes)) for w in words)
                cand.entry = entry = retype(entry, "AID" if peace else "MOBILIZE", None if peace else "troops")
        if (
            entry.event_type == "COOPERATE"
            and entry.phrase in self.words.exercise_nouns
            and len(actors) < 2
            and not recips
        ):
            # "Russia is conducting military exercises in Alaska": alone, an exercise is a show of force
            joint = any(c.lemma_.lower() in self.words.joint_modifiers for c in cand.trigger.children)
            if not joint:
                cand.entry = entry = retype(entry, "MOBILIZE", "troops")
        if entry.mode == "destroy" and not cand.nominal:
            doer = agent_or_subject(cand, self.words)
            if doer is not None and doer.lemma_.lower() in self.words.protester_nouns:
                # "the building was demolished by a Ukrainian protestor": destruction by protesters is a riot
                cand.entry = entry = retype(entry, "PROTEST", "riot")
        plan = PlanState(cand, entry, finder, s_index, self, actors, recips)
        self.plans.run(plan)
        actors, recips = plan.actors, plan.recipients
        actor_ids = {key(a) for a in actors}
        recips = [r for r in recips if key(r) not in actor_ids]
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
        med_ids = {key(m) for m in cand.mediators}
        actors = [a for a in actors if key(a) not in med_ids] or actors
        cand.actors, cand.recipients = actors, recips

    def _instrument_authors(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        weapon = subject(verb, self.words)
        if weapon is not None and weapon.lemma_.lower() in self.words.arms:
            # "a landmine planted by an armed group exploded, killing two shepherds": who planted it
            for c in weapon.children:
                agent = next((g for g in c.children if g.dep_ == "agent"), None) if c.dep_ == "acl" else None
                found = finder.actors_of(pobj(agent), s_index) if agent is not None else []
                if found:
                    return found
        for c in verb.children:
            entry = self._noun_entry(c) if misparsed_means(c, self.words) else None
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
                    entry = self._noun_entry(g)
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
                inner = self._verb_candidate(c, finder)
                if inner is not None and inner.entry.event_type == "ASSAULT":
                    found, _, _ = self._verb_arguments(c, inner.entry, finder, s_index)
                    if found:
                        return found
        return []

    def _origin(self, verb: Token, finder: ArgumentFinder) -> str | None:
        """'a mortar bomb was fired at it from the Gaza Strip': the country an attack came from."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                for g in c.children:
                    for m in finder.mentions_in(g.left_edge.i, g.right_edge.i + 1):
                        if m.kind in ("country", "place") and m.country and m.country not in ("IGO", "NGO"):
                            return m.country
                    lo, hi = g.left_edge.idx, g.right_edge.idx + len(g.right_edge.text)
                    for place in self._places:
                        if lo <= place.start and place.end <= hi and place.country_code:
                            return place.country_code
        return None

    def complement_targets(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        out: list[ActorMention] = self._places_under(verb, self.words.place_target_preps)
        dobj = direct_object(verb)
        if dobj is not None:
            out += finder.actors_of(dobj, s_index)
            # "threatened to ban voting in East Jerusalem", "resume attacks in Israel"
            out += self._places_under(dobj, self.words.place_target_preps)
        # "plans to impose restrictions on its labour market for new EU members": whom a measure is for
        measure = dobj is not None and dobj.lemma_.lower() in self.words.measure_nouns
        preps = self.words.complement_target_preps | ({"for"} if measure else set())
        for c in verb.children:
            if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in preps):
                obj = (pobj(c) or c) if c.dep_ == "dative" else pobj(c)
                out += finder.actors_of(obj, s_index)
        return out

    def _places_under(self, verb: Token, preps: frozenset[str]) -> list[ActorMention]:
        out: list[ActorMention] = []
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    place = self._place_in(g)
                    if place is not None:
                        out.append(place)
        return out

    def _place_in(self, head: Token) -> ActorMention | None:
        """The first resolved place inside the phrase ``head`` ends (a place stands for its country)."""
        lo, hi = head.left_edge.idx, head.idx + len(head.text)
        for place in self._places:
            if lo <= place.start and place.end <= hi and place.country_code:
                return place_party(place)
        return None

    def place_targets(self, cand: Candidate, entry: TriggerEntry) -> list[ActorMention]:
        heads: list[Token] = []
        verb = cand.trigger if not cand.nominal else cand.clause
        dobj = direct_object(verb)
        if dobj is not None and dobj.i != cand.trigger.i:
            heads.append(dobj)
        targets = set(entry.recip_preps) | (
            self.words.attack_target_preps if QUAD_CLASS[entry.event_type] == 4 else set()
        )
        for head in {cand.trigger, verb}:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in targets:
                    heads.extend(g for g in c.children if g.dep_ == "pobj")
        return [p for p in map(self._place_in, heads) if p is not None]

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
            dobj = direct_object(verb) or shifted_object(verb)
            if dobj is not None and entry.event_type == "AID" and dobj.lemma_.lower() in entry.objects:
                # "sent Patriot air defence systems to Ukraine", "receive F-16 jets": what is given is no party,
                # but "forgives the debt of Somalia", "$1.2 billion in loans to Ethiopia" name whom it is for
                inner = [g for c in dobj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
                for part in (dobj, *inner):
                    recips = recips or self.prep_recipients(part, entry, finder, s_index)
                recips = recips or of_object(dobj, finder, s_index)
                dobj = None
            aimed = (
                next((c for c in dobj.children if weapon_participle(c, self.words)), None) if dobj is not None else None
            )
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
            dative = next((c for c in verb.children if c.dep_ == "dative"), None)
            if dative is not None:
                # "presented a plan to Israel and Hamas": a dative "to" names its object and its conjuncts
                recips += finder.actors_of(pobj(dative) or dative, s_index)
        recips += self.prep_recipients(verb, entry, finder, s_index)
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
            return givers, actors, agentless
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
        return actors, recips, agentless

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
        recips.extend(self.prep_recipients(noun, entry, finder, s_index))
        return actors, recips

    def _mediators(self, cand: Candidate, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        out: list[ActorMention] = []
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
        for head in scope:
            for c in head.children:
                # "mediated by Qatar", "brokered by Egypt", "hosted by Russia"
                if c.dep_ == "acl" and c.lemma_.lower() in self.words.mediation_verbs:
                    for g in c.children:
                        if g.dep_ == "agent":
                            out.extend(finder.actors_of(pobj(g), s_index))
                        if g.dep_ == "prep" and g.lower_ == "with":
                            out.extend(self._helpers_of(g, finder, s_index))
                # "Egyptian-brokered truce", "Qatari-mediated talks"
                if c.dep_ in ("amod", "compound") and "-" in c.text:
                    rest = c.text.partition("-")[2]
                    if rest.lower().startswith(tuple(self.words.mediation_prefixes)):
                        m = finder.mention_at(c)
                        if m is not None:
                            out.append(m)
                # "through Qatari and Egyptian mediators", "with the mediation of Egypt", "under UN auspices"
                if c.dep_ == "prep" and c.lower_ in self.words.mediation_preps:
                    for g in c.children:
                        if g.dep_ == "pobj" and g.lemma_.lower() in self.words.mediator_nouns:
                            out.extend(finder._nearest_in_phrase(g, s_index))
                            for conj in g.children:
                                if conj.dep_ == "conj":
                                    out.extend(finder.actors_of(conj, s_index))
        for c in cand.trigger.children:
            if host_modifier(c, self.words):
                # "Turkey hosted talks between ...", parsed as a noun "talks" modified by "hosted"
                out.extend(finder.actors_of(c, s_index))
        # "X hosted/mediated/brokered talks between A and B"
        clause = cand.clause
        if cand.nominal and clause.lemma_.lower() in self.words.mediation_verbs | self.words.hosting_verbs:
            has_between = any(c.dep_ == "prep" and c.lower_ == "between" for c in cand.trigger.children)
            if has_between:
                out.extend(finder.actors_of(subject(clause, self.words), s_index))
        return out

    def _helpers_of(self, with_prep: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """ "mediated by Qatar with the help of Egypt and the United States": the helpers mediate too."""
        out: list[ActorMention] = []
        for h in with_prep.children:
            if h.dep_ == "pobj" and h.lemma_.lower() in self.words.help_nouns:
                of = next((x for x in h.children if x.dep_ == "prep" and x.lower_ == "of"), None)
                obj = pobj(of) if of is not None else None
                out.extend(finder.actors_of(obj, s_index) if obj is not None else finder._nearest_in_phrase(h, s_index))
        return out

    def _deontic_requests(
        self, sent: Span, finder: ArgumentFinder, s_index: int, found: list[Candidate]
    ) -> list[Candidate]:
        """'X said/noted that Y must stop Z' is a REQUEST from X to Y."""
        out: list[Candidate] = []
        request = next(iter(self.lexicon.verbs.get("demand", ())), None)
        if request is None:
            return out
        taken = {c.trigger.i for c in found if c.entry.event_type == "REQUEST"}
        for tok in sent:
            if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in self.words.speech_verbs | self.words.ruling_verbs:
                continue
            auxes = {c.lemma_.lower() for c in tok.children if c.dep_ == "aux"}
            if not auxes & self.words.deontic_auxiliaries:
                continue
            speech = tok.head
            if speech.i in taken:
                continue
            speakers = finder.actors_of(subject(speech, self.words), s_index)
            addressees = finder.actors_of(subject(tok, self.words), s_index)
            if speakers and addressees:
                cand = Candidate(trigger=speech, clause=speech, entry=request, actors=speakers, recipients=addressees)
                out.append(cand)
                taken.add(speech.i)
        return out

    # ------------------------------------------------------------ events
    def _events(
        self,
        cand: Candidate,
        sent: Span,
        s_index: int,
        time: TimeMention | None,
        places: Sequence[PlaceMention],
        doc_date: str | None,
        doc_id: str,
        finder: ArgumentFinder,
    ) -> list[Event]:
        entry = cand.entry
        modality = clause_modality(cand.clause, self.words)
        status = modality.status
        if status == "future" and modality.cue in self.words.attempt_cues and entry.event_type == "ASSAULT":
            # an attempted assassination or attack is coded as the act (the manual's "targeted" mode), but
            # "the attempt by the prime minister to oust the president" has not ousted anyone
            status = "asserted"
        reporter_tok = reporting_verb(cand.clause, self.words)
        reporter: ActorRef | None = None
        if reporter_tok is not None and not impersonal(reporter_tok, self.words):
            speakers = finder.actors_of(subject(reporter_tok, self.words), s_index)
            if speakers:
                reporter = ref(speakers[0])
        if reporter is None:
            reporter = according_to(sent, finder, s_index)
        if time is not None and time.value:
            date, precision, date_text = time.value, time.precision, time.text
        elif time is not None and doc_date:
            # "soon", "some time ago": no value of its own; the report date bounds it
            date, precision, date_text = doc_date, "document", time.text
        elif time is not None:
            date, precision, date_text = None, time.precision, time.text
        else:
            date, precision, date_text = doc_date, ("document" if doc_date else "unknown"), None
        historical = bool(time is not None and time.historical) or cand.background
        if status == "asserted" and after_document(date, precision, doc_date):
            status = "future"  # "looks forward to welcoming X on July 5" in a March report has not happened
        if not historical and date and doc_date and len(date) >= 4 and date[:4].isdigit():
            historical = int(date[:4]) < int(doc_date[:4]) - 1
        location = None
        if self.attach_location is not None and places:
            location = self.attach_location(cand.trigger, places)
            if location is None and cand.clause.i != cand.trigger.i:
                location = self.attach_location(cand.clause, places)
        if location is not None and location.country_code and entry.event_type in DOMESTIC_TYPES:
            # "police arrested protesters in Tbilisi": unnamed local parties belong to the place's country
            cand.actors = [with_country(a, location.country_code) for a in cand.actors]
            cand.recipients = [with_country(r, location.country_code) for r in cand.recipients]
        if entry.event_type in DOMESTIC_TYPES:
            # "Egyptian police opened fire on demonstrators": a police force acts at home, on its own people
            police = {a.country for a in cand.actors if a.sector == "COP" and a.country and a.country != "IGO"}
            if len(police) == 1:
                cand.recipients = [with_country(r, next(iter(police))) for r in cand.recipients]
        mediators = list(cand.mediators)
        if (
            entry.event_type == "CONSULT"
            and reporter is not None
            and location is not None
            and reporter.country
            and reporter.country == location.country_code
            and reporter.actor_id not in {a.actor_id for a in cand.actors + cand.recipients}
            and reporter.actor_id not in {m.actor_id for m in mediators}
        ):
            # "Russia said the factions would talk in Moscow": the reporting state hosts the talks
            mediators.append(mention_from_ref(reporter))
        if (
            entry.event_type == "CONSULT"
            and cand.nominal
            and location is not None
            and location.country_code
            and self.country_actor is not None
            and third_party_talks(cand.trigger, self.words)
        ):
            # "indirect talks in Doha", "ceasefire negotiations in Cairo": the host country mediates
            party_countries = {a.country for a in cand.actors + cand.recipients}
            if location.country_code not in party_countries and len(cand.actors + cand.recipients) >= 2:
                host = self.country_actor(location.country_code)
                if host is not None and host.actor_id not in {m.actor_id for m in mediators}:
                    mediators.append(host)
        mediators = unique_refs(mediators)
        mode = entry.mode
        if entry.event_type == "CONSULT" and mediators:
            mode = "third-party"
        context = contexts(sent, self.words)
        score = confidence(cand, time, status)
        # Unknown names keep their text but get a best country guess from the clause's place
        # or the sentence's countries ("Ousted President Askar Akayev ... Kyrgyzstan").
        # "Kenzo Oshima, the United Nations relief coordinator": an apposition says whose first
        cand.actors = [appositive_country(a, sent, finder) for a in cand.actors]
        cand.recipients = [appositive_country(r, sent, finder) for r in cand.recipients]
        context_country = location.country_code if location is not None else None
        if context_country is None:
            context_country = sentence_country(sent, finder, cand)
        if context_country:
            cand.actors = [with_country(a, context_country, any_kind=True) for a in cand.actors]
            cand.recipients = [with_country(r, context_country, any_kind=True) for r in cand.recipients]
        if (
            entry.event_type in TERRITORIAL_TYPES
            and not cand.recipients
            and location is not None
            and location.country_code
            and (
                entry.event_type == "PROTEST"
                or location.country_code not in {a.country for a in cand.actors}
                or imposes_measure(cand, self.words)
            )
        ):
            # "activists staged a protest in Beijing", "troops remained on alert in the West Bank",
            # "suspended aid deliveries in Baghdad": the place (its state) is the target
            cand.recipients = [place_party(location)]
        if not cand.actors and entry.event_type == "ASSAULT":
            # ACLED's convention for attacks with no named perpetrator: an unidentified armed group
            # of the country where it happened
            origin = self._origin(cand.trigger, finder) if not cand.nominal else None
            where = location or next((p for p in self._places if sent.start_char <= p.start < sent.end_char), None)
            means = cand.trigger.head if cand.trigger.dep_ in ("advcl", "pobj", "pcomp") else None
            owners = self._instrument_authors(means, finder, s_index) if means is not None else []
            if owners:
                # "were killed in Israeli tank shelling", read as a clause "shelling": the weapon's owner
                cand.actors = owners
            elif origin is not None:
                cand.actors = [unidentified_group(origin)]
            elif where is not None and where.country_code:
                cand.actors = [unidentified_group(where.country_code)]
        directions: list[tuple[list[ActorMention], list[ActorMention]]]
        if cand.reciprocal_pair:
            a, b = cand.actors[0], cand.actors[1]
            directions = [([a], [b]), ([b], [a])]
        else:
            directions = [(cand.actors, cand.recipients)]
        derived = intent_event_type(entry.event_type, modality, reporter, cand.actors, self.words)
        if derived is not None and narrated_purpose(cand.clause, modality, self.words):
            derived = None
        clause = cand.clause
        for _ in range(2):  # "agreed to restore relations", "vowed to continue supplying gas"
            if derived is None or clause.dep_ != "xcomp":
                break
            clause = clause.head
            governor = self._verb_candidate(clause, finder)
            if governor is None:
                continue
            if governor.entry.event_type == derived:
                derived = None  # the agreement or threat is coded on "agreed" / "vowed" itself
            break
        events = []
        trigger_at = trigger_span(cand)
        for w in self._substitutions:
            # a trigger inside a corrected mistranslation points at the whole original phrase
            if w[0] <= trigger_at[0] < w[1]:
                trigger_at = (w[0], max(w[1], trigger_at[1]))
        original = self._original
        variants: list[tuple[str, str | None, str]] = [(entry.event_type, mode, status)]
        if derived is not None:
            # "Syria said it would withdraw its troops": the statement itself is an AGREE (a promise);
            # "would attack" a THREATEN; "will not accept" a REJECT
            variants.append((derived, None, "asserted"))
        for (actors, recips), (etype, emode, estatus) in ((d, v) for d in directions for v in variants):
            if not actors and not recips:
                continue
            event_mediators = mediators
            if etype == derived and estatus == "asserted" and entry.event_type == "CONSULT" and cand.mediators:
                # "King Hassan said he would be ready to host a meeting between X and Y": the host promises
                hosts = list({key(m): m for m in cand.mediators}.values())
                actors, recips, event_mediators = hosts, [*actors, *recips], []
            ident = event_id(doc_id, trigger_at[0], etype, actors, recips)
            events.append(
                Event(
                    id=ident,
                    event_type=etype,
                    mode=emode,
                    context=context,
                    actor=tuple(ref(a) for a in actors),
                    recipient=tuple(ref(r) for r in recips),
                    mediator=tuple(ref(m) for m in event_mediators),
                    date=date,
                    date_precision=precision,
                    date_text=date_text,
                    location=location,
                    status=estatus,
                    historical=historical,
                    reported_by=reporter,
                    trigger=TriggerRef(
                        text=original[trigger_at[0] : trigger_at[1]],
                        start=trigger_at[0],
                        end=trigger_at[1],
                    ),
                    sentence=sentence_ref(sent, s_index, original),
                    quad_class=QUAD_CLASS[etype],
                    intensity=INTENSITY[etype],
                    confidence=score,
                )
            )
        if (
            reporter_tok is not None
            and reporter_tok.lemma_.lower() in self.words.alleging_verbs
            and QUAD_CLASS[entry.event_type] >= 3
            and reporter is not None
            and cand.actors
            and reporter.actor_id not in {a.actor_id for a in cand.actors}
        ):
            # "The US claimed that ISIL had attacked Iraq": the claim accuses ISIL
            accuser = mention_from_ref(reporter)
            span = (reporter_tok.idx, reporter_tok.idx + len(reporter_tok.text))
            events.append(
                Event(
                    id=event_id(doc_id, span[0], "ACCUSE", [accuser], cand.actors),
                    event_type="ACCUSE",
                    mode="allege",
                    context=context,
                    actor=(reporter,),
                    recipient=tuple(ref(a) for a in cand.actors),
                    date=date,
                    date_precision=precision,
                    date_text=date_text,
                    location=location,
                    status="asserted",
                    historical=historical,
                    reported_by=None,
                    trigger=TriggerRef(text=original[span[0] : span[1]], start=span[0], end=span[1]),
                    sentence=sentence_ref(sent, s_index, original),
                    quad_class=QUAD_CLASS["ACCUSE"],
                    intensity=INTENSITY["ACCUSE"],
                    confidence=max(0.05, score - 0.1),
                )
            )
        return events
