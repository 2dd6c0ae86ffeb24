"""Argument plans: the fallbacks that find a missing actor or recipient, by name, in an order per event type.

When the parse around a trigger names no actor or no recipient, the coder tries the strategies of the
event type's plan in ``data/argument_plans.tsv`` one after another; a strategy runs only while its slot
is still empty, and the first that finds someone fills it.  ``STRATEGIES`` registers each strategy
under a versioned name (spaCy's ``@registry`` convention): a strategy that changes what it finds gets a
new name, so a plan always says which behaviour it asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Literal, Protocol

from spacy.tokens import Token

from backchannel.errors import ConfigError
from backchannel.events.arguments import ArgumentFinder
from backchannel.events.candidate import Candidate
from backchannel.events.lexicon import TriggerEntry
from backchannel.events.ontology import EVENT_TYPES
from backchannel.events.roles import (
    addressees_of_clause,
    agent_or_subject,
    condition_subjects,
    generic_party,
    protest_organisers,
    relation_partners,
)
from backchannel.events.syntax import direct_object
from backchannel.events.unnamed_violence import observed_noun
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention

__all__ = ["STRATEGIES", "ArgumentPlans", "PlanState", "Strategy"]


class TargetFinder(Protocol):
    """What the strategies ask of the argument filler."""

    @property
    def words(self) -> WordClasses: ...

    def complement_targets(self, verb: Token, finder: ArgumentFinder, s_index: int) -> list[ActorMention]: ...

    def prep_recipients(
        self, head: Token, entry: TriggerEntry, finder: ArgumentFinder, s_index: int
    ) -> list[ActorMention]: ...

    def place_targets(self, cand: Candidate, entry: TriggerEntry, finder: ArgumentFinder) -> list[ActorMention]: ...


@dataclass
class PlanState:
    """One candidate's arguments while its plan runs, and the names of the strategies that filled them."""

    cand: Candidate
    entry: TriggerEntry
    finder: ArgumentFinder
    s_index: int
    filler: TargetFinder
    actors: list[ActorMention]
    recipients: list[ActorMention]
    filled_by: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Strategy:
    name: str
    slot: Literal["actor", "recipient"]
    find: Callable[[PlanState], list[ActorMention]]
    doc: str


def _generic_actor(s: PlanState) -> list[ActorMention]:
    if s.entry.swap_roles:
        return []  # "received weapons" names no giver: none is guessed
    if s.cand.nominal and observed_noun(s.cand.trigger, s.filler.words):
        return []  # "observers counted 40 blasts": the observers report the blasts, they did not set them off
    generic = generic_party(agent_or_subject(s.cand, s.filler.words), s.filler.words)
    return [generic] if generic is not None else []


def _generic_object(s: PlanState) -> list[ActorMention]:
    if s.cand.nominal:
        return []
    generic = generic_party(direct_object(s.cand.trigger), s.filler.words)
    return [generic] if generic is not None else []


def _complement_target(s: PlanState) -> list[ActorMention]:
    # "threatened to deliver blows to the United States", "offered to hand over to Great Britain two of
    # its nationals"; every xcomp: "agreed to re-open its borders" is parsed as three ("re", "-", "open")
    found: list[ActorMention] = []
    if s.cand.nominal:
        return found
    for comp in (c for c in s.cand.trigger.children if c.dep_ == "xcomp"):
        found = found or s.filler.complement_targets(comp, s.finder, s.s_index)
        for inner in (g for g in comp.children if g.dep_ == "xcomp"):
            # "vowed to keep fighting Israel", "pledged to continue supplying gas to Serbia"
            found = found or s.filler.complement_targets(inner, s.finder, s.s_index)
    return found


def _protest_target(s: PlanState) -> list[ActorMention]:
    # "staged a hunger strike in protest against the violations by Algerian security forces"
    found: list[ActorMention] = []
    for head in (s.cand.trigger, s.cand.clause):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() == "protest":
                        found = found or s.filler.prep_recipients(g, s.entry, s.finder, s.s_index)
    return found


def _helped_subject(s: PlanState) -> list[ActorMention]:
    # "helping militants join an armed group": the one helped is the subject of the helped act
    found: list[ActorMention] = []
    if s.cand.nominal:
        return found
    for comp in (c for c in s.cand.trigger.children if c.dep_ in ("ccomp", "xcomp")):
        helped = next((g for g in comp.children if g.dep_ == "nsubj"), None)
        named = s.finder.actors_of(helped, s.s_index) if helped is not None else []
        generic = generic_party(helped, s.filler.words) if helped is not None and not named else None
        found = found or named or ([generic] if generic is not None else [])
    return found


