"""The events stage: PLOVER events from a parsed document.

``EventCoder`` is registered as ``plover_rules.v6``.  It runs three parts, each reading only what the
one before it made: the trigger finder (``triggers``) marks the words that carry an event by the
lexicon; the argument filler (``filler``) reads actor, recipient and mediator from the dependency
structure and the event type's argument plan; the event builder (``builder``) attaches modality, time,
place, reporter and provenance and writes the events, each with a rule trace.  What the coder knows
of a document travels in a ``DocContext``; the coder keeps no state of its own between documents.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span

from backchannel.events.accidents import accident_context, accidental, natural_hazard
from backchannel.events.argument_plans import ArgumentPlans
from backchannel.events.arguments import ArgumentFinder
from backchannel.events.background import governing_time, mark_background, time_heads
from backchannel.events.builder import DocContext, EventBuilder, LocationAttacher
from backchannel.events.candidate import (
    Candidate,
    drop_protest_purposes,
    inherit_complement_recipients,
    unnamed_protest,
)
from backchannel.events.event_fields import missing_recipient, names_target
from backchannel.events.fallback import CONFIDENCE_PENALTY, LearnedFallback
from backchannel.events.filler import ArgumentFiller
from backchannel.events.intercepted import intercepted_attacks
from backchannel.events.lexicon import Lexicon
from backchannel.events.mediated_accords import mediated_accords
from backchannel.events.narrative import NarrativePlace, narrative_day, opening_day
from backchannel.events.syntax import named_war, subject, weapon_participle
from backchannel.events.triggers import TriggerFinder
from backchannel.events.unnamed_authority import authority_act
from backchannel.events.unnamed_violence import agentless_attack, observed_attack, reported_parties, unnamed_victims
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention, CleanDoc, Event, PlaceMention, TimeMention

__all__ = ["CODER_NAME", "CODER_PREVIOUS_NAMES", "EventCoder", "LocationAttacher"]

CODER_NAME = "plover_rules.v6"
# Earlier names of this coder; events stored under them are re-coded by ``ingest --recode``.
CODER_PREVIOUS_NAMES = ("plover_rules.v5", "plover_rules.v4", "plover_rules.v3", "plover_rules.v2", "plover_rules.v1")


class EventCoder:
    """Rule-based PLOVER coder over a spaCy dependency parse (``plover_rules.v6``)."""

    name = CODER_NAME

    def __init__(
        self,
        lexicon: Lexicon,
        attach_location: LocationAttacher | None = None,
        country_actor: Callable[[str], ActorMention | None] | None = None,
        type_scorer: Callable[[Span], dict[str, float]] | None = None,
        words: WordClasses | None = None,
        plans: ArgumentPlans | None = None,
        fallback: LearnedFallback | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.words = words or WordClasses.load()
        self.type_scorer = type_scorer
        self.fallback = fallback  # the learned fallback where the lexicon finds no trigger (off when None)
        self.triggers = TriggerFinder(lexicon, self.words)
        self.filler = ArgumentFiller(self.triggers, self.words, plans or ArgumentPlans.load(), country_actor)
        self.builder = EventBuilder(self.triggers, self.filler, self.words, attach_location, country_actor)

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
        ctx = DocContext(
            doc_id=clean.article.doc_id,
            original=clean.article.text,
            doc_date=doc_date,
            places=tuple(places),
            substitutions=tuple(
                (w.start, w.end)
                for w in clean.warnings
                if w.code == "mistranslation" and w.start is not None and w.end is not None
            ),
            finder=ArgumentFinder(doc, actors, self.words, tuple(places)),
        )
        finder = ctx.finder
        for sent in doc.sents:
            finder.learn_definition(list(sent))
        self.triggers.mark(doc, finder)
        return self._code_sentences(doc, ctx, times)

    def _code_sentences(self, doc: Doc, ctx: DocContext, times: Sequence[TimeMention]) -> list[Event]:
        time_by_head = time_heads(doc, times)
        starts = [t.start for t in times]  # the tagger's mentions are sorted and disjoint
        finder = ctx.finder
        events: list[Event] = []
        seen: set[str] = set()
        carried_time: TimeMention | None = None
        scene = NarrativePlace(ctx.first_place)  # narrative time and place: see ``events.narrative``
        prev_para_end = -1
        for s_index, sent in enumerate(doc.sents):
            sent_text = sent.text  # a span's text is rebuilt token by token on every access
            if not sent_text.strip():
                continue
            paragraph_break = "\n" in ctx.original[prev_para_end + 1 : sent.start_char] if prev_para_end >= 0 else True
            prev_para_end = sent.start_char + len(sent_text.rstrip()) - 1  # a sentence may hold the break after it
            if paragraph_break:
                carried_time = None
                scene.new_paragraph()
            # coordinated actors ("Hamas and Israel ... they") are remembered before the clauses are read
            finder.observe_sentence(list(sent), s_index)
            sent_time: TimeMention | None = None
            sent_events: list[Event] = []
            for cand in self._candidates(sent, finder, s_index):
                time = governing_time(cand, time_by_head)
                if time is None and carried_time is not None and cand.clause.tag_ in ("VBD", "VBN"):
                    time = carried_time
                elif time is not None and sent_time is None and narrative_day(time, ctx.original):
                    sent_time = time
                if time is not None and time.historical:
                    sent_time = time
                built = self.builder.build(cand, sent, s_index, time, ctx)
                for event in built.events:
                    if missing_recipient(event) and not names_target(cand, self.words):
                        continue  # "suspends administration of its dengue vaccine": a sanction needs a target
                    if event.id not in seen:
                        seen.add(event.id)
                        sent_events.append(event)
                if len(built.actors) + len(built.recipients) >= 2:
                    finder.remember_pair(built.actors + built.recipients, s_index)
            if not sent_events and self.fallback is not None:
                sent_events = self._fallback_events(self.fallback, sent, s_index, time_by_head, ctx)
            events.extend(scene.locate(self._break_ties(sent, sent_events), sent))
            own = times[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]  # sorted
            own_historical = [t for t in own if t.historical]
            framing = own_historical[-1] if own_historical else sent_time or opening_day(own, sent, ctx.original)
            carried_time = framing or carried_time
        return events

    def _fallback_events(
        self,
        fallback: LearnedFallback,
        sent: Span,
        s_index: int,
        time_by_head: dict[int, TimeMention],
        ctx: DocContext,
    ) -> list[Event]:
        """The learned fallback's asserted event of a sentence the rules coded nothing in (``fallback.py``)."""
        cand = fallback.candidate(sent, self.triggers, self.filler, ctx.finder, s_index)
        if cand is None:
            return []
        built = self.builder.build(cand, sent, s_index, governing_time(cand, time_by_head), ctx)
        return [
            e.model_copy(update={"confidence": round(max(0.05, e.confidence - CONFIDENCE_PENALTY), 3)})
            for e in built.events
            if e.status == "asserted" and not missing_recipient(e)
        ]

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

    # ------------------------------------------------------------ candidates
    def _candidates(self, sent: Span, finder: ArgumentFinder, s_index: int) -> list[Candidate]:
        out: list[Candidate] = []
        orphans: list[Candidate] = []
        used: set[int] = set()
        accident, carried = accident_context(sent, self.words)
        for tok in sent:
            found = None if tok.i in used else self.triggers.sentence_trigger(tok, finder)
            if found is None:
                continue
            used.add(found.trigger.i)
            if found.nominal and natural_hazard(found.trigger, self.words):
                continue
            if (
                weapon_participle(found.trigger, self.words)
                and self.triggers.verb_trigger(found.trigger.head.head, finder) is not None
            ):
                continue  # "detonated an IED targeting a convoy": one attack, coded on "detonated"
            cand = Candidate.of(found)
            self.filler.fill(cand, finder, s_index)
            cand.recipients = unnamed_victims(cand, self.words)  # "a journalist was stabbed"
            cand.actors, cand.recipients = reported_parties(cand, self.words)  # "fled after the shelling"
            if any(
                named_war(g, self.words) for h in (cand.trigger, cand.clause) for c in h.children for g in c.children
            ):
                cand.background = True  # "soldiers killed in the Korean War", "during World War II": history
            if accidental(cand, accident, carried, self.words):
                continue  # "a fire breaks out, killing 27", "a bus plunges off the road": no one attacked
            if len(cand.actors) + len(cand.recipients) >= 2:
                # later clauses may say "the two sides" for these participants
                finder.remember_pair(cand.actors + cand.recipients, s_index)
            (out if cand.actors or cand.recipients else orphans).append(cand)
        # "... have reached a consensus, and an agreement will be reached soon": same participants
        for cand in orphans:
            if cand.solo:
                continue
            if self._told_without_parties(cand):
                out.append(cand)  # "protests erupted across Kenya": the builder names its protesters
                continue
            donor = next((c for c in out if c.entry.event_type == cand.entry.event_type and c.actors), None)
            if donor is not None:
                cand.actors, cand.recipients = list(donor.actors), list(donor.recipients)
                cand.filled_by.append("parties:same-type-earlier-in-sentence")
                out.append(cand)
        inherit_complement_recipients(out)
        mark_background(out)
        out.extend(self._deontic_requests(sent, finder, s_index, out))
        # "intercepted four missiles launched from Iran": an attack by the weapons' origin
        out.extend(intercepted_attacks(sent, finder, s_index, self.words, self.lexicon, used))
        out = drop_protest_purposes(out)
        # PLOVER events need an actor; kept without one: violence against named victims by unnamed
        # perpetrators, agentless passives ("Aristide has been accused of ..."), and protests told with no
        # one named (the builder gives them unidentified protesters of the place's country)
        kept = [
            c
            for c in out
            if c.actors
            or (c.recipients and (c.entry.event_type in ("ASSAULT", "COERCE") or c.agentless_passive))
            or self._told_without_parties(c)
            or authority_act(c, self.words)  # "Comey was indicted by a grand jury": the judiciary
        ]
        # "fighting ceased under a UN-mediated truce": the recalled accord and its mediator
        return kept + mediated_accords(sent, finder, s_index, kept, self.triggers)

    def _told_without_parties(self, cand: Candidate) -> bool:
        """An event that happened though no party is named: a protest that erupted, an attack observed, a
        weapon that went off (the builder names their unidentified parties)."""
        return unnamed_protest(cand) or observed_attack(cand, self.words) or agentless_attack(cand, self.words)

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
                cand.rule = "deontic request: 'X said that Y must ...' (coded as the lexicon's 'demand')"
                cand.filled_by += ["actor:speaker", "recipient:subject-of-must"]
                out.append(cand)
                taken.add(speech.i)
        return out
