"""Other renderings of the API's answers: ``format=csv`` of the list endpoints, GEXF of the network view.

CSV: one row per item, one column per field of the item's model; a nested record (a place) is flattened into
``place.name`` style columns, a list of actors into their keys joined by ``;``, any other nested value into JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal
from xml.etree import ElementTree as ET

from fastapi import Query
from fastapi.responses import Response
from pydantic import BaseModel

from backchannel.store.models import NetworkView

__all__ = ["CSV_RESPONSE", "GEXF_RESPONSE", "FormatParam", "csv_response", "csv_text", "network_gexf"]

FormatParam = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]
# The other content types a route answers with (in its OpenAPI responses, beside its JSON model).
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "JSON, or CSV with format=csv"}
}
GEXF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"application/gexf+xml": {"schema": {"type": "string"}}},
        "description": "JSON, or GEXF 1.3 with format=gexf",
    }
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, dict) and "key" in v for v in value):
        return ";".join(str(v["key"]) for v in value)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _flat(record: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in record.items():
        if isinstance(value, dict) and value and all(isinstance(k, str) for k in value) and name != "by_type":
            nested = all(not isinstance(v, dict | list) for v in value.values())
            if nested and not any(k.isdigit() for k in value):
                for k, v in value.items():
                    out[f"{name}.{k}"] = _cell(v)
                continue
        out[name] = _cell(value)
    return out


def csv_text(items: Sequence[BaseModel]) -> str:
    """The items as CSV with a header row (the union of their flattened columns, in first-seen order)."""
    rows = [_flat(item.model_dump(mode="json")) for item in items]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def csv_response(items: Sequence[BaseModel], name: str, next_cursor: str | None = None) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    return Response(csv_text(items), media_type="text/csv; charset=utf-8", headers=headers)


_NS = "http://gexf.net/1.3"
_EDGE_ATTRS = ("count", "count_verbal_coop", "count_material_coop", "count_verbal_conflict",
               "count_material_conflict", "mean_intensity", "types", "domestic")  # fmt: skip
_ATTR_TYPES = {"mean_intensity": "double", "types": "string", "domestic": "boolean"}  # the rest: integer
_QUADS = {1: "count_verbal_coop", 2: "count_material_coop", 3: "count_verbal_conflict", 4: "count_material_conflict"}


def network_gexf(view: NetworkView) -> bytes:
    """The network view (the nodes and edges ``GET /network`` returns for a query) as a static GEXF 1.3 graph."""
    root = ET.Element("gexf", {"xmlns": _NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Backchannel"
    ET.SubElement(meta, "description").text = "PLOVER actor network: actor -> recipient dyads of the query's events"
    graph = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node", "mode": "static"})
    for name, kind in (("country", "string"), ("sector", "string"), ("kind", "string"), ("events", "integer")):
        ET.SubElement(node_attrs, "attribute", {"id": name, "title": name, "type": kind})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge", "mode": "static"})
    for name in _EDGE_ATTRS:
        kind = _ATTR_TYPES.get(name, "integer")
        ET.SubElement(edge_attrs, "attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(graph, "nodes")
    for node in view.nodes:
        element = ET.SubElement(nodes, "node", {"id": node.key, "label": node.name or node.key})
        values = ET.SubElement(element, "attvalues")
        for name, value in (
            ("country", node.country), ("sector", node.sector), ("kind", node.kind), ("events", node.events)
        ):  # fmt: skip
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": name, "value": str(value)})
    edges = ET.SubElement(graph, "edges")
    for i, edge in enumerate(view.edges):
        ends = {"id": str(i), "source": edge.source, "target": edge.target, "weight": str(float(edge.count))}
        element = ET.SubElement(edges, "edge", ends)
        found: dict[str, object] = {"count": edge.count, "mean_intensity": edge.mean_intensity}
        found.update({_QUADS[q]: n for q, n in edge.by_quad_class.items() if q in _QUADS})
        found["types"] = " ".join(f"{t}:{n}" for t, n in sorted(edge.by_type.items(), key=lambda x: (-x[1], x[0])))
        found["domestic"] = "true" if edge.domestic else "false"
        values = ET.SubElement(element, "attvalues")
        for name in _EDGE_ATTRS:
            if name in found:
                ET.SubElement(values, "attvalue", {"for": name, "value": str(found[name])})
    tree = ET.ElementTree(root)
    ET.indent(tree)
    buffer = io.BytesIO()
    tree.write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()
