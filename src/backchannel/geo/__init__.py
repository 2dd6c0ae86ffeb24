"""The geo stage: find place mentions, geocode them, and attach an event's location.

Gazetteer.load()  ->  PlaceResolver(gazetteer).find(doc)  ->  attach_location(trigger, toponyms(places))
"""

from backchannel.geo.attach import attach_location, toponyms
from backchannel.geo.gazetteer import Gazetteer
from backchannel.geo.resolver import PlaceResolver

__all__ = ["Gazetteer", "PlaceResolver", "attach_location", "toponyms"]
