"""PLOVER event types: quad classes and intensities.

Quad classes follow the PLOVER manual v0.8 (summary table): 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict.  PLOVER defines
no intensity scale; ours is a Goldstein-like score in [-10, 10] assigned per type
(values follow the Goldstein weights of the CAMEO root codes each PLOVER type
aggregates), so that dyad series have a cooperation-conflict direction.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "DOMESTIC_TYPES",
    "EVENT_TYPES",
    "HOSTILE_SECTORS",
    "INTENSITY",
    "NEEDS_RECIPIENT",
    "NO_DERIVATION",
    "QUAD_CLASS",
    "RECIPROCAL_TYPES",
    "SETTLEMENT_TYPES",
    "STATE_NOUN_TYPES",
    "TERRITORIAL_TYPES",
    "THING_ENTITIES",
    "quad_class",
]

QUAD_CLASS: Mapping[str, int] = MappingProxyType(
    {
        "AGREE": 1,
        "CONSULT": 1,
        "SUPPORT": 1,
        "CONCEDE": 1,
        "COOPERATE": 2,
        "AID": 2,
        "RETREAT": 2,
        "REQUEST": 3,
        "ACCUSE": 3,
        "REJECT": 3,
        "SANCTION": 3,
        "THREATEN": 3,
        "PROTEST": 4,
        "MOBILIZE": 4,
        "COERCE": 4,
        "ASSAULT": 4,
    }
)

EVENT_TYPES: tuple[str, ...] = tuple(QUAD_CLASS)

INTENSITY: Mapping[str, float] = MappingProxyType(
    {
        "AGREE": 4.0,
        "CONSULT": 1.0,
        "SUPPORT": 3.5,
        "CONCEDE": 5.0,
        "COOPERATE": 6.0,
        "AID": 7.0,
        "RETREAT": 6.5,
        "REQUEST": -3.0,
        "ACCUSE": -2.0,
        "REJECT": -4.0,
        "SANCTION": -4.5,
        "THREATEN": -6.0,
        "PROTEST": -6.5,
        "MOBILIZE": -7.2,
        "COERCE": -7.0,
        "ASSAULT": -9.5,
    }
)

# Types where "A and B <verb>" means both are actors of one event (no recipient).
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})

# Measures a government applies to a place and its people: the place is the target even at home
# ("Bashir shortened the curfew imposed in Sudan"); aid given abroad is for the place it is given in
# ("Germany gave 350 million euros to promote investment in Ethiopia": PLOVER manual AID needs a recipient).
TERRITORIAL_TYPES = frozenset({"PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "CONCEDE", "RETREAT", "AID"})

# Types whose unnamed local parties belong to the country of the place ("police arrested protesters in Tbilisi").
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "MOBILIZE"})

# Types a noun can carry as a state one is in ("they are in ceasefire negotiations").
STATE_NOUN_TYPES = frozenset({"CONSULT", "ASSAULT", "COOPERATE", "PROTEST"})

# Types that are speech acts already: no AGREE or THREATEN is derived from their stated intention.
NO_DERIVATION = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"})

# The PLOVER manual's "Requires recipient: Yes"
NEEDS_RECIPIENT = frozenset({"SANCTION", "AID", "COOPERATE"})

# Settling with someone: what was agreed, conceded or given up "after talks with" them was settled with them.
SETTLEMENT_TYPES = frozenset({"AGREE", "CONCEDE", "RETREAT", "REJECT"})

# Sectors (PLOVER/CAMEO agent codes) of parties that can attack: an armed author makes a death an attack.
HOSTILE_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "UAF", "INS", "CRM", "SEP"})

# spaCy entity labels of things, not parties ("the Nobel Prize", "the Oslo Accords").
THING_ENTITIES = frozenset(
    {"WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC", "LANGUAGE", "MONEY", "DATE", "TIME", "QUANTITY"}
)


def quad_class(event_type: str) -> int:
    return QUAD_CLASS[event_type]
