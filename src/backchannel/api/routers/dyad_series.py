"""``GET /dyad-series``: weekly counts per dyad by quad class, with weeks of sharp shifts flagged.

It reads the shared event filter (asserted, non-historical events unless others are asked for) and counts the
actor -> recipient pairs the network's edges count: a dyad's series holds the real events of its two edges.
"""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.analysis import dyad_series
from backchannel.analysis.models import DyadSeries
from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.events import scope_filter
from backchannel.api.routers.network import CountParam
from backchannel.api.service import read_connection
from backchannel.store import EventFilter

__all__ = ["router"]

router = APIRouter(tags=["analysis"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/dyad-series", response_model=list[DyadSeries], summary="Weekly dyad series and balance shifts")
def get_dyad_series(
    con: Con,
    f: Annotated[EventFilter, Depends(scope_filter)],
    actor: Annotated[str | None, Query(description="only dyads involving this actor")] = None,
    with_other: Annotated[str | None, Query(alias="with", description="only the dyad actor--with")] = None,
    window: Annotated[int, Query(ge=1, le=104, description="trailing weeks of the baseline")] = 8,
    threshold: Annotated[float, Query(gt=0, description="flag weeks with |z| at least this")] = 2.0,
    min_count: Annotated[int, Query(alias="min", ge=1)] = 1,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    count: CountParam = "events",
) -> list[DyadSeries]:
    return dyad_series(
        con, actor, with_other, window=window, threshold=threshold, min_count=min_count, limit=limit, count=count,
        f=f,
    )  # fmt: skip
