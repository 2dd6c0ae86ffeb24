// The actor page: aliases, titles, roles, counts by type and top counterparts.
import { get, enc } from "./api.js";
import { h, plural } from "./dom.js";
import { kindColor } from "./colors.js";
import { typeBadge } from "./widgets.js";
import { channelsSection } from "./analysis.js";

export async function actorPanel(key, overview, { onCounterpart, onTimeline, onEvents, full = false } = {}) {
  const detail = await get(`/actors/${enc(key)}`, { top: full ? 25 : 10 });
  const a = detail.actor;
  const quadOf = Object.fromEntries(overview.types.map((t) => [t.event_type, t.quad_class]));
  const maxType = Math.max(1, ...Object.values(detail.counts_by_type));
  const facts = [
    ["Id", a.actor_id || a.key],
    ["Kind", a.kind],
    ["Country", a.country],
    ["Sector", a.sector],
    ["Mentions", a.mentions],
    ["Real events", a.events],
  ].filter(([, v]) => v !== null && v !== undefined && v !== "");
  return h(
    "section",
    { class: "actor-panel", "data-testid": "actor-panel" },
    h("h2", {}, h("span", { class: "dot", style: `background:${kindColor(a.kind)}` }), a.name || a.key),
    h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))])),
    h("div", { class: "actions" },
      onTimeline ? h("button", { type: "button", onclick: () => onTimeline(a.key) }, "Timeline") : null,
      onEvents ? h("button", { type: "button", onclick: () => onEvents(a.key) }, "Events") : null),
    detail.aliases.length
      ? [h("h3", {}, "Also written as"), h("p", { class: "aliases" }, detail.aliases.map((al) => h("span", { class: "alias", title: plural(al.count, "mention") }, al.key)))]
      : null,
    detail.titles.length ? [h("h3", {}, "Roles and titles"), h("ul", { class: "plain" }, detail.titles.map((t) => h("li", {}, t)))] : null,
    h("h3", {}, "Part played"),
    h("p", { class: "roles" }, Object.entries(detail.roles).map(([role, n]) => h("span", { class: "chip static" }, `${role.replace("_", " ")} ${n}`))),
    h("h3", {}, "Real events by type"),
    h("table", { class: "bars" }, h("tbody", {}, Object.entries(detail.counts_by_type)
      .sort((x, y) => y[1] - x[1])
      .map(([type, n]) => h("tr", {}, h("td", {}, typeBadge(type, quadOf[type])), h("td", { class: "bar-cell" }, h("span", { class: "bar", style: `width:${(100 * n) / maxType}%` })), h("td", { class: "num" }, String(n)))))),
    h("h3", {}, "Top counterparts"),
    detail.top_counterparts.length
      ? h("ol", { class: "counterparts" }, detail.top_counterparts.map((c) =>
          h("li", {}, onCounterpart ? h("button", { type: "button", class: "link", onclick: () => onCounterpart(a.key, c.key) }, c.name || c.key) : c.name || c.key, h("small", {}, ` ${plural(c.count, "real event")}`))))
      : h("p", { class: "muted" }, "No counterpart in a dyad."),
    // Channels to the top counterparts: direct contacts by level and paths through intermediaries.
    detail.top_counterparts.slice(0, 3).map((c) => channelsSection(a.key, c.key, {}, { maxPaths: 3, title: `Channels to ${c.name || c.key}` })),
  );
}
