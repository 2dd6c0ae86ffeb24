"""The actor network the GraphML and GEXF exports write: network nodes, directed dyads as edges.

Nodes are those of ``store.nodes`` (an entity, a state, or a country's body such as "United States
(legislature)").  An edge is an (actor node -> recipient node) pair of the exported events, counted as
``queries.dyads`` counts it (each actor x each recipient of an event, one pair of nodes once per event, a node
never paired with itself), so its ``count`` and quad-class counts equal those of ``queries.dyads`` under the
same filter.  Events without a recipient add no edge.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from backchannel.export.source import ExportSet
from backchannel.store.models import EventActor

__all__ = [
    "QUAD_NAMES",
    "ActorGraph",
    "GraphEdge",
    "GraphNode",
    "Value",
    "build_graph",
    "edge_attributes",
    "node_attributes",
]

# GDELT / PLOVER quad classes, as attribute names.
Value = str | int | float | None

QUAD_NAMES: dict[int, str] = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


@dataclass
class GraphNode:
    key: str
    name: str | None
    country: str | None
    sector: str | None
    kind: str | None
    events: set[str] = field(default_factory=set)
    days: set[str] = field(default_factory=set)

    @property
    def first(self) -> str | None:
        return min(self.days) if self.days else None

    @property
    def last(self) -> str | None:
        return max(self.days) if self.days else None


@dataclass
class GraphEdge:
    source: str
    target: str
    count: int = 0
    intensity_sum: float = 0.0
    by_quad: Counter[int] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)  # event day -> events that day

    @property
    def mean_intensity(self) -> float:
        return round(self.intensity_sum / self.count, 4) if self.count else 0.0

    @property
    def first(self) -> str | None:
        return min(self.days) if self.days else None

    @property
    def last(self) -> str | None:
        return max(self.days) if self.days else None

    @property
    def types(self) -> str:
        """Event counts by PLOVER type, most frequent first: "CONSULT:3 AGREE:1"."""
        return " ".join(f"{t}:{n}" for t, n in sorted(self.by_type.items(), key=lambda x: (-x[1], x[0])))


@dataclass(frozen=True)
class ActorGraph:
    nodes: dict[str, GraphNode]
    edges: dict[tuple[str, str], GraphEdge]


def _node(nodes: dict[str, GraphNode], a: EventActor, events: ExportSet) -> GraphNode:
    key = a.node or a.key
    node = nodes.get(key)
    if node is None:
        info = events.nodes.get(key)
        if key == a.key or info is None:  # an entity, or a state named as itself
            node = GraphNode(key, events.name(a), a.country, a.sector, events.kind(a))
        else:  # a state or a country's body standing for a generic participant ("Congress", "the administration")
            node = GraphNode(key, info.name or events.name(a), info.country, info.sector, info.kind)
        nodes[key] = node
    return node


def build_graph(events: ExportSet) -> ActorGraph:
    """Nodes and directed dyad edges of the exported events."""
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str], GraphEdge] = {}
    for e in events.events:
        row = e.row
        pairs: set[tuple[str, str]] = set()
        for a in row.actors:
            for r in row.recipients:
                pair = (a.node or a.key, r.node or r.key)
                if pair[0] == pair[1] or pair in pairs:
                    continue
                pairs.add(pair)
                edge = edges.get(pair)
                if edge is None:
                    edge = edges[pair] = GraphEdge(*pair)
                edge.count += 1
                edge.intensity_sum += row.intensity
                edge.by_quad[row.quad_class] += 1
                edge.by_type[row.event_type] += 1
                if row.day:
                    edge.days[row.day] += 1
                for actor in (a, r):
                    node = _node(nodes, actor, events)
                    node.events.add(row.event_id)
                    if row.day:
                        node.days.add(row.day)
    return ActorGraph(nodes=nodes, edges=edges)


def node_attributes(n: GraphNode) -> dict[str, Value]:
    """A node's exported attributes (``None``: unknown)."""
    return {
        "label": n.name, "name": n.name, "country": n.country, "sector": n.sector, "kind": n.kind,
        "events": len(n.events), "first_date": n.first, "last_date": n.last,
    }  # fmt: skip


def edge_attributes(e: GraphEdge) -> dict[str, Value]:
    """An edge's exported attributes: weight, counts by quad class, mean intensity, dates, types."""
    values: dict[str, Value] = {"weight": float(e.count), "count": e.count}
    values.update({f"count_{name}": e.by_quad.get(q, 0) for q, name in QUAD_NAMES.items()})
    values.update({"mean_intensity": e.mean_intensity, "first_date": e.first, "last_date": e.last, "types": e.types})
    return values
