"""Storage of coded documents in DuckDB: one writer (``Store``), ordered migrations, read queries.

store = Store.open("backchannel.duckdb")
summary = ingest(store, articles, pipeline, PIPELINE_VERSION)
page = queries.events(store.cursor(), EventFilter(actor="Hamas"))
"""

from __future__ import annotations

from backchannel.store import queries
from backchannel.store.errors import InvalidQuery, StoreError, StoreLocked, StoreNotFound
from backchannel.store.ingest import Coder, IngestSummary, ingest, recode
from backchannel.store.queries import EventFilter
from backchannel.store.writer import RunCounts, Store, WriteOutcome, document_hash

__all__ = [
    "Coder",
    "EventFilter",
    "IngestSummary",
    "InvalidQuery",
    "RunCounts",
    "Store",
    "StoreError",
    "StoreLocked",
    "StoreNotFound",
    "WriteOutcome",
    "document_hash",
    "ingest",
    "queries",
    "recode",
]
