// The actor network: nodes sized by activity, directed edges coloured from cooperation to conflict.
// Reachable without the mouse: a node search, and lists of the graph's actors and dyads whose
// entries select the node or edge (Tab to reach them, Enter to select).
import cytoscape from "cytoscape";
import { allowedValues, apiUrl, get } from "./api.js";
import { h, plural } from "./dom.js";
import { KIND_COLOR, KIND_LABEL, QUAD_COLOR, dominantQuad, intensityColor, kindColor } from "./colors.js";
import { actorPanel } from "./actor.js";
import { channelsSection, mediatorsSection } from "./analysis.js";
import { apiFilters, describeFilters } from "./state.js";
import { empty, errorBox, eventItem, intensityTag, legendQuads, loading, quadBar, typeBadge } from "./widgets.js";

// Nodes are network nodes (store/nodes.py): an entity, a state, or a country's body ("United States
// (legislature)", kind "body") whose `actor` is the stored actor its pages open (its country's).
// A domestic dyad (both ends of one country) is drawn dashed and can be hidden.
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
      classes: e.domestic ? "domestic" : "",
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
  { selector: "edge.domestic", style: { "line-style": "dashed" } },
  { selector: "node:selected", style: { "border-color": "#111", "border-width": 4, opacity: 1, "z-index": 9 } },
  // The selected edge: drawn thick, dark and on top, with a halo, so a thin dyad is visible once chosen.
  {
    selector: "edge:selected",
    style: {
      width: "mapData(width, 0, 10, 5, 12)", "line-color": "#111", "target-arrow-color": "#111", opacity: 1, "z-index": 10,
      "underlay-color": "#ffd24d", "underlay-padding": 5, "underlay-opacity": 0.9,
    },
  },
  { selector: ".faded", style: { opacity: 0.12 } },
  { selector: "node.match", style: { "border-color": "#ffb000", "border-width": 4 } },
];

function kindLegend(view) {
  const kinds = [...new Set(view.nodes.map((n) => (n.kind in KIND_COLOR ? n.kind : "other")))];
  const order = [...Object.keys(KIND_COLOR), "other"];
  kinds.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return h("div", { class: "legend", "data-testid": "node-legend", "aria-label": "node colours" },
    h("span", { class: "legend-item legend-title" }, "Nodes:"),
    kinds.map((k) => h("span", { class: "legend-item", "data-kind": k },
      h("span", { class: "swatch round", style: `background:${kindColor(k === "other" ? null : k)}` }), KIND_LABEL[k] || "other or unknown")));
}

