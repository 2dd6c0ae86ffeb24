// The Backchannel dashboard: a hash-routed single page over the REST API of the same process.
import { get, loadSchema } from "./api.js";
import { h, plural } from "./dom.js";
import { filterBar } from "./filters.js";
import { filtersOf, hashFor, parseHash } from "./state.js";
import { actorDatalist } from "./pickers.js";
import { renderNetwork } from "./network.js";
import { renderTimeline } from "./timeline.js";
import { renderMap } from "./map.js";
import { renderEvents } from "./events.js";
import { renderEvent } from "./eventview.js";
import { renderDyads } from "./dyads.js";
import { renderPositions } from "./positions.js";
import { errorBox, loading } from "./widgets.js";

const VIEWS = {
  network: { label: "Network", render: renderNetwork, filters: true },
  timeline: { label: "Timeline", render: renderTimeline, filters: true },
  dyads: { label: "Dyads", render: renderDyads, filters: true },
  map: { label: "Map", render: renderMap, filters: true },
  events: { label: "Events", render: renderEvents, filters: true },
  positions: { label: "Positions", render: renderPositions, filters: true },
  event: { label: "Event", render: renderEvent, filters: false, hidden: true },
};

function start(app, overview) {
  const nav = h("nav", { class: "tabs", "aria-label": "Views" });
  const bar = h("div", { class: "filter-slot" });
  const main = h("main", { id: "view" });
  const stats = h("div", { class: "stats", "data-testid": "stats" },
    h("span", {}, plural(overview.documents, "document")),
    overview.first_document ? h("span", { class: "wide-only" }, ` (${overview.first_document} – ${overview.last_document})`) : "",
    h("span", {}, ` · ${plural(overview.fused_events, "real event")}`), h("span", { class: "wide-only" }, ` (${plural(overview.events, "mention")})`));
  app.replaceChildren(
    h("header", { class: "top" }, h("a", { class: "brand", href: "#/network" }, "Backchannel"), nav, stats),
    bar, main, actorDatalist());
  let cleanups = [];
  let barView = null; // the view whose filter bar is shown; kept while the bar itself changes the filters
  let fromBar = false;

  const render = () => {
    cleanups.forEach((fn) => fn());
    cleanups = [];
    const { view, params } = parseHash(location.hash);
    const spec = VIEWS[view] || VIEWS.network;
    const name = VIEWS[view] ? view : "network";
    const filters = filtersOf(params);
    const go = (target, next, replace = false) => {
      const url = hashFor(target, { ...filters, ...next });
      if (replace) {
        history.replaceState(null, "", url);
        render();
      } else location.hash = url;
    };
    nav.replaceChildren(...Object.entries(VIEWS).filter(([, v]) => !v.hidden).map(([key, v]) =>
      h("a", { href: hashFor(key, filters), class: key === name ? "active" : "", "aria-current": key === name ? "page" : null }, v.label)));
    // The bar is rebuilt unless it made this change itself (so an open type picker stays open).
    if (!(fromBar && barView === name)) {
      bar.replaceChildren(spec.filters ? filterBar(overview, params, (next, rebuild = false) => {
        fromBar = !rebuild;
        go(name, { ...parseHash(location.hash).params, ...next });
      }) : "");
      barView = name;
    }
    fromBar = false;
    main.replaceChildren();
    main.className = `view-${name}`;
    document.title = `${spec.label} · Backchannel`;
    const root = h("div", { class: "view-root" });
    main.append(root);
    try {
      spec.render(root, { params, filters, overview, go, onCleanup: (fn) => cleanups.push(fn) });
    } catch (error) {
      root.replaceChildren(errorBox(error));
    }
  };
  window.addEventListener("hashchange", render);
  render();
}

const app = document.getElementById("app");
app.replaceChildren(loading("Loading Backchannel…"));
Promise.all([get("/overview"), loadSchema()])
  .then(([overview]) => start(app, overview))
  .catch((error) => app.replaceChildren(errorBox(error)));
