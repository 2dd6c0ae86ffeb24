"""``GET /dyad-series``: weekly counts per dyad by quad class, with weeks of sharp shifts flagged."""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.analysis import dyad_series
from backchannel.analysis.models import DyadSeries
from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.network import CountParam
from backchannel.api.service import read_connection

__all__ = ["router"]

router = APIRouter(tags=["analysis"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/dyad-series", response_model=list[DyadSeries], summary="Weekly dyad series and balance shifts")
def get_dyad_series(
    con: Con,
    actor: Annotated[str | None, Query(description="only dyads involving this actor")] = None,
    with_other: Annotated[str | None, Query(alias="with", description="only the dyad actor--with")] = None,
    since: Annotated[str | None, Query(description="first day, inclusive (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(description="last day, inclusive (YYYY[-MM[-DD]])")] = None,
    window: Annotated[int, Query(ge=1, le=104, description="trailing weeks of the baseline")] = 8,
    threshold: Annotated[float, Query(gt=0, description="flag weeks with |z| at least this")] = 2.0,
    min_count: Annotated[int, Query(alias="min", ge=1)] = 1,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    count: CountParam = "events",
) -> list[DyadSeries]:
    return dyad_series(
        con, actor, with_other, since, until, window, threshold, min_count=min_count, limit=limit, count=count
    )
