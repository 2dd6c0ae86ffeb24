// Positions (GET /positions): each actor's stance on an issue, month by month, with the sentences
// that carry it. Stances come from the event type and status (see analysis/stances.py).
import { get } from "./api.js";
import { h, plural } from "./dom.js";
import { actorInput } from "./pickers.js";
import { apiFilters } from "./state.js";
import { empty, errorBox, loading, statusTag, typeBadge } from "./widgets.js";

export const STANCE_COLOR = {
  rejects: "#c8341f",
  demands: "#e07a1f",
  conditions: "#c9a227",
  supports: "#0b5fa5",
  negotiates: "#2a9d8f",
  mediates: "#7b5ea7",
};

function stanceTag(stance) {
  return h("span", { class: "stance", style: `--c:${STANCE_COLOR[stance] || "#6c7a89"}` }, stance);
}

function months(report) {
  const all = new Set(report.actors.flatMap((a) => a.by_month.map((m) => m.month)));
  const sorted = [...all].sort();
  if (!sorted.length) return [];
  const out = [];
  let [y, m] = sorted[0].split("-").map(Number);
  const last = sorted[sorted.length - 1];
  while (out.length < 240) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= last) break;
    m += 1;
    if (m > 12) (m = 1), (y += 1);
  }
  return out;
}

function evidenceList(actor, go) {
  return h("details", { class: "evidence" }, h("summary", {}, plural(actor.evidence.length, "sentence"), " behind it"),
    h("ol", { class: "event-list" }, actor.evidence.map((ev) => h("li", { class: "event-item", "data-event-id": ev.evidence.event_id },
      h("button", { type: "button", class: "event-open", onclick: () => go("event", { id: ev.evidence.event_id }) },
        h("div", { class: "event-head" }, h("span", { class: "day" }, ev.evidence.day || "undated"), stanceTag(ev.stance),
          typeBadge(ev.evidence.event_type, ev.evidence.quad_class), statusTag(ev.evidence.status),
          h("span", { class: "who" }, ev.holder, ev.role !== "actor" ? ` (${ev.role.replace("_", " ")})` : "")),
        h("div", { class: "event-sentence" }, ev.evidence.sentence))))));
}

function grid(report, go) {
  const cols = months(report);
  return h("div", { class: "table-box" }, h("table", { class: "positions", "data-testid": "positions-table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Actor"), h("th", { scope: "col" }, "Latest"),
      cols.map((m) => h("th", { scope: "col", class: "month" }, m.slice(2))))),
    h("tbody", {}, report.actors.map((a) => {
      const byMonth = new Map(a.by_month.map((m) => [m.month, m]));
      return [
        h("tr", { "data-actor": a.key },
          h("th", { scope: "row" }, a.name || a.key),
          h("td", {}, stanceTag(a.stance)),
          cols.map((m) => {
            const cell = byMonth.get(m);
            if (!cell) return h("td", { class: "month empty-cell" });
            const counts = Object.entries(cell.counts).map(([k, n]) => `${k} ${n}`).join(", ");
            return h("td", { class: `month${cell.changed ? " changed" : ""}`, title: `${m}: ${counts}${cell.changed ? " (position changed)" : ""}`, "data-month": m },
              h("span", { class: "cell", style: `background:${STANCE_COLOR[cell.stance] || "#999"}` }, cell.changed ? "●" : ""));
          })),
        h("tr", { class: "evidence-row" }, h("td", { colspan: cols.length + 2 }, evidenceList(a, go))),
      ];
    }))));
}

export function renderPositions(root, ctx) {
  const { params, go, overview } = ctx;
  const issues = overview.issues || [];
  const issue = params.issue || (issues[0] && issues[0].key) || "ceasefire";
  const form = h("form", { class: "view-controls", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    go("positions", { issue: data.get("issue"), actor: data.get("actor") });
  } },
    h("label", { class: "field" }, h("span", {}, "Issue"), issues.length
      ? h("select", { name: "issue", "data-testid": "positions-issue" }, issues.map((i) => h("option", { value: i.key, selected: i.key === issue }, i.label)))
      : h("input", { name: "issue", value: issue, "data-testid": "positions-issue" })),
    actorInput("actor", "Actor (optional)", params.actor || "", "positions-actor"),
    h("button", { type: "submit", class: "primary" }, "Show"));
  const legend = h("div", { class: "legend" }, Object.keys(STANCE_COLOR).map((k) => h("span", { class: "legend-item" }, h("span", { class: "swatch", style: `background:${STANCE_COLOR[k]}` }), k)),
    h("span", { class: "legend-item" }, "● the position changed that month"));
  const body = h("div", {}, loading());
  root.append(h("div", { class: "panel", "data-testid": "positions" }, form, legend,
    h("p", { class: "hint" }, "Each actor's stance on the issue by month (the month's most frequent stance); the latest position on the left. Open the sentences behind a row below it."), body));
  // The events of the shared filter bar (asserted by default: a stance a negated or hypothetical event carries,
  // "did not agree", counts once those statuses are ticked).
  get("/positions", { ...apiFilters(ctx.filters || {}, "/positions"), issue, actor: params.actor })
    .then((report) => {
      if (!root.isConnected) return;
      body.replaceChildren(h("h2", {}, report.label, h("small", {}, ` · ${plural(report.actors.length, "actor")}`)),
        report.actors.length ? grid(report, go) : empty("No actor takes a position on this issue in these events."));
    })
    .catch((error) => body.replaceChildren(errorBox(error)));
}
