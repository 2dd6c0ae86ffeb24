"""The state body that arrests or charges when the text names none: "five suspects were arrested in Quito",
"the surviving gunman is charged with 59 offences".

ACLED codes an arrest with no named actor as done by the police forces of the country where it happened,
and PLOVER's sector codes name the police (COP) and the judiciary (JUD) as the actors of arrests and
court acts (PLOVER manual, COERCE mode arrest, ACCUSE mode allege, sector codes; issue 14, class 1).
Which verbs are police acts and which judicial acts is data (word classes ``police_act_verbs`` and
``judicial_act_verbs``); the country is the event's place, else the one country of its recipients.
"""

from __future__ import annotations

from collections.abc import Sequence

from backchannel.events.candidate import Candidate
from backchannel.events.wordclasses import WordClasses
from backchannel.records import ActorMention, PlaceMention

__all__ = ["authority_act", "unnamed_authority"]


def authority_act(cand: Candidate, words: WordClasses) -> bool:
    """An arrest or a court act done to named parties by no party the text names ("Comey was indicted by a
    grand jury", "three officials were detained"): kept, and given the police or the judiciary."""
    return bool(cand.recipients) and _authority(cand, words) is not None


def _authority(cand: Candidate, words: WordClasses) -> tuple[str, str] | None:
    if cand.nominal or cand.actors:
        return None
    lemma = cand.trigger.lemma_.lower()
    if lemma in words.police_act_verbs and cand.entry.event_type == "COERCE":
        return "Police forces", "COP"
    if lemma in words.judicial_act_verbs and cand.entry.event_type in ("ACCUSE", "SANCTION", "COERCE"):
        return "Judiciary", "JUD"
    return None


def unnamed_authority(
    cand: Candidate, where: PlaceMention | None, recips: Sequence[ActorMention], words: WordClasses
) -> list[ActorMention]:
    """The police or the judiciary of the country, as the actor of an arrest or a charge told with no actor."""
    authority = _authority(cand, words)
    if authority is None:
        return []
    name, sector = authority
    country = where.country_code if where is not None else None
    if not country:
        countries = {r.country for r in recips if r.country and r.country != "IGO"}
        country = next(iter(countries)) if len(countries) == 1 else None
    if not country:
        return []
    return [
        ActorMention(
            text="",
            start=0,
            end=0,
            actor_id=None,
            name=name,
            country=country,
            sector=sector,
            resolved=False,
            kind="group",
        )
    ]
