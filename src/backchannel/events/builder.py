"""The event builder: PLOVER events from a filled candidate (third part of the coder).

``EventBuilder.build`` reads a candidate the argument filler has filled and never changes it: it sets
the status from the clause's modality, the reporter, the date, the place, the countries of unnamed
parties, mediators of talks, and writes one ``Event`` per direction and derived speech act, each with
its rule trace.  The document's own state (its text, places, date) comes in a ``DocContext``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Span, Token

from backchannel.events.arguments import ArgumentFinder
from backchannel.events.background import after_document
from backchannel.events.candidate import Candidate, imposes_measure, unnamed_protest
from backchannel.events.charges import charge_noun
from backchannel.events.commitments import Commitments
from backchannel.events.event_fields import confidence, contexts, event_id, sentence_ref, trigger_span
from backchannel.events.filler import ArgumentFiller
from backchannel.events.imprisonment import prison_term
from backchannel.events.instruments import instrument_mode
from backchannel.events.intent import Derived, intent_event_type, narrated_purpose
from backchannel.events.mediated_accords import HOSTED_RULE
from backchannel.events.mediators import mediation_denied
from backchannel.events.modality import Modality, clause_modality, reporting_verb
from backchannel.events.ontology import DOMESTIC_TYPES, INTENSITY, QUAD_CLASS, TERRITORIAL_TYPES
from backchannel.events.parties import (
    appositive_country,
    bloc_party,
    key,
    mention_from_ref,
    place_party,
    ref,
    unidentified_group,
    unidentified_protesters,
    unique_refs,
    unknown_perpetrator,
    with_country,
)
from backchannel.events.roles import according_to, sentence_country
from backchannel.events.syntax import impersonal, subject, third_party_talks
from backchannel.events.triggers import TriggerFinder
from backchannel.events.unnamed_authority import unnamed_authority
from backchannel.events.unnamed_violence import attack_owner_words
from backchannel.events.wordclasses import WordClasses
from backchannel.records import (
    ActorMention,
    ActorRef,
    Event,
    EventTrace,
    EventType,
    PlaceMention,
    Precision,
    SentenceRef,
    Status,
    TimeMention,
    TriggerRef,
)

__all__ = ["Built", "DocContext", "EventBuilder", "LocationAttacher"]

LocationAttacher = Callable[[Token, Sequence[PlaceMention]], PlaceMention | None]


@dataclass(frozen=True)
class DocContext:
    """What the coder knows of the document it codes; made once per document, passed to every part."""

    doc_id: str
    original: str  # the article's text, which every offset refers to
    doc_date: str | None
    places: tuple[PlaceMention, ...]  # the toponyms that can locate an event, sorted by start
    substitutions: tuple[tuple[int, int], ...]  # corrected mistranslations (start, end)
    finder: ArgumentFinder
    # what depends on a sentence alone (its topics, its quoted span), worked out once per sentence: a
    # run-on sentence holds hundreds of events, and reading it again for each made coding it quadratic
    _topics: dict[int, tuple[str, ...]] = field(default_factory=dict)
    _sentence_refs: dict[tuple[int, int], SentenceRef] = field(default_factory=dict)
    _mediation_denied: dict[int, bool] = field(default_factory=dict)

    def topics(self, sent: Span, words: WordClasses) -> tuple[str, ...]:
        if sent.start not in self._topics:
            self._topics[sent.start] = contexts(sent, words)
        return self._topics[sent.start]

    def mediation_denied(self, sent: Span, words: WordClasses) -> bool:
        if sent.start not in self._mediation_denied:
            self._mediation_denied[sent.start] = mediation_denied(sent, words)
        return self._mediation_denied[sent.start]

    def first_place(self, sent: Span) -> PlaceMention | None:
        """The first place named in ``sent`` (``places`` are sorted by start): found by bisection, as each
        candidate of a long document asks."""
        i = bisect_left(self.places, sent.start_char, key=lambda p: p.start)
        return self.places[i] if i < len(self.places) and self.places[i].start < sent.end_char else None

    def sentence(self, sent: Span, index: int) -> SentenceRef:
        key = (sent.start, index)
        if key not in self._sentence_refs:
            self._sentence_refs[key] = sentence_ref(sent, index, self.original)
        return self._sentence_refs[key]


@dataclass(frozen=True)
class Built:
    """A candidate's events, and its parties as the events name them (the pair memory reads them)."""

    events: list[Event]
    actors: list[ActorMention]
    recipients: list[ActorMention]


