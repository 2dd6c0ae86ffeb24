"""``GET /channels``: direct contacts between two actors by level and mode, and indirect paths."""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.analysis import find_channels
from backchannel.analysis.models import ChannelReport
from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.service import read_connection

__all__ = ["router"]

router = APIRouter(tags=["analysis"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("/channels", response_model=ChannelReport, summary="How two actors reach each other")
def get_channels(
    con: Con,
    a: Annotated[str, Query(description="actor id or name")],
    b: Annotated[str, Query(description="actor id or name")],
    since: Annotated[str | None, Query(description="first day, inclusive (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(description="last day, inclusive (YYYY[-MM[-DD]])")] = None,
    max_paths: Annotated[int, Query(ge=1, le=200)] = 20,
) -> ChannelReport:
    return find_channels(con, a, b, since, until, max_paths=max_paths)
