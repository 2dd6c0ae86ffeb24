"""``GET /fused-events`` (one real event per row: the default listing) and ``GET /fused-events/{fused_id}``.

A fused event merges the mentions of one real event across sentences and documents; it
carries its number of mentions, documents and independent sources, its first and last
report, a confidence, and links to the announcements that preceded it.  Its mentions, each
with its sentence and source document, come with ``GET /fused-events/{fused_id}`` (all of
them, paged: ``GET /events?fused_id=...``).
"""

from __future__ import annotations

from typing import Annotated, Literal

import duckdb
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from backchannel.api.errors import ERROR_RESPONSES, ApiError
from backchannel.api.formats import CSV_RESPONSE, FormatParam, csv_response
from backchannel.api.routers.events import event_filter
from backchannel.api.service import read_connection
from backchannel.fusion.models import FusedEventDetail, FusedEventPage
from backchannel.fusion.queries import MENTION_LIMIT, FusedFilter, fused_event, fused_events
from backchannel.store import EventFilter, queries

__all__ = ["router"]

router = APIRouter(prefix="/fused-events", tags=["fused events"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get(
    "",
    response_model=FusedEventPage,
    responses=CSV_RESPONSE,
    summary="Real events (the mentions of one event fused), one page at a time",
    description="The default listing: one row per real event with its independent sources, first and last "
    "report and confidence. The filters are those of every event endpoint, read the same way (asserted, "
    "non-historical by default; `status=future` lists announcements), so the rows number what the aggregates "
    "count for the same query. `format=csv` gives the page as CSV.",
)
def list_fused_events(
    con: Con,
    f: Annotated[EventFilter, Depends(event_filter)],
    min_sources: Annotated[int, Query(ge=1, description="at least this many independent sources")] = 1,
    min_mentions: Annotated[int, Query(ge=1, description="at least this many mentions")] = 1,
    order: Annotated[
        Literal["day", "recent"],
        Query(description="day: by the event's day, undated first; recent: last reported first"),
    ] = "day",
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page (same order)")] = None,
    totals: Annotated[bool, Query(description="add the number of fused events matching (every page)")] = False,
    format: FormatParam = "json",
) -> FusedEventPage | Response:
    filt = FusedFilter(
        actor=f.actor, recipient=f.recipient, either=f.either, event_type=f.event_type, since=f.since, until=f.until,
        status=f.status, historical=f.historical, date_match=f.date_match, text=f.text, place=f.place, bbox=f.bbox,
        min_sources=min_sources, min_mentions=min_mentions,
    )  # fmt: skip
    page = fused_events(con, filt, limit=limit, cursor=cursor, order=order, totals=totals)
    return csv_response(page.items, "fused-events", page.next_cursor) if format == "csv" else page


@router.get(
    "/{fused_id}",
    response_model=FusedEventDetail,
    summary="One real event with its mentions (sentence and document) and announcements",
)
def get_fused_event(
    fused_id: str,
    con: Con,
    mentions: Annotated[
        int, Query(ge=1, le=queries.MAX_LIMIT, description="at most this many mentions, in report order")
    ] = MENTION_LIMIT,
) -> FusedEventDetail:
    found = fused_event(con, fused_id, mention_limit=mentions)
    if found is None:
        raise ApiError(404, "not_found", f"no fused event {fused_id!r}")
    return found
