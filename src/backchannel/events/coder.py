"""The events stage: PLOVER events from a parsed document.

``EventCoder`` is registered as ``plover_rules.v4``.  For each sentence it finds
triggers (verbs, phrasal verbs, light verb + event noun, event nouns that
"broke out" or stand "between X and Y", predicative adjectives), reads actor,
recipient and mediator from the dependency structure, and attaches modality,
time, place, reporter and provenance.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from backchannel.events.accidents import natural_hazard, sentence_accident
from backchannel.events.arguments import ACTOR_NOUNS as _ACTOR_NOUNS
from backchannel.events.arguments import ArgumentFinder, is_reciprocal_pronoun, pobj
from backchannel.events.lexicon import GENERIC_EVENT_HEADS, LIGHT_VERBS, OCCURRENCE_VERBS, Lexicon, TriggerEntry
from backchannel.events.modality import ACCUSING_VERBS, SPEECH_VERBS, Modality, clause_modality, reporting_verb
from backchannel.events.ontology import INTENSITY, QUAD_CLASS
from backchannel.records import (
    ActorMention,
    ActorRef,
    CleanDoc,
    Event,
    PlaceMention,
    SentenceRef,
    TimeMention,
    TriggerRef,
)

__all__ = ["CODER_NAME", "EventCoder", "LocationAttacher"]

CODER_NAME = "plover_rules.v4"

LocationAttacher = Callable[[Token, Sequence[PlaceMention]], PlaceMention | None]

_MEDIATION_PREPS = frozenset({"mediate", "broker", "host", "sponsor", "facilitate", "organize", "organise", "arrange"})
_MEDIATOR_NOUNS = frozenset(
    {"mediator", "mediation", "auspices", "intermediary", "broker", "facilitator", "sponsorship"}
)
_DEONTIC = frozenset({"must", "should", "ought", "need"})
_TERRITORIAL_TYPES = frozenset({"PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "CONCEDE", "RETREAT"})
# Measures a government applies to a place and its people: the place is the target even at home
# ("Bashir shortened the curfew imposed in Sudan").
_PROTEST_NOUNS = frozenset(
    {"demonstration", "protest", "rally", "march", "strike", "sit-in", "vigil", "gathering", "meeting", "congress"}
)
_SUBORDINATES = frozenset(
    """army troop force military police soldier unit commander ministry government official staff agency
    navy officer""".split()  # noqa: SIM905 - word list
)
_COMMITMENT_NOUNS = frozenset({"commitment", "promise", "pledge", "obligation", "guarantee", "assurance", "vow"})
_WEAPON_NOUNS = frozenset(
    """tank tanks artillery drone drones missile missiles rocket rockets mortar mortars warplane warplanes jet jets
    helicopter helicopters gunship gunships gunboat sniper snipers fire gunfire shell shells bomb bombs
    airstrike airstrikes""".split()  # noqa: SIM905 - word list
)
_EXPLOSIVE_NOUNS = frozenset(
    """ied ieds landmine landmines mine mines explosive explosives device devices grenade grenades""".split()  # noqa: SIM905
)
_MEASURE_NOUNS = frozenset(
    {"curfew", "emergency", "martial", "ban", "restriction", "measure", "blockade", "siege", "lockdown", "closure"}
)
# Objects that name a relationship; its other side is the object of "with" ("broke relations with Russia").
_RELATION_NOUNS = frozenset(
    {
        "relation",
        "relationship",
        "tie",
        "contact",
        "link",
        "talk",
        "dialogue",
        "negotiation",
        "cooperation",
        "partnership",
        "trade",
        "agreement",
        "deal",
        "treaty",
        "pact",
        "accord",
        "alliance",
        "communication",
        "truce",
        "ceasefire",
        "cease-fire",
        "peace",
        "border",
        "frontier",
    }
)
_EXERCISE_NOUNS = frozenset({"exercise", "drill", "maneuver", "war game", "wargame"})
_DOCUMENT_NOUNS = frozenset(
    {"declaration", "statement", "letter", "communique", "resolution", "report", "message", "note", "appeal"}
)
_RULING_VERBS = frozenset({"conclude", "rule", "decide", "recommend", "resolve", "agree", "find"})
_TROOP_NOUNS = frozenset({"troop", "force", "peacekeeper", "contingent", "soldier", "unit", "battalion", "deployment"})
_STATE_PARTICIPLES = frozenset({"arm", "base", "back", "lead", "support", "fund", "station", "ban", "occupy"})
_ALLEGING_VERBS = frozenset({"claim", "allege", "charge", "contend"})
_DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "MOBILIZE"})
_STATE_NOUN_TYPES = frozenset({"CONSULT", "ASSAULT", "COOPERATE", "PROTEST"})
_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_CONTEXT_WORDS: dict[str, str] = {
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "truce": "ceasefire",
    "hostage": "hostages_prisoners",
    "prisoner": "hostages_prisoners",
    "humanitarian": "humanitarian",
    "aid": "humanitarian",
    "refugee": "migration",
    "troop": "military",
    "military": "military",
    "army": "military",
    "missile": "military",
    "weapon": "military",
    "nuclear": "wmd",
    "trade": "economic",
    "economic": "economic",
    "tariff": "economic",
    "sanction": "economic",
    "election": "election",
    "vote": "election",
    "court": "legal",
    "trial": "legal",
    "terrorist": "terrorism",
    "terrorism": "terrorism",
    "statehood": "territory",
    "border": "territory",
    "territory": "territory",
    "diplomatic": "diplomatic",
    "ambassador": "diplomatic",
    "resolution": "international_organization",
}


@dataclass
class _Candidate:
    trigger: Token  # the word that carries the event meaning
    clause: Token  # the verb heading the clause (modality, time, subject)
    entry: TriggerEntry
    nominal: bool = False
    actors: list[ActorMention] = field(default_factory=list)
    recipients: list[ActorMention] = field(default_factory=list)
    mediators: list[ActorMention] = field(default_factory=list)
    reciprocal_pair: bool = False
    agentless_passive: bool = False
    light: bool = False  # the noun trigger is the object of a light verb ("held talks", "put under investigation")
    phrase_object: Token | None = None  # the object of a phrasal trigger ("fired at Russia", "cracked down on")
    background: bool = False  # told as background to another event ("released X, who had been jailed ...")
    solo: bool = False  # a meeting of one side only ("the Cabinet met"): not an event, and takes no donor


class EventCoder:
    """Rule-based PLOVER coder over a spaCy dependency parse (``plover_rules.v4``)."""

    name = CODER_NAME

    def __init__(
        self,
        lexicon: Lexicon,
        attach_location: LocationAttacher | None = None,
        country_actor: Callable[[str], ActorMention | None] | None = None,
        type_scorer: Callable[[Span], dict[str, float]] | None = None,
    ) -> None:
        self.lexicon = lexicon
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
        finder = ArgumentFinder(doc, actors)
        self._original = clean.article.text
        self._places = list(places)
        self._substitutions = [
            (w.start, w.end)
            for w in clean.warnings
            if w.code == "mistranslation" and w.start is not None and w.end is not None
        ]
        time_heads = _time_heads(doc, times)
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
                time = _governing_time(cand, time_heads)
                if time is None and carried_time is not None and cand.clause.tag_ in ("VBD", "VBN"):
                    time = carried_time
                if time is not None and time.historical:
                    sent_time = time
                for event in self._events(cand, sent, s_index, time, places, doc_date, clean.article.doc_id, finder):
                    if _missing_recipient(event):
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
    def _candidates(self, sent: Span, finder: ArgumentFinder, s_index: int) -> list[_Candidate]:
        out: list[_Candidate] = []
        orphans: list[_Candidate] = []
        used: set[int] = set()
        accident = sentence_accident(sent)
        if accident is None and sent.start > 0 and not sent.doc[sent.start - 1].is_punct:
            # the parser cut "A fire breaks out at the Rong Beer Na | Lat Phrao pub ..., killing 27" in two
            accident = sentence_accident(sent.doc[sent.start - 1].sent)
        for tok in sent:
            if tok.i in used:
                continue
            cand: _Candidate | None = None
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                cand = self._verb_candidate(tok, finder)
            elif tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod", "ROOT"):
                cand = self._adj_candidate(tok)
            elif tok.pos_ in ("NOUN", "PROPN"):
                cand = self._noun_candidate(tok, finder)
            if cand is None:
                continue
            used.add(cand.trigger.i)
            if cand.nominal and natural_hazard(cand.trigger):
                continue
            if _weapon_participle(cand.trigger) and self._verb_candidate(cand.trigger.head.head, finder) is not None:
                continue  # "detonated an IED targeting a convoy": one attack, coded on "detonated"
            if not cand.nominal and cand.entry.phrase in _VOW_VERBS and cand.entry.event_type == "THREATEN":
                chain = [c for c in cand.trigger.children if c.dep_ == "xcomp"]
                chain += [g for c in chain for g in c.children if g.dep_ == "xcomp"]  # "vowed to continue supplying"
                promised = [self._verb_candidate(c, finder) for c in chain]
                if any(p is not None and QUAD_CLASS[p.entry.event_type] <= 2 for p in promised):
                    # "vowing to continue shipments of humanitarian aid": a promise, not a threat
                    cand.entry = _retype(cand.entry, "AGREE", None)
            self._fill_arguments(cand, finder, s_index)
            if any(_named_war(g) for h in (cand.trigger, cand.clause) for c in h.children for g in c.children):
                cand.background = True  # "soldiers killed in the Korean War", "during World War II": history
            if accident is not None and _harm(cand) and not any(_hostile(a) for a in cand.actors):
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
        _inherit_complement_recipients(out)
        _mark_background(out)
        out.extend(self._deontic_requests(sent, finder, s_index, out))
        out = _drop_protest_purposes(out)
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
        if lemma in self.lexicon.verbs or lemma in LIGHT_VERBS:
            return lemma
        for guess in _deinflect(tok.lower_):
            if guess in self.lexicon.verbs or guess in LIGHT_VERBS:
                return guess
        return lemma

    def _verb_candidate(self, tok: Token, finder: ArgumentFinder) -> _Candidate | None:
        if tok.dep_ in ("amod", "compound"):
            return None  # "the proposed agreement", "the banned movement": modifiers, not events
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_.lower() in _STATE_PARTICIPLES:
            return None  # "militiamen armed with machetes", "Iran-backed groups"
        if tok.dep_ == "acl" and tok.lemma_.lower() == "target" and tok.head.lemma_.lower() in _MEASURE_HEADS:
            return None  # "a U.S. blacklist targeting Chinese firms", "sanctions targeting Russian banks": no attack
        if tok.tag_ == "VBG" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lemma_.lower() in _PLAYER_ROLES:
            return None  # "signs attacking midfielder X", "the defending champion": a player's position
        if _misparsed_means(tok):
            # "killed in Israeli tank shelling" read as "killed in Israeli tank" + a clause "shelling":
            # the shelling is how they were killed, one event whose author the killing takes
            head = self._verb_candidate(tok.head, finder)
            if head is not None and head.entry.event_type == "ASSAULT":
                return None
        lemma = self._verb_lemma(tok)
        phrasal = any(f"{lemma} {c.lower_}" in self.lexicon.verbs for c in tok.children if c.dep_ in ("prt", "prep"))
        if lemma in SPEECH_VERBS and lemma not in self.lexicon.verbs and not phrasal:
            return None  # but "wrote off $1.2 billion in loans", "called off the strike" are events
        dobj = _direct_object(tok)
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
        for key, obj in keys:
            for entry in self.lexicon.verbs.get(key, ()):
                if self._conditions_hold(entry, tok, obj if " " in key else dobj, finder):
                    phrase_obj = obj if " " in key and obj is not None and obj is not dobj else None
                    return _Candidate(trigger=tok, clause=tok, entry=entry, phrase_object=phrase_obj)
        # "they are in (full swing in) ceasefire negotiations"
        if lemma == "be":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for obj in _pobjs_deep(c, 2):
                        noun_entry = self._noun_entry(obj)
                        if noun_entry is not None and noun_entry.event_type in _STATE_NOUN_TYPES:
                            return _Candidate(trigger=obj, clause=tok, entry=noun_entry, nominal=True, light=True)
            return None
        # light verb + event noun: "held talks", "launched an attack", "engaged in dialogue"
        if lemma in LIGHT_VERBS or any(f"{lemma} {c.lower_}" in LIGHT_VERBS for c in tok.children if c.dep_ == "prt"):
            objs = [dobj] if dobj is not None else []
            if dobj is not None:
                # "launched 10 days of war games", "a series of attacks"
                objs += [g for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
                objs += list(dobj.conjuncts)  # "launched artillery, mortar and rocket fire against ..."
            objs += [
                g
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("in", "into", "on", "for", "under")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            for obj in objs:
                noun_entry = self._noun_entry(obj)
                if noun_entry is not None:
                    return _Candidate(trigger=obj, clause=tok, entry=noun_entry, nominal=True, light=True)
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
                if c.dep_ == "prep" and c.lower_ in ("in", "of", "worth")
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
            subj = _subject(verb)
            if subj is None or subj.lemma_.lower() not in entry.subjects:
                return False
        if entry.complements:
            if not any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in entry.complements for c in verb.children):
                return False
            ordered = _direct_object(verb)
            if ordered is not None and ordered.lemma_.lower() in _SUBORDINATES:
                return False  # "the president ordered the army to stop": a command, not coercion
        if entry.intransitive and _direct_object(verb) is not None:
            return False
        if entry.no_xcomp and any(c.dep_ in ("xcomp", "oprd", "ccomp") for c in verb.children):
            return False
        if entry.obj_actor:
            d = _direct_object(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if d is not None and not _is_actorish(d, finder):
                return False
        return True

    def _adj_candidate(self, tok: Token) -> _Candidate | None:
        entries = self.lexicon.adjs.get(tok.lemma_.lower())
        if not entries:
            return None
        clause = tok.head if tok.dep_ == "acomp" else tok
        return _Candidate(trigger=tok, clause=clause, entry=entries[0])

    def _noun_entry(self, tok: Token) -> TriggerEntry | None:
        lemma = tok.lemma_.lower()
        compounds = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        if lemma in _WAR_NOUNS and any(c.lemma_.lower() in _FIGURATIVE_WARS for c in compounds):
            return None  # "an economic war against Iran", "a trade war", "a price war": no fighting
        for c in compounds:
            entries = self.lexicon.nouns.get(f"{c.lemma_.lower()} {lemma}") or self.lexicon.nouns.get(
                f"{c.lower_} {lemma}"
            )
            if entries:
                return entries[0]
        entries = self.lexicon.nouns.get(lemma) or self.lexicon.nouns.get(tok.lower_)
        if not entries and lemma in GENERIC_EVENT_HEADS:
            # "a mediation effort", "the peace process": the modifier names the event
            for c in compounds:
                entries = self.lexicon.nouns.get(c.lemma_.lower())
                if entries:
                    break
        return entries[0] if entries else None

    def _noun_candidate(self, tok: Token, finder: ArgumentFinder) -> _Candidate | None:
        entry = self._noun_entry(tok)
        if entry is None:
            return None
        head = tok.head
        # "fighting broke out", "talks were held", "an attack killed ..."
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in OCCURRENCE_VERBS:
            return _Candidate(trigger=tok, clause=head, entry=entry, nominal=True, light=True)
        # "the talks between X and Y", "Israel's offensive on Gaza", "the Israeli airstrikes"
        has_between = any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children)
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if has_between or (owner is not None and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "attr")):
            if _time_anchor(tok):
                return None  # "since the start of the country's civil war": a date, not a report of fighting
            clause = _clause_of(tok)
            if clause is not None and clause.i != tok.i and self._verb_candidate(clause, finder) is not None:
                # the noun is an argument of another event ("stop its offensive"): no separate event
                return None
            return _Candidate(trigger=tok, clause=clause or tok, entry=entry, nominal=True)
        return None

    # ------------------------------------------------------------ arguments
    def _fill_arguments(self, cand: _Candidate, finder: ArgumentFinder, s_index: int) -> None:
        entry = cand.entry
        if cand.light:
            # light verb or occurrence verb: subject of the light verb is the actor
            actors: list[ActorMention] = []
            recips: list[ActorMention] = []
            subj = _subject(cand.clause) if cand.trigger.dep_ not in ("nsubj", "nsubjpass") else None
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
            clause_obj = _direct_object(cand.clause)
            if clause_obj is not None and clause_obj.i != cand.trigger.i:
                # "Syrian rebels engaged Filipino peacekeepers in a firefight"
                recips = recips + finder.actors_of(clause_obj, s_index)
            if actors2 and cand.clause.lemma_.lower() in _MEDIATION_PREPS | {"chair", "convene"}:
                # "Russia hosted talks between Fatah and Hamas": the parties act, the host mediates
                cand.mediators = list(actors)
                actors = []
            actors = actors or actors2
            recips = recips + recips2
            recips += self._prep_recipients(cand.clause, entry, finder, s_index)
        elif cand.nominal:
            actors, recips = self._noun_arguments(cand.trigger, entry, finder, s_index)
        elif cand.trigger.pos_ == "ADJ":
            actors = finder.actors_of(_subject(cand.clause), s_index)
            recips = self._prep_recipients(cand.trigger, entry, finder, s_index)
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
            dobj = _direct_object(cand.trigger)
            if dobj is not None and not parties:
                parties = finder.mentions_in(dobj.left_edge.i, dobj.right_edge.i + 1)
            cand.mediators = cand.mediators + actors
            actors, recips = parties, []
        # reciprocal pronoun: "accuse each other" -> both directions
        objs = [_direct_object(cand.trigger)] + [
            g for c in cand.trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if any(o is not None and is_reciprocal_pronoun(o) for o in objs) and len(actors) >= 2:
            cand.reciprocal_pair = True
            recips = []
        if entry.event_type == "CONSULT" and entry.mode == "visit" and not cand.nominal:
            subj = _subject(cand.trigger)
            if subj is not None and subj.lemma_.lower() in _TROOP_NOUNS:
                # "NATO peacekeeping troops arrived in Bosnia": a deployment, not a visit
                words = {t.lower_ for t in subj.subtree}
                peace = any(w.startswith(("peacekeep", "humanitarian", "relief", "medical")) for w in words)
                cand.entry = entry = _retype(entry, "AID" if peace else "MOBILIZE", None if peace else "troops")
        if entry.event_type == "COOPERATE" and entry.phrase in _EXERCISE_NOUNS and len(actors) < 2 and not recips:
            # "Russia is conducting military exercises in Alaska": alone, an exercise is a show of force
            joint = any(c.lemma_.lower() in ("joint", "combined", "bilateral") for c in cand.trigger.children)
            if not joint:
                cand.entry = entry = _retype(entry, "MOBILIZE", "troops")
        if entry.mode == "destroy" and not cand.nominal:
            doer = _agent_or_subject(cand)
            if doer is not None and doer.lemma_.lower() in _PROTESTER_NOUNS:
                # "the building was demolished by a Ukrainian protestor": destruction by protesters is a riot
                cand.entry = entry = _retype(entry, "PROTEST", "riot")
        if not actors and not entry.swap_roles:  # "received weapons" names no giver: none is guessed
            generic = _generic_party(_agent_or_subject(cand))
            actors = [generic] if generic is not None else []
        if not recips and not cand.nominal and entry.event_type not in ("CONSULT", "AGREE"):
            generic = _generic_party(_direct_object(cand.trigger))
            recips = [generic] if generic is not None else []
        if not recips and not cand.nominal and entry.event_type not in ("CONSULT", "ACCUSE", "SUPPORT"):
            # "threatened to deliver blows to the United States", "offered to hand over to Great Britain
            # two of its nationals": the target is in the complement
            # every xcomp: "agreed to re-open its borders" is parsed as three ("re", "-", "open")
            for comp in (c for c in cand.trigger.children if c.dep_ == "xcomp"):
                recips = recips or self._complement_targets(comp, finder, s_index)
                for inner in (g for g in comp.children if g.dep_ == "xcomp"):
                    # "vowed to keep fighting Israel", "pledged to continue supplying gas to Serbia"
                    recips = recips or self._complement_targets(inner, finder, s_index)
        if not recips and entry.event_type == "PROTEST":
            # "staged a hunger strike in protest against the violations by Algerian security forces"
            for head in (cand.trigger, cand.clause):
                for c in head.children:
                    if c.dep_ == "prep" and c.lower_ == "in":
                        for g in c.children:
                            if g.dep_ == "pobj" and g.lemma_.lower() == "protest":
                                recips = recips or self._prep_recipients(g, entry, finder, s_index)
        if not recips and not cand.nominal and entry.event_type in _NEEDS_RECIPIENT:
            # "helping militants join an armed group": the one helped is the subject of the helped act
            for comp in (c for c in cand.trigger.children if c.dep_ in ("ccomp", "xcomp")):
                helped = next((g for g in comp.children if g.dep_ == "nsubj"), None)
                found = finder.actors_of(helped, s_index) if helped is not None else []
                generic = _generic_party(helped) if helped is not None and not found else None
                recips = recips or found or ([generic] if generic is not None else [])
        if not recips and not cand.nominal:
            recips = self._relation_partners(cand.trigger, finder, s_index)
        if not recips and entry.event_type in ("REQUEST", "ACCUSE"):
            # "demanded that the US cancel ...", "alleged that France was aware of ..."
            recips = self._addressees_of_clause(cand.trigger, finder, s_index)
        if not recips and not cand.nominal and entry.event_type in ("COERCE", "REJECT", "SANCTION"):
            recips = self._protest_organisers(cand.trigger, finder, s_index)
        if not recips and not cand.nominal and entry.event_type == "THREATEN":
            recips = self._condition_subjects(cand.trigger, finder, s_index)
        if not recips:
            # "shelled the capital Juba", "attack the Rafah crossing": a place stands for its country
            recips = self._place_targets(cand, entry)
        actor_ids = {_key(a) for a in actors}
        recips = [r for r in recips if _key(r) not in actor_ids]
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
        med_ids = {_key(m) for m in cand.mediators}
        actors = [a for a in actors if _key(a) not in med_ids] or actors
        cand.actors, cand.recipients = actors, recips

    def _relation_partners(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """'broke off relations with Russia', 'boycott all contact with the United States', 'reneged on his
        commitment to the Zambian people', 'pulled out of the deal with Iran'."""
        dobj = _direct_object(verb)
        objects = [dobj] if dobj is not None else []
        preps = [c for c in verb.children if c.dep_ == "prep"]
        # "pulled out of the deal": "of" under the particle or under "out" read as a preposition
        preps += [g for c in verb.children if c.dep_ in ("prt", "prep") for g in c.children if g.dep_ == "prep"]
        objects += [g for c in preps if c.lower_ in ("on", "of", "from") for g in c.children if g.dep_ == "pobj"]
        for obj in objects:
            lemma = obj.lemma_.lower()
            if lemma in _RELATION_NOUNS:
                partner_preps: tuple[str, ...] = ("with", "between")
            elif lemma in _COMMITMENT_NOUNS:
                partner_preps = ("to", "with")
            else:
                continue
            for head in (obj, verb):
                for c in head.children:
                    if c.dep_ == "prep" and c.lower_ in partner_preps:
                        found = finder.actors_of(pobj(c), s_index)
                        if found:
                            return found
        return []

    def _protest_organisers(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """'police prevented the demonstration staged by students', 'banned the opposition's rally'."""
        dobj = _direct_object(verb)
        if dobj is None or dobj.lemma_.lower() not in _PROTEST_NOUNS:
            return []
        for c in dobj.children:
            if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by"):
                obj = c if c.dep_ == "poss" else pobj(c)
                found = finder.actors_of(obj, s_index)
                if found:
                    return found
            if c.dep_ == "acl":
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                obj = pobj(agent) if agent is not None else None
                found = finder.actors_of(obj, s_index)
                if found:
                    return found
        return []

    def _condition_subjects(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """'threatened to stop the talks if the United States goes ahead': the threat is aimed at whoever
        must meet the condition."""
        heads = [verb] + [c for c in verb.children if c.dep_ == "xcomp"]
        for head in heads:
            for c in head.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                    found = _clause_subject_actors(c, finder, s_index)
                    if found:
                        return found
        return []

    def _addressees_of_clause(self, trigger: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """'demanded that the US cancel ...', 'its demand that Israel ease ...': the one asked to act."""
        heads = [trigger]
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj":
            heads.append(trigger.head)  # "reiterated its demand today that Israel ease ..."
        for c in (c for head in heads for c in head.children):
            if c.dep_ in ("ccomp", "acl", "xcomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                found = _clause_subject_actors(c, finder, s_index)
                if found:
                    return found
        return []

    def _instrument_authors(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        weapon = _subject(verb)
        if weapon is not None and weapon.lemma_.lower() in _WEAPON_NOUNS | _EXPLOSIVE_NOUNS:
            # "a landmine planted by an armed group exploded, killing two shepherds": who planted it
            for c in weapon.children:
                agent = next((g for g in c.children if g.dep_ == "agent"), None) if c.dep_ == "acl" else None
                found = finder.actors_of(pobj(agent), s_index) if agent is not None else []
                if found:
                    return found
        for c in verb.children:
            entry = self._noun_entry(c) if _misparsed_means(c) else None
            if entry is not None and entry.event_type == "ASSAULT":
                # "killed in Pakistani army shelling", parsed as "killed in Pakistani army" + "shelling"
                found = finder.actors_of(c.doc[c.i - 1], s_index)
                if found:
                    return found
        for c in verb.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "from"):
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    if _named_war(g):
                        continue  # "killed in the Korean War": the name of a war, not its author
                    entry = self._noun_entry(g)
                    if entry is not None and entry.event_type == "ASSAULT":
                        found, _ = self._noun_arguments(g, entry, finder, s_index)
                        if found:
                            return found
                    if g.lemma_.lower() in _WEAPON_NOUNS or (entry is not None and entry.event_type == "ASSAULT"):
                        # "killed in Israeli tank shelling", "hit by a Russian drone": whose weapon
                        for m in g.children:
                            if m.dep_ in ("amod", "compound", "poss") and m.i < g.i:
                                found = finder.actors_of(m, s_index)
                                if found:
                                    return found
        for c in verb.children:
            if c.dep_ == "advcl" and any(
                g.lower_ in ("when", "after", "as") for g in c.children if g.dep_ in ("mark", "advmod")
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

    def _complement_targets(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        out: list[ActorMention] = self._places_under(verb, ("in", "against", "on", "into"))
        dobj = _direct_object(verb)
        if dobj is not None:
            out += finder.actors_of(dobj, s_index)
            # "threatened to ban voting in East Jerusalem", "resume attacks in Israel"
            out += self._places_under(dobj, ("in", "against", "on", "into"))
        # "plans to impose restrictions on its labour market for new EU members": whom a measure is for
        measure = dobj is not None and dobj.lemma_.lower() in _MEASURE_NOUNS
        preps = ("to", "against", "on", "at", "with") + (("for",) if measure else ())
        for c in verb.children:
            if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in preps):
                obj = (pobj(c) or c) if c.dep_ == "dative" else pobj(c)
                out += finder.actors_of(obj, s_index)
        return out

    def _places_under(self, verb: Token, preps: tuple[str, ...]) -> list[ActorMention]:
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
                return _place_party(place)
        return None

    def _place_targets(self, cand: _Candidate, entry: TriggerEntry) -> list[ActorMention]:
        heads: list[Token] = []
        verb = cand.trigger if not cand.nominal else cand.clause
        dobj = _direct_object(verb)
        if dobj is not None and dobj.i != cand.trigger.i:
            heads.append(dobj)
        targets = set(entry.recip_preps) | ({"on", "against", "into"} if QUAD_CLASS[entry.event_type] == 4 else set())
        for head in {cand.trigger, verb}:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in targets:
                    heads.extend(g for g in c.children if g.dep_ == "pobj")
        return [p for p in map(self._place_in, heads) if p is not None]

    def _verb_arguments(
        self, verb: Token, entry: TriggerEntry, finder: ArgumentFinder, s_index: int
    ) -> tuple[list[ActorMention], list[ActorMention], bool]:
        """Actors, recipients, and whether the clause is a passive with no agent (kept without an actor)."""
        subj = _subject(verb)
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
            or (subj.head.i == verb.i and _absolute_participle(verb))
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
                recips = self._prep_recipients(subj, entry, finder, s_index)
        else:
            actors = finder.actors_of(subj, s_index)
            if not actors and subj is not None and subj.lemma_.lower() in _DOCUMENT_NOUNS:
                # "a report released in the Rwandan capital alleged ...": the document speaks for its authors
                found = finder.mentions_in(subj.left_edge.i, subj.right_edge.i + 1)
                actors = [m for m in found if m.country][:1]
            dobj = _direct_object(verb) or _shifted_object(verb)
            if dobj is not None and entry.event_type == "AID" and dobj.lemma_.lower() in entry.objects:
                # "sent Patriot air defence systems to Ukraine", "receive F-16 jets": what is given is no party,
                # but "forgives the debt of Somalia", "$1.2 billion in loans to Ethiopia" name whom it is for
                inner = [g for c in dobj.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
                for part in (dobj, *inner):
                    recips = recips or self._prep_recipients(part, entry, finder, s_index)
                recips = recips or _of_object(dobj, finder, s_index)
                dobj = None
            aimed = next((c for c in dobj.children if _weapon_participle(c)), None) if dobj is not None else None
            if aimed is not None:
                # "detonated an IED targeting an AMISOM convoy": the weapon's target
                recips += finder.actors_of(_direct_object(aimed), s_index)
            if dobj is not None and not recips:
                # "deployed three F-16 jets", "mobilised 300,000 reservists": what is mobilised is no party
                recips = finder.actors_of(dobj, s_index) if entry.event_type != "MOBILIZE" else []
                # "suspends its visa-free arrangement for Turkish citizens": the actor's own thing names no one
                acting = {_key(a) for a in actors}
                recips = [r for r in recips if _key(r) not in acting]
                if not recips:
                    # "imposed sanctions on Russia": the recipient hangs off the object, or off its
                    # last conjunct ("launched artillery, mortar and rocket fire against the camps")
                    # "$1.2 billion in loans to Ethiopia": or off what the amount is of
                    amounts = [
                        g
                        for c in dobj.children
                        if c.dep_ == "prep" and c.lower_ in ("in", "of", "worth")
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
                    for part in (dobj, *dobj.conjuncts, *amounts):
                        recips = recips or self._prep_recipients(part, entry, finder, s_index)
                if dobj.lemma_.lower() in _MEASURE_NOUNS and _only_own(recips, actors):
                    # "lift the curfew on Palestinians", "a ban against the party", "impose restrictions
                    # on its labour market for new EU members" (its own market is not whom it is for)
                    recips = [
                        a
                        for c in [*dobj.children, *(c for c in verb.children if c.lower_ == "for")]
                        if c.dep_ == "prep" and c.lower_ in ("on", "against", "for")
                        for a in finder.actors_of(pobj(c), s_index)
                    ]
                if entry.mode == "withdraw" and _own_object(dobj):
                    # "Rwanda withdraws its troops from eastern Congo", "recalled its ambassador from Paris":
                    # its own people are what it withdraws, not whom
                    own = {a.country for a in actors}
                    recips = [r for r in recips if r.kind not in ("group", "person") and r.country not in own]
                    recips = recips or self._prep_recipients(dobj, entry, finder, s_index)
                if not recips:
                    recips = _of_object(dobj, finder, s_index)
            dative = next((c for c in verb.children if c.dep_ == "dative"), None)
            if dative is not None:
                # "presented a plan to Israel and Hamas": a dative "to" names its object and its conjuncts
                recips += finder.actors_of(pobj(dative) or dative, s_index)
        recips += self._prep_recipients(verb, entry, finder, s_index)
        if entry.swap_roles:
            # "Georgian demonstrators received weapons from the government": the giver acts
            obj = _direct_object(verb)
            heads = [verb] + ([obj] if obj is not None else [])  # "received assurances from the government"
            givers = [
                a
                for h in heads
                for c in h.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for a in finder.actors_of(pobj(c), s_index)
            ]
            return givers, actors, agentless
        if entry.event_type in _SETTLEMENT_TYPES and _only_own(recips, actors):
            # "called off its strike after deliberations with the government": who it was settled with
            recips = [a for a in _talks_partners(verb, finder, s_index) if a not in actors] or recips
        if not recips and entry.event_type in ("REJECT", "SUPPORT", "ACCUSE"):
            # "vetoed resolutions ... in the Security Council": an IGO in the clause
            # not inside a reported clause: "alleging that the government looted a WFP warehouse"
            scope = [t for c in verb.children if c.dep_ not in _CLAUSE_DEPS for t in c.subtree]
            for c in scope:
                m = finder.mention_at(c)
                if m is not None and m.country == "IGO" and m not in actors:
                    recips = [m]
                    break
        return actors, recips, agentless

    def _prep_recipients(
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
            if _host_modifier(c):
                continue  # "Turkey hosted talks between ..." read as "hosted talks": the host mediates
            if c.dep_ == "poss" and noun.lemma_.lower() in _PATIENT_NOUNS:
                recips.extend(finder.actors_of(c, s_index))  # "Charlie Kirk's killing", "Navalny's arrest"
            elif c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i < noun.i):
                actors.extend(finder.actors_of(c, s_index))
            elif (c.dep_ == "prep" and c.lower_ == "between") or (c.dep_ == "prep" and c.lower_ == "by"):
                obj = pobj(c)
                actors.extend(finder.actors_of(obj, s_index))
        recips.extend(self._prep_recipients(noun, entry, finder, s_index))
        return actors, recips

    def _mediators(self, cand: _Candidate, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
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
                if c.dep_ == "acl" and c.lemma_.lower() in _MEDIATION_PREPS:
                    for g in c.children:
                        if g.dep_ == "agent":
                            out.extend(finder.actors_of(pobj(g), s_index))
                        if g.dep_ == "prep" and g.lower_ == "with":
                            out.extend(self._helpers_of(g, finder, s_index))
                # "Egyptian-brokered truce", "Qatari-mediated talks"
                if c.dep_ in ("amod", "compound") and "-" in c.text:
                    rest = c.text.partition("-")[2]
                    if rest.lower().startswith(("broker", "mediat", "host", "sponsor", "led")):
                        m = finder.mention_at(c)
                        if m is not None:
                            out.append(m)
                # "through Qatari and Egyptian mediators", "with the mediation of Egypt", "under UN auspices"
                if c.dep_ == "prep" and c.lower_ in ("through", "via", "with", "under"):
                    for g in c.children:
                        if g.dep_ == "pobj" and g.lemma_.lower() in _MEDIATOR_NOUNS:
                            out.extend(finder._nearest_in_phrase(g, s_index))
                            for conj in g.children:
                                if conj.dep_ == "conj":
                                    out.extend(finder.actors_of(conj, s_index))
        for c in cand.trigger.children:
            if _host_modifier(c):
                # "Turkey hosted talks between ...", parsed as a noun "talks" modified by "hosted"
                out.extend(finder.actors_of(c, s_index))
        # "X hosted/mediated/brokered talks between A and B"
        clause = cand.clause
        if cand.nominal and clause.lemma_.lower() in _MEDIATION_PREPS | {"host", "chair", "convene"}:
            has_between = any(c.dep_ == "prep" and c.lower_ == "between" for c in cand.trigger.children)
            if has_between:
                out.extend(finder.actors_of(_subject(clause), s_index))
        return out

    def _helpers_of(self, with_prep: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
        """ "mediated by Qatar with the help of Egypt and the United States": the helpers mediate too."""
        out: list[ActorMention] = []
        for h in with_prep.children:
            if h.dep_ == "pobj" and h.lemma_.lower() in ("help", "assistance", "support", "backing"):
                of = next((x for x in h.children if x.dep_ == "prep" and x.lower_ == "of"), None)
                obj = pobj(of) if of is not None else None
                out.extend(finder.actors_of(obj, s_index) if obj is not None else finder._nearest_in_phrase(h, s_index))
        return out

    def _deontic_requests(
        self, sent: Span, finder: ArgumentFinder, s_index: int, found: list[_Candidate]
    ) -> list[_Candidate]:
        """'X said/noted that Y must stop Z' is a REQUEST from X to Y."""
        out: list[_Candidate] = []
        request = next(iter(self.lexicon.verbs.get("demand", ())), None)
        if request is None:
            return out
        taken = {c.trigger.i for c in found if c.entry.event_type == "REQUEST"}
        for tok in sent:
            if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in SPEECH_VERBS | _RULING_VERBS:
                continue
            auxes = {c.lemma_.lower() for c in tok.children if c.dep_ == "aux"}
            if not auxes & _DEONTIC:
                continue
            speech = tok.head
            if speech.i in taken:
                continue
            speakers = finder.actors_of(_subject(speech), s_index)
            addressees = finder.actors_of(_subject(tok), s_index)
            if speakers and addressees:
                cand = _Candidate(trigger=speech, clause=speech, entry=request, actors=speakers, recipients=addressees)
                out.append(cand)
                taken.add(speech.i)
        return out

    # ------------------------------------------------------------ events
    def _events(
        self,
        cand: _Candidate,
        sent: Span,
        s_index: int,
        time: TimeMention | None,
        places: Sequence[PlaceMention],
        doc_date: str | None,
        doc_id: str,
        finder: ArgumentFinder,
    ) -> list[Event]:
        entry = cand.entry
        modality = clause_modality(cand.clause)
        status = modality.status
        if status == "future" and modality.cue in ("attempt", "try", "effort", "bid") and entry.event_type == "ASSAULT":
            # an attempted assassination or attack is coded as the act (the manual's "targeted" mode), but
            # "the attempt by the prime minister to oust the president" has not ousted anyone
            status = "asserted"
        reporter_tok = reporting_verb(cand.clause)
        reporter: ActorRef | None = None
        if reporter_tok is not None and not _impersonal(reporter_tok):
            speakers = finder.actors_of(_subject(reporter_tok), s_index)
            if speakers:
                reporter = _ref(speakers[0])
        if reporter is None:
            reporter = _according_to(sent, finder, s_index)
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
        if status == "asserted" and _after_document(date, precision, doc_date):
            status = "future"  # "looks forward to welcoming X on July 5" in a March report has not happened
        if not historical and date and doc_date and len(date) >= 4 and date[:4].isdigit():
            historical = int(date[:4]) < int(doc_date[:4]) - 1
        location = None
        if self.attach_location is not None and places:
            location = self.attach_location(cand.trigger, places)
            if location is None and cand.clause.i != cand.trigger.i:
                location = self.attach_location(cand.clause, places)
        if location is not None and location.country_code and entry.event_type in _DOMESTIC_TYPES:
            # "police arrested protesters in Tbilisi": unnamed local parties belong to the place's country
            cand.actors = [_with_country(a, location.country_code) for a in cand.actors]
            cand.recipients = [_with_country(r, location.country_code) for r in cand.recipients]
        if entry.event_type in _DOMESTIC_TYPES:
            # "Egyptian police opened fire on demonstrators": a police force acts at home, on its own people
            police = {a.country for a in cand.actors if a.sector == "COP" and a.country and a.country != "IGO"}
            if len(police) == 1:
                cand.recipients = [_with_country(r, next(iter(police))) for r in cand.recipients]
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
            mediators.append(_mention_from_ref(reporter))
        if (
            entry.event_type == "CONSULT"
            and cand.nominal
            and location is not None
            and location.country_code
            and self.country_actor is not None
            and _third_party_talks(cand.trigger)
        ):
            # "indirect talks in Doha", "ceasefire negotiations in Cairo": the host country mediates
            party_countries = {a.country for a in cand.actors + cand.recipients}
            if location.country_code not in party_countries and len(cand.actors + cand.recipients) >= 2:
                host = self.country_actor(location.country_code)
                if host is not None and host.actor_id not in {m.actor_id for m in mediators}:
                    mediators.append(host)
        mediators = _unique_refs(mediators)
        mode = entry.mode
        if entry.event_type == "CONSULT" and mediators:
            mode = "third-party"
        context = _contexts(sent)
        confidence = _confidence(cand, time, status)
        # Unknown names keep their text but get a best country guess from the clause's place
        # or the sentence's countries ("Ousted President Askar Akayev ... Kyrgyzstan").
        # "Kenzo Oshima, the United Nations relief coordinator": an apposition says whose first
        cand.actors = [_appositive_country(a, sent, finder) for a in cand.actors]
        cand.recipients = [_appositive_country(r, sent, finder) for r in cand.recipients]
        context_country = location.country_code if location is not None else None
        if context_country is None:
            context_country = _sentence_country(sent, finder, cand)
        if context_country:
            cand.actors = [_with_country(a, context_country, any_kind=True) for a in cand.actors]
            cand.recipients = [_with_country(r, context_country, any_kind=True) for r in cand.recipients]
        if (
            entry.event_type in _TERRITORIAL_TYPES
            and not cand.recipients
            and location is not None
            and location.country_code
            and (
                entry.event_type == "PROTEST"
                or location.country_code not in {a.country for a in cand.actors}
                or _imposes_measure(cand)
            )
        ):
            # "activists staged a protest in Beijing", "troops remained on alert in the West Bank",
            # "suspended aid deliveries in Baghdad": the place (its state) is the target
            cand.recipients = [_place_party(location)]
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
                cand.actors = [_unidentified_group(origin)]
            elif where is not None and where.country_code:
                cand.actors = [_unidentified_group(where.country_code)]
        directions: list[tuple[list[ActorMention], list[ActorMention]]]
        if cand.reciprocal_pair:
            a, b = cand.actors[0], cand.actors[1]
            directions = [([a], [b]), ([b], [a])]
        else:
            directions = [(cand.actors, cand.recipients)]
        derived = _intent_event_type(entry.event_type, modality, reporter, cand.actors)
        if derived is not None and _narrated_purpose(cand.clause, modality):
            derived = None
        clause = cand.clause
        for _ in range(2):  # "agreed to restore relations", "vowed to continue supplying gas"
            if derived is None or clause.dep_ != "xcomp":
                break
            clause = clause.head
            governor = self._verb_candidate(clause, finder)
            if governor is None:
                continue
            governing = governor.entry.event_type
            if governor.entry.phrase in _VOW_VERBS and derived == "AGREE":
                governing = "AGREE"  # a vow to cooperate was coded as a promise
            if governing == derived:
                derived = None  # the agreement or threat is coded on "agreed" / "vowed" itself
            break
        events = []
        trigger_span = _trigger_span(cand)
        for w in self._substitutions:
            # a trigger inside a corrected mistranslation points at the whole original phrase
            if w[0] <= trigger_span[0] < w[1]:
                trigger_span = (w[0], max(w[1], trigger_span[1]))
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
                hosts = list({_key(m): m for m in cand.mediators}.values())
                actors, recips, event_mediators = hosts, [*actors, *recips], []
            ident = _event_id(doc_id, trigger_span[0], etype, actors, recips)
            events.append(
                Event(
                    id=ident,
                    event_type=etype,
                    mode=emode,
                    context=context,
                    actor=tuple(_ref(a) for a in actors),
                    recipient=tuple(_ref(r) for r in recips),
                    mediator=tuple(_ref(m) for m in event_mediators),
                    date=date,
                    date_precision=precision,
                    date_text=date_text,
                    location=location,
                    status=estatus,
                    historical=historical,
                    reported_by=reporter,
                    trigger=TriggerRef(
                        text=original[trigger_span[0] : trigger_span[1]],
                        start=trigger_span[0],
                        end=trigger_span[1],
                    ),
                    sentence=_sentence_ref(sent, s_index, original),
                    quad_class=QUAD_CLASS[etype],
                    intensity=INTENSITY[etype],
                    confidence=confidence,
                )
            )
        if (
            reporter_tok is not None
            and reporter_tok.lemma_.lower() in _ALLEGING_VERBS
            and QUAD_CLASS[entry.event_type] >= 3
            and reporter is not None
            and cand.actors
            and reporter.actor_id not in {a.actor_id for a in cand.actors}
        ):
            # "The US claimed that ISIL had attacked Iraq": the claim accuses ISIL
            accuser = _mention_from_ref(reporter)
            span = (reporter_tok.idx, reporter_tok.idx + len(reporter_tok.text))
            events.append(
                Event(
                    id=_event_id(doc_id, span[0], "ACCUSE", [accuser], cand.actors),
                    event_type="ACCUSE",
                    mode="allege",
                    context=context,
                    actor=(reporter,),
                    recipient=tuple(_ref(a) for a in cand.actors),
                    date=date,
                    date_precision=precision,
                    date_text=date_text,
                    location=location,
                    status="asserted",
                    historical=historical,
                    reported_by=None,
                    trigger=TriggerRef(text=original[span[0] : span[1]], start=span[0], end=span[1]),
                    sentence=_sentence_ref(sent, s_index, original),
                    quad_class=QUAD_CLASS["ACCUSE"],
                    intensity=INTENSITY["ACCUSE"],
                    confidence=max(0.05, confidence - 0.1),
                )
            )
        return events


# ---------------------------------------------------------------- helpers
def _subject(verb: Token | None) -> Token | None:
    """The subject of a clause, borrowed from the controlling or first-conjunct verb when absent."""
    cur = verb
    for _ in range(6):
        if cur is None:
            return None
        subj = next((c for c in cur.children if c.dep_ in _SUBJ and c.dep_ != "expl"), None)
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                return cur.head
            return subj
        if _alleged_participle(cur):
            # "Petro accuses the Ecuadorian military of an airstrike, killing 27 people": the accused
            return _direct_object(cur.head)
        if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ == "ADP" and cur.dep_ == "prep" and cur.head.pos_ in ("VERB", "AUX"):
                # "looks forward to welcoming X": the subject of "looks"; but "jailed a student for helping
                # militants", "accused Russia of shelling": the object of the verb does the -ing
                obj = _direct_object(cur.head)
                if obj is not None:
                    return obj
                cur = cur.head
            if cur.pos_ == "ADJ" and cur.dep_ in ("acomp", "amod"):
                # "it is prepared to impose": the subject of the copula
                cur = cur.head
            if cur.pos_ not in ("VERB", "AUX") and cur.dep_ != "ROOT":
                return None
            continue
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ == "acl" and cur.head.pos_ in ("VERB", "AUX"):
            # "the Council votes to lift sanctions": an infinitive the parser hung on a verb as "acl"
            cur = cur.head
            continue
        if (
            cur.dep_ == "acl"
            and cur.tag_ == "VBG"
            and cur.i > 0
            and cur.doc[cur.i - 1].is_punct
            and cur.head.dep_ in ("dobj", "pobj")
            and cur.head.head.pos_ in ("VERB", "AUX")
        ):
            # "Israeli strikes kill nine people, violating the ceasefire": set off by a comma after the
            # object, the participle goes with the clause's subject (not "arrested men carrying banners")
            cur = cur.head.head
            continue
        if (
            cur.dep_ == "acl"
            and cur.tag_ == "VBG"
            and cur.head.lemma_.lower() in _WEAPON_NOUNS | _EXPLOSIVE_NOUNS
            and cur.head.dep_ in ("dobj", "pobj")
            and cur.head.head.pos_ in ("VERB", "AUX")
        ):
            # "militants detonated an IED targeting a convoy": those who used the weapon
            cur = cur.head.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG":
            if cur.head.lemma_.lower() in _DOCUMENT_NOUNS and cur.head.head.pos_ in ("VERB", "AUX"):
                # "the PKK issued a declaration demanding ...": the issuer demands
                cur = cur.head.head
                continue
            return cur.head
        if cur.dep_ == "acl" and cur.tag_ == "VB":
            owner = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            by = next((c for c in cur.head.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            if owner is None and by is not None and cur.head.lemma_.lower() in _ATTEMPT_NOUNS:
                owner = pobj(by)  # "the attempt by prime minister Magyar to oust the president": Magyar ousts
            if owner is not None:
                # "the United States' efforts to mediate": the possessor acts
                return owner
        if cur.dep_ == "acl" and cur.tag_ == "VB" and cur.head.dep_ in ("dobj", "attr", "pobj"):
            # "chose a time to have a dialogue": the chooser has the dialogue
            cur = cur.head.head
            if cur.pos_ == "ADP":
                cur = cur.head
            continue
        return None
    return None


_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "csubj", "parataxis"})
_NO_DERIVATION = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"})


def _intent_event_type(
    event_type: str, modality: Modality, reporter: ActorRef | None, actors: Sequence[ActorMention]
) -> str | None:
    """The speech act of announcing one's own future action: AGREE, THREATEN or REJECT (or None)."""
    if not modality.intent or modality.status not in ("future", "negated", "hypothetical"):
        return None
    negated = modality.status == "negated" or modality.negated
    aux_only = modality.cue in ("will", "would (reported)", "shall", "'ll", "wo")
    if aux_only:
        # "will" alone is a prediction unless the actor itself announces it
        if reporter is None or reporter.actor_id is None:
            return None
        own = {a.actor_id for a in actors} | {a.affiliation for a in actors if a.affiliation}
        # a state's officials speak for the state: "Israel will evacuate ..., said a spokesperson for the PM"
        states = {a.country for a in actors if a.kind == "country" and a.country}
        official = reporter.country in states and reporter.sector in (None, "GOV", "MIL", "DIP")
        if reporter.actor_id not in own and reporter.affiliation not in own and not official:
            return None
    cooperative = QUAD_CLASS[event_type] <= 2
    if negated:
        return "REJECT" if cooperative and event_type != "REJECT" else None
    if modality.cue == "unless":
        # "will withdraw its force unless ...": a conditional threat
        return "THREATEN" if event_type != "THREATEN" else None
    if event_type in _NO_DERIVATION:
        return None
    if event_type == "ASSAULT" and modality.cue in ("prepare", "prepared", "ready"):
        return "MOBILIZE"  # "the army prepared to resume shelling": a show of force
    return "AGREE" if cooperative else "THREATEN"


_DESIRE_CUES = frozenset({"seek", "try", "attempt", "want", "wish", "hope", "aim", "bid", "effort"})


def _after_document(date: str | None, precision: str | None, doc_date: str | None) -> bool:
    """Is the event dated after the report (at the precision of its date)?"""
    if not date or not doc_date or precision not in ("day", "month", "year"):
        return False
    width = {"day": 10, "month": 7, "year": 4}[precision]
    return len(date) >= width and len(doc_date) >= width and date[:width] > doc_date[:width]


def _narrated_purpose(clause: Token, modality: Modality) -> bool:
    """'Sarkozy heads to Beijing, seeking to mend ties with China': the narrator's account of a purpose,
    not a stated intention (no AGREE or THREATEN is derived from it)."""
    matrix = clause.head if clause.dep_ == "xcomp" else None
    return (
        matrix is not None
        and modality.cue in _DESIRE_CUES
        and matrix.dep_ in ("advcl", "acl", "conj")
        and matrix.tag_ == "VBG"
    )


def _mark_background(cands: list[_Candidate]) -> None:
    """Events in a relative clause that describe a party of another event, or given as the reason for
    another event, are its back story.

    "Israel released the mayor, a Hamas member jailed over a year ago", "the civilians imprisoned for
    acting against Moscow were released", "Adli Yaish, who had been arrested 15 months ago": the
    jailing happened before the report's event and is not what the report is about.
    """
    heads = {c.clause.i for c in cands} | {c.trigger.i for c in cands}
    for cand in cands:
        clause = cand.clause
        if (
            not cand.nominal
            and clause.dep_ == "pcomp"
            and clause.head.lower_ in ("for", "over")
            and clause.head.head.i in heads
        ):
            cand.background = True  # "jailed a student for helping militants": the reason came first
            continue
        if cand.nominal or clause.dep_ not in ("relcl", "acl"):
            continue
        pluperfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children)
        noun = clause.head
        # the noun the clause describes, and the verb that noun belongs to
        owner = noun
        for _ in range(6):
            if owner.head.i == owner.i or owner.pos_ in ("VERB", "AUX"):
                break
            owner = owner.head
        if pluperfect or (clause.tag_ == "VBN" and owner.i in heads and owner.i != clause.i):
            cand.background = True


def _imposes_measure(cand: _Candidate) -> bool:
    """Does the event's object name a measure over a place ("lifted the curfew", "imposed martial law")?"""
    verb = cand.trigger if not cand.nominal else cand.clause
    heads = [verb] + [c for c in verb.children if c.dep_ == "xcomp"]
    for head in heads:
        dobj = _direct_object(head)
        if dobj is None:
            continue
        words = [t for t in dobj.subtree if t.i <= dobj.i]
        words += [g for c in dobj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if any(t.lemma_.lower() in _MEASURE_NOUNS for t in words):
            return True  # "lifted the curfew", "a state of emergency"
    return cand.nominal and cand.trigger.lemma_.lower() in _MEASURE_NOUNS


def _inherit_complement_recipients(cands: list[_Candidate]) -> None:
    """'threatened to break relations with Russia': the announced act's recipient is the threat's."""
    by_token = {c.trigger.i: c for c in cands if not c.nominal}
    for cand in cands:
        if cand.recipients or cand.nominal or cand.entry.event_type == "CONSULT":
            continue
        for comp in cand.trigger.children:
            purpose = (
                comp.dep_ == "advcl"
                and QUAD_CLASS[cand.entry.event_type] == 4
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in comp.children)
            )  # "opened fire to disperse the demonstrators"
            inner = by_token.get(comp.i) if comp.dep_ in ("xcomp", "ccomp", "conj") or purpose else None
            if inner is None or not inner.recipients:
                continue
            if comp.dep_ == "conj" and inner.actors:
                continue  # "X attacked Y and Z retreated": a new clause with its own parties
            own = {_key(a) for a in cand.actors}
            cand.recipients = [r for r in inner.recipients if _key(r) not in own]
            if cand.recipients:
                break


def _drop_protest_purposes(cands: list[_Candidate]) -> list[_Candidate]:
    """'staged demonstrations to demand reforms': the demand is the protest's purpose, not a second event."""
    protests = {c.clause.i for c in cands if c.entry.event_type == "PROTEST"} | {
        c.trigger.i for c in cands if c.entry.event_type == "PROTEST"
    }
    if not protests:
        return cands
    kept = []
    for c in cands:
        purpose_types = ("REQUEST", "ACCUSE", "REJECT", "PROTEST")
        if c.entry.event_type in purpose_types and not c.nominal:
            cur, hops, host = c.clause, 0, None
            while cur.head.i != cur.i and hops < 3:
                if cur.dep_ in ("advcl", "xcomp", "acl", "prep", "pcomp", "pobj") and cur.head.i in protests:
                    host = next((p for p in cands if p is not c and cur.head.i in (p.clause.i, p.trigger.i)), None)
                    break
                cur, hops = cur.head, hops + 1
            if host is not None:
                # "demonstrations to demand reforms by Suharto's government": the target of the protest
                if not host.recipients:
                    host.recipients = list(c.recipients)
                continue
        kept.append(c)
    return kept


def _deinflect(form: str) -> list[str]:
    """Regular English de-inflections of a verb form, most likely first."""
    out: list[str] = []
    if form.endswith("ied"):
        out.append(form[:-3] + "y")
    if form.endswith("ed"):
        out += [form[:-1], form[:-2]]
        if len(form) > 4 and form[-3] == form[-4]:
            out.append(form[:-3])
    if form.endswith("ing"):
        out += [form[:-3], form[:-3] + "e"]
        if len(form) > 5 and form[-4] == form[-5]:
            out.append(form[:-4])
    if form.endswith("ies"):
        out.append(form[:-3] + "y")
    if form.endswith("es"):
        out.append(form[:-2])
    if form.endswith("s"):
        out.append(form[:-1])
    return out


def _only_own(recips: Sequence[ActorMention], actors: Sequence[ActorMention]) -> bool:
    """No recipient but the actors themselves ("called off its strike": its own); true when there is none."""
    own = {a.actor_id for a in actors if a.actor_id}
    return all(r.actor_id in own for r in recips)


def _host_modifier(tok: Token) -> bool:
    """'hosted' in a misparsed "Turkey hosted talks": a mediation verb read as the noun's modifier."""
    return (
        tok.dep_ == "amod"
        and tok.tag_ in ("VBD", "VBN")
        and tok.lemma_.lower() in _MEDIATION_PREPS
        and tok.i < tok.head.i
    )


def _clause_subject_actors(clause: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """The actors a clause's own subject names; a pronoun subject names none here."""
    subj = next((g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ == "PRON":
        return []
    return finder.actors_of(subj, s_index)


def _misparsed_means(tok: Token) -> bool:
    """'killed in Israeli army shelling' with "shelling" read as a clause after "in Israeli army"."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.dep_ == "pobj" and prev.head.lower_ in ("in", "by", "during") and prev.head.head.i == tok.head.i


# The PLOVER manual's "Requires recipient: Yes"
_NEEDS_RECIPIENT = frozenset({"SANCTION", "AID", "COOPERATE"})


def _missing_recipient(event: Event) -> bool:
    """An asserted sanction, aid or cooperation with no one it is for (two sides acting together count).

    Statements of possible or future ones are kept ("Egypt will suspend the treaty"): their other side is
    often implicit, and they are not counted as events anyway.
    """
    return (
        event.status == "asserted"
        and event.event_type in _NEEDS_RECIPIENT
        and not event.recipient
        and len(event.actor) < 2
    )


# Event nouns whose possessor undergoes the event: "Kirk's killing", "his arrest" (not "Russia's invasion")
_PATIENT_NOUNS = frozenset(
    """killing murder assassination execution death arrest detention abduction kidnapping kidnap release
    deportation expulsion imprisonment jailing torture trial conviction sentencing extradition capture
    disappearance beheading lynching ouster removal impeachment dismissal shooting""".split()  # noqa: SIM905
)
_THING_ENTITIES = frozenset(
    {"WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC", "LANGUAGE", "MONEY", "DATE", "TIME", "QUANTITY"}
)
_THING_NAMES = frozenset(
    """prize award medal cup trophy championship games olympics act treaty accord agreement summit festival
    conference forum law bill week day award prize""".split()  # noqa: SIM905 - word list
)
_MEASURE_HEADS = frozenset(
    """sanction blacklist tariff measure law legislation restriction ban campaign policy investigation probe
    order decree bill rule regulation control list package""".split()  # noqa: SIM905 - word list
)
_PLAYER_ROLES = frozenset(
    """midfielder defender forward striker winger champion champions fullback full-back player titleholder""".split()  # noqa: SIM905
)
_CROWD_NUMBERS = frozenset({"thousands", "hundreds", "dozens", "tens", "millions", "scores"})
_ATTEMPT_NOUNS = frozenset({"attempt", "bid", "effort", "plan", "move", "decision", "push", "drive", "campaign"})
_VOW_VERBS = frozenset({"vow", "swear"})
_WAR_NOUNS = frozenset({"war", "warfare", "battle", "fight", "offensive", "campaign"})
_FIGURATIVE_WARS = frozenset(
    """economic trade tariff price currency culture cultural information propaganda legal political bidding
    talent word media diplomatic cold lawfare""".split()  # noqa: SIM905 - word list
)
_LASTING_CONFLICTS = frozenset(
    {"war", "conflict", "invasion", "occupation", "revolution", "uprising", "insurgency", "genocide"}
)
_TIME_PREPS = frozenset({"since", "during", "before", "until", "throughout", "till"})


def _time_anchor(noun: Token) -> bool:
    """'since the start of the civil war', 'during the 2022 invasion': a war named to date something else."""
    if noun.lemma_.lower() not in _LASTING_CONFLICTS:
        return False
    cur = noun
    for _ in range(4):
        if cur.dep_ == "prep" and cur.lower_ in _TIME_PREPS:
            return True
        if cur.head.i == cur.i or cur.head.pos_ in ("VERB", "AUX"):
            return cur.head.pos_ not in ("VERB", "AUX") or (cur.dep_ == "prep" and cur.lower_ in _TIME_PREPS)
        cur = cur.head
    return False


_HOSTILE_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "UAF", "INS", "CRM", "SEP"})


def _harm(cand: _Candidate) -> bool:
    """A killing, an attack or a destruction (what a disaster or an accident also does)."""
    return cand.entry.event_type == "ASSAULT" or cand.entry.mode == "destroy"


def _hostile(m: ActorMention) -> bool:
    """A party that can attack: a state, an armed non-state actor, armed forces, police, criminals."""
    return m.kind in ("country", "nsa") or m.sector in _HOSTILE_SECTORS or m.country == "IMG"


def _own_object(obj: Token) -> bool:
    """'its troops', 'their entire delegation': an object the subject itself owns."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her") for c in obj.children)


def _named_war(tok: Token) -> bool:
    """'the Korean War', 'World War II', 'the Six-Day War' (as the object of a preposition)."""
    return (
        tok.dep_ == "pobj"
        and tok.lemma_.lower() == "war"
        and tok.text[:1].isupper()
        and tok.head.lower_
        in (
            "in",
            "during",
            "since",
            "after",
            "before",
        )
    )


def _weapon_participle(verb: Token) -> bool:
    """'an IED targeting a convoy', 'a missile aimed at Kyiv': what a weapon used in the clause was aimed at."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBG", "VBN")
        and verb.head.lemma_.lower() in _WEAPON_NOUNS | _EXPLOSIVE_NOUNS
        and verb.head.dep_ == "dobj"
    )


def _alleged_participle(verb: Token) -> bool:
    """'accuses X of an airstrike, killing 27': a participle after an accusation tells what X is accused of."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.head.lemma_.lower() in ACCUSING_VERBS
        and _direct_object(verb.head) is not None
    )


def _absolute_participle(verb: Token) -> bool:
    """'with seven jets destroyed': an absolute participle, whose subject is its patient."""
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == "mark" and c.lower_ in ("with", "without") for c in verb.children)
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def _agent_or_subject(cand: _Candidate) -> Token | None:
    if cand.nominal and cand.trigger.dep_ in ("nsubj", "nsubjpass"):
        return None
    subj = _subject(cand.clause)
    if subj is not None and (
        subj.dep_ == "nsubjpass" or (subj.head.i == cand.clause.i and _absolute_participle(cand.clause))
    ):
        agent = next((c for c in cand.clause.children if c.dep_ == "agent"), None)
        return pobj(agent) if agent is not None else None
    return subj


_PROTESTER_NOUNS = frozenset({"protester", "protestor", "demonstrator", "rioter", "mob"})
_MULTINATIONAL = frozenset({"regional", "international", "multinational", "peacekeeping"})


def _generic_party(tok: Token | None) -> ActorMention | None:
    """An unnamed party ("protesters", "police", "dozens of civilians") as an unresolved actor."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    head = tok
    if tok.lemma_.lower() not in _ACTOR_NOUNS:
        # "dozens of protesters", "thousands of people"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = pobj(of) if of is not None else None
        if inner is None and tok.lower_ in _CROWD_NUMBERS and tok.dep_ in ("nsubj", "nsubjpass"):
            # "Thousands protest in Budapest", "Hundreds marched": a crowd of people
            return ActorMention(
                text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), sector="CVL", resolved=False, kind="group"
            )
        if inner is None or inner.lemma_.lower() not in _ACTOR_NOUNS:
            return None
        head = inner
    sector = _ACTOR_NOUNS[head.lemma_.lower()]
    left = tok.left_edge.i
    while left < tok.i and tok.doc[left].dep_ in ("det", "punct", "cc"):
        left += 1
    right = head.i
    for c in head.children:
        if c.i > head.i and c.dep_ in ("compound",):
            right = max(right, c.i)
    span = tok.doc[left : right + 1]
    # "a regional peacekeeping force", "international troops": many states' force, not one state's
    multinational = any(c.dep_ in ("amod", "compound") and c.lower_ in _MULTINATIONAL for c in head.children)
    return ActorMention(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        actor_id=None,
        name=None,
        country="IGO" if multinational else None,
        sector=sector,
        resolved=False,
        kind="group",
    )


def _impersonal(verb: Token) -> bool:
    """'it is expected that ...', 'it was reported that ...': no reporter."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return subj is not None and subj.lower_ == "it" and passive


def _third_party_talks(noun: Token) -> bool:
    mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")}
    return bool(mods & {"indirect", "ceasefire", "cease-fire", "truce", "peace", "proximity", "hostage", "mediated"})


def _pobjs_deep(prep: Token, depth: int) -> list[Token]:
    out: list[Token] = []
    for g in prep.children:
        if g.dep_ == "pobj":
            out.append(g)
            if depth > 1:
                for p2 in g.children:
                    if p2.dep_ == "prep" and p2.lower_ == "in":
                        out.extend(_pobjs_deep(p2, depth - 1))
    return out


def _direct_object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def _shifted_object(verb: Token) -> Token | None:
    """'denounced as an ugly crime Serbia's suppression of ...': a heavy object after the "as" phrase."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.children:
                if g.dep_ == "pobj":
                    return next((a for a in g.children if a.dep_ == "appos"), None)
    return None


def _of_object(noun: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'resolutions of/by the UN', 'positions of X'."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
            obj = pobj(c)
            found = finder.actors_of(obj, s_index)
            if found:
                return found
        if c.dep_ == "poss":
            found = finder.actors_of(c, s_index)
            if found:
                return found
    return []


def _is_actorish(tok: Token, finder: ArgumentFinder) -> bool:
    """Is this object a party (a person, group or state) rather than a thing ("talks", "targets")?"""
    if finder.mention_at(tok) is not None or tok.pos_ == "PRON":
        return True
    if tok.pos_ == "PROPN":
        # "receives the 2026 Pritzker Architecture Prize": a named thing is no party
        return tok.ent_type_ not in _THING_ENTITIES and tok.lemma_.lower() not in _THING_NAMES
    return tok.lemma_.lower() in _ACTOR_NOUNS


def _clause_of(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _time_heads(doc: Doc, times: Sequence[TimeMention]) -> dict[int, TimeMention]:
    """Map the verb governing each time expression to the expression."""
    out: dict[int, TimeMention] = {}
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root
        cur = head
        for _ in range(6):
            if cur.pos_ in ("VERB", "AUX") and cur.i not in range(span.start, span.end):
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        out.setdefault(cur.i, t)
        # nominal events carry their own dates: "the October 7 attack"
        out.setdefault(-1 - head.head.i, t)
    return out


def _governing_time(cand: _Candidate, heads: dict[int, TimeMention]) -> TimeMention | None:
    nominal_time = heads.get(-1 - cand.trigger.i)
    if cand.nominal and nominal_time is not None:
        return nominal_time
    cur = cand.clause
    vague: TimeMention | None = None
    for _ in range(8):
        t = heads.get(cur.i)
        if t is not None and (t.value is not None or t.historical):
            return t
        if t is not None and vague is None:
            vague = t  # "the current situation", "soon": keep looking for a resolved date above
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return vague


def _sentence_ref(sent: Span, index: int, original: str) -> SentenceRef:
    """The sentence's span without leading/trailing blanked text (removed captions, masks)."""
    words = [t for t in sent if not t.is_space]
    start = words[0].idx if words else sent.start_char
    end = words[-1].idx + len(words[-1].text) if words else sent.end_char
    return SentenceRef(index=index, start=start, end=end, text=original[start:end])


def _according_to(sent: Span, finder: ArgumentFinder, s_index: int) -> ActorRef | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
            to = sent.doc[tok.i + 1]
            obj = pobj(to)
            found = finder.actors_of(obj, s_index)
            if found:
                return _ref(found[0])
    return None


def _unique_refs(mentions: Sequence[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    for m in mentions:
        if all(_key(m) != _key(o) for o in out):
            out.append(m)
    return out


# Settling with someone: what was agreed, conceded or given up "after talks with" them was settled with them.
_SETTLEMENT_TYPES = frozenset({"AGREE", "CONCEDE", "RETREAT", "REJECT"})
_TALKS_NOUNS = frozenset(
    {"talk", "deliberation", "negotiation", "consultation", "meeting", "meet", "discussion", "dialogue", "contact"}
)


def _with_country(m: ActorMention, country: str, any_kind: bool = False) -> ActorMention:
    if m.resolved or m.country or (m.kind != "group" and not any_kind):
        return m
    return m.model_copy(update={"country": country})


def _talks_partners(verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]:
    """'after deliberations with the government', 'following talks with Hamas': the other side of the talks."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ not in ("after", "following", "in"):
            continue
        talks = pobj(c) or next((g for g in c.children if g.dep_ == "pcomp"), None)
        if talks is None or talks.lemma_.lower() not in _TALKS_NOUNS:
            continue
        for g in talks.children:
            if g.dep_ == "prep" and g.lower_ == "with":
                found = finder.actors_of(pobj(g), s_index)
                if found:
                    return found
    return []


def _appositive_country(m: ActorMention, sent: Span, finder: ArgumentFinder) -> ActorMention:
    if m.resolved or m.country or m.kind not in ("unknown", "person", "group") or m.end <= m.start:
        return m
    span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return m
    root = span.root
    phrases = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        phrases.append(root.head)
    # "U.N. mediator Diego Cordovez", "French envoy Jean Dupont": the title before the name says whose
    phrases += [c for c in root.children if c.dep_ in ("compound", "amod", "nmod") and c.i < span.start]
    for phrase in phrases:
        whole = phrase.dep_ != "appos" and phrase.i == root.head.i
        lo, hi = (phrase.i, phrase.i + 1) if whole else (phrase.left_edge.i, phrase.right_edge.i + 1)
        for other in finder.mentions_in(lo, hi):
            if other.country and other is not m:
                return m.model_copy(update={"country": other.country})
    return m


def _retype(entry: TriggerEntry, event_type: str, mode: str | None) -> TriggerEntry:
    return dataclasses.replace(entry, event_type=event_type, mode=mode)


def _place_party(place: PlaceMention) -> ActorMention:
    return ActorMention(
        text=place.text,
        start=place.start,
        end=place.end,
        actor_id=place.country_code,
        name=place.name,
        country=place.country_code,
        resolved=True,
        kind="place",
    )


def _unidentified_group(country: str) -> ActorMention:
    return ActorMention(
        text="",
        start=0,
        end=0,
        actor_id=None,
        name="Unidentified armed group",
        country=country,
        sector="UAF",
        resolved=False,
        kind="group",
    )


def _sentence_country(sent: Span, finder: ArgumentFinder, cand: _Candidate) -> str | None:
    """The first country named in the sentence that is not already a participant's country."""
    taken = {a.country for a in cand.actors + cand.recipients if a.country}
    fallback: str | None = None
    group: str | None = None
    for m in finder.mentions_in(sent.start, sent.end):
        if not m.country or m.country in ("IGO", "NGO", "IMG"):
            continue
        if m.kind in ("country", "place") and m.country not in taken:
            return m.country
        if group is None and m.country not in taken:
            group = m.country  # "his commitment to the Zambian people": a nationality named by a group
        if fallback is None and m.country in taken:
            fallback = m.country  # most events are domestic: a judge and the officials he investigates
    return group or fallback


def _ref(m: ActorMention) -> ActorRef:
    return ActorRef(
        text=m.text,
        actor_id=m.actor_id,
        name=m.name,
        country=m.country,
        sector=m.sector,
        role=m.role,
        affiliation=m.affiliation,
        start=m.start if m.end > m.start else None,  # a host country inferred from a place quotes no text
        end=m.end if m.end > m.start else None,
        resolved=m.resolved,
    )


def _mention_from_ref(r: ActorRef) -> ActorMention:
    return ActorMention(
        text=r.text,
        start=r.start or 0,
        end=r.end or 0,
        actor_id=r.actor_id,
        name=r.name,
        country=r.country,
        sector=r.sector,
        role=r.role,
        resolved=r.resolved,
        affiliation=r.affiliation,
    )


def _key(m: ActorMention) -> str:
    return m.actor_id or f"@{m.start}"


def _event_id(
    doc_id: str, start: int, event_type: str, actors: Sequence[ActorMention], recips: Sequence[ActorMention]
) -> str:
    raw = "|".join([doc_id, str(start), event_type, ",".join(map(_key, actors)), ",".join(map(_key, recips))])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _trigger_span(cand: _Candidate) -> tuple[int, int]:
    tok = cand.trigger
    start, end = tok.idx, tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
        if c.dep_ == "compound" and c.i == tok.i - 1 and cand.nominal:
            start = c.idx
    return start, end


def _contexts(sent: Span) -> tuple[str, ...]:
    found: list[str] = []
    for tok in sent:
        ctx = _CONTEXT_WORDS.get(tok.lemma_.lower())
        if ctx and ctx not in found:
            found.append(ctx)
    return tuple(found)


def _confidence(cand: _Candidate, time: TimeMention | None, status: str) -> float:
    score = 0.45
    if cand.actors and all(a.resolved for a in cand.actors):
        score += 0.2
    elif cand.actors:
        score += 0.08
    if cand.recipients and all(r.resolved for r in cand.recipients):
        score += 0.1
    if not cand.nominal:
        score += 0.1
    if time is not None:
        score += 0.05
    if status != "asserted":
        score -= 0.05
    return round(max(0.05, min(0.95, score)), 3)
