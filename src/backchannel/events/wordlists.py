"""Word, dependency-label and event-type sets that the event coder's rules test against."""

from __future__ import annotations

__all__ = [
    "ALLEGING_VERBS",
    "ARMS",
    "ATTEMPT_NOUNS",
    "CLAUSE_DEPS",
    "COMMITMENT_NOUNS",
    "CONTEXT_WORDS",
    "CROWD_NUMBERS",
    "DEONTIC",
    "DESIRE_CUES",
    "DOCUMENT_NOUNS",
    "DOMESTIC_TYPES",
    "EXERCISE_NOUNS",
    "EXPLOSIVE_NOUNS",
    "FIGURATIVE_WARS",
    "HOSTILE_SECTORS",
    "LASTING_CONFLICTS",
    "MEASURE_HEADS",
    "MEASURE_NOUNS",
    "MEDIATION_PREPS",
    "MEDIATOR_NOUNS",
    "MULTINATIONAL",
    "NEEDS_RECIPIENT",
    "NO_DERIVATION",
    "PATIENT_NOUNS",
    "PLAYER_ROLES",
    "PROTESTER_NOUNS",
    "PROTEST_NOUNS",
    "RELATION_NOUNS",
    "RULING_VERBS",
    "SETTLEMENT_TYPES",
    "STATE_NOUN_TYPES",
    "STATE_PARTICIPLES",
    "SUBJ",
    "SUBORDINATES",
    "TALKS_NOUNS",
    "TERRITORIAL_TYPES",
    "THING_ENTITIES",
    "THING_NAMES",
    "TIME_PREPS",
    "TROOP_NOUNS",
    "VOW_VERBS",
    "WAR_NOUNS",
    "WEAPON_NOUNS",
]


MEDIATION_PREPS = frozenset({"mediate", "broker", "host", "sponsor", "facilitate", "organize", "organise", "arrange"})

MEDIATOR_NOUNS = frozenset(
    {"mediator", "mediation", "auspices", "intermediary", "broker", "facilitator", "sponsorship"}
)

DEONTIC = frozenset({"must", "should", "ought", "need"})

# Measures a government applies to a place and its people: the place is the target even at home
# ("Bashir shortened the curfew imposed in Sudan").
TERRITORIAL_TYPES = frozenset({"PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "CONCEDE", "RETREAT"})

PROTEST_NOUNS = frozenset(
    {"demonstration", "protest", "rally", "march", "strike", "sit-in", "vigil", "gathering", "meeting", "congress"}
)

SUBORDINATES = frozenset(
    """army troop force military police soldier unit commander ministry government official staff agency
    navy officer""".split()  # noqa: SIM905 - word list
)

COMMITMENT_NOUNS = frozenset({"commitment", "promise", "pledge", "obligation", "guarantee", "assurance", "vow"})

WEAPON_NOUNS = frozenset(
    """tank tanks artillery drone drones missile missiles rocket rockets mortar mortars warplane warplanes jet jets
    helicopter helicopters gunship gunships gunboat sniper snipers fire gunfire shell shells bomb bombs
    airstrike airstrikes""".split()  # noqa: SIM905 - word list
)

EXPLOSIVE_NOUNS = frozenset(
    """ied ieds landmine landmines mine mines explosive explosives device devices grenade grenades""".split()  # noqa: SIM905
)
ARMS = WEAPON_NOUNS | EXPLOSIVE_NOUNS  # anything used to attack: "an IED targeting a convoy"

MEASURE_NOUNS = frozenset(
    {"curfew", "emergency", "martial", "ban", "restriction", "measure", "blockade", "siege", "lockdown", "closure"}
)

# Objects that name a relationship; its other side is the object of "with" ("broke relations with Russia").
RELATION_NOUNS = frozenset(
    {
        "relation",
        "relationship",
        "tie",
        "contact",
        "link",
        "talk",
        "dialogue",
        "negotiation",
        "cooperation",
        "partnership",
        "trade",
        "agreement",
        "deal",
        "treaty",
        "pact",
        "accord",
        "alliance",
        "communication",
        "truce",
        "ceasefire",
        "cease-fire",
        "peace",
        "border",
        "frontier",
    }
)

EXERCISE_NOUNS = frozenset({"exercise", "drill", "maneuver", "war game", "wargame"})

DOCUMENT_NOUNS = frozenset(
    {"declaration", "statement", "letter", "communique", "resolution", "report", "message", "note", "appeal"}
)

RULING_VERBS = frozenset({"conclude", "rule", "decide", "recommend", "resolve", "agree", "find"})

TROOP_NOUNS = frozenset({"troop", "force", "peacekeeper", "contingent", "soldier", "unit", "battalion", "deployment"})

STATE_PARTICIPLES = frozenset({"arm", "base", "back", "lead", "support", "fund", "station", "ban", "occupy"})

ALLEGING_VERBS = frozenset({"claim", "allege", "charge", "contend"})

DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "MOBILIZE"})

