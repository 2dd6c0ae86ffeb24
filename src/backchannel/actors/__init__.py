"""The actors stage: our own actor knowledge base and a resolver over spaCy documents.

``ActorKB.load()`` reads the packaged data files (countries, organisations, people with date-bounded
roles, sector nouns); ``ActorResolver(kb).find(doc, doc_date)`` returns the ``ActorMention`` s of a
parsed document, with offsets into the original text; ``ActorResolver(kb, places=GazetteerPlaces(gazetteer))``
also gives a title after a town or city ("Gyumri mayor") the town's country.
"""

from backchannel.actors.kb import ActorKB
from backchannel.actors.places import GazetteerPlaces, PlaceLookup
from backchannel.actors.resolver import ActorResolver

__all__ = ["ActorKB", "ActorResolver", "GazetteerPlaces", "PlaceLookup"]
