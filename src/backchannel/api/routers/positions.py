"""``GET /positions``: each actor's stance on an issue, with evidence and its changes by month.

Stances are read from the events of the shared event filter (type, since, until, status, q, place, bbox), read
as every view reads it: asserted, non-historical events unless other statuses are asked for.
"""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.analysis import positions
from backchannel.analysis.models import PositionReport
from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.events import scope_filter
from backchannel.api.service import read_connection
from backchannel.store import EventFilter

__all__ = ["router"]

router = APIRouter(tags=["analysis"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/positions", response_model=PositionReport, summary="Stances of actors on an issue")
def get_positions(
    con: Con,
    issue: Annotated[str, Query(description="issue key, e.g. ceasefire, hostages_prisoners, withdrawal")],
    f: Annotated[EventFilter, Depends(scope_filter)],
    actor: Annotated[str | None, Query(description="only this actor (id or name)")] = None,
) -> PositionReport:
    return positions(con, issue, actor=actor, f=f)
