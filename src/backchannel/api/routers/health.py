"""``GET /health``."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.service import StoreService, get_service
from backchannel.store.schema import applied_versions

__all__ = ["Health", "router"]

router = APIRouter(tags=["health"], responses={503: ERROR_RESPONSES[503]})


class Health(BaseModel):
    status: str
    documents: int
    events: int
    schema_version: int
    writable: bool


@router.get("/health", response_model=Health, summary="Database reachable, with counts")
def health(service: StoreService = Depends(get_service)) -> Health:  # noqa: B008  # FastAPI dependency
    con = service.cursor()
    try:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()
        events = con.execute("SELECT count(*) FROM events").fetchone()
        version = max(applied_versions(con), default=0)
    finally:
        con.close()
    return Health(
        status="ok",
        documents=int(docs[0]) if docs else 0,
        events=int(events[0]) if events else 0,
        schema_version=version,
        writable=service.writable,
    )
