"""Speech acts derived from a stated intention: "will withdraw" is an AGREE, "would attack" a THREATEN."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from backchannel.events.modality import Modality
from backchannel.events.ontology import NO_DERIVATION, QUAD_CLASS
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention, ActorRef

__all__ = ["intent_event_type", "narrated_purpose"]


def intent_event_type(
    event_type: str,
    modality: Modality,
    reporter: ActorRef | None,
    actors: Sequence[ActorMention],
    words: WordClasses,
) -> str | None:
    """The speech act of announcing one's own future action: AGREE, THREATEN or REJECT (or None)."""
    if not modality.intent(words) or modality.status == "asserted":
        return None
    negated = modality.status == "negated" or modality.negated
    aux_only = modality.cue in words.future_auxiliaries | {"would (reported)"}
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
    if event_type in NO_DERIVATION:
        return None
    if event_type == "ASSAULT" and modality.cue in words.readiness_cues:
        return "MOBILIZE"  # "the army prepared to resume shelling": a show of force
    return "AGREE" if cooperative else "THREATEN"


def narrated_purpose(clause: Token, modality: Modality, words: WordClasses) -> bool:
    """'Sarkozy heads to Beijing, seeking to mend ties with China': the narrator's account of a purpose,
    not a stated intention (no AGREE or THREATEN is derived from it)."""
    matrix = clause.head if clause.dep_ == "xcomp" else None
    return (
        matrix is not None
        and modality.cue in words.desire_cues
        and matrix.dep_ in words.narrating_clause_deps
        and matrix.tag_ == "VBG"
    )