// The two directions of a pair in the loaded network (edges A -> B and B -> A).
function pairEdges(view, a, b) {
  return view.edges.filter((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
}

export function renderNetwork(root, ctx) {
  const { params, overview, go } = ctx;
  const colorBy = params.color === "quad" ? "quad" : "intensity";
  const minCount = Number(params.min || 1);
  const maxNodes = [50, 100, 200, 400].includes(Number(params.nodes)) ? Number(params.nodes) : 100;
  const showIsolates = params.isolates === "1";
  const showDomestic = params.domestic !== "0";
  const started = performance.now();
  const side = h("aside", { class: "side", "data-testid": "side-panel" });
  const graphBox = h("div", { class: "graph", "data-testid": "network-graph", role: "img", "aria-label": "actor network (use the node search or the lists below to select by keyboard)" });
  const status = h("div", { class: "graph-status", "data-testid": "network-status" });
  const search = h("input", { type: "search", name: "node", list: "network-nodes", placeholder: "find an actor…", autocomplete: "off", "data-testid": "node-search", "aria-label": "find an actor in the network" });
  const nodeOptions = h("datalist", { id: "network-nodes" });
  const legendBox = h("div", { class: "legends" });
  const index = h("div", { class: "graph-index", "data-testid": "graph-index" });
  const query = { ...apiFilters(ctx.filters, "/network"), min_count: minCount, max_nodes: maxNodes };
  // Downloads of this view (same filters), where the server offers them: GEXF of the network, CSV of its dyads.
  const offers = (path, format) => (allowedValues(path, "format") || []).includes(format);
  const exports = h("div", { class: "exports", "data-testid": "network-exports" },
    offers("/network", "gexf") ? h("a", { href: apiUrl("/network", { ...query, format: "gexf" }), download: "backchannel-network.gexf", "data-testid": "gexf-link" }, "GEXF") : null,
    offers("/dyads", "csv") ? h("a", { href: apiUrl("/dyads", { ...apiFilters(ctx.filters, "/dyads"), min: minCount, format: "csv" }), download: "backchannel-dyads.csv", "data-testid": "dyads-csv-link" }, "dyads CSV") : null);
  const controls = h(
    "div",
    { class: "view-controls" },
    h("label", { class: "field grow" }, h("span", {}, "Find an actor"), search),
    h("details", { class: "graph-options", open: window.innerWidth > 700 }, h("summary", {}, "Graph options"), h("div", { class: "view-controls" },
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
    h("label", { class: "chip" }, h("input", {
      type: "checkbox", name: "domestic", checked: showDomestic, "data-testid": "domestic-toggle",
      onchange: (e) => go("network", { ...params, domestic: e.target.checked ? "" : "0" }),
    }), " domestic dyads (dashed)"))),
    exports,
  );
  root.append(h("div", { class: "network-layout" },
    h("div", { class: "graph-wrap" }, controls, legendBox, status, graphBox, index, nodeOptions), side));
  side.append(empty("Select an actor for its page, or an arrow for the events of that dyad (or use the lists under the graph)."));
  let cy = null;
  let view = null;

  const focus = (ele) => {
    cy.elements().removeClass("faded").unselect();
    ele.select();
    const keep = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
    cy.elements().not(keep).addClass("faded");
  };

  // The stored actor a node's pages and filters use: a country's body opens its country.
  const actorOf = (key) => {
    const node = view && view.nodes.find((n) => n.key === key);
    return (node && node.actor) || key;
  };

  const selectNode = (key) => {
    const node = cy && cy.getElementById(key);
    if (!node || node.empty()) return false;
    focus(node);
    cy.animate({ center: { eles: node }, duration: 0 });
    showActor(key);
    return true;
  };

  const selectEdge = (id) => {
    const edge = cy && cy.getElementById(id);
    if (!edge || edge.empty()) return false;
    focus(edge);
    showDyad(edge.data("dyad"));
    return true;
  };

  let shown = 0; // the latest selection: a slower earlier request never replaces what it shows
  const showActor = async (key) => {
    const mine = ++shown;
    side.replaceChildren(loading());
    const node = view && view.nodes.find((n) => n.key === key);
    try {
      const panel = await actorPanel(actorOf(key), overview, {
        onCounterpart: (a, b) => {
          const edge = cy && (cy.getElementById(`${a}->${b}`).nonempty() ? cy.getElementById(`${a}->${b}`) : cy.getElementById(`${b}->${a}`));
          if (edge && edge.nonempty()) selectEdge(edge.id());
          else go("timeline", { actor: a, with: b });
        },
        onTimeline: (k) => go("timeline", { actor: k }),
        onEvents: (k) => go("events", { actor: k }),
      });
      if (mine !== shown) return;
      side.replaceChildren(
        node ? h("p", { class: "view-total", "data-testid": "view-total", "data-total": node.events },
          h("strong", {}, plural(node.events, "real event")), ` with ${node.name || node.key} in this view (${describeFilters(ctx.filters)})`) : "",
        node && node.kind === "body" ? h("p", { class: "note", "data-testid": "body-note" },
          `${node.name} is a body of its country, apart from the state; the page below is the country's.`) : "",
        panel);
    } catch (error) {
      side.replaceChildren(errorBox(error));
    }
  };

  const showDyad = async (dyad) => {
    const mine = ++shown;
    const list = h("ol", { class: "event-list", "data-testid": "dyad-events" });
    const quadOf = Object.fromEntries(overview.types.map((t) => [t.event_type, t.quad_class]));
    const both = pairEdges(view, dyad.source, dyad.target);
    const total = both.reduce((a, e) => a + e.count, 0);
    const reverse = both.find((e) => e.source === dyad.target);
    const [a, b] = [actorOf(dyad.source), actorOf(dyad.target)];
    side.replaceChildren(
      h("section", { class: "dyad-panel", "data-testid": "dyad-panel" },
        h("h2", {}, dyad.source_name || dyad.source, h("span", { class: "arrow" }, " → "), dyad.target_name || dyad.target),
        h("p", {}, plural(dyad.count, "real event"), " · mean intensity ", intensityTag(dyad.mean_intensity)),
        dyad.domestic ? h("p", { class: "note", "data-testid": "domestic-note" }, "A domestic dyad: both ends belong to one country.") : "",
        h("p", { class: "view-total", "data-testid": "pair-total", "data-total": total },
          "Both directions: ", h("strong", {}, plural(total, "real event")),
          reverse ? ` (${reverse.count} ${reverse.source_name || reverse.source} → ${reverse.target_name || reverse.target})` : " (none the other way)"),
        quadBar(dyad.by_quad_class, dyad.count),
        h("p", { class: "types" }, Object.entries(dyad.by_type).map(([t, n]) => h("span", { class: "type-count" }, typeBadge(t, quadOf[t]), ` ${n}`))),
        h("div", { class: "actions" },
          // The timeline and the event table take node keys (USA_LEG), so they count what the edge counts; the
          // dyad series and the brokerage panels read stored actors (a body: its country).
          h("button", { type: "button", onclick: () => go("timeline", { actor: dyad.source, with: dyad.target }) }, "Dyad timeline"),
          h("button", { type: "button", onclick: () => go("dyads", { actor: a, with: b }) }, "Dyad series and shifts"),
          h("button", { type: "button", onclick: () => go("events", { actor: dyad.source, recipient: dyad.target, either: "1" }) }, "In the event table")),
        mediatorsSection(a, b, ctx.filters),
        channelsSection(a, b, ctx.filters),
        h("h3", {}, "Mentions"),
        list),
    );
    list.append(loading());
    try {
      const page = await get("/events", { ...apiFilters(ctx.filters, "/events"), actor: a, recipient: b, limit: 200 });
      if (mine !== shown) return;
      list.replaceChildren(...page.items.map((e) => eventItem(e, (ev) => go("event", { id: ev.event_id }))));
      if (!page.items.length) list.replaceChildren(empty("No event matches."));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  };

  const buildIndex = () => {
    const shownIds = new Set(cy.nodes().map((n) => n.id()));
    const nodes = view.nodes.filter((n) => shownIds.has(n.key));
    index.replaceChildren(
      h("details", { class: "index-list" }, h("summary", {}, `Actors in the graph (${nodes.length})`),
        h("ol", { class: "plain chips", "data-testid": "node-list" }, nodes.map((n) => h("li", {},
          h("button", { type: "button", class: "chip", "data-key": n.key, onclick: () => selectNode(n.key) },
            h("span", { class: "swatch round", style: `background:${kindColor(n.kind)}` }), ` ${n.name || n.key} `, h("small", {}, String(n.events))))))),
      h("details", { class: "index-list" }, h("summary", {}, `Dyads (${view.edges.length})`),
        h("table", { class: "events compact", "data-testid": "edge-list" },
          h("thead", {}, h("tr", {}, ["From", "To", "Real events"].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, view.edges.map((e) => h("tr", {
            class: "clickable", tabindex: 0, "data-edge": `${e.source}->${e.target}`,
            onclick: () => selectEdge(`${e.source}->${e.target}`),
            onkeydown: (k) => (k.key === "Enter" || k.key === " ") && (k.preventDefault(), selectEdge(`${e.source}->${e.target}`)),
          }, h("td", {}, e.source_name || e.source), h("td", {}, e.target_name || e.target, e.domestic ? h("small", {}, " (domestic)") : ""), h("td", { class: "num" }, String(e.count))))))),
    );
  };

  const findNode = (text) => {
    const needle = text.trim().toLowerCase();
    if (!needle || !cy) return null;
    const nodes = cy.nodes().toArray();
    return nodes.find((n) => n.id().toLowerCase() === needle || n.data("label").toLowerCase() === needle)
      || nodes.find((n) => n.data("label").toLowerCase().startsWith(needle))
      || nodes.find((n) => n.data("label").toLowerCase().includes(needle)) || null;
  };
  search.addEventListener("input", () => {
    if (!cy) return;
    cy.nodes().removeClass("match");
    const needle = search.value.trim().toLowerCase();
    if (needle) cy.nodes().filter((n) => n.data("label").toLowerCase().includes(needle) || n.id().toLowerCase() === needle).addClass("match");
  });
  let picked = null; // the search text last acted on: leaving the box (a change event) does not act again
  const pick = () => {
    if (search.value === picked) return;
    picked = search.value;
    const node = findNode(search.value);
    if (node) selectNode(node.id());
  };
  search.addEventListener("change", pick);
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      pick();
    }
  });

  status.textContent = "Loading network…";
  get("/network", query)
    .then((loaded) => {
      if (!root.isConnected) return;
      view = showDomestic ? loaded : { ...loaded, edges: loaded.edges.filter((e) => !e.domestic) };
      const fetched = performance.now();
      status.textContent = `${plural(view.nodes.length, "actor")} (the most active), ${plural(view.edges.length, "dyad")} among them · ${describeFilters(ctx.filters)} · sizes count real events (a fused event once)`;
      legendBox.replaceChildren(kindLegend(view), colorBy === "quad"
        ? legendQuads()
        : h("div", { class: "legend" }, h("span", { class: "legend-item legend-title" }, "Edges:"), h("span", { class: "legend-item" }, "conflict"), h("span", { class: "ramp" }), h("span", { class: "legend-item" }, "cooperation")));
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
        selectionType: "single",
      });
      ctx.onCleanup(() => cy.destroy());
      // Exposed for tests and power users: the graph instance and a way to click by id.
      window.__backchannelGraph = cy;
      nodeOptions.replaceChildren(...cy.nodes().map((n) => h("option", { value: n.data("label") })));
      buildIndex();
      cy.on("tap", "node", (evt) => selectNode(evt.target.id()));
      cy.on("tap", "edge", (evt) => selectEdge(evt.target.id()));
      cy.on("tap", (evt) => {
        if (evt.target === cy) cy.elements().removeClass("faded");
      });
      // How long the landing page takes to draw the network (read by the browser test, never asserted).
      requestAnimationFrame(() => {
        window.__backchannelTiming = {
          ...(window.__backchannelTiming || {}),
          network: { started, fetched, drawn: performance.now(), nodes: cy.nodes().length, edges: cy.edges().length },
        };
      });
      if (params.actor && params.with) {
        const edge = pairEdges(view, params.actor, params.with).sort((a, b) => b.count - a.count)[0];
        if (edge) selectEdge(`${edge.source}->${edge.target}`);
        else side.replaceChildren(h("p", { class: "view-total", "data-testid": "pair-total", "data-total": 0 }, "No dyad between these actors in this view."));
      } else if (params.actor && !selectNode(params.actor)) {
        const found = findNode(params.actor);
        if (found) selectNode(found.id());
      }
    })
    .catch((error) => {
      status.textContent = "";
      graphBox.append(errorBox(error));
    });
}
