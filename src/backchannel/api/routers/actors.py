"""``GET /actors`` and ``GET /actors/{actor_id}``.

Event counts (by role, by type, with each counterpart) are of real events by default: the mentions of one fused
event count once, a near-duplicate document's copy not at all; ``count=mentions`` counts every stored mention.
They count the events of the shared filter (type, window, status, q, place, bbox): asserted, non-historical
events unless other statuses are asked for.
"""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from backchannel.api.errors import ERROR_RESPONSES, ApiError
from backchannel.api.formats import CSV_RESPONSE, FormatParam, csv_response
from backchannel.api.routers.events import scope_filter
from backchannel.api.routers.network import CountParam
from backchannel.api.service import read_connection
from backchannel.store import EventFilter, queries
from backchannel.store.models import ActorDetail, ActorSummary

__all__ = ["router"]

router = APIRouter(prefix="/actors", tags=["actors"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("", response_model=list[ActorSummary], responses=CSV_RESPONSE, summary="Actors, most active first")
def list_actors(
    con: Con,
    f: Annotated[EventFilter, Depends(scope_filter)],
    search: Annotated[
        str | None,
        Query(
            description="text in an actor's id, name or surface form: exact matches first, then a word that "
            "begins with it (Hamas), then any other (Bahamas)"
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
    count: CountParam = "events",
    format: FormatParam = "json",
) -> list[ActorSummary] | Response:
    found = queries.actors(con, search, limit=limit, count=count, f=f)
    return csv_response(found, "actors") if format == "csv" else found


@router.get("/{actor_id:path}", response_model=ActorDetail, summary="Aliases, roles, counts and counterparts")
def get_actor(
    actor_id: str,
    con: Con,
    f: Annotated[EventFilter, Depends(scope_filter)],
    top: Annotated[int, Query(ge=1, le=100)] = 10,
    count: CountParam = "events",
) -> ActorDetail:
    found = queries.actor_detail(con, actor_id, top=top, count=count, f=f)
    if found is None:
        raise ApiError(404, "not_found", f"no actor {actor_id!r}")
    return found
