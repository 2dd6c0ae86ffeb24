// Small shared pieces: type badges, quad-class bars, event lists, loading and error states.
import { h } from "./dom.js";
import { QUADS, QUAD_COLOR, QUAD_LABEL, intensityColor } from "./colors.js";

export function typeBadge(type, quad) {
  return h("span", { class: "badge", style: `--c:${QUAD_COLOR[quad] || "#888"}`, title: QUAD_LABEL[quad] || "" }, type);
}

// An event's date at its precision: "2023" for a year-only date, "2023-05" for a month, else the day.
export const COARSE = { year: 4, month: 7 };

export function dateLabel(event) {
  const cut = COARSE[event.date_precision];
  if (cut) return (event.date || event.day || "").slice(0, cut) || "undated";
  return event.day || "undated";
}

export function statusTag(status, historical = false) {
  return [
    status && status !== "asserted" ? h("span", { class: `status status-${status}` }, status) : null,
    historical ? h("span", { class: "status status-historical", title: "a reference to the past, not news" }, "historical") : null,
  ];
}

export function quadBar(byQuad, total) {
  const sum = total || Object.values(byQuad || {}).reduce((a, b) => a + b, 0) || 1;
  return h(
    "div",
    { class: "quadbar", role: "img", "aria-label": "events by quad class" },
    QUADS.filter((q) => (byQuad || {})[q.id]).map((q) =>
      h("span", {
        style: `width:${(100 * byQuad[q.id]) / sum}%;background:${q.color}`,
        title: `${q.label}: ${byQuad[q.id]}`,
      }),
    ),
  );
}

export function intensityTag(value) {
  const v = Number(value || 0);
  return h("span", { class: "intensity", style: `--c:${intensityColor(v)}`, title: "mean intensity (-10 conflict … +10 cooperation)" }, (v > 0 ? "+" : "") + v.toFixed(1));
}

export function names(list) {
  return (list || []).map((a) => a.name || a.text).join(", ");
}

export function eventItem(event, onOpen) {
  return h(
    "li",
    { class: "event-item", "data-event-id": event.event_id },
    h(
      "button",
      { type: "button", class: "event-open", onclick: () => onOpen(event) },
      h("div", { class: "event-head" }, h("span", { class: "day" }, dateLabel(event)), typeBadge(event.event_type, event.quad_class), statusTag(event.status, event.historical),
        h("span", { class: "who" }, names(event.actors) || "?", " → ", names(event.recipients) || "—")),
      h("div", { class: "event-sentence" }, event.sentence),
    ),
  );
}

export function loading(text) {
  return h("div", { class: "loading", role: "status" }, text || "Loading…");
}

export function errorBox(error) {
  return h("div", { class: "error", role: "alert" }, h("strong", {}, "Could not load: "), error && error.message ? error.message : String(error));
}

export function empty(text) {
  return h("div", { class: "empty" }, text);
}

export function legendQuads() {
  return h("div", { class: "legend" }, QUADS.map((q) => h("span", { class: "legend-item" }, h("span", { class: "swatch", style: `background:${q.color}` }), q.label)));
}
