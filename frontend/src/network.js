// The actor network: nodes sized by activity, directed edges coloured from cooperation to conflict.
import cytoscape from "cytoscape";
import { get } from "./api.js";
import { h, plural } from "./dom.js";
import { QUAD_COLOR, dominantQuad, intensityColor, kindColor } from "./colors.js";
import { actorPanel } from "./actor.js";
import { channelsSection, mediatorsSection } from "./analysis.js";
import { empty, errorBox, eventItem, intensityTag, legendQuads, loading, quadBar, typeBadge } from "./widgets.js";

function elementsOf(view, colorBy, showIsolates) {
  const linked = new Set(view.edges.flatMap((e) => [e.source, e.target]));
  const shown = showIsolates ? view.nodes : view.nodes.filter((n) => linked.has(n.key));
  const maxNode = Math.max(1, ...shown.map((n) => n.events));
  const maxEdge = Math.max(1, ...view.edges.map((e) => e.count));
  const nodes = shown.map((n) => ({
    data: {
      id: n.key,
      label: n.name || n.key,
      size: 18 + 46 * Math.sqrt(n.events / maxNode),
      color: kindColor(n.kind),
      events: n.events,
    },
  }));
  const edges = view.edges.map((e) => {
    const quad = dominantQuad(e.by_quad_class);
    return {
      data: {
        id: `${e.source}->${e.target}`,
        source: e.source,
        target: e.target,
        width: 1.5 + 7 * Math.sqrt(e.count / maxEdge),
        color: colorBy === "quad" ? QUAD_COLOR[quad] || "#999" : intensityColor(e.mean_intensity),
        dyad: e,
      },
    };
  });
  return [...nodes, ...edges];
}

const STYLE = [
  {
    selector: "node",
    style: {
      width: "data(size)",
      height: "data(size)",
      "background-color": "data(color)",
      label: "data(label)",
      "font-size": 11,
      "font-family": "system-ui, sans-serif",
      color: "#1f2933",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-outline-color": "#fff",
      "text-outline-width": 2,
      "border-width": 1.5,
      "border-color": "#fff",
    },
  },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": "data(color)",
      "target-arrow-color": "data(color)",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.9,
      "curve-style": "bezier",
      opacity: 0.85,
    },
  },
  { selector: ":selected", style: { "border-color": "#111", "border-width": 3, "line-style": "solid", opacity: 1, "z-index": 9 } },
  { selector: "edge:selected", style: { width: "mapData(width, 0, 10, 4, 12)" } },
  { selector: ".faded", style: { opacity: 0.15 } },
];

