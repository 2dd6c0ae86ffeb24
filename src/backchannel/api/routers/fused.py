"""``GET /fused-events`` (one real event per row) and ``GET /fused-events/{fused_id}`` (with its mentions)."""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.api.errors import ERROR_RESPONSES, ApiError
from backchannel.api.service import read_connection
from backchannel.fusion.models import FusedEventDetail, FusedEventPage
from backchannel.fusion.queries import FusedFilter, fused_event, fused_events
from backchannel.store import queries

__all__ = ["router"]

router = APIRouter(prefix="/fused-events", tags=["fused events"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("", response_model=FusedEventPage, summary="Fused events (mentions of one real event merged)")
def list_fused_events(
    con: Con,
    actor: Annotated[str | None, Query(description="actor id or name: an actor, recipient or party")] = None,
    type: Annotated[str | None, Query(description="PLOVER type(s), comma-separated")] = None,  # public name
    since: Annotated[str | None, Query(description="first day, inclusive (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="last day, inclusive (YYYY-MM-DD)")] = None,
    status: Annotated[str | None, Query(description="asserted, negated, hypothetical, future")] = "asserted",
    min_sources: Annotated[int, Query(ge=1, description="at least this many independent sources")] = 1,
    min_mentions: Annotated[int, Query(ge=1, description="at least this many mentions")] = 1,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0, description="next_offset of the previous page")] = 0,
) -> FusedEventPage:
    filt = FusedFilter(
        actor=actor, event_type=type, since=since, until=until, status=status,
        min_sources=min_sources, min_mentions=min_mentions,
    )  # fmt: skip
    return fused_events(con, filt, limit=limit, offset=offset)


@router.get("/{fused_id}", response_model=FusedEventDetail, summary="One fused event with its raw mentions")
def get_fused_event(fused_id: str, con: Con) -> FusedEventDetail:
    found = fused_event(con, fused_id)
    if found is None:
        raise ApiError(404, "not_found", f"no fused event {fused_id!r}")
    return found
