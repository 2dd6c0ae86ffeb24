// Network analysis panels: mediators of a dyad and the channels between two actors (GET /mediators, /channels).
import { get } from "./api.js";
import { h, plural } from "./dom.js";
import { apiFilters } from "./state.js";
import { empty, errorBox, loading } from "./widgets.js";

function evidenceList(items) {
  return h("details", { class: "evidence" }, h("summary", {}, plural(items.length, "event")),
    h("ul", { class: "plain" }, items.map((e) => h("li", {}, h("small", {}, `${e.day || "undated"} ${e.event_type} `), e.sentence))));
}

// The analyses read the shared filter as every view does (they name their actors themselves).
function filtersOf(filters, path) {
  return apiFilters(filters || {}, path);
}

function section(testid, title, load) {
  const body = h("div", {}, loading());
  load().then((content) => body.replaceChildren(content)).catch((error) => body.replaceChildren(errorBox(error)));
  return h("section", { class: "analysis-panel", "data-testid": testid }, h("h3", {}, title), body);
}

export function mediatorsSection(a, b, filters) {
  return section("mediators-panel", "Mediators", async () => {
    const report = await get("/mediators", { a, b, ...filtersOf(filters, "/mediators"), limit: 5 });
    if (!report.mediators.length) return empty("No actor engages both sides.");
    return h("ol", { class: "mediators" }, report.mediators.map((m) => h("li", {},
      h("strong", {}, m.name || m.key), h("small", {}, ` score ${m.score}`),
      m.mediation_events ? h("span", { class: "chip static" }, `mediator ${m.mediation_events}`) : null,
      Object.entries(m.brokerage).map(([role, n]) => h("span", { class: "chip static" }, `${role} ${n}`)),
      evidenceList(m.evidence))));
  });
}

export function channelsSection(a, b, filters, { maxPaths = 5, title = "Channels" } = {}) {
  return section("channels-panel", title, async () => {
    const report = await get("/channels", { a, b, ...filtersOf(filters, "/channels"), max_paths: maxPaths });
    const levels = Object.entries(report.direct_by_level).map(([k, n]) => `${k} ${n}`).join(", ");
    return h("div", {},
      h("p", {}, plural(report.direct.length, "direct contact"), levels ? ` (${levels})` : ""),
      report.paths.length
        ? h("ul", { class: "plain paths" }, report.paths.map((p) => h("li", {},
            p.steps.map((s, i) => [i ? "" : (s.source_name || s.source), h("span", { class: "arrow" }, s.kind === "represents" ? ` ⇢ (${s.label || "represents"}) ⇢ ` : " → "), s.target_name || s.target]),
            evidenceList(p.steps.flatMap((s) => s.evidence)))))
        : h("p", { class: "muted" }, "No indirect path of up to 3 steps."));
  });
}
