"""``GET /documents/{doc_id}`` (text with all spans) and ``POST /documents`` (ingest, bearer token)."""

from __future__ import annotations

from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from backchannel.api.errors import ERROR_RESPONSES, ApiError, ErrorBody
from backchannel.api.service import get_service, read_connection, require_token
from backchannel.ingest import normalise_date
from backchannel.records import Article
from backchannel.store import document_hash, queries
from backchannel.store.models import DocumentView

__all__ = ["DocumentCreated", "DocumentIn", "router"]

router = APIRouter(prefix="/documents", tags=["documents"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text")
    doc_id: str | None = Field(default=None, max_length=300, description="defaults to api-<content hash>")
    title: str | None = None
    date: str | None = Field(default=None, description="publication date, YYYY-MM-DD")
    source: str | None = None
    url: str | None = None


class DocumentCreated(BaseModel):
    doc_id: str
    created: bool  # False: the same text was already stored
    events: int


@router.get("/{doc_id:path}", response_model=DocumentView, summary="A document's text with every span")
def get_document(doc_id: str, con: Con) -> DocumentView:
    found = queries.document(con, doc_id)
    if found is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    return found


@router.post(
    "",
    response_model=DocumentCreated,
    status_code=201,
    summary="Code and store one document (bearer token)",
    dependencies=[Depends(require_token)],
    responses={
        200: {"model": DocumentCreated, "description": "Already stored"},
        401: {"model": ErrorBody, "description": "Missing or wrong token"},
        403: {"model": ErrorBody, "description": "Writes disabled"},
        413: {"model": ErrorBody, "description": "Body too large"},
    },
)
async def post_document(body: DocumentIn, response: Response, request: Request) -> DocumentCreated:
    date = normalise_date(body.date) if body.date else None
    if body.date and date is None:
        raise ApiError(422, "invalid_request", f"date: {body.date!r} is not a date (expected YYYY-MM-DD)")
    doc_id = body.doc_id or f"api-{document_hash(body.text)[:16]}"
    article = Article(
        doc_id=doc_id, text=body.text, title=body.title, date=date, source=body.source, url=body.url, origin="<api>"
    )
    outcome = await get_service(request).ingest_async(article)  # the writer's thread, not the read pool
    if outcome.errors:
        raise ApiError(422, "coding_failed", "; ".join(outcome.errors))
    if not outcome.created:
        response.status_code = 200
    return DocumentCreated(doc_id=outcome.doc_id, created=outcome.created, events=outcome.events)
