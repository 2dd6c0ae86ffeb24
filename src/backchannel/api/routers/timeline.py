"""``GET /timeline``: events per week or month for an actor or a dyad."""

from __future__ import annotations

from typing import Annotated, Literal

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.events import window_filter
from backchannel.api.routers.network import CountParam
from backchannel.api.service import read_connection
from backchannel.store import EventFilter, queries
from backchannel.store.models import TimelineBucket

__all__ = ["router"]

router = APIRouter(tags=["timeline"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/timeline", response_model=list[TimelineBucket], summary="Events per period for an actor or dyad")
def get_timeline(
    con: Con,
    f: Annotated[EventFilter, Depends(window_filter)],
    actor: Annotated[str, Query(description="actor id or name (the timeline's subject)")],
    with_other: Annotated[str | None, Query(alias="with", description="only events also involving this actor")] = None,
    by: Annotated[Literal["week", "month"], Query()] = "week",
    count: CountParam = "events",
) -> list[TimelineBucket]:
    return queries.timeline(con, actor, with_other, by, f, count=count)