@dataclass(frozen=True)
class _Dating:
    date: str | None
    precision: str
    text: str | None
    historical: bool


@dataclass(frozen=True)
class _Frame:
    """What every event of one candidate shares."""

    cand: Candidate
    sent: Span
    s_index: int
    dating: _Dating
    status: str
    modality_rule: str
    location: PlaceMention | None
    reporter: ActorRef | None
    context: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class EventBuilder:
    """Writes the events of a filled candidate; reads triggers and arguments, changes neither."""

    triggers: TriggerFinder
    filler: ArgumentFiller
    words: WordClasses
    attach_location: LocationAttacher | None = None
    country_actor: Callable[[str], ActorMention | None] | None = None
    commitments: Commitments = field(default_factory=Commitments.load)

    def build(self, cand: Candidate, sent: Span, s_index: int, time: TimeMention | None, ctx: DocContext) -> Built:
        entry = cand.entry
        modality = clause_modality(cand.clause, self.words)
        status, modality_rule = self._status(cand, modality)
        reporter_tok = reporting_verb(cand.clause, self.words)
        reporter = self._reporter(reporter_tok, sent, s_index, ctx.finder)
        dating = _dating(time, ctx.doc_date, cand.background)
        if status == "asserted" and after_document(dating.date, dating.precision, ctx.doc_date):
            status, modality_rule = "future", "future: dated after the report"  # "looks forward to ... on July 5"
        location = self._location(cand, ctx.places)
        actors, recips = self._local_parties(entry.event_type, location, list(cand.actors), list(cand.recipients))
        mediators = self._mediators(cand, sent, reporter, location, actors + recips, ctx)
        if status != "asserted" and modality.cue in self.words.mediation_offer_cues:
            mediators = []  # "Egypt offered to mediate between X and Y": the offer is an AGREE, no mediation yet
        score = confidence(cand, time, status, actors, recips)
        reported = next((c for c in cand.clause.children if c.dep_ == "ccomp"), None) if not cand.nominal else None
        actors, recips = self._countries(sent, location, actors, recips, ctx.finder, reported, mediators)
        recips = self._territorial_target(cand, location, actors, recips)
        attack = entry.event_type == "ASSAULT"
        actors = [unknown_perpetrator(a, sent, self.words, attack) for a in actors]
        actors = actors or self._unnamed_attacker(cand, sent, s_index, location, ctx)
        actors = actors or self._unnamed_protesters(cand, sent, location, ctx)
        actors = actors or unnamed_authority(cand, location or ctx.first_place(sent), recips, self.words)
        frame = _Frame(
            cand, sent, s_index, dating, status, modality_rule, location, reporter, ctx.topics(sent, self.words), score
        )
        events = self._events(frame, actors, recips, mediators, modality, ctx)
        accusation = self._accusation(frame, reporter_tok, actors, ctx)
        if accusation is not None:
            events.append(accusation)
        charged = self._charges(frame, actors, recips, ctx)
        if charged is not None:
            events.append(charged)
        jailed = self._imprisonment(frame, actors, recips, ctx)
        if jailed is not None:
            events.append(jailed)
        return Built(events, actors, recips)

    # ------------------------------------------------------------ status and reporter
    def _status(self, cand: Candidate, modality: Modality) -> tuple[str, str]:
        rule = f"{modality.status}: {modality.cue}" if modality.cue else f"{modality.status}: no modality cue"
        if (
            modality.status == "future"
            and modality.cue in self.words.attempt_cues
            and cand.entry.event_type == "ASSAULT"
        ):
            # an attempted assassination or attack is coded as the act (the manual's "targeted" mode), but
            # "the attempt by the prime minister to oust the president" has not ousted anyone
            return "asserted", f"asserted: an attempted attack ({modality.cue}) is coded as the act"
        return modality.status, rule

    def _reporter(
        self, reporter_tok: Token | None, sent: Span, s_index: int, finder: ArgumentFinder
    ) -> ActorRef | None:
        if reporter_tok is not None and not impersonal(reporter_tok, self.words):
            speakers = finder.actors_of(subject(reporter_tok, self.words), s_index)
            if speakers:
                return ref(speakers[0])
        return according_to(sent, finder, s_index)

    # ------------------------------------------------------------ place and parties
    def _location(self, cand: Candidate, places: Sequence[PlaceMention]) -> PlaceMention | None:
        if self.attach_location is None or not places:
            return None
        location = self.attach_location(cand.trigger, places)
        if location is None and cand.clause.i != cand.trigger.i:
            location = self.attach_location(cand.clause, places)
        return location

    def _local_parties(
        self,
        event_type: str,
        location: PlaceMention | None,
        actors: list[ActorMention],
        recips: list[ActorMention],
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        if event_type not in DOMESTIC_TYPES:
            return actors, recips
        if location is not None and location.country_code:
            # "police arrested protesters in Tbilisi": unnamed local parties belong to the place's country
            actors = [with_country(a, location.country_code) for a in actors]
            recips = [with_country(r, location.country_code) for r in recips]
        # "Egyptian police opened fire on demonstrators": a police force acts at home, on its own people
        police = {a.country for a in actors if a.sector == "COP" and a.country and a.country != "IGO"}
        if len(police) == 1:
            recips = [with_country(r, next(iter(police))) for r in recips]
        return actors, recips

    def _mediators(
        self,
        cand: Candidate,
        sent: Span,
        reporter: ActorRef | None,
        location: PlaceMention | None,
        parties: list[ActorMention],
        ctx: DocContext,
    ) -> list[ActorMention]:
        if QUAD_CLASS.get(cand.entry.event_type) == 4:
            # "strikes kill five despite the US-brokered truce": material conflict has no mediator (the truce has)
            return []
        # a mediator is a third party: a state's own official chairing its side's talks mediates nothing
        # ("the Egyptian cabinet met, chaired by President Sisi"); the project's mediation convention
        own = {a.country for a in parties if a.country and a.country != "IGO"}
        state = self.words.state_mediator_sectors
        mediators = [
            m
            for m in cand.mediators
            if not (m.country in own and (m.kind in ("country", "place") or m.sector in state))
        ]
        if cand.entry.event_type != "CONSULT" or location is None or ctx.mediation_denied(sent, self.words):
            # "held talks in Brussels with no third party present": no host is read as mediator
            return unique_refs(mediators)
        if (
            reporter is not None
            and reporter.country
            and reporter.country == location.country_code
            and reporter.country not in {a.country for a in parties}
            and reporter.actor_id not in {a.actor_id for a in parties}
            and reporter.actor_id not in {m.actor_id for m in mediators}
        ):
            # "Russia said the factions would talk in Moscow": the reporting state hosts the talks
            mediators.append(mention_from_ref(reporter))
        if (
            cand.nominal
            and not cand.mediators  # "talks convened by the OSCE in Vienna": the named mediator, not the host
            and location.country_code
            and self.country_actor is not None
            and third_party_talks(cand.trigger, self.words)
        ):
            # "indirect talks in Doha", "ceasefire negotiations in Cairo": the host country mediates, also
            # of talks that name no side ("ahead of peace talks in Egypt", ``mediated_accords.HOSTED_RULE``)
            party_countries = {a.country for a in parties}
            sides = len(parties) >= 2 or (
                not parties and cand.rule == HOSTED_RULE and _third_place(cand, location, ctx, self.words)
            )
            if location.country_code not in party_countries and sides:
                host = self.country_actor(location.country_code)
                if host is not None and host.actor_id not in {m.actor_id for m in mediators}:
                    # the host quotes the place words that imply it ("in Doha")
                    span = {"text": location.text, "start": location.start, "end": location.end}
                    mediators.append(host.model_copy(update=span))
        return unique_refs(mediators)

    def _countries(
        self,
        sent: Span,
        location: PlaceMention | None,
        actors: list[ActorMention],
        recips: list[ActorMention],
        finder: ArgumentFinder,
        reported: Token | None = None,
        mediators: Sequence[ActorMention] = (),
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Unknown names keep their text but get a best country guess from the clause's place or the
        sentence's countries ("Ousted President Askar Akayev ... Kyrgyzstan"), not from the clause the
        event reports (``reported``); an apposition says whose first ("Kenzo Oshima, the United Nations
        relief coordinator")."""
        actors = [appositive_country(a, sent, finder) for a in actors]
        recips = [appositive_country(r, sent, finder) for r in recips]
        country = location.country_code if location is not None else None
        if country is None:
            outside = sent.doc[reported.left_edge.i : reported.right_edge.i + 1] if reported is not None else None
            country = sentence_country(sent, finder, actors + recips, outside, mediators)
        if country:
            actors = [
                a if bloc_party(a, sent, finder.words) else with_country(a, country, any_kind=True) for a in actors
            ]
            recips = [
                r if bloc_party(r, sent, finder.words) else with_country(r, country, any_kind=True) for r in recips
            ]
        return actors, recips

    def _territorial_target(
        self,
        cand: Candidate,
        location: PlaceMention | None,
        actors: list[ActorMention],
        recips: list[ActorMention],
    ) -> list[ActorMention]:
        event_type = cand.entry.event_type
        if (
            event_type in TERRITORIAL_TYPES
            and not recips
            and location is not None
            and location.country_code
            and (
                event_type == "PROTEST"
                or location.country_code not in {a.country for a in actors}
                or imposes_measure(cand, self.words)
            )
        ):
            # "activists staged a protest in Beijing", "troops remained on alert in the West Bank",
            # "suspended aid deliveries in Baghdad": the place (its state) is the target
            return [place_party(location)]
        return recips

    def _unnamed_attacker(
        self, cand: Candidate, sent: Span, s_index: int, location: PlaceMention | None, ctx: DocContext
    ) -> list[ActorMention]:
        """ACLED's convention for attacks with no named perpetrator: an unidentified armed group of the
        country where it happened (or the weapon's owner, or where the attack came from)."""
        if cand.entry.event_type != "ASSAULT":
            return []
        finder = ctx.finder
        origin = self.filler.origin(cand.trigger, finder) if not cand.nominal else None
        where = location or ctx.first_place(sent)
        means = cand.trigger.head if cand.trigger.dep_ in ("advcl", "pobj", "pcomp") else None
        owners = self.filler.instrument_authors(means, finder, s_index) if means is not None else []
        if not owners and not cand.nominal:
            # "killed in a series of Russian missile strikes": the owner named deeper in the phrase
            owners = [a for m in attack_owner_words(cand.trigger, self.words) for a in finder.actors_of(m, s_index)]
        if owners:
            # "were killed in Israeli tank shelling", read as a clause "shelling": the weapon's owner
            return unique_refs(owners)
        if origin is not None:
            return [unidentified_group(origin)]
        if where is not None and where.country_code:
            return [unidentified_group(where.country_code)]
        return []

    def _unnamed_protesters(
        self, cand: Candidate, sent: Span, location: PlaceMention | None, ctx: DocContext
    ) -> list[ActorMention]:
        """ACLED's convention for a demonstration with no named organisers: "Protesters" of the country
        where it happened (no place in the sentence, no party)."""
        if not unnamed_protest(cand):
            return []
        where = location or ctx.first_place(sent)
        if where is not None and where.country_code:
            return [unidentified_protesters(where.country_code, riot=cand.entry.mode == "riot")]
        return []

    # ------------------------------------------------------------ the events
    def _derived_type(
        self,
        cand: Candidate,
        modality: Modality,
        reporter: ActorRef | None,
        actors: list[ActorMention],
        ctx: DocContext,
    ) -> Derived | None:
        """The speech act of a stated intention ("Syria said it would withdraw its troops": a CONCEDE; "would
        attack" a THREATEN; "will not accept" a REJECT), by the commitment table."""
        entry = cand.entry
        derived = intent_event_type(
            entry.event_type, entry.mode, modality, reporter, actors, self.words, self.commitments
        )
        if derived is not None and narrated_purpose(cand.clause, modality, self.words):
            return None
        clause = cand.clause
        for _ in range(2):  # "agreed to restore relations", "vowed to continue supplying gas", "warned it would"
            if derived is None or clause.dep_ not in ("xcomp", "ccomp"):
                break
            clause = clause.head
            governor = self.triggers.verb_trigger(clause, ctx.finder)
            if governor is None:
                continue
            if derived is not None and governor.entry.event_type == derived.event_type:
                derived = None  # the agreement or threat is coded on "agreed" / "vowed" itself
            break
        return derived

    def _events(
        self,
        frame: _Frame,
        actors: list[ActorMention],
        recips: list[ActorMention],
        mediators: list[ActorMention],
        modality: Modality,
        ctx: DocContext,
    ) -> list[Event]:
        cand, entry = frame.cand, frame.cand.entry
        mode = "third-party" if entry.event_type == "CONSULT" and mediators else entry.mode
        if entry.event_type in ("THREATEN", "REJECT", "REQUEST") and mode is None:
            mode = self._content_mode(cand, ctx)
        mode = instrument_mode(cand.trigger, entry.event_type, mode, self.words)  # "attacked with drones": drone
        directions = [(actors, recips)]
        if cand.reciprocal_pair:
            directions = [([actors[0]], [actors[1]]), ([actors[1]], [actors[0]])]
        derived = self._derived_type(cand, modality, frame.reporter, actors, ctx)
        trigger_at = trigger_span(cand)
        for start, end in ctx.substitutions:
            # a trigger inside a corrected mistranslation points at the whole original phrase
            if start <= trigger_at[0] < end:
                trigger_at = (start, max(end, trigger_at[1]))
        variants: list[tuple[str, str | None, str, EventTrace]] = [
            (entry.event_type, mode, frame.status, self._trace(frame))
        ]
        if derived is not None:
            stated = f"asserted: the statement of an intention ({modality.cue}; {derived.rule})"
            trace = self._trace(frame, stated, derived_from=entry.event_type)
            variants.append((derived.event_type, derived.mode, "asserted", trace))
        events = []
        for (doers, targets), (etype, emode, estatus, trace) in ((d, v) for d in directions for v in variants):
            if not doers and not targets and not (cand.background and mediators):
                # an accord recalled with its mediator ("under a UN-mediated truce") may name no party
                continue
            event_mediators = mediators
            if (
                derived is not None
                and etype == derived.event_type
                and estatus == "asserted"
                and entry.event_type == "CONSULT"
                and cand.mediators
            ):
                # "King Hassan said he would be ready to host a meeting between X and Y": the host promises
                hosts = list({key(m): m for m in cand.mediators}.values())
                offered = [p for p in [*doers, *targets] if key(p) not in {key(h) for h in hosts}]
                doers, targets, event_mediators = hosts, offered, []  # never a host's offer to itself
            ident = event_id(ctx.doc_id, trigger_at[0], etype, doers, targets)
            events.append(
                self._event(frame, ctx, ident, etype, emode, estatus, trigger_at, trace).model_copy(
                    update={
                        "actor": tuple(ref(a) for a in doers),
                        "recipient": tuple(ref(r) for r in targets),
                        "mediator": tuple(ref(m) for m in event_mediators),
                    }
                )
            )
        return events

    def _accusation(
        self, frame: _Frame, reporter_tok: Token | None, actors: list[ActorMention], ctx: DocContext
    ) -> Event | None:
        """'The US claimed that ISIL had attacked Iraq': the claim accuses ISIL (PLOVER manual ACCUSE)."""
        reporter, entry = frame.reporter, frame.cand.entry
        if (
            reporter_tok is None
            or reporter_tok.lemma_.lower() not in self.words.alleging_verbs
            or QUAD_CLASS[entry.event_type] < 3
            or reporter is None
            or not actors
            or reporter.actor_id in {a.actor_id for a in actors}
        ):
            return None
        span = (reporter_tok.idx, reporter_tok.idx + len(reporter_tok.text))
        ident = event_id(ctx.doc_id, span[0], "ACCUSE", [mention_from_ref(reporter)], actors)
        trace = self._trace(frame, "asserted: the allegation itself", derived_from=entry.event_type)
        trace = trace.model_copy(update={"trigger_rule": f"rule: alleging reporting verb {reporter_tok.lemma_!r}"})
        event = self._event(frame, ctx, ident, "ACCUSE", "allege", "asserted", span, trace)
        return event.model_copy(
            update={
                "actor": (reporter,),
                "recipient": tuple(ref(a) for a in actors),
                "reported_by": None,
                "confidence": max(0.05, frame.score - 0.1),
            }
        )

    def _content_mode(self, cand: Candidate, ctx: DocContext) -> str | None:
        """A threat's, a request's or a refusal's mode is what it threatens, asks or refuses (PLOVER manual
        THREATEN, REQUEST and REJECT modes), by the commitment table: "vowed to block the border crossings"
        threatens a restriction, "threatened to expel the envoys" an expulsion; "ruled out talks" refuses a
        meeting (meet), "refused to allow inspectors in" a yielding (yield), "called for talks" asks one.
        An asked or refused act of no other mode is a change of policy ("urged Caracas to reform")."""
        threat = cand.entry.event_type == "THREATEN"
        asked_act = False
        for c in cand.clause.children:
            if c.dep_ in ("xcomp", "ccomp"):
                act = self.triggers.verb_trigger(c, ctx.finder)
                content = (act.entry.event_type, act.entry.mode) if act is not None else None
                asked_act = asked_act or c.pos_ == "VERB"
            elif c.dep_ in ("dobj", "nsubjpass") and not threat:
                content = self._asked_entry(c, ctx)
            elif c.dep_ == "prep" and c.lower_ == "for" and not threat:
                content = next((e for g in c.children if (e := self._asked_entry(g, ctx)) is not None), None)
            else:
                continue
            row = self.commitments.of(*content) if content is not None else None
            if row is not None and threat and row.stated == "THREATEN":
                return row.stated_mode
            if row is not None and not threat and row.refused == "REJECT":
                return row.refused_mode
        return "change" if asked_act and not threat else None

    def _asked_entry(self, noun: Token, ctx: DocContext) -> tuple[str, str | None] | None:
        """The (type, mode) of the act a noun asks for: its own event ("called for talks"), help of any kind
        (AID), or, for a demand, an offer or a call, the act it names ("rejected the demand to release
        prisoners", "its offer of talks")."""
        lemma = noun.lemma_.lower()
        if lemma in self.words.assistance_nouns:
            return ("AID", None)
        if lemma in self.words.request_nouns:
            for c in noun.children:
                if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
                    act = self.triggers.verb_trigger(c, ctx.finder)
                    return (act.entry.event_type, act.entry.mode) if act is not None else None
                if c.dep_ == "prep" and c.lower_ in ("for", "of"):
                    return next((a for g in c.children if (a := self._asked_entry(g, ctx)) is not None), None)
            return None
        if any(g.dep_ in ("acl", "relcl") for g in noun.children):
            return None  # not "calls to resign", a demand
        entry = self.triggers.noun_entry(noun)
        return (entry.event_type, entry.mode) if entry is not None else None

    def _charges(
        self, frame: _Frame, actors: list[ActorMention], recips: list[ActorMention], ctx: DocContext
    ) -> Event | None:
        """'Police detained a journalist on charges of spying': the arresting party accuses the detainee
        (PLOVER manual ACCUSE mode allege; a second event of the sentence, issue 14 class 8)."""
        entry = frame.cand.entry
        if frame.status != "asserted" or entry.event_type == "ACCUSE" or frame.cand.nominal:
            return None
        noun = charge_noun(frame.cand.clause, self.words)
        if noun is None or not actors or not recips:
            return None
        rule = f"rule: the act is done {noun.head.lower_} {noun.lower_!r}"
        return self._derived(frame, ctx, noun, ("ACCUSE", "allege"), rule, actors, recips)

    def _imprisonment(
        self, frame: _Frame, actors: list[ActorMention], recips: list[ActorMention], ctx: DocContext
    ) -> Event | None:
        """'A court sentenced the former minister to 14 years in prison': the conviction is also an arrest
        (PLOVER manual, SANCTION mode convict and COERCE mode arrest; a second event of the sentence)."""
        entry = frame.cand.entry
        if frame.status != "asserted" or entry.event_type != "SANCTION" or entry.mode != "convict" or not recips:
            return None
        prison = prison_term(frame.cand.clause, self.words)
        if prison is None:
            return None
        rule = f"rule: a sentence to {prison.lower_!r} is an arrest"
        return self._derived(frame, ctx, prison, ("COERCE", "arrest"), rule, actors, recips)

    def _derived(
        self,
        frame: _Frame,
        ctx: DocContext,
        word: Token,
        kind: tuple[str, str],
        rule: str,
        actors: list[ActorMention],
        recips: list[ActorMention],
    ) -> Event:
        """A second, asserted event of the sentence, told by ``word``, with the parties of the first."""
        span = (word.idx, word.idx + len(word.text))
        ident = event_id(ctx.doc_id, span[0], kind[0], actors, recips)
        trace = self._trace(frame, derived_from=frame.cand.entry.event_type)
        trace = trace.model_copy(update={"trigger_rule": rule})
        event = self._event(frame, ctx, ident, kind[0], kind[1], "asserted", span, trace)
        return event.model_copy(
            update={"actor": tuple(ref(a) for a in actors), "recipient": tuple(ref(r) for r in recips)}
        )

    def _event(
        self,
        frame: _Frame,
        ctx: DocContext,
        ident: str,
        event_type: str,
        mode: str | None,
        status: str,
        span: tuple[int, int],
        trace: EventTrace,
    ) -> Event:
        return Event(
            id=ident,
            event_type=cast(EventType, event_type),
            mode=mode,
            context=frame.context,
            date=frame.dating.date,
            date_precision=cast(Precision, frame.dating.precision),
            date_text=frame.dating.text,
            location=frame.location,
            status=cast(Status, status),
            historical=frame.dating.historical,
            reported_by=frame.reporter,
            trigger=TriggerRef(text=ctx.original[span[0] : span[1]], start=span[0], end=span[1]),
            sentence=ctx.sentence(frame.sent, frame.s_index),
            quad_class=QUAD_CLASS[event_type],
            intensity=INTENSITY[event_type],
            confidence=frame.score,
            trace=trace,
        )

    def _trace(self, frame: _Frame, modality_rule: str | None = None, derived_from: str | None = None) -> EventTrace:
        cand = frame.cand
        return EventTrace(
            entry=cand.entry.source or "(no lexicon line)",
            trigger_rule=cand.rule or _trigger_rule(cand),
            retype=cand.entry.retyped_from,
            derived_from=derived_from,
            arguments=tuple(cand.filled_by),
            modality=modality_rule or frame.modality_rule,
        )


def _trigger_rule(cand: Candidate) -> str:
    if cand.light and cand.clause.pos_ in ("VERB", "AUX") and cand.trigger.dep_ in ("nsubj", "nsubjpass"):
        return f"event noun + occurrence verb {cand.clause.lemma_!r}"
    if cand.light:
        return f"light verb {cand.clause.lemma_!r} + event noun"
    if cand.nominal:
        return "event noun"
    if cand.trigger.pos_ == "ADJ":
        return "predicative adjective"
    return "verb"


def _dating(time: TimeMention | None, doc_date: str | None, background: bool) -> _Dating:
    """The event's date from its time expression, else the report's date."""
    if time is not None and time.value:
        date, precision, text = time.value, time.precision, time.text
    elif time is not None and doc_date:
        # "soon", "some time ago": no value of its own; the report date bounds it
        date, precision, text = doc_date, "document", time.text
    elif time is not None:
        date, precision, text = None, time.precision, time.text
    else:
        date, precision, text = doc_date, ("document" if doc_date else "unknown"), None
    historical = bool(time is not None and time.historical) or background
    if not historical and date and doc_date and len(date) >= 4 and date[:4].isdigit():
        historical = int(date[:4]) < int(doc_date[:4]) - 1
    return _Dating(date, precision, text, historical)


def _third_place(cand: Candidate, location: PlaceMention, ctx: DocContext, words: WordClasses) -> bool:
    """The subject of the clause the talks are named in is of no one of the place's country: "Ukrainian
    officials prepared for peace talks in Kyiv" are Ukraine's own talks, "killed ahead of peace talks in
    Egypt" are Egypt's to host."""
    verb = cand.trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = subject(verb, words)
    if subj is None or subj.i == cand.trigger.i:
        return True  # "peace talks in Istanbul resumed": the talks are the subject
    named = ctx.finder.mentions_in(subj.left_edge.i, subj.right_edge.i + 1)
    return not any(m.country == location.country_code and m.kind not in ("place",) for m in named)
