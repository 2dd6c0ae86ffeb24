"""Speech acts derived from a stated intention: "will withdraw" is a CONCEDE, "would attack" a THREATEN.

What each stated or refused act is coded as is the data table ``data/commitments.tsv`` (PLOVER manual,
AGREE, CONCEDE, REJECT and THREATEN); this module decides whether the clause states an intention at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from backchannel.events.commitments import Commitments
from backchannel.events.modality import Modality
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention, ActorRef

__all__ = ["Derived", "intent_event_type", "narrated_purpose"]


@dataclass(frozen=True)
class Derived:
    """The asserted speech act of a stated intention, and the table row (or rule) that made it."""

    event_type: str
    mode: str | None
    rule: str


def intent_event_type(
    event_type: str,
    mode: str | None,
    modality: Modality,
    reporter: ActorRef | None,
    actors: Sequence[ActorMention],
    words: WordClasses,
    commitments: Commitments,
) -> Derived | None:
    """The speech act of announcing one's own future action: AGREE, CONCEDE, THREATEN or REJECT (or None)."""
    if not modality.intent(words) or modality.status == "asserted":
        return None
    if modality.cue in words.future_auxiliaries and not _own_announcement(reporter, actors):
        return None
    if modality.cue == "would (reported)" and (reporter is None or not _own_announcement(reporter, actors)):
        # "would" is a future only in someone's reported words: "his wish that the king would help" is no one's
        return None
    row = commitments.of(event_type, mode)
    if modality.status == "negated" or modality.negated:
        if row is None or row.refused is None:
            return None
        return Derived(row.refused, row.refused_mode, row.source)
    if modality.cue == "unless":
        # "will withdraw its force unless ...": a conditional threat (PLOVER manual, THREATEN)
        if event_type == "THREATEN":
            return None
        threat_mode = row.stated_mode if row is not None and row.stated == "THREATEN" else None
        return Derived("THREATEN", threat_mode, "conditional commitment: 'unless'")
    if event_type == "ASSAULT" and modality.cue in words.readiness_cues:
        # "the army prepared to resume shelling": a show of force (PLOVER manual, MOBILIZE)
        return Derived("MOBILIZE", None, "readiness to attack")
    if row is None or row.stated is None:
        return None
    return Derived(row.stated, row.stated_mode, row.source)


def _own_announcement(reporter: ActorRef | None, actors: Sequence[ActorMention]) -> bool:
    """'will' alone states an intention when no one else is reported saying it: the actor itself, its
    officials, or the news itself ("Japan will fund the port"; PLOVER manual, AGREE: cooperative
    actions "reported in future tense")."""
    if reporter is None:
        return True
    if reporter.actor_id is None:
        return False
    own = {a.actor_id for a in actors} | {a.affiliation for a in actors if a.affiliation}
    # a state's officials speak for the state: "Israel will evacuate ..., said a spokesperson for the PM";
    # and for its leaders: "Trump will meet Hariri next week, the White House announced"
    states = {a.country for a in actors if a.country and (a.kind == "country" or a.sector == "GOV")}
    official = reporter.country in states and reporter.sector in (None, "GOV", "MIL", "DIP")
    return reporter.actor_id in own or reporter.affiliation in own or official


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
