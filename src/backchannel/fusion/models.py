"""Records of the fused layer returned by ``fusion.queries`` (and served by ``GET /fused-events``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from backchannel.store.models import EventDetail

__all__ = ["FusedActor", "FusedEventDetail", "FusedEventPage", "FusedEventRow", "LeadMention"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FusedActor(_Model):
    key: str
    name: str | None = None
    country: str | None = None


class LeadMention(_Model):
    """The mention that states the event best: the most confident, then the earliest report."""

    event_id: str
    doc_id: str
    trigger: str
    sentence: str


class FusedEventRow(_Model):
    fused_id: str
    event_type: str
    status: str
    date: str | None = None  # the most precise date among the mentions
    date_precision: str
    day: str | None = None  # first day of ``date``, else of the first report (YYYY-MM-DD)
    first_report: str | None = None  # earliest document date among the mentions
    last_report: str | None = None
    parties: list[str]  # countries / organisations taking part (actor keys)
    actors: list[FusedActor]
    recipients: list[FusedActor]
    mediators: list[FusedActor] = []  # every mediator named by a mention
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_country: str | None = None
    mentions: int
    documents: int  # distinct canonical documents
    sources: int  # independent sources: distinct source names (a document without one is its own)
    conflicts: int  # mention pairs that disagree on a detail (place name, weak date, mode)
    confidence: float
    quad_class: int
    intensity: float
    lead: LeadMention | None = None
    announced_by: list[str] = []  # future fused events that announced this one (not counted as sources)
    first_announced: str | None = None  # earliest report of such an announcement (YYYY-MM-DD)
    anticipates: list[str] = []  # of an announcement: the asserted fused events it announced


class FusedEventPage(_Model):
    items: list[FusedEventRow]
    next_cursor: str | None = None
    total: int | None = None  # with ``totals``: the fused events matching (every page)


class FusedEventDetail(_Model):
    fused: FusedEventRow
    mentions: list[EventDetail]  # the raw mentions in report order, each with its sentence and document
    announcements: list[FusedEventRow] = []  # the future fused events that announced this one
    anticipated: list[FusedEventRow] = []  # of an announcement: the events it announced
