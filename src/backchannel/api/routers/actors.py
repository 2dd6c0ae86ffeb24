"""``GET /actors`` and ``GET /actors/{actor_id}``."""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query

from backchannel.api.errors import ERROR_RESPONSES, ApiError
from backchannel.api.service import read_connection
from backchannel.store import queries
from backchannel.store.models import ActorDetail, ActorSummary

__all__ = ["router"]

router = APIRouter(prefix="/actors", tags=["actors"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


@router.get("", response_model=list[ActorSummary], summary="Actors, most active first")
def list_actors(
    con: Con,
    search: Annotated[str | None, Query(description="text in an actor's id, name or surface form")] = None,
    limit: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 100,
) -> list[ActorSummary]:
    return queries.actors(con, search, limit=limit)


@router.get("/{actor_id:path}", response_model=ActorDetail, summary="Aliases, roles, counts and counterparts")
def get_actor(actor_id: str, con: Con, top: Annotated[int, Query(ge=1, le=100)] = 10) -> ActorDetail:
    found = queries.actor_detail(con, actor_id, top=top)
    if found is None:
        raise ApiError(404, "not_found", f"no actor {actor_id!r}")
    return found
