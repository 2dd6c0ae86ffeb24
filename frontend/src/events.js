// The event table: the shared filters plus actor and recipient, one page of 100 at a time.
import { get } from "./api.js";
import { h, plural } from "./dom.js";
import { actorInput } from "./pickers.js";
import { empty, errorBox, loading, names, statusTag, typeBadge } from "./widgets.js";

const PAGE = 100;

function row(e, open) {
  const place = e.location ? e.location.name || e.location.text : "";
  return h(
    "tr",
    { class: "clickable", tabindex: 0, "data-event-id": e.event_id, onclick: () => open(e), onkeydown: (k) => k.key === "Enter" && open(e) },
    h("td", { class: "nowrap" }, e.day || "—", e.date_precision && e.date_precision !== "day" ? h("small", { class: "muted" }, ` ${e.date_precision}`) : null),
    h("td", {}, typeBadge(e.event_type, e.quad_class), e.mode ? h("small", { class: "muted" }, ` ${e.mode}`) : null),
    h("td", {}, names(e.actors)),
    h("td", {}, names(e.recipients), e.mediators.length ? h("small", { class: "muted" }, ` via ${names(e.mediators)}`) : null),
    h("td", {}, statusTag(e.status) || h("span", { class: "muted" }, "asserted")),
    h("td", {}, place),
    h("td", { class: "sentence-cell" }, h("strong", {}, e.trigger), " · ", e.sentence),
  );
}

export function renderEvents(root, ctx) {
  const { params, go } = ctx;
  const open = (e) => go("event", { id: e.event_id });
  const form = h("form", { class: "view-controls", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    go("events", { actor: data.get("actor"), recipient: data.get("recipient") });
  } },
    actorInput("actor", "Actor", params.actor || "", "events-actor"),
    actorInput("recipient", "Recipient", params.recipient || "", "events-recipient"),
    h("button", { type: "submit", class: "primary" }, "Filter"),
  );
  const body = h("tbody", {});
  const counter = h("span", { class: "graph-status", "data-testid": "event-count" });
  const more = h("button", { type: "button", class: "more", hidden: true }, "Load more");
  const table = h("table", { class: "events", "data-testid": "event-table" },
    h("thead", {}, h("tr", {}, ["Date", "Type", "Actor", "Recipient", "Status", "Place", "Trigger · sentence"].map((c) => h("th", { scope: "col" }, c)))),
    body);
  const box = h("div", { class: "table-box" }, loading());
  root.append(h("div", { class: "panel" }, h("div", { class: "toolbar" }, form, counter), box, more));
  let shown = 0;
  const load = async (cursor) => {
    more.disabled = true;
    try {
      const page = await get("/events", { ...ctx.filters, actor: params.actor, recipient: params.recipient, limit: PAGE, cursor });
      if (!root.isConnected) return;
      if (!cursor) box.replaceChildren(page.items.length ? table : empty("No events match these filters."));
      body.append(...page.items.map((e) => row(e, open)));
      shown += page.items.length;
      counter.textContent = page.next_cursor ? `first ${plural(shown, "event")} (more available)` : plural(shown, "event");
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
