// One event in its source document: sentence, trigger, actors, place and time highlighted.
import { get, enc } from "./api.js";
import { h, safeUrl } from "./dom.js";
import { QUAD_LABEL } from "./colors.js";
import { highlighted } from "./highlight.js";
import { errorBox, loading, statusTag, typeBadge } from "./widgets.js";

const ROLES = [
  ["actors", "Actor", "hl-actor"],
  ["recipients", "Recipient", "hl-recipient"],
  ["mediators", "Mediator", "hl-mediator"],
  ["reported_by", "Reported by", "hl-reporter"],
];

function marksFor(detail, doc, go) {
  const e = detail.event;
  const marks = [
    { start: detail.sentence.start, end: detail.sentence.end, cls: "hl-sentence", id: "sentence" },
    { start: detail.trigger.start, end: detail.trigger.end, cls: "hl-trigger", title: `${e.event_type} trigger`, id: "trigger" },
  ];
  for (const [field, label, cls] of ROLES) {
    for (const a of e[field] || []) {
      marks.push({ start: a.start, end: a.end, cls, title: `${label}: ${a.name || a.text}` });
    }
  }
  if (e.location) marks.push({ start: e.location.start, end: e.location.end, cls: "hl-place", title: `Place: ${e.location.name || e.location.text}` });
  if (detail.time) marks.push({ start: detail.time.start, end: detail.time.end, cls: "hl-time", title: `Time: ${e.date || detail.time.text}` });
  for (const r of doc.removed) marks.push({ start: r.start, end: r.end, cls: "removed", title: `not coded: ${r.reason}` });
  for (const other of doc.events) {
    if (other.event.event_id === e.event_id) continue;
    marks.push({
      start: other.trigger.start, end: other.trigger.end, cls: "hl-other",
      title: `Another event: ${other.event.event_type} (click to open)`,
      onClick: () => go("event", { id: other.event.event_id }),
    });
  }
  return marks;
}

function people(list, label, cls) {
  if (!list || !list.length) return null;
  return [h("dt", {}, label), h("dd", {}, list.map((a) => h("span", { class: `who-chip ${cls}`, title: a.actor_id || a.key },
    a.name || a.text, a.title ? h("small", {}, ` ${a.title}`) : null, a.name && a.text && a.text !== a.name ? h("small", {}, ` “${a.text}”`) : null)))];
}

function card(detail, go) {
  const e = detail.event;
  const facts = [
    ["Type", [typeBadge(e.event_type, e.quad_class), ` ${QUAD_LABEL[e.quad_class] || ""}`]],
    e.mode ? ["Mode", e.mode] : null,
    ["Status", [e.status === "asserted" ? "asserted" : statusTag(e.status), e.historical ? " (historical)" : ""]],
    ["When", [e.date || e.day || "undated", h("small", { class: "muted" }, ` ${e.date_precision}`), detail.date_text ? h("small", {}, ` “${detail.date_text}”`) : null]],
    ["Trigger", h("span", { class: "hl-trigger" }, e.trigger)],
    e.location ? ["Where", [e.location.name || e.location.text, e.location.country_code ? h("small", { class: "muted" }, ` ${e.location.country_code}`) : null]] : null,
    ["Intensity", String(e.intensity)],
    ["Confidence", e.confidence.toFixed(2)],
    e.context && e.context.length ? ["Context", e.context.join(", ")] : null,
  ].filter(Boolean);
  return h("section", { class: "event-card", "data-testid": "event-card" },
    h("dl", { class: "facts" },
      facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
      ROLES.map(([field, label, cls]) => people(e[field], label, cls))),
    h("div", { class: "actions" },
      e.actors[0] ? h("button", { type: "button", onclick: () => go("network", { actor: e.actors[0].key }) }, `${e.actors[0].name || e.actors[0].text} in the network`) : null,
      e.actors[0] && e.recipients[0] ? h("button", { type: "button", onclick: () => go("timeline", { actor: e.actors[0].key, with: e.recipients[0].key }) }, "Dyad timeline") : null),
    h("p", { class: "muted small" }, `event ${e.event_id} · ${e.pipeline_version}`));
}

const LEGEND = [
  ["hl-sentence", "sentence"], ["hl-trigger", "trigger"], ["hl-actor", "actor"], ["hl-recipient", "recipient"],
  ["hl-mediator", "mediator"], ["hl-place", "place"], ["hl-time", "time"], ["hl-other", "other events"],
];

export function renderEvent(root, ctx) {
  const { params, go } = ctx;
  root.append(loading());
  (async () => {
    const detail = await get(`/events/${enc(params.id)}`);
    const doc = await get(`/documents/${enc(detail.event.doc_id)}`);
    if (!root.isConnected) return;
    const meta = doc.document;
    const link = safeUrl(meta.url);
    const text = h("div", { class: "doc-text", "data-testid": "doc-text" }, highlighted(doc.text, marksFor(detail, doc, go)));
    root.replaceChildren(h("div", { class: "event-layout" },
      h("article", { class: "panel doc" },
        h("header", {},
          h("h2", { "data-testid": "doc-title" }, meta.title || meta.doc_id),
          h("p", { class: "muted" }, [meta.date, meta.source].filter(Boolean).join(" · "), link ? [" · ", h("a", { href: link, rel: "noopener noreferrer", target: "_blank" }, "original")] : null)),
        h("div", { class: "legend" }, LEGEND.map(([cls, label]) => h("span", { class: `legend-item ${cls}` }, label))),
        text),
      h("aside", { class: "side" },
        h("button", { type: "button", class: "link", onclick: () => history.back() }, "← back"),
        card(detail, go),
        h("h3", {}, `Other events in this document (${doc.events.length - 1})`),
        h("ol", { class: "plain other-events" }, doc.events.filter((o) => o.event.event_id !== detail.event.event_id).map((o) =>
          h("li", {}, h("button", { type: "button", class: "link", onclick: () => go("event", { id: o.event.event_id }) }, typeBadge(o.event.event_type, o.event.quad_class), ` “${o.trigger.text}”`)))))));
    const sentence = text.querySelector("[data-sentence]");
    if (sentence) sentence.scrollIntoView({ block: "center" });
  })().catch((error) => root.replaceChildren(errorBox(error)));
}
