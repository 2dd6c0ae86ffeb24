"""GraphML of the actor network (for Gephi, yEd, networkx, igraph): a directed graph.

Nodes: ``label`` and ``name`` (display name), ``country``, ``sector``, ``kind``, ``events`` (exported
events the actor takes part in as actor or recipient of a dyad), ``first_date``/``last_date``.
Edges (one per actor -> recipient dyad): ``count`` (also ``weight``), one ``count_<quad>`` per quad
class (verbal_coop, material_coop, verbal_conflict, material_conflict), ``mean_intensity``,
``first_date``/``last_date`` (YYYY-MM-DD) and ``types`` ("CONSULT:3 AGREE:1").  Unknown values are
left out, as GraphML allows.
"""

from __future__ import annotations

from typing import BinaryIO
from xml.etree import ElementTree as ET

from backchannel.export.network import QUAD_NAMES, ActorGraph, Value, build_graph, edge_attributes, node_attributes
from backchannel.export.source import ExportSet

__all__ = ["graphml_tree", "write_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

_NODE_KEYS: tuple[tuple[str, str], ...] = (
    ("label", "string"), ("name", "string"), ("country", "string"), ("sector", "string"), ("kind", "string"),
    ("events", "int"), ("first_date", "string"), ("last_date", "string"),
)  # fmt: skip
_EDGE_KEYS: tuple[tuple[str, str], ...] = (
    ("weight", "double"), ("count", "int"), *((f"count_{q}", "int") for q in QUAD_NAMES.values()),
    ("mean_intensity", "double"), ("first_date", "string"), ("last_date", "string"), ("types", "string"),
)  # fmt: skip


def _data(parent: ET.Element, ids: dict[str, str], values: dict[str, Value]) -> None:
    for name, value in values.items():
        if value is not None:
            ET.SubElement(parent, "data", key=ids[name]).text = str(value)


def graphml_tree(graph: ActorGraph) -> ET.ElementTree:
    # Namespaces as plain attributes: ElementTree cannot write unqualified attributes under a default namespace.
    root = ET.Element(
        "graphml", {"xmlns": _NS, "xmlns:xsi": _XSI, "xsi:schemaLocation": f"{_NS} {_NS}/1.0/graphml.xsd"}
    )
    node_ids = {name: f"n_{name}" for name, _ in _NODE_KEYS}
    edge_ids = {name: f"e_{name}" for name, _ in _EDGE_KEYS}
    for kind, keys, ids in (("node", _NODE_KEYS, node_ids), ("edge", _EDGE_KEYS, edge_ids)):
        for name, type_ in keys:
            ET.SubElement(root, "key", {"id": ids[name], "for": kind, "attr.name": name, "attr.type": type_})
    g = ET.SubElement(root, "graph", id="backchannel", edgedefault="directed")
    for node in graph.nodes.values():
        _data(ET.SubElement(g, "node", id=node.key), node_ids, node_attributes(node))
    for i, edge in enumerate(graph.edges.values()):
        element = ET.SubElement(g, "edge", id=f"e{i}", source=edge.source, target=edge.target)
        _data(element, edge_ids, edge_attributes(edge))
    return ET.ElementTree(root)


def write_graphml(events: ExportSet, out: BinaryIO) -> int:
    """Write the network as GraphML (UTF-8); returns the number of edges."""
    graph = build_graph(events)
    tree = graphml_tree(graph)
    ET.indent(tree)
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return len(graph.edges)
