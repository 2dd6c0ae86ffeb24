"""``GET /timeline``: events per week or month, of all events, an actor or a pair.

The buckets' counts add up to the real events of the same filter as ``/fused-events`` and ``/network`` count
them.  An event dated only to a month, quarter or year is in a bucket of its own spanning that period
(``precision``), never in the week its period begins.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.events import event_filter
from backchannel.api.routers.network import CountParam
from backchannel.api.service import read_connection
from backchannel.store import EventFilter, queries
from backchannel.store.models import TimelineBucket

__all__ = ["router"]

router = APIRouter(tags=["timeline"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/timeline", response_model=list[TimelineBucket], summary="Events per period: all, an actor's or a pair's")
def get_timeline(
    con: Con,
    f: Annotated[EventFilter, Depends(event_filter)],
    with_other: Annotated[
        str | None,
        Query(alias="with", description="the other actor of a pair with `actor`, in either direction"),
    ] = None,
    by: Annotated[Literal["week", "month"], Query()] = "week",
    count: CountParam = "events",
) -> list[TimelineBucket]:
    """The filter as every view reads it (``actor`` in the actor role; ``either`` for both roles); ``with``: the
    pair of ``actor`` and that actor in either direction."""
    pair = replace(f, recipient=with_other, either=True) if with_other else f
    return queries.timeline(con, None, None, by, pair, count=count)