export function renderNetwork(root, ctx) {
  const { params, overview, go } = ctx;
  const colorBy = params.color === "quad" ? "quad" : "intensity";
  const minCount = Number(params.min || 1);
  const maxNodes = [50, 100, 200, 400].includes(Number(params.nodes)) ? Number(params.nodes) : 100;
  const showIsolates = params.isolates === "1";
  const side = h("aside", { class: "side", "data-testid": "side-panel" });
  const graphBox = h("div", { class: "graph", "data-testid": "network-graph" });
  const status = h("div", { class: "graph-status" });
  const controls = h(
    "div",
    { class: "view-controls" },
    h("label", { class: "field" }, h("span", {}, "Colour edges by"), h("select", {
      name: "color",
      onchange: (e) => go("network", { ...params, color: e.target.value === "quad" ? "quad" : "" }),
    }, h("option", { value: "intensity", selected: colorBy === "intensity" }, "mean intensity"), h("option", { value: "quad", selected: colorBy === "quad" }, "dominant quad class"))),
    h("label", { class: "field" }, h("span", {}, "Min. real events per edge"), h("input", {
      type: "number", min: 1, max: 100, name: "min", value: minCount, style: "width:4.5rem",
      onchange: (e) => go("network", { ...params, min: e.target.value > 1 ? e.target.value : "" }),
    })),
    h("label", { class: "field" }, h("span", {}, "Most active actors"), h("select", {
      name: "nodes",
      onchange: (e) => go("network", { ...params, nodes: e.target.value === "100" ? "" : e.target.value }),
    }, [50, 100, 200, 400].map((n) => h("option", { value: n, selected: n === maxNodes }, String(n))))),
    h("label", { class: "chip" }, h("input", {
      type: "checkbox", name: "isolates", checked: showIsolates,
      onchange: (e) => go("network", { ...params, isolates: e.target.checked ? "1" : "" }),
    }), " actors without a dyad"),
    colorBy === "quad"
      ? legendQuads()
      : h("div", { class: "legend" }, h("span", { class: "legend-item" }, "conflict"), h("span", { class: "ramp" }), h("span", { class: "legend-item" }, "cooperation")),
    h("span", { class: "muted small" }, "sizes count real events (a fused event once)"),
    status,
  );
  root.append(h("div", { class: "network-layout" }, h("div", { class: "graph-wrap" }, controls, graphBox), side));
  side.append(empty("Click an actor for its page, or an arrow for the events of that dyad."));
  let cy = null;

  const showActor = async (key) => {
    side.replaceChildren(loading());
    try {
      side.replaceChildren(await actorPanel(key, overview, {
        onCounterpart: (a, b) => {
          const edge = cy && (cy.getElementById(`${a}->${b}`).nonempty() ? cy.getElementById(`${a}->${b}`) : cy.getElementById(`${b}->${a}`));
          if (edge && edge.nonempty()) {
            cy.elements().unselect();
            edge.select();
            showDyad(edge.data("dyad"));
          } else go("timeline", { actor: a, with: b });
        },
        onTimeline: (k) => go("timeline", { actor: k }),
        onEvents: (k) => go("events", { actor: k }),
      }));
    } catch (error) {
      side.replaceChildren(errorBox(error));
    }
  };

  const showDyad = async (dyad) => {
    const list = h("ol", { class: "event-list", "data-testid": "dyad-events" });
    const quadOf = Object.fromEntries(overview.types.map((t) => [t.event_type, t.quad_class]));
    side.replaceChildren(
      h("section", { class: "dyad-panel", "data-testid": "dyad-panel" },
        h("h2", {}, dyad.source_name || dyad.source, h("span", { class: "arrow" }, " → "), dyad.target_name || dyad.target),
        h("p", {}, plural(dyad.count, "real event"), " · mean intensity ", intensityTag(dyad.mean_intensity)),
        quadBar(dyad.by_quad_class, dyad.count),
        h("p", { class: "types" }, Object.entries(dyad.by_type).map(([t, n]) => h("span", { class: "type-count" }, typeBadge(t, quadOf[t]), ` ${n}`))),
        h("div", { class: "actions" },
          h("button", { type: "button", onclick: () => go("timeline", { actor: dyad.source, with: dyad.target }) }, "Dyad timeline"),
          h("button", { type: "button", onclick: () => go("dyads", { actor: dyad.source, with: dyad.target }) }, "Dyad series and shifts"),
          h("button", { type: "button", onclick: () => go("events", { actor: dyad.source, recipient: dyad.target, grain: "mentions" }) }, "In the event table")),
        mediatorsSection(dyad.source, dyad.target, ctx.filters),
        channelsSection(dyad.source, dyad.target, ctx.filters),
        h("h3", {}, "Mentions"),
        list),
    );
    list.append(loading());
    try {
      const page = await get("/events", { ...ctx.filters, actor: dyad.source, recipient: dyad.target, limit: 200 });
      list.replaceChildren(...page.items.map((e) => eventItem(e, (ev) => go("event", { id: ev.event_id }))));
      if (!page.items.length) list.replaceChildren(empty("No event matches."));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  };

  status.textContent = "Loading network…";
  get("/network", { ...ctx.filters, min_count: minCount, max_nodes: maxNodes })
    .then((view) => {
      if (!root.isConnected) return;
      status.textContent = `${plural(view.nodes.length, "actor")} (the most active), ${plural(view.edges.length, "dyad")} among them`;
      if (!view.nodes.length) {
        graphBox.append(empty("No events match these filters."));
        return;
      }
      cy = cytoscape({
        container: graphBox,
        elements: elementsOf(view, colorBy, showIsolates),
        style: STYLE,
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 30 },
        minZoom: 0.2,
        maxZoom: 3,
      });
      ctx.onCleanup(() => cy.destroy());
      // Exposed for tests and power users: the graph instance and a way to click by id.
      window.__backchannelGraph = cy;
      cy.on("tap", "node", (evt) => {
        const node = evt.target;
        cy.elements().removeClass("faded");
        cy.elements().not(node.closedNeighborhood()).addClass("faded");
        showActor(node.id());
      });
      cy.on("tap", "edge", (evt) => {
        cy.elements().removeClass("faded");
        showDyad(evt.target.data("dyad"));
      });
      cy.on("tap", (evt) => {
        if (evt.target === cy) cy.elements().removeClass("faded");
      });
      if (params.actor && cy.getElementById(params.actor).nonempty()) {
        cy.getElementById(params.actor).select();
        showActor(params.actor);
      }
    })
    .catch((error) => {
      status.textContent = "";
      graphBox.append(errorBox(error));
    });
}
