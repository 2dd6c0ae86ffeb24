"""Typed records passed between pipeline stages.

The flow is ``Article`` (ingest) -> ``CleanDoc`` (clean) -> spaCy ``Doc`` (nlp)
-> ``ActorMention`` / ``TimeMention`` / ``PlaceMention`` (actors, time, geo)
-> ``Event`` (events) -> ``DocumentResult`` (the output contract, one per
document).

Every ``start``/``end`` offset in these records refers to the ORIGINAL input
text of the article (``Article.text``).  The clean stage guarantees this by
producing a working text of exactly the same length as the original.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "COUNTRYLESS_MENTION_KINDS",
    "ENTITY_MENTION_KINDS",
    "SCHEMA_VERSION",
    "ActorMention",
    "ActorRef",
    "Article",
    "CleanDoc",
    "DocumentResult",
    "Event",
    "EventTrace",
    "EventType",
    "PlaceKind",
    "PlaceMention",
    "Removed",
    "SentenceRef",
    "TimeMention",
    "TriggerRef",
    "Warning_",
]

SCHEMA_VERSION = "1"

PlaceKind = Literal["toponym", "embedded", "demonym"]
Precision = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century", "document", "unknown"]
Status = Literal["asserted", "negated", "hypothetical", "future"]
# The PLOVER event types (PLOVER manual v0.8), in the manual's order.
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(_Record):
    """One input document as read by ``ingest``."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD document (publication) date, if known
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # path or "<stdin>" the article was read from


class Removed(_Record):
    """A span of the original text that is not reporting (bait, disclaimer, caption, mask...)."""

    start: int
    end: int
    reason: str
    text: str


class Warning_(_Record):
    """A machine-readable warning; rendered as a string in the output contract."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None


class CleanDoc(_Record):
    """Output of ``clean``: the original article plus a same-length working text.

    ``work_text`` has exactly ``len(article.text)`` characters: removed spans
    are blanked with spaces and known mistranslations are replaced by their
    meaning padded with spaces, so offsets stay valid for the original text.
    """

    schema_version: str = SCHEMA_VERSION
    article: Article
    work_text: str
    removed: tuple[Removed, ...] = ()
    warnings: tuple[Warning_, ...] = ()
    # Offsets of paragraph / line starts that are bare headings (kept, but not coded as events).
    headings: tuple[tuple[int, int], ...] = ()


class ActorMention(_Record):
    """An actor found in the text, resolved (or not) to a canonical entity."""

    text: str
    start: int
    end: int
    actor_id: str | None = None  # canonical id in our KB, e.g. "HAMAS", "CHN", "P:ismail_haniyeh"
    name: str | None = None  # canonical display name
    country: str | None = None  # ISO alpha-3 or PLOVER non-state code (IGO, NGO, ...)
    sector: str | None = None  # PLOVER sector code (GOV, MIL, REB, CVL, DIP, ...)
    role: str | None = None  # e.g. "ambassador to QAT", "head of political bureau"
    resolved: bool = False
    kind: str | None = None  # country, igo, nsa, person, group (internal; not in contract)
    affiliation: str | None = None  # actor_id of the organisation a person belongs to


# Values of ``ActorMention.kind`` the coder reads as classes: an organised entity, which may head a list the
# parser read as an apposition ("The US, Russia, and Switzerland met"); a mention that may lack a country
# the sentence gives it ("a man, a Syrian national").
ENTITY_MENTION_KINDS = frozenset({"country", "igo", "nsa"})
COUNTRYLESS_MENTION_KINDS = frozenset({"unknown", "person", "group"})


class ActorRef(_Record):
    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    affiliation: str | None = None  # for persons: the organisation's actor_id (Haniyeh -> HAMAS)
    start: int | None = None
    end: int | None = None
    resolved: bool = False


class TimeMention(_Record):
    text: str
    start: int
    end: int
    value: str | None  # YYYY-MM-DD, YYYY-MM, YYYY, or None when unresolved
    precision: Precision
    approximate: bool = False
    historical: bool = False  # refers to a time well before the document date
    relation: Literal["on", "before", "after"] = "on"  # "more than a decade ago" -> before


class PlaceMention(_Record):
    """A place named in the text.  ``kind`` says how it is named: "toponym", a place's own name standing
    for itself ("in Aleppo"); "embedded", a place's name inside an organisation's or a team's name ("the
    Pakistan Army", "The Washington Post"); "demonym", a country or region named by its adjective ("Syrian
    forces", "European leaders").  Only toponyms say where an event happened or which country an unknown
    actor belongs to; the other kinds are references (GeoWebNews annotates all three as toponyms)."""

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None  # ISO alpha-3
    feature_code: str | None = None
    kind: PlaceKind = "toponym"


class TriggerRef(_Record):
    text: str
    start: int
    end: int


class SentenceRef(_Record):
    index: int
    start: int
    end: int
    text: str


class EventTrace(_Record):
    """Which rules made an event: the lexicon entry, the argument rules, the modality rule (opt-in output)."""

    entry: str  # file:line of the lexicon entry that triggered it, or the rule that made it
    trigger_rule: str  # how the trigger was found: verb, light verb + noun, event noun, adjective, rule
    retype: str | None = None  # the lexicon retype option that recoded the entry
    derived_from: str | None = None  # the event type it is derived from (a stated intention, an allegation)
    arguments: tuple[str, ...] = ()  # the rules and strategies that filled actor, recipient and mediator
    modality: str = ""  # the modality rule that set the status, and its cue


class Event(_Record):
    id: str
    event_type: EventType
    mode: str | None = None
    context: tuple[str, ...] = ()
    actor: tuple[ActorRef, ...] = ()
    recipient: tuple[ActorRef, ...] = ()
    mediator: tuple[ActorRef, ...] = ()
    date: str | None = None
    date_precision: Precision = "unknown"
    date_text: str | None = None
    location: PlaceMention | None = None
    status: Status = "asserted"
    historical: bool = False
    reported_by: ActorRef | None = None
    trigger: TriggerRef
    sentence: SentenceRef
    quad_class: int
    intensity: float
    confidence: float = Field(ge=0.0, le=1.0)
    trace: EventTrace | None = Field(default=None, exclude=True)  # kept out of every dump but --trace


class DocumentResult(_Record):
    """The output contract of ``backchannel extract``: one per document."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    events: tuple[Event, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_contract(self, trace: bool = False) -> dict[str, object]:
        """The JSON-ready dict of the output contract (extra fields only add to it); ``trace`` adds each
        event's rule trace under ``trace``."""
        out = self.model_dump(mode="json")
        if trace:
            for dumped, event in zip(out["events"], self.events, strict=True):
                dumped["trace"] = event.trace.model_dump(mode="json") if event.trace is not None else None
        return out
