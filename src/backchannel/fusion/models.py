"""Records of the fused layer returned by ``fusion.queries`` (and served by ``GET /fused-events``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from backchannel.store.models import EventRow

__all__ = ["FusedEventDetail", "FusedEventPage", "FusedEventRow"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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
    actors: list[str]
    recipients: list[str]
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


class FusedEventPage(_Model):
    items: list[FusedEventRow]
    next_offset: int | None = None


class FusedEventDetail(_Model):
    fused: FusedEventRow
    mentions: list[EventRow]  # the raw event mentions, in report order
