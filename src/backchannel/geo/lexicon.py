"""Word lists shared by place finding and event-location attachment (English news usage; our own lists)."""

from __future__ import annotations

__all__ = ["COMMUNICATION_VERBS", "LOCATIVE_PREPS", "PLACE_EVIDENCE_PREPS", "PLACE_NOUNS", "PLACE_OBJECT_VERBS"]

LOCATIVE_PREPS = frozenset(
    """in at near inside outside across throughout around off on into onto within along upon over beyond between
    among through behind nearby""".split()  # noqa: SIM905 - word list
)

# Prepositions after which a capitalised name inside a mis-labelled ORG/PERSON entity is still a place
# ("ambassador to Qatar Cao Xiaolin").
PLACE_EVIDENCE_PREPS = frozenset(
    {"in", "to", "from", "at", "near", "into", "across", "inside", "throughout", "toward", "towards", "outside"}
)

# Nouns that make their modifier a location ("the Rafah crossing", "Grozny's streets").
PLACE_NOUNS = frozenset(
    """city town village capital province region district governorate state county area areas border borders
    crossing camp neighbourhood neighborhood suburb suburbs outskirts countryside coast port street streets road
    roads airport base valley strip territory territories zone municipality centre center part parts side
    vicinity embassy compound market square mountains islands island river highway enclave front
    frontline heartland hills desert sea waters north south east west northeast northwest southeast southwest
    quarter refinery""".split()  # noqa: SIM905 - word list
)

# Verbs whose object (or passive subject) is the place of the event: "captured Badme", "visited China",
# "Pakistan was destroyed".  Other verbs' objects are participants ("approached China").
PLACE_OBJECT_VERBS = frozenset(
    """capture recapture seize liberate storm shell bomb bombard raid besiege patrol overrun retake occupy enter
    invade attack destroy hit strike target visit tour blockade encircle surround annex cross""".split()  # noqa: SIM905 - word list
)
# Verbs of saying and meeting: a place inside their object is a topic ("discussed the situation in Gaza"),
# only a place modifying the verb itself is where it happened ("discussed ... in Doha").
COMMUNICATION_VERBS = frozenset(
    """discuss talk say tell stress urge call demand accuse criticize criticise condemn express announce warn
    claim deny blame praise welcome reject propose ask appeal insist note add state report confirm""".split()  # noqa: SIM905 - word list
)