STATE_NOUN_TYPES = frozenset({"CONSULT", "ASSAULT", "COOPERATE", "PROTEST"})

SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")

CONTEXT_WORDS: dict[str, str] = {
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "truce": "ceasefire",
    "hostage": "hostages_prisoners",
    "prisoner": "hostages_prisoners",
    "humanitarian": "humanitarian",
    "aid": "humanitarian",
    "refugee": "migration",
    "troop": "military",
    "military": "military",
    "army": "military",
    "missile": "military",
    "weapon": "military",
    "nuclear": "wmd",
    "trade": "economic",
    "economic": "economic",
    "tariff": "economic",
    "sanction": "economic",
    "election": "election",
    "vote": "election",
    "court": "legal",
    "trial": "legal",
    "terrorist": "terrorism",
    "terrorism": "terrorism",
    "statehood": "territory",
    "border": "territory",
    "territory": "territory",
    "diplomatic": "diplomatic",
    "ambassador": "diplomatic",
    "resolution": "international_organization",
}

CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "csubj", "parataxis"})

NO_DERIVATION = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"})

DESIRE_CUES = frozenset({"seek", "try", "attempt", "want", "wish", "hope", "aim", "bid", "effort"})

# The PLOVER manual's "Requires recipient: Yes"
NEEDS_RECIPIENT = frozenset({"SANCTION", "AID", "COOPERATE"})

# Event nouns whose possessor undergoes the event: "Kirk's killing", "his arrest" (not "Russia's invasion")
PATIENT_NOUNS = frozenset(
    """killing murder assassination execution death arrest detention abduction kidnapping kidnap release
    deportation expulsion imprisonment jailing torture trial conviction sentencing extradition capture
    disappearance beheading lynching ouster removal impeachment dismissal shooting""".split()  # noqa: SIM905
)

THING_ENTITIES = frozenset(
    {"WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "FAC", "LANGUAGE", "MONEY", "DATE", "TIME", "QUANTITY"}
)

THING_NAMES = frozenset(
    """prize award medal cup trophy championship games olympics act treaty accord agreement summit festival
    conference forum law bill week day""".split()  # noqa: SIM905 - word list
)

MEASURE_HEADS = frozenset(
    """sanction blacklist tariff measure law legislation restriction ban campaign policy investigation probe
    order decree bill rule regulation control list package""".split()  # noqa: SIM905 - word list
)

PLAYER_ROLES = frozenset(
    """midfielder defender forward striker winger champion champions fullback full-back player titleholder""".split()  # noqa: SIM905
)

CROWD_NUMBERS = frozenset({"thousands", "hundreds", "dozens", "tens", "millions", "scores"})

ATTEMPT_NOUNS = frozenset({"attempt", "bid", "effort", "plan", "move", "decision", "push", "drive", "campaign"})

VOW_VERBS = frozenset({"vow", "swear"})

WAR_NOUNS = frozenset({"war", "warfare", "battle", "fight", "offensive", "campaign"})

FIGURATIVE_WARS = frozenset(
    """economic trade tariff price currency culture cultural information propaganda legal political bidding
    talent word media diplomatic cold lawfare""".split()  # noqa: SIM905 - word list
)

LASTING_CONFLICTS = frozenset(
    {"war", "conflict", "invasion", "occupation", "revolution", "uprising", "insurgency", "genocide"}
)

TIME_PREPS = frozenset({"since", "during", "before", "until", "throughout", "till"})

HOSTILE_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "UAF", "INS", "CRM", "SEP"})

PROTESTER_NOUNS = frozenset({"protester", "protestor", "demonstrator", "rioter", "mob"})

MULTINATIONAL = frozenset({"regional", "international", "multinational", "peacekeeping"})

# Settling with someone: what was agreed, conceded or given up "after talks with" them was settled with them.
SETTLEMENT_TYPES = frozenset({"AGREE", "CONCEDE", "RETREAT", "REJECT"})

TALKS_NOUNS = frozenset(
    {"talk", "deliberation", "negotiation", "consultation", "meeting", "meet", "discussion", "dialogue", "contact"}
)
