// Event locations on a world map. No tiles: country outlines come from the bundled Natural Earth
// TopoJSON (world-atlas), drawn as a GeoJSON layer.
import L from "leaflet";
import { feature } from "topojson-client";
import { get } from "./api.js";
import { apiFilters } from "./state.js";
import { h, plural } from "./dom.js";
import { intensityColor } from "./colors.js";
import { errorBox, intensityTag, quadBar, typeBadge } from "./widgets.js";

let worldPromise = null;

function world() {
  if (!worldPromise) {
    worldPromise = fetch("/static/dist/countries-50m.json")
      .then((r) => {
        if (!r.ok) throw new Error(`country outlines: HTTP ${r.status}`);
        return r.json();
      })
      .then((topo) => feature(topo, topo.objects.countries));
  }
  return worldPromise;
}

function popupFor(place, overview, go) {
  const quadOf = Object.fromEntries(overview.types.map((t) => [t.event_type, t.quad_class]));
  return h(
    "div",
    { class: "place-popup", "data-testid": "place-popup" },
    h("h3", {}, place.name, place.country_code ? h("small", {}, ` ${place.country_code}`) : null),
    h("p", {}, plural(place.count, "event"), " · mean intensity ", intensityTag(place.mean_intensity)),
    quadBar(place.by_quad_class, place.count),
    h("p", { class: "types" }, Object.entries(place.by_type).map(([t, n]) => h("span", { class: "type-count" }, typeBadge(t, quadOf[t]), ` ${n}`))),
    h("ol", { class: "plain recent" }, place.recent.map((e) =>
      h("li", {}, h("button", { type: "button", class: "link", onclick: () => go("event", { id: e.event_id }) }, `${e.day || "undated"} ${e.event_type}: “${e.trigger}”`)))),
  );
}

export function renderMap(root, ctx) {
  const { overview, go } = ctx;
  const box = h("div", { class: "map", "data-testid": "map" });
  const status = h("div", { class: "graph-status" });
  root.append(h("div", { class: "panel map-panel" }, h("div", { class: "view-controls" },
    h("div", { class: "legend" }, h("span", { class: "legend-item" }, "circle area: events · colour: mean intensity"), h("span", { class: "legend-item" }, "conflict"), h("span", { class: "ramp" }), h("span", { class: "legend-item" }, "cooperation")),
    status), box));
  const map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.5, attributionControl: true }).setView([25, 20], 2);
  map.attributionControl.setPrefix(false);
  ctx.onCleanup(() => map.remove());
  status.textContent = "Loading…";
  Promise.all([world(), get("/places", { ...apiFilters(ctx.filters, "/places"), limit: 1000 })])
    .then(([countries, places]) => {
      if (!root.isConnected) return;
      L.geoJSON(countries, {
        style: { color: "#aab4bf", weight: 0.6, fillColor: "#e8ecf0", fillOpacity: 1 },
        interactive: false,
        attribution: "Natural Earth via world-atlas",
      }).addTo(map);
      const max = Math.max(1, ...places.map((p) => p.count));
      const layer = L.featureGroup();
      for (const place of places) {
        const marker = L.circleMarker([place.lat, place.lon], {
          radius: 5 + 18 * Math.sqrt(place.count / max),
          color: "#fff",
          weight: 1.2,
          fillColor: intensityColor(place.mean_intensity),
          fillOpacity: 0.85,
        });
        // Leaflet puts string content in with innerHTML: give it DOM nodes built with text only.
        marker.bindTooltip(h("span", {}, `${place.name}: ${plural(place.count, "event")}`));
        marker.bindPopup(() => popupFor(place, overview, go), { maxWidth: 360 });
        layer.addLayer(marker);
      }
      layer.addTo(map);
      const located = places.reduce((a, p) => a + p.count, 0);
      status.textContent = `${plural(places.length, "place")}, ${plural(located, "located event")}`;
      if (places.length) map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 5 });
      window.__backchannelMap = map;
    })
    .catch((error) => {
      status.textContent = "";
      box.before(errorBox(error));
    });
}
