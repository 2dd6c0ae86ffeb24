// The event table. By default one row per real event (GET /fused-events): the mentions of one
// event in several sentences and documents fused, with its independent sources, first and last
// report and confidence; a row opens in place to its mentions, each with its sentence and source
// document. "All mentions" lists the raw mentions (GET /events), one per coded sentence.
import { allowedValues, apiUrl, get, enc } from "./api.js";
import { h, plural } from "./dom.js";
import { actorInput } from "./pickers.js";
import { pairMentions, realEvents } from "./pairs.js";
import { apiFilters, describeFilters, eitherParam } from "./state.js";
import { COARSE, dateLabel, empty, errorBox, loading, statusTag, typeBadge } from "./widgets.js";

const PAGE = 100;

function who(list) {
  return (list || []).map((a) => a.name || a.text || a.key).join(", ");
}

function whenCell(e) {
  const coarse = COARSE[e.date_precision];
  return [coarse ? dateLabel(e) : e.day || "—", e.date_precision && e.date_precision !== "day" && !coarse ? h("small", { class: "muted" }, ` ${e.date_precision}`) : null];
}

// -- raw mentions ------------------------------------------------------------
function mentionRow(e, open) {
  const place = e.location ? e.location.name || e.location.text : "";
  return h(
    "tr",
    { class: "clickable", tabindex: 0, "data-event-id": e.event_id, onclick: () => open(e), onkeydown: (k) => k.key === "Enter" && open(e) },
    h("td", { class: "nowrap", "data-label": "Date" }, whenCell(e)),
    h("td", {}, typeBadge(e.event_type, e.quad_class), e.mode ? h("small", { class: "muted" }, ` ${e.mode}`) : null),
    h("td", {}, who(e.actors)),
    h("td", {}, who(e.recipients), e.mediators.length ? h("small", { class: "muted" }, ` via ${who(e.mediators)}`) : null),
    h("td", {}, e.status === "asserted" && !e.historical ? h("span", { class: "muted" }, "asserted") : statusTag(e.status, e.historical)),
    h("td", {}, place),
    h("td", { class: "sentence-cell" }, h("strong", {}, e.trigger), " · ", e.sentence),
  );
}

// -- fused events ------------------------------------------------------------
function reports(f) {
  const span = f.first_report === f.last_report ? f.first_report || "—" : `${f.first_report} – ${f.last_report}`;
  return [span, f.first_announced ? h("div", { class: "announced", title: "first announced (not counted as a source)" }, `announced ${f.first_announced}`) : null];
}

function sourcesCell(f) {
  return h("span", { class: "sources", title: `${plural(f.mentions, "mention")} in ${plural(f.documents, "document")}` },
    h("strong", {}, String(f.sources)), h("small", { class: "muted" }, ` · ${f.mentions}m`));
}

function mentionItem(m, go) {
  const doc = m.document;
  return h("li", { class: "mention", "data-event-id": m.event.event_id },
    h("div", { class: "mention-head" },
      h("span", { class: "day" }, doc.date || "undated"),
      h("strong", { class: "doc-title" }, doc.title || doc.doc_id),
      doc.source ? h("small", { class: "muted" }, doc.source) : null,
      statusTag(m.event.status, m.event.historical),
      h("button", { type: "button", class: "link", onclick: () => go("event", { id: m.event.event_id }) }, "open in document →")),
    h("div", { class: "mention-sentence" }, h("strong", {}, m.trigger.text), " · ", m.sentence.text));
}

function linkedList(title, rows, testid) {
  if (!rows.length) return null;
  return h("div", { class: "linked", "data-testid": testid }, h("h3", {}, title), h("ul", { class: "plain" }, rows.map((r) =>
    h("li", {}, h("span", { class: "day" }, r.first_report || "—"), " ", typeBadge(r.event_type, r.quad_class), statusTag(r.status),
      r.lead ? [" ", h("strong", {}, r.lead.trigger), " · ", r.lead.sentence] : null))));
}

