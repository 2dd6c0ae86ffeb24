"""``GET /channels``: direct contacts between two actors by level and mode, and indirect paths.

Contacts and paths are found among the events of the shared event filter (type, since, until, status, q, place,
bbox), read as every view reads it: asserted, non-historical events unless other statuses are asked for.
"""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.analysis import find_channels
from backchannel.analysis.models import ChannelReport
from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.routers.events import scope_filter
from backchannel.api.service import read_connection
from backchannel.store import EventFilter

__all__ = ["router"]

router = APIRouter(tags=["analysis"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/channels", response_model=ChannelReport, summary="How two actors reach each other")
def get_channels(
    con: Con,
    a: Annotated[str, Query(description="actor id or name")],
    b: Annotated[str, Query(description="actor id or name")],
    f: Annotated[EventFilter, Depends(scope_filter)],
    max_paths: Annotated[int, Query(ge=1, le=200)] = 20,
) -> ChannelReport:
    return find_channels(con, a, b, max_paths=max_paths, f=f)
