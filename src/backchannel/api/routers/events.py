"""``GET /events`` (event mentions: filters, cursor pagination) and ``GET /events/{event_id}``.

An event here is one *mention*: one sentence of one document coding one event.  The same real
event reported by several documents is one row of ``GET /fused-events`` (the default grain of
the dashboard); its mentions are ``GET /events?fused_id=...``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.api.errors import ERROR_RESPONSES, ApiError
from backchannel.api.service import read_connection
from backchannel.store import EventFilter, queries
from backchannel.store.models import EventDetail, EventPage

__all__ = ["EventQuery", "event_filter", "router", "window_filter"]

router = APIRouter(prefix="/events", tags=["events"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


class EventQuery:
    """The filters every event-based endpoint accepts."""

    def __init__(
        self,
        actor: Annotated[str | None, Query(description="actor id or name")] = None,
        recipient: Annotated[str | None, Query(description="recipient id or name")] = None,
        type: Annotated[
            str | None, Query(description="PLOVER type(s), comma-separated")
        ] = None,  # the public parameter name
        since: Annotated[str | None, Query(description="first day, inclusive (YYYY-MM-DD)")] = None,
        until: Annotated[str | None, Query(description="last day, inclusive (YYYY-MM-DD)")] = None,
        status: Annotated[str | None, Query(description="asserted, negated, hypothetical, future")] = None,
    ) -> None:
        self.filter = EventFilter(
            actor=actor, recipient=recipient, event_type=type, since=since, until=until, status=status
        )


def event_filter(q: Annotated[EventQuery, Depends()]) -> EventFilter:
    return q.filter


def window_filter(
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated")] = None,
    since: Annotated[str | None, Query(description="first day, inclusive (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="last day, inclusive (YYYY-MM-DD)")] = None,
    status: Annotated[str | None, Query(description="asserted, negated, hypothetical, future")] = None,
) -> EventFilter:
    """The event filters without actor and recipient (for endpoints that name actors themselves)."""
    return EventFilter(event_type=type, since=since, until=until, status=status)


@router.get(
    "",
    response_model=EventPage,
    summary="Event mentions matching the filters, one page at a time",
    description="One row per mention (a sentence coding an event); each names its fused event in `fused_id`. "
    "For one row per real event, use `GET /fused-events`.",
)
def list_events(
    con: Con,
    f: Annotated[EventFilter, Depends(event_filter)],
    fused_id: Annotated[str | None, Query(description="only the mentions of this fused event")] = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
) -> EventPage:
    return queries.events(con, replace(f, fused_id=fused_id) if fused_id else f, limit=limit, cursor=cursor)


@router.get("/{event_id:path}", response_model=EventDetail, summary="One event mention with its sentence and spans")
def get_event(event_id: str, con: Con) -> EventDetail:
    found = queries.event(con, event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return found
