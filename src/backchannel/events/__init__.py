"""The events stage: PLOVER events with actors, modality, time, place and provenance."""

from backchannel.events.coder import CODER_NAME, EventCoder
from backchannel.events.lexicon import Lexicon, TriggerEntry
from backchannel.events.ontology import EVENT_TYPES, INTENSITY, QUAD_CLASS

__all__ = ["CODER_NAME", "EVENT_TYPES", "INTENSITY", "QUAD_CLASS", "EventCoder", "Lexicon", "TriggerEntry"]
