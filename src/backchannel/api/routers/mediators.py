"""``GET /mediators``: actors engaging both sides of a dyad, ranked by brokerage score.

Mediators are found among the events of the shared event filter (type, since, until, status, q, place, bbox), read
as every view reads it: asserted, non-historical events unless other statuses are asked for.
"""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.analysis import find_mediators
from backchannel.analysis.models import MediatorReport
from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.events import scope_filter
from backchannel.api.service import read_connection
from backchannel.store import EventFilter

__all__ = ["router"]

router = APIRouter(tags=["analysis"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/mediators", response_model=MediatorReport, summary="Mediators and brokers between two actors")
def get_mediators(
    con: Con,
    a: Annotated[str, Query(description="one side of the dyad (actor id or name)")],
    b: Annotated[str, Query(description="the other side (actor id or name)")],
    f: Annotated[EventFilter, Depends(scope_filter)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> MediatorReport:
    return find_mediators(con, a, b, limit=limit, f=f)