def _relation_partner(s: PlanState) -> list[ActorMention]:
    return [] if s.cand.nominal else relation_partners(s.cand.trigger, s.finder, s.s_index)


def _clause_addressee(s: PlanState) -> list[ActorMention]:
    return addressees_of_clause(s.cand.trigger, s.finder, s.s_index)


def _protest_organiser(s: PlanState) -> list[ActorMention]:
    return [] if s.cand.nominal else protest_organisers(s.cand.trigger, s.finder, s.s_index)


def _condition_subject(s: PlanState) -> list[ActorMention]:
    return [] if s.cand.nominal else condition_subjects(s.cand.trigger, s.finder, s.s_index)


def _place_target(s: PlanState) -> list[ActorMention]:
    return s.filler.place_targets(s.cand, s.entry, s.finder)


STRATEGIES: Mapping[str, Strategy] = MappingProxyType(
    {
        s.name: s
        for s in (
            Strategy("generic_actor.v1", "actor", _generic_actor, 'an unnamed party as the doer: "police fired"'),
            Strategy("generic_object.v1", "recipient", _generic_object, "an unnamed party as the verb's object"),
            Strategy("complement_target.v1", "recipient", _complement_target, "the target in an infinitive"),
            Strategy("protest_target.v1", "recipient", _protest_target, '"in protest against X"'),
            Strategy("helped_subject.v1", "recipient", _helped_subject, '"helping militants join": the helped'),
            Strategy("relation_partner.v1", "recipient", _relation_partner, '"broke off relations with X"'),
            Strategy("clause_addressee.v1", "recipient", _clause_addressee, '"demanded that X cancel"'),
            Strategy("protest_organiser.v1", "recipient", _protest_organiser, '"banned the opposition\'s rally"'),
            Strategy("condition_subject.v1", "recipient", _condition_subject, '"will attack if X ..."'),
            Strategy("place_target.v1", "recipient", _place_target, "a place stands for its country"),
        )
    }
)


@dataclass(frozen=True)
class ArgumentPlans:
    """Each event type's strategies, in the order they are tried, and the data line that gives them."""

    plans: Mapping[str, tuple[Strategy, ...]]
    origins: Mapping[str, str]

    def run(self, state: PlanState) -> None:
        """Fill the empty slots of ``state`` by the plan of its event type."""
        for strategy in self.plans[state.entry.event_type]:
            if strategy.slot == "actor" and not state.actors:
                state.actors = strategy.find(state)
                if state.actors:
                    state.filled_by.append(f"actor:{strategy.name}")
            elif strategy.slot == "recipient" and not state.recipients:
                state.recipients = strategy.find(state)
                if state.recipients:
                    state.filled_by.append(f"recipient:{strategy.name}")

    @classmethod
    def load(cls) -> ArgumentPlans:
        return _load_packaged()

    @classmethod
    def from_text(cls, text: str, origin: str = "<argument plans>") -> ArgumentPlans:
        plans: dict[str, tuple[Strategy, ...]] = {}
        origins: dict[str, str] = {}
        for lineno, raw in enumerate(text.splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cols = raw.split("\t")
            if len(cols) != 2:
                raise ConfigError(f"{origin}:{lineno}: expected event_type <TAB> strategy,strategy,...")
            event_type, names = cols[0].strip(), [n.strip() for n in cols[1].split(",") if n.strip()]
            if event_type not in EVENT_TYPES:
                raise ConfigError(f"{origin}:{lineno}: unknown PLOVER event type {event_type!r}")
            unknown = [n for n in names if n not in STRATEGIES]
            if unknown:
                raise ConfigError(f"{origin}:{lineno}: unknown argument strategies {unknown}")
            plans[event_type] = tuple(STRATEGIES[n] for n in names)
            origins[event_type] = f"{origin}:{lineno}"
        missing = [t for t in EVENT_TYPES if t not in plans]
        if missing:
            raise ConfigError(f"{origin}: no argument plan for {missing}")
        return cls(plans=MappingProxyType(plans), origins=MappingProxyType(origins))


def _load_packaged() -> ArgumentPlans:
    text = resources.files("backchannel.events").joinpath("data/argument_plans.tsv").read_text(encoding="utf-8")
    return ArgumentPlans.from_text(text, origin="backchannel/events/data/argument_plans.tsv")