async function mentionsPanel(f, go) {
  const detail = await get(`/fused-events/${enc(f.fused_id)}`);
  const more = detail.fused.mentions - detail.mentions.length;
  return h("div", { class: "mentions-panel", "data-testid": "fused-mentions" },
    h("h3", {}, `${plural(detail.fused.mentions, "mention")} in ${plural(detail.fused.documents, "document")} from ${plural(detail.fused.sources, "independent source")}`,
      detail.fused.conflicts ? ` · ${plural(detail.fused.conflicts, "conflicting detail")}` : ""),
    h("ol", { class: "plain mentions" }, detail.mentions.map((m) => mentionItem(m, go))),
    more > 0 ? h("p", { class: "hint" }, `${more} more: GET /events?fused_id=${f.fused_id}`) : null,
    linkedList("Announced before (not counted as sources)", detail.announcements, "fused-announcements"),
    linkedList("Announced this event", detail.anticipated, "fused-anticipated"));
}

function fusedRows(f, go) {
  const cells = 8;
  const slot = h("td", { colspan: cells });
  const detailRow = h("tr", { class: "mentions-row", hidden: true }, slot);
  let loaded = false;
  const toggle = () => {
    const open = detailRow.hidden;
    detailRow.hidden = !open;
    main.setAttribute("aria-expanded", String(open));
    if (open && !loaded) {
      loaded = true;
      slot.replaceChildren(loading());
      mentionsPanel(f, go).then((panel) => slot.replaceChildren(panel)).catch((error) => {
        loaded = false;
        slot.replaceChildren(errorBox(error));
      });
    }
  };
  const place = f.place_name || "";
  const main = h(
    "tr",
    { class: "clickable fused", tabindex: 0, "aria-expanded": "false", "data-fused-id": f.fused_id, onclick: toggle,
      onkeydown: (k) => (k.key === "Enter" || k.key === " ") && (k.preventDefault(), toggle()) },
    h("td", { class: "nowrap" }, h("span", { class: "caret", "aria-hidden": "true" }), whenCell(f)),
    h("td", {}, typeBadge(f.event_type, f.quad_class), statusTag(f.status)),
    h("td", {}, who(f.actors) || h("span", { class: "muted" }, "—"), f.recipients.length ? [h("span", { class: "arrow" }, " → "), who(f.recipients)] : null,
      f.mediators.length ? h("small", { class: "muted" }, ` via ${who(f.mediators)}`) : null),
    h("td", {}, place),
    h("td", { class: "num" }, sourcesCell(f)),
    h("td", { class: "nowrap" }, reports(f)),
    h("td", { class: "num" }, f.confidence.toFixed(2)),
    h("td", { class: "sentence-cell" }, f.lead ? [h("strong", {}, f.lead.trigger), " · ", f.lead.sentence] : ""),
  );
  return [main, detailRow];
}

// -- a pair in either direction: real events from the mentions (as the network's two arrows count) --
function pairRow(r, go) {
  const e = r.lead;
  const place = e.location ? e.location.name || e.location.text : "";
  return h("tr", {
    class: "clickable", tabindex: 0, "data-event-id": e.event_id, "data-real-event": r.id,
    onclick: () => go("event", { id: e.event_id }), onkeydown: (k) => k.key === "Enter" && go("event", { id: e.event_id }),
  },
    h("td", { class: "nowrap" }, whenCell(e)),
    h("td", {}, typeBadge(e.event_type, e.quad_class), statusTag(e.status, e.historical)),
    h("td", {}, who(e.actors), h("span", { class: "arrow" }, " → "), who(e.recipients)),
    h("td", {}, place),
    h("td", { class: "num" }, String(r.mentions.length)),
    h("td", { class: "sentence-cell" }, h("strong", {}, e.trigger), " · ", e.sentence));
}

