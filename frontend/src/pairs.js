// The real events of an actor pair in either direction (A -> B and B -> A), from the event mentions:
// the network's edges count exactly these (actor -> recipient pairs, a fused event once), so the
// timeline and the event table of a pair show the same total as the network's two arrows.
import { get } from "./api.js";
import { apiFilters, eitherParam } from "./state.js";

async function allPages(params) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const page = await get("/events", { ...params, limit: 1000, cursor });
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// Mentions of the pair, both directions, with the shared filters.
export async function pairMentions(a, b, filters) {
  const base = apiFilters(filters, "/events");
  const either = eitherParam("/events");
  const lists = either
    ? [await allPages({ ...base, actor: a, recipient: b, ...either })]
    : await Promise.all([allPages({ ...base, actor: a, recipient: b }), allPages({ ...base, actor: b, recipient: a })]);
  const seen = new Map();
  for (const list of lists) for (const e of list) seen.set(e.event_id, e);
  return [...seen.values()];
}

// One real event per fused event (a mention of no fused event is its own): its earliest mention's
// day, precision and quad class, the mean intensity of its mentions, and its mentions.
export function realEvents(mentions) {
  const groups = new Map();
  for (const m of mentions) {
    const id = m.fused_id || m.event_id;
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(m);
  }
  return [...groups.entries()].map(([id, list]) => {
    list.sort((x, y) => (x.day || "9999").localeCompare(y.day || "9999") || x.event_id.localeCompare(y.event_id));
    const lead = list[0];
    return {
      id, lead, mentions: list, day: lead.day, date: lead.date, date_precision: lead.date_precision,
      quad_class: lead.quad_class, event_type: lead.event_type, status: lead.status,
      intensity: list.reduce((s, m) => s + (m.intensity || 0), 0) / list.length,
    };
  }).sort((x, y) => (x.day || "").localeCompare(y.day || "") || x.id.localeCompare(y.id));
}
