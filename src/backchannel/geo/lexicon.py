"""Word lists shared by place finding and event-location attachment (English news usage; our own lists)."""

from __future__ import annotations

__all__ = ["LOCATIVE_PREPS", "PLACE_EVIDENCE_PREPS", "PLACE_NOUNS"]

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "across",
        "throughout",
        "around",
        "off",
        "on",
        "into",
        "onto",
        "within",
        "along",
        "upon",
        "over",
        "beyond",
        "between",
        "among",
        "through",
        "behind",
        "nearby",
    }
)

# Prepositions after which a capitalised name inside a mis-labelled ORG/PERSON entity is still a place
# ("ambassador to Qatar Cao Xiaolin").
PLACE_EVIDENCE_PREPS = frozenset(
    {"in", "to", "from", "at", "near", "into", "across", "inside", "throughout", "toward", "towards", "outside"}
)

# Nouns that make their modifier a location ("the Rafah crossing", "Grozny's streets").
PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "capital",
        "province",
        "region",
        "district",
        "governorate",
        "state",
        "county",
        "area",
        "areas",
        "border",
        "borders",
        "crossing",
        "camp",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "suburbs",
        "outskirts",
        "countryside",
        "coast",
        "port",
        "street",
        "streets",
        "road",
        "roads",
        "airport",
        "base",
        "valley",
        "strip",
        "territory",
        "territories",
        "zone",
        "municipality",
        "centre",
        "center",
        "part",
        "parts",
        "side",
        "vicinity",
        "embassy",
        "compound",
        "market",
        "square",
        "mountains",
        "islands",
        "island",
        "river",
        "highway",
        "region's",
        "enclave",
        "front",
        "frontline",
        "heartland",
        "hills",
        "desert",
        "sea",
        "waters",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "quarter",
        "refinery",
    }
)
