"""PLOVER event types: quad classes and intensities.

Quad classes follow the PLOVER manual v0.8 (summary table): 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict.  PLOVER defines
no intensity scale; ours is a Goldstein-like score in [-10, 10] assigned per type
(values follow the Goldstein weights of the CAMEO root codes each PLOVER type
aggregates), so that dyad series have a cooperation-conflict direction.
"""

from __future__ import annotations

__all__ = ["EVENT_TYPES", "INTENSITY", "QUAD_CLASS", "RECIPROCAL_TYPES", "quad_class"]

QUAD_CLASS: dict[str, int] = {
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

EVENT_TYPES: tuple[str, ...] = tuple(QUAD_CLASS)

INTENSITY: dict[str, float] = {
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

# Types where "A and B <verb>" means both are actors of one event (no recipient).
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})


def quad_class(event_type: str) -> int:
    return QUAD_CLASS[event_type]