// -- sorting: every column header is a button; rows loaded so far are reordered in place --------------
const SORTS = {
  Date: (x) => x.day || "",
  Type: (x) => x.event_type || "",
  Actor: (x) => who(x.actors),
  Who: (x) => who(x.actors),
  Recipient: (x) => who(x.recipients),
  Status: (x) => x.status || "",
  Place: (x) => (x.location ? x.location.name || x.location.text : x.place_name) || "",
  Sources: (x) => x.sources ?? 0,
  Mentions: (x) => (x.mentions && x.mentions.length !== undefined ? x.mentions.length : x.mentions) ?? 0,
  Reported: (x) => x.last_report || "",
  "Conf.": (x) => x.confidence ?? 0,
};

function sortableHead(columns, onSort) {
  const state = { column: null, dir: 1 };
  const ths = columns.map((c) => {
    const sortable = c in SORTS;
    const th = h("th", { scope: "col", "aria-sort": sortable ? "none" : null },
      sortable ? h("button", { type: "button", class: "sort", "data-column": c, onclick: () => {
        state.dir = state.column === c ? -state.dir : 1;
        state.column = c;
        ths.forEach((t) => t.getAttribute("aria-sort") && t.setAttribute("aria-sort", "none"));
        th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        onSort(c, state.dir);
      } }, c) : c);
    return th;
  });
  return h("thead", {}, h("tr", {}, ths));
}

