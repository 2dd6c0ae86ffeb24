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

from backchannel.api.errors import ERROR_RESPONSES, ApiError
from backchannel.api.service import read_connection
from backchannel.fusion.models import FusedEventDetail, FusedEventPage
from backchannel.fusion.queries import MENTION_LIMIT, FusedFilter, fused_event, fused_events
from backchannel.store import queries

__all__ = ["router"]

router = APIRouter(prefix="/fused-events", tags=["fused events"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get(
    "",
    response_model=FusedEventPage,
    summary="Real events (the mentions of one event fused), one page at a time",
    description="The default listing: one row per real event with its independent sources, first and last "
    "report and confidence. Status defaults to asserted; `status=future` lists announcements.",
)
def list_fused_events(
    con: Con,
    actor: Annotated[str | None, Query(description="actor id or name: an actor, recipient or party")] = None,
    recipient: Annotated[str | None, Query(description="recipient id or name")] = None,
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated")] = None,  # public name
    since: Annotated[str | None, Query(description="first day, inclusive (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="last day, inclusive (YYYY-MM-DD)")] = None,
    status: Annotated[str | None, Query(description="asserted, negated, hypothetical, future")] = "asserted",
    min_sources: Annotated[int, Query(ge=1, description="at least this many independent sources")] = 1,
    min_mentions: Annotated[int, Query(ge=1, description="at least this many mentions")] = 1,
    order: Annotated[
        Literal["day", "recent"],
        Query(description="day: by the event's day, undated first; recent: last reported first"),
    ] = "day",
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page (same order)")] = None,
) -> FusedEventPage:
    filt = FusedFilter(
        actor=actor, recipient=recipient, event_type=type, since=since, until=until, status=status or None,
        min_sources=min_sources, min_mentions=min_mentions,
    )  # fmt: skip
    return fused_events(con, filt, limit=limit, cursor=cursor, order=order)


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
