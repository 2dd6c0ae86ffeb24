"""PLOVER event (type, mode, context) -> CAMEO event code, for the CAMEO-style export.

Facts from the CAMEO -> PLOVER conversion table of the PLOVER manual, draft 0.8 (CAMEO2PLOVER-2021,
Philip Schrodt / Open Event Data Alliance, PLOVER repository, MIT code / CC BY-SA 4.0 text): each
CAMEO code there is listed with the PLOVER type, mode and context it converts to.  We read that table
backwards.  Where several CAMEO codes share a (type, mode) we take the most general one whose
description fits the mode; entries that are *our* choice (the table does not define the pair, or
defines it under another mode) are listed in ``OUR_CHOICES`` and documented here:

- ACCUSE with no mode -> 110 "Disapprove" (CAMEO's generic code of root 11; the table has no
  mode-less ACCUSE code); ACCUSE allege -> 112 "Accuse" (parent of the table's 1121-1125 allege codes).
- REQUEST yield -> 105 and REJECT yield -> 124 (parents of the table's 1051-1056 / 1243-1246 yield codes).
- PROTEST strike -> 143 "Conduct strike or boycott" (the manual's strike mode post-dates the table).
- MOBILIZE militia / weapons -> 150 (no finer CAMEO code).
- SANCTION convict -> 160 (CAMEO's 116 "Find guilty" belongs to root 11: we keep the PLOVER type's root).
- COERCE censor -> 1721 "Impose restrictions on freedoms of speech"; COERCE destroy -> 171 "Seize or
  damage property"; COERCE cyber -> 170.
- ASSAULT explosives -> 183 "Conduct suicide, car, or other non-military bombing" (parent of the
  table's 1832/1833 explosives codes); aerial and drone -> 195 "Employ aerial weapons" (the table lists
  195 under heavy-weapons); execute -> 1823 "Kill by physical assault"; crowd-control -> 175 "Use
  violent repression"; destroy -> 1712 "Destroy property"; primitive -> 180.
- ASSAULT with neither mode nor a finer context, by or against a state or its forces -> 190 "Use
  conventional military force"; otherwise 180 "Use unconventional violence".
- A mode the table does not know falls back to the type's generic code (``DEFAULTS``).

CAMEO 01 (public statement) and 02 (appeal) have no PLOVER counterpart in the table and never occur.
The root code is the first two digits of the code, the base code its first three.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BY_CONTEXT",
    "BY_MODE",
    "BY_MODE_CONTEXT",
    "DEFAULTS",
    "OUR_CHOICES",
    "CameoCode",
    "cameo_code",
]

# The type's generic code: the table's mode-less code for the type (ACCUSE: ours, see above).
DEFAULTS: dict[str, str] = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "COOPERATE": "060",
    "AID": "070",
    "CONCEDE": "080",
    "RETREAT": "084",
    "ACCUSE": "110",
    "REQUEST": "100",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "MOBILIZE": "150",
    "SANCTION": "160",
    "COERCE": "170",
    "ASSAULT": "180",
}

BY_MODE: dict[tuple[str, str], str] = {
    ("CONSULT", "phone"): "041",
    ("CONSULT", "visit"): "042",
    ("CONSULT", "third-party"): "044",
    ("RETREAT", "release"): "0841",
    ("RETREAT", "return"): "0842",
    ("RETREAT", "ease"): "085",
    ("RETREAT", "access"): "086",
    ("RETREAT", "disarm"): "087",
    ("RETREAT", "ceasefire"): "0871",
    ("RETREAT", "withdraw"): "0872",
    ("ACCUSE", "investigate"): "090",
    ("ACCUSE", "disapprove"): "111",
    ("ACCUSE", "allege"): "112",
    ("REQUEST", "assist"): "101",
    ("REQUEST", "change"): "104",
    ("REQUEST", "yield"): "105",
    ("REQUEST", "meet"): "106",
    ("REJECT", "assist"): "121",
    ("REJECT", "change"): "123",
    ("REJECT", "yield"): "124",
    ("REJECT", "meet"): "125",
    ("THREATEN", "relations"): "1313",
    ("THREATEN", "restrict"): "1312",
    ("THREATEN", "ban"): "132",
    ("THREATEN", "expel"): "136",
    ("THREATEN", "violence"): "138",
    ("THREATEN", "territory"): "1382",
    ("PROTEST", "demo"): "141",
    ("PROTEST", "hunger"): "142",
    ("PROTEST", "boycott"): "143",
    ("PROTEST", "strike"): "143",
    ("PROTEST", "obstruct"): "144",
    ("PROTEST", "riot"): "145",
    ("MOBILIZE", "police"): "153",
    ("MOBILIZE", "troops"): "154",
    ("MOBILIZE", "militia"): "150",
    ("MOBILIZE", "weapons"): "150",
    ("SANCTION", "withdraw"): "161",
    ("SANCTION", "discontinue"): "162",
    ("SANCTION", "expel"): "166",
    ("SANCTION", "convict"): "160",
    ("COERCE", "seize"): "171",
    ("COERCE", "restrict"): "172",
    ("COERCE", "ban"): "1722",
    ("COERCE", "curfew"): "1723",
    ("COERCE", "martial-law"): "1724",
    ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174",
    ("COERCE", "censor"): "1721",
    ("COERCE", "destroy"): "171",
    ("COERCE", "cyber"): "170",
    ("ASSAULT", "abduct"): "181",
    ("ASSAULT", "beat"): "182",
    ("ASSAULT", "sexual"): "1821",
    ("ASSAULT", "torture"): "1822",
    ("ASSAULT", "suicide-attack"): "183",
    ("ASSAULT", "explosives"): "183",
    ("ASSAULT", "assassinate"): "186",
    ("ASSAULT", "firearms"): "193",
    ("ASSAULT", "heavy-weapons"): "194",
    ("ASSAULT", "massacre"): "200",
    ("ASSAULT", "cleansing"): "203",
    ("ASSAULT", "unconventional"): "204",
    ("ASSAULT", "aerial"): "195",
    ("ASSAULT", "drone"): "195",
    ("ASSAULT", "execute"): "1823",
    ("ASSAULT", "crowd-control"): "175",
    ("ASSAULT", "destroy"): "1712",
    ("ASSAULT", "primitive"): "180",
}

# Finer codes for a (type, mode) in a given context, where the table lists that triple.
BY_MODE_CONTEXT: dict[tuple[str, str, str], str] = {
    ("COERCE", "restrict", "military"): "191",
    ("COERCE", "restrict", "diplomatic"): "163",
    ("COERCE", "seize", "military"): "192",
}

# Mode-less codes that the table distinguishes by a substantive context (economic, military aid ...).
# "diplomatic" is left out on purpose: it is a document-level context, and it would turn every
# meeting into CAMEO 045 "Engage in mediation".
BY_CONTEXT: dict[tuple[str, str], str] = {
    ("AGREE", "economic"): "0311",
    ("AGREE", "military"): "0312",
    ("AGREE", "legal"): "0313",
    ("AGREE", "intelligence"): "0314",
    ("AGREE", "humanitarian"): "0333",
    ("AGREE", "peacekeeping"): "0334",
    ("COOPERATE", "economic"): "061",
    ("COOPERATE", "military"): "062",
    ("COOPERATE", "legal"): "063",
    ("COOPERATE", "intelligence"): "064",
    ("AID", "economic"): "071",
    ("AID", "military"): "072",
    ("AID", "humanitarian"): "073",
    ("AID", "peacekeeping"): "074",
    ("AID", "asylum"): "075",
    ("ASSAULT", "military"): "190",
}

# Entries that are Backchannel's choice rather than a line of the conversion table.
OUR_CHOICES: frozenset[tuple[str, ...]] = frozenset(
    {
        ("ACCUSE",),
        ("ACCUSE", "allege"),
        ("REQUEST", "yield"),
        ("REJECT", "yield"),
        ("PROTEST", "strike"),
        ("MOBILIZE", "militia"),
        ("MOBILIZE", "weapons"),
        ("SANCTION", "convict"),
        ("COERCE", "censor"),
        ("COERCE", "destroy"),
        ("COERCE", "cyber"),
        ("ASSAULT", "explosives"),
        ("ASSAULT", "aerial"),
        ("ASSAULT", "drone"),
        ("ASSAULT", "execute"),
        ("ASSAULT", "crowd-control"),
        ("ASSAULT", "destroy"),
        ("ASSAULT", "primitive"),
    }
)

Source = Literal["table", "backchannel"]


@dataclass(frozen=True)
class CameoCode:
    code: str
    source: Source  # "table": the conversion table defines it; "backchannel": our documented choice

    @property
    def base(self) -> str:
        return self.code[:3]

    @property
    def root(self) -> str:
        return self.code[:2]


def cameo_code(
    event_type: str, mode: str | None, context: tuple[str, ...] = (), state_force: bool = False
) -> CameoCode:
    """The CAMEO code of a PLOVER event; ``state_force``: a state or its forces is on either side."""
    if mode:
        for ctx in context:
            code = BY_MODE_CONTEXT.get((event_type, mode, ctx))
            if code:
                return CameoCode(code, "table")
        code = BY_MODE.get((event_type, mode))
        if code:
            return CameoCode(code, "backchannel" if (event_type, mode) in OUR_CHOICES else "table")
    if not mode or (event_type, mode) not in BY_MODE:
        for ctx in context:
            code = BY_CONTEXT.get((event_type, ctx))
            if code:
                return CameoCode(code, "table")
    if event_type == "ASSAULT" and not mode and state_force:
        return CameoCode("190", "backchannel")
    code = DEFAULTS[event_type]
    if mode and (event_type, mode) not in BY_MODE:
        return CameoCode(code, "backchannel")
    return CameoCode(code, "backchannel" if (event_type,) in OUR_CHOICES else "table")
