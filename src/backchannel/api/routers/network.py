"""``GET /network`` (nodes and edges) and ``GET /dyads``.

Counts are of real events by default: the mentions of one fused event count once, a near-duplicate
document's copy not at all; ``count=mentions`` counts every stored mention instead.  They count the events of the
shared event filter (``EventQuery``): asserted, non-historical events unless other statuses are asked for.
"""

from __future__ import annotations

from typing import Annotated, Literal

import duckdb
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from backchannel.api.errors import ERROR_RESPONSES
from backchannel.api.formats import CSV_RESPONSE, GEXF_RESPONSE, FormatParam, csv_response, network_gexf
from backchannel.api.routers.events import event_filter
from backchannel.api.service import read_connection
from backchannel.store import EventFilter, queries
from backchannel.store.models import Dyad, NetworkView

__all__ = ["CountParam", "router"]

router = APIRouter(tags=["network"], responses=ERROR_RESPONSES)
Con = Annotated[duckdb.DuckDBPyConnection, Depends(read_connection)]
Filter = Annotated[EventFilter, Depends(event_filter)]
CountParam = Annotated[
    queries.Count,
    Query(description="what is counted: events (real events: a fused event once; default) or mentions (every one)"),
]


@router.get(
    "/network", response_model=NetworkView, responses=GEXF_RESPONSE, summary="Actor network with counts by quad class"
)
def get_network(
    con: Con,
    f: Filter,
    max_nodes: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT)] = 200,
    min_count: Annotated[int, Query(ge=1)] = 1,
    max_edges: Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="the strongest dyads kept")] = 1000,
    count: CountParam = "events",
    format: Annotated[Literal["json", "gexf"], Query(description="json (default) or gexf (Gephi)")] = "json",
) -> NetworkView | Response:
    view = queries.network(con, f, max_nodes=max_nodes, min_count=min_count, max_edges=max_edges, count=count)
    if format == "gexf":
        headers = {"Content-Disposition": 'attachment; filename="network.gexf"'}
        return Response(network_gexf(view), media_type="application/gexf+xml", headers=headers)
    return view


@router.get(
    "/dyads", response_model=list[Dyad], responses=CSV_RESPONSE, summary="Actor -> recipient pairs, most frequent first"
)
def get_dyads(
    con: Con,
    f: Filter,
    min: Annotated[int, Query(ge=1)] = 1,  # public name
    count: CountParam = "events",
    limit: Annotated[
        int, Query(ge=1, le=queries.MAX_DYADS, description="the strongest dyads returned (after offset)")
    ] = 1000,
    offset: Annotated[int, Query(ge=0, description="dyads of the ranking skipped (paging)")] = 0,
    format: FormatParam = "json",
) -> list[Dyad] | Response:
    found = queries.dyads(con, min, f, count=count, limit=limit, offset=offset)
    return csv_response(found, "dyads") if format == "csv" else found