// -- the view ----------------------------------------------------------------
export function renderEvents(root, ctx) {
  const { params, go } = ctx;
  const pair = Boolean(params.actor && params.recipient && params.either === "1");
  const mentions = params.grain === "mentions" && !pair;
  const openMention = (e) => go("event", { id: e.event_id });
  const form = h("form", { class: "view-controls", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    go("events", { grain: params.grain, actor: data.get("actor"), recipient: data.get("recipient"), either: data.get("either") ? "1" : "",
      min_sources: data.get("min_sources") === "1" ? "" : data.get("min_sources") });
  } },
    actorInput("actor", "Actor", params.actor || "", "events-actor"),
    actorInput("recipient", "Recipient", params.recipient || "", "events-recipient"),
    h("label", { class: "chip", title: "also the other way round: the recipient acting on the actor" },
      h("input", { type: "checkbox", name: "either", value: "1", checked: params.either === "1", "data-testid": "events-either" }), " either direction"),
    mentions || pair ? null : h("label", { class: "field" }, h("span", {}, "Sources at least"),
      h("input", { type: "number", name: "min_sources", min: 1, max: 99, value: params.min_sources || "1", "data-testid": "events-min-sources", style: "width:5rem" })),
    h("button", { type: "submit", class: "primary" }, "Filter"),
  );
  const grainSwitch = h("div", { class: "grain", role: "group", "aria-label": "Rows" },
    h("button", { type: "button", class: mentions ? "" : "active", "aria-pressed": String(!mentions), "data-testid": "grain-fused",
      onclick: () => go("events", { ...params, grain: "" }) }, "Real events"),
    h("button", { type: "button", class: mentions ? "active" : "", "aria-pressed": String(mentions), "data-testid": "grain-mentions",
      onclick: () => go("events", { ...params, grain: "mentions", min_sources: "", either: "" }) }, "All mentions"));
  const body = h("tbody", {});
  const counter = h("span", { class: "graph-status", "data-testid": "event-count" });
  const more = h("button", { type: "button", class: "more", hidden: true }, "Load more");
  const columns = pair
    ? ["Date", "Type", "Who", "Place", "Mentions", "Trigger · sentence"]
    : mentions
      ? ["Date", "Type", "Actor", "Recipient", "Status", "Place", "Trigger · sentence"]
      : ["Date", "Type", "Who", "Place", "Sources", "Reported", "Conf.", "Trigger · sentence"];
  const loaded = []; // [record, rows] in load order
  const sortBy = (column, dir) => {
    const key = SORTS[column];
    const order = loaded.map((x, i) => [x, i]).sort(([a, i], [b, j]) => {
      const va = key(a[0]), vb = key(b[0]);
      const c = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
      return c * dir || i - j;
    });
    body.append(...order.flatMap(([x]) => x[1]));
  };
  const table = h("table", { class: `events${mentions ? "" : " fused-table"}${pair ? " pair-table" : ""}`, "data-testid": pair ? "pair-table" : mentions ? "event-table" : "fused-table" },
    sortableHead(columns, sortBy), body);
  const box = h("div", { class: "table-box" }, loading());
  const endpoint = mentions || pair ? "/events" : "/fused-events";
  const baseQuery = { ...apiFilters(ctx.filters, endpoint), actor: params.actor, recipient: params.recipient,
    ...(mentions || pair ? {} : { min_sources: params.min_sources, order: "recent" }) };
  const csvOk = (allowedValues(endpoint, "format") || []).includes("csv");
  const either = pair ? eitherParam("/events") : null;
  const csvLink = csvOk && (!pair || either)
    ? h("a", { class: "export", href: apiUrl(endpoint, { ...baseQuery, ...(either || {}), format: "csv", limit: 1000 }), download: "", "data-testid": "csv-link" }, "CSV of this table")
    : null;
  const note = pair
    ? h("p", { class: "hint" }, `Real events between ${params.actor} and ${params.recipient}, either direction (as the network's two arrows count them): ${describeFilters(ctx.filters)}. Click a row for its document.`)
    : mentions
      ? h("p", { class: "hint" }, `Every coded sentence, one row each: a real event reported by several documents appears once per mention. ${describeFilters(ctx.filters)}.`)
      : h("p", { class: "hint" }, "One row per real event (its mentions in several sentences and documents fused), latest reports first. Click a row for its mentions. ",
          `Counted: ${describeFilters(ctx.filters)} (other statuses are opt-in in the filters; future = announcements).`);
  root.append(h("div", { class: "panel" }, h("div", { class: "toolbar" }, grainSwitch, form, h("div", { class: "toolbar-end" }, csvLink, counter)), note, box, more));
  let shown = 0;
  const noun = mentions ? "mention" : "real event";
  const setCount = (n, partial) => {
    counter.replaceChildren(partial ? `first ${plural(n, noun)} (more available)` : h("span", { class: "view-total", "data-testid": "view-total", "data-total": n }, plural(n, noun)));
  };
  if (pair) {
    pairMentions(params.actor, params.recipient, ctx.filters)
      .then((list) => {
        if (!root.isConnected) return;
        const events = realEvents(list);
        for (const r of events) loaded.push([{ ...r.lead, day: r.day, mentions: r.mentions }, [pairRow(r, go)]]);
        box.replaceChildren(events.length ? table : empty("No real event between these actors matches these filters."));
        body.append(...loaded.flatMap((x) => x[1]));
        setCount(events.length, false);
      })
      .catch((error) => box.replaceChildren(errorBox(error)));
    return;
  }
  const load = async (cursor) => {
    more.disabled = true;
    try {
      const page = await get(endpoint, { ...baseQuery, limit: PAGE, cursor });
      if (!root.isConnected) return;
      if (!cursor) box.replaceChildren(page.items.length ? table : empty(`No ${noun}s match these filters.`));
      for (const e of page.items) {
        const rows = mentions ? [mentionRow(e, openMention)] : fusedRows(e, go);
        loaded.push([e, rows]);
        body.append(...rows);
      }
      shown += page.items.length;
      setCount(shown, Boolean(page.next_cursor));
      more.hidden = !page.next_cursor;
      more.onclick = () => load(page.next_cursor);
    } catch (error) {
      box.replaceChildren(errorBox(error));
    } finally {
      more.disabled = false;
    }
  };
  load(null);
}
