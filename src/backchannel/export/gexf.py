"""GEXF 1.3 of the actor network for Gephi, with time: a dynamic, directed graph.

The same nodes, edges and attributes as the GraphML export (see ``graphml``).  Time, for Gephi's
timeline (``timeformat="date"``, intervals): each node carries ``start``/``end`` = its first and last
event day; each edge carries one ``spell`` per day on which the dyad has events (start = end = that
day), so an edge is present exactly on its event days.  Undated events count but add no spell.
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO
from xml.etree import ElementTree as ET

from backchannel.export.network import ActorGraph, build_graph, edge_attributes, node_attributes
from backchannel.export.source import ExportSet

__all__ = ["gexf_tree", "write_gexf"]

_NS = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NODE_ATTRS = (("name", "string"), ("country", "string"), ("sector", "string"), ("kind", "string"),
               ("events", "integer"), ("first_date", "string"), ("last_date", "string"))  # fmt: skip
_EDGE_ATTRS = (("count", "integer"), ("count_verbal_coop", "integer"), ("count_material_coop", "integer"),
               ("count_verbal_conflict", "integer"), ("count_material_conflict", "integer"),
               ("mean_intensity", "double"), ("first_date", "string"), ("last_date", "string"),
               ("types", "string"))  # fmt: skip


def _el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, tag, attrs)


def _declare(graph: ET.Element, kind: str, attrs: tuple[tuple[str, str], ...]) -> None:
    block = _el(graph, "attributes", **{"class": kind, "mode": "static"})
    for name, type_ in attrs:
        _el(block, "attribute", id=name, title=name, type=type_)


def _values(
    parent: ET.Element, attrs: tuple[tuple[str, str], ...], values: dict[str, str | int | float | None]
) -> None:
    block = _el(parent, "attvalues")
    for name, _ in attrs:
        value = values.get(name)
        if value is not None:
            _el(block, "attvalue", **{"for": name, "value": str(value)})


def gexf_tree(graph: ActorGraph, today: date | None = None) -> ET.ElementTree:
    attrs = {"xmlns": _NS, "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{_NS} {_NS}/gexf.xsd", "version": "1.3"}
    root = ET.Element("gexf", attrs)
    meta = _el(root, "meta", lastmodifieddate=(today or date.today()).isoformat())
    _el(meta, "creator").text = "Backchannel"
    _el(meta, "description").text = "PLOVER actor network: actor -> recipient dyads of coded events"
    g = _el(root, "graph", mode="dynamic", defaultedgetype="directed", timeformat="date", timerepresentation="interval")
    _declare(g, "node", _NODE_ATTRS)
    _declare(g, "edge", _EDGE_ATTRS)
    nodes = _el(g, "nodes")
    for node in graph.nodes.values():
        times = {"start": node.first, "end": node.last} if node.first and node.last else {}
        element = _el(nodes, "node", id=node.key, label=node.name or node.key, **times)
        _values(element, _NODE_ATTRS, node_attributes(node))
    edges = _el(g, "edges")
    for i, edge in enumerate(graph.edges.values()):
        element = _el(edges, "edge", id=str(i), source=edge.source, target=edge.target, weight=str(float(edge.count)))
        _values(element, _EDGE_ATTRS, edge_attributes(edge))
        if edge.days:
            spells = _el(element, "spells")
            for day in sorted(edge.days):
                _el(spells, "spell", start=day, end=day)
    return ET.ElementTree(root)


def write_gexf(events: ExportSet, out: BinaryIO) -> int:
    """Write the network as GEXF 1.3 (UTF-8); returns the number of edges."""
    graph = build_graph(events)
    tree = gexf_tree(graph)
    ET.indent(tree)
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return len(graph.edges)
