"""``GET /events`` (event mentions: filters, cursor pagination) and ``GET /events/{event_id}``.

An event here is one *mention*: one sentence of one document coding one event.  The same real
event reported by several documents is one row of ``GET /fused-events`` (the default grain of
the dashboard); its mentions are ``GET /events?fused_id=...``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

import duckdb
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from backchannel.api.errors import ERROR_RESPONSES, ApiError
from backchannel.api.formats import CSV_RESPONSE, FormatParam, csv_response
from backchannel.api.service import read_connection
from backchannel.store import EventFilter, queries
from backchannel.store.models import EventDetail, EventPage

__all__ = ["EventQuery", "event_filter", "router", "scope_filter", "window_filter"]

router = APIRouter(prefix="/events", tags=["events"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


DEFAULT_STATUS = "asserted"  # an empty status is the default too: every other status is asked for by name
Status = Annotated[
    str,
    Query(
        description="asserted (the default, also when empty), negated, hypothetical, future, comma-separated; "
        "any: every status. "
        "Negated, hypothetical and future events are no relation that happened: they count only when asked for."
    ),
]
IncludeHistorical = Annotated[
    bool,
    Query(description="also count historical events (background recalled by a report, not news); off by default"),
]
DateMatch = Annotated[
    Literal["within", "overlap"],
    Query(
        description="within (default): the whole period an event's date names lies in since..until, so a month "
        "window does not match an event known only to its year; overlap: any part of it does"
    ),
]


# the query parameters several endpoints share, described once
TypeParam = Annotated[str | None, Query(description="PLOVER type(s), comma-separated")]
SinceParam = Annotated[str | None, Query(description="first day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)")]
UntilParam = Annotated[str | None, Query(description="last day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)")]
TextParam = Annotated[
    str | None,
    Query(
        description="free text: every word (whole words, any case) in the sentence or in an actor's name; "
        'word* for words that begin so; "a phrase" in quotes for its words together in that order'
    ),
]
PlaceParam = Annotated[str | None, Query(description="place name (as geocoded or as written) or ISO country code")]
BboxParam = Annotated[str | None, Query(description="map box west,south,east,north in degrees (longitude, latitude)")]


class EventQuery:
    """The filters every event-based endpoint accepts, with one default: asserted, non-historical events.

    Every aggregate (network, dyads, timeline, actor counts) and every listing (events, fused events) reads the
    same filter the same way, so they count the same events for the same query.
    """

    def __init__(
        self,
        actor: Annotated[
            str | None, Query(description="actor id or name (in the actor role); a place name is refused: use place")
        ] = None,
        recipient: Annotated[str | None, Query(description="recipient id or name")] = None,
        either: Annotated[
            bool, Query(description="actor and recipient in either direction (A -> B or B -> A)")
        ] = False,
        type: TypeParam = None,  # the public parameter name
        since: SinceParam = None,
        until: UntilParam = None,
        date_match: DateMatch = "within",
        status: Status = "asserted",
        include_historical: IncludeHistorical = False,
        q: TextParam = None,
        place: PlaceParam = None,
        bbox: BboxParam = None,
    ) -> None:
        self.filter = EventFilter(
            actor=actor, recipient=recipient, either=either, event_type=type, since=since, until=until,
            date_match=date_match, status=status or DEFAULT_STATUS,
            historical=None if include_historical else False, text=q, place=place, bbox=bbox,
        )  # fmt: skip


def event_filter(q: Annotated[EventQuery, Depends()]) -> EventFilter:
    return q.filter


def window_filter(
    type: TypeParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    date_match: DateMatch = "within",
    status: Status = "asserted",
    include_historical: IncludeHistorical = False,
) -> EventFilter:
    """The event filters without actor and recipient (for endpoints that name actors themselves)."""
    return EventFilter(
        event_type=type, since=since, until=until, date_match=date_match, status=status or DEFAULT_STATUS,
        historical=None if include_historical else False,
    )  # fmt: skip


def scope_filter(
    f: Annotated[EventFilter, Depends(window_filter)],
    q: TextParam = None,
    place: PlaceParam = None,
    bbox: BboxParam = None,
) -> EventFilter:
    """The shared event filter without actor and recipient, for the endpoints that name their actors themselves
    (actors, dyad series, mediators, channels, positions): same parameters, same default as ``EventQuery``."""
    return replace(f, text=q, place=place, bbox=bbox)


@router.get(
    "",
    response_model=EventPage,
    responses=CSV_RESPONSE,
    summary="Event mentions matching the filters, one page at a time",
    description="One row per mention (a sentence coding an event); each names its fused event in `fused_id`. "
    "For one row per real event, use `GET /fused-events`. By default asserted, non-historical events only; "
    "`totals=true` adds the number of mentions matching and of the real events they are (the number the "
    "aggregates count). `format=csv` gives the page as CSV (its cursor in the `X-Next-Cursor` header).",
)
def list_events(
    con: Con,
    f: Annotated[EventFilter, Depends(event_filter)],
    fused_id: Annotated[str | None, Query(description="only the mentions of this fused event")] = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    totals: Annotated[
        bool,
        Query(
            description="add total_mentions (rows matching, every page) and total_events (the real events they "
            "are: a fused event once, a repost's copy not at all -- what network, dyads and timeline count)"
        ),
    ] = False,
    format: FormatParam = "json",
) -> EventPage | Response:
    page = queries.events(
        con, replace(f, fused_id=fused_id) if fused_id else f, limit=limit, cursor=cursor, totals=totals
    )
    return csv_response(page.items, "events", page.next_cursor) if format == "csv" else page


@router.get("/{event_id:path}", response_model=EventDetail, summary="One event mention with its sentence and spans")
def get_event(event_id: str, con: Con) -> EventDetail:
    found = queries.event(con, event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return found
