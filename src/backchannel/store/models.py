"""Records returned by store queries (and served as API response models)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = [
    "ActorCount",
    "ActorDetail",
    "ActorSummary",
    "DocumentSummary",
    "DocumentView",
    "Dyad",
    "EventActor",
    "EventDetail",
    "EventPage",
    "EventRow",
    "NetworkEdge",
    "NetworkNode",
    "NetworkView",
    "PlaceRow",
    "RemovedRow",
    "Span",
    "TimeRow",
    "TimelineBucket",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    start: int
    end: int
    text: str


class EventActor(_Model):
    key: str
    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    start: int | None = None
    end: int | None = None
    node: str | None = None  # the network node the participant is (``store.nodes``): USA_LEG for "Congress"


class PlaceRow(_Model):
    text: str
    start: int | None = None
    end: int | None = None
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature_code: str | None = None


class EventRow(_Model):
    event_id: str
    doc_id: str
    event_type: str
    mode: str | None = None
    status: str
    historical: bool
    date: str | None = None
    date_precision: str
    day: str | None = None  # first day of the event's date, else the document date (YYYY-MM-DD)
    quad_class: int
    intensity: float
    confidence: float
    trigger: str
    sentence: str
    actors: list[EventActor] = []
    recipients: list[EventActor] = []
    mediators: list[EventActor] = []
    reported_by: list[EventActor] = []
    location: PlaceRow | None = None
    pipeline_version: str
    fused_id: str | None = None  # the fused event (one real event) this mention belongs to


class EventPage(_Model):
    items: list[EventRow]
    next_cursor: str | None = None
    # With ``totals``: the mentions matching the filter (all pages), and the real events they are -- the number
    # the aggregates (network, dyads, timeline, actor counts, fused events) count for the same filter.
    total_mentions: int | None = None
    total_events: int | None = None


class DocumentSummary(_Model):
    doc_id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


class EventDetail(_Model):
    event: EventRow
    document: DocumentSummary
    sentence: Span
    trigger: Span
    time: Span | None = None
    date_text: str | None = None
    context: list[str] = []


class ActorSummary(_Model):
    key: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    resolved: bool
    mentions: int
    events: int


class ActorCount(_Model):
    key: str
    name: str | None = None
    count: int


class ActorDetail(_Model):
    actor: ActorSummary
    aliases: list[ActorCount]  # surface forms (key = the text), most frequent first
    titles: list[str]  # roles/titles seen with the actor ("ambassador to QAT")
    roles: dict[str, int]  # events by role: actor, recipient, mediator, reported_by
    counts_by_type: dict[str, int]
    top_counterparts: list[ActorCount]  # dyad partners in either direction, most events first


class Dyad(_Model):
    source: str
    source_name: str | None = None
    target: str
    target_name: str | None = None
    count: int
    by_quad_class: dict[int, int]
    by_type: dict[str, int]
    mean_intensity: float
    # Both ends are nodes of one country (a president and his legislature, a ministry and the country's
    # business): a domestic dyad, kept and flagged so a view can leave it out.
    domestic: bool = False


class TimelineBucket(_Model):
    period: str  # first day of the period (YYYY-MM-DD)
    # The period's length: the requested week or month, or the month, quarter or year of events dated no finer
    # (an event known only to its year is drawn over that year, in a bucket of its own).
    precision: Literal["week", "month", "quarter", "year"] = "week"
    count: int
    by_quad_class: dict[int, int]
    mean_intensity: float


class NetworkNode(_Model):
    """A node of the network (``store.nodes``): an entity, a state, or a country's body of one sector."""

    key: str  # the entity's actor key, the state's country code, or country_SECTOR for a body (USA_LEG)
    name: str | None = None  # "Joe Biden", "United States", "United States (legislature)"
    country: str | None = None
    sector: str | None = None  # the sector of a country's body (None for a state or an entity)
    kind: str | None = None  # the stored actor's kind; "body" for a country's body
    actor: str | None = None  # the stored actor a view opens for the node (for a body: its country)
    events: int


class NetworkEdge(Dyad):
    pass


class NetworkView(_Model):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class TimeRow(_Model):
    start: int
    end: int
    text: str
    value: str | None = None
    precision: str
    approximate: bool
    historical: bool
    relation: str


class RemovedRow(_Model):
    start: int
    end: int
    reason: str
    text: str


class DocumentView(_Model):
    document: DocumentSummary
    text: str
    origin: str | None = None
    pipeline_version: str
    ingested_at: str
    warnings: list[str]
    events: list[EventDetail]
    mentions: list[EventActor]
    places: list[PlaceRow]
    times: list[TimeRow]
    removed: list[RemovedRow]
