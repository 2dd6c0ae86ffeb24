// Events per week (or month) for an actor or a dyad, stacked by quad class: a small SVG chart.
import { get } from "./api.js";
import { h, s, plural } from "./dom.js";
import { QUADS } from "./colors.js";
import { actorInput, nameOf } from "./pickers.js";
import { pairMentions, realEvents } from "./pairs.js";
import { apiFilters, describeFilters } from "./state.js";
import { COARSE, empty, errorBox, eventItem, legendQuads, loading } from "./widgets.js";

const DAY = 86400000;

function utc(day) {
  return Date.parse(`${day}T00:00:00Z`);
}

function iso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

// The period (Monday of the ISO week, or the first of the month) a day falls in, as DuckDB's date_trunc.
export function periodOf(day, by) {
  if (by === "month") return `${day.slice(0, 7)}-01`;
  const d = new Date(utc(day));
  return iso(utc(day) - ((d.getUTCDay() + 6) % 7) * DAY);
}

// Buckets of real events (from pairs.js) per period; events dated only to a month or a year are left
// out here and drawn over their whole month or year instead (coarseStrip).
export function bucketsOf(events, by) {
  const out = new Map();
  for (const e of events) {
    if (!e.day || COARSE[e.date_precision]) continue;
    const p = periodOf(e.day, by);
    const b = out.get(p) || { period: p, count: 0, by_quad_class: {}, total: 0 };
    b.count += 1;
    b.by_quad_class[e.quad_class] = (b.by_quad_class[e.quad_class] || 0) + 1;
    b.total += e.intensity;
    out.set(p, b);
  }
  return [...out.values()].sort((a, b) => a.period.localeCompare(b.period)).map((b) => ({ ...b, mean_intensity: b.total / b.count }));
}

// Remove coarse events (dated to a month or year) from the API's buckets, where the API put them
// (the period of their first day): they are drawn over their whole span instead.
export function withoutCoarse(buckets, coarse, by) {
  const byPeriod = new Map(buckets.map((b) => [b.period, { ...b, by_quad_class: { ...b.by_quad_class } }]));
  const moved = [];
  for (const e of coarse) {
    const b = byPeriod.get(periodOf(e.day, by));
    if (!b || !(b.by_quad_class[e.quad_class] > 0)) continue;
    b.count -= 1;
    b.by_quad_class[e.quad_class] -= 1;
    if (!b.by_quad_class[e.quad_class]) delete b.by_quad_class[e.quad_class];
    moved.push(e);
  }
  return { buckets: [...byPeriod.values()].filter((b) => b.count > 0), moved };
}

function nextPeriod(day, by) {
  if (by === "week") return iso(utc(day) + 7 * DAY);
  const d = new Date(utc(day));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return iso(d.getTime());
}

function periodEnd(day, by) {
  return iso(utc(nextPeriod(day, by)) - DAY);
}

// Every period between the first and last bucket, so quiet weeks show as gaps, not as nothing.
export function fillPeriods(buckets, by) {
  if (!buckets.length) return [];
  const byPeriod = new Map(buckets.map((b) => [b.period, b]));
  const out = [];
  const last = buckets[buckets.length - 1].period;
  for (let p = buckets[0].period; p <= last && out.length < 2000; p = nextPeriod(p, by)) {
    out.push(byPeriod.get(p) || { period: p, count: 0, by_quad_class: {}, mean_intensity: 0 });
  }
  return out;
}

// A round step giving at most five integer ticks, and the axis maximum it reaches.
export function niceScale(value) {
  const raw = Math.max(1, value) / 4;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= raw));
  return { step, max: Math.ceil(Math.max(1, value) / step) * step };
}

// Events dated only to a year (or month), as one band over the periods of that year (or month), under the axis.
// A coarse item is an event dated to a year or month (date_precision, date) or an API bucket of such
// events (precision, period, count): the span it covers, as a key ("2023", "2023-05", "2023-Q2").
function spanOf(x) {
  if (x.precision) {
    const first = x.period;
    const months = { year: 12, quarter: 3, month: 1 }[x.precision] || 1;
    const end = new Date(utc(first));
    end.setUTCMonth(end.getUTCMonth() + months);
    const last = iso(end.getTime() - DAY);
    const key = x.precision === "year" ? first.slice(0, 4) : x.precision === "quarter" ? `${first.slice(0, 4)}-Q${Math.floor(Number(first.slice(5, 7)) / 3) + 1}` : first.slice(0, 7);
    return { key, precision: x.precision, first, last, count: x.count };
  }
  const key = (x.date || x.day).slice(0, COARSE[x.date_precision]);
  const first = x.date_precision === "year" ? `${key}-01-01` : `${key}-01`;
  const last = x.date_precision === "year" ? `${key}-12-31` : periodEnd(first, "month");
  return { key, precision: x.date_precision, first, last, count: 1 };
}

function coarseStrip(g, buckets, coarse, band, y0) {
  const spans = new Map();
  for (const x of coarse) {
    const one = spanOf(x);
    const span = spans.get(one.key) || { ...one, count: 0 };
    span.count += one.count;
    spans.set(one.key, span);
  }
  for (const span of spans.values()) {
    const idx = buckets.map((b, i) => [b.period, i]).filter(([p]) => p <= span.last && periodEnd(p, "week") >= span.first).map(([, i]) => i);
    if (!idx.length) continue;
    const x0 = idx[0] * band, x1 = (idx[idx.length - 1] + 1) * band;
    const label = `${span.key}: ${span.count} dated only to the ${span.precision}`;
    g.append(s("g", { class: "coarse", "data-span": span.key, "data-count": span.count },
      s("rect", { x: x0, y: y0, width: Math.max(2, x1 - x0), height: 14, rx: 3 }),
      s("text", { x: x0 + 4, y: y0 + 11, class: "tick" }, label),
      s("title", {}, `${label} (drawn over the whole ${span.precision}, not in a week)`)));
  }
}

export function stackedChart(buckets, by, onPick, coarse = []) {
  const W = 960, H = coarse.length ? 322 : 300, M = { top: 12, right: 12, bottom: coarse.length ? 66 : 44, left: 40 };
  const iw = W - M.left - M.right, ih = H - M.top - M.bottom;
  const { step, max } = niceScale(Math.max(...buckets.map((b) => b.count)));
  const band = iw / buckets.length;
  const gap = band > 6 ? Math.min(4, band * 0.2) : 0;
  const y = (v) => ih - (ih * v) / max;
  const ticks = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));
  const g = s("g", { transform: `translate(${M.left},${M.top})` });
  for (const t of ticks) {
    g.append(s("line", { x1: 0, x2: iw, y1: y(t), y2: y(t), class: "grid" }), s("text", { x: -6, y: y(t) + 4, class: "tick", "text-anchor": "end" }, String(t)));
  }
  buckets.forEach((b, i) => {
    const x = i * band + gap / 2;
    const col = s("g", { class: "period", "data-period": b.period, "data-count": b.count, tabindex: b.count ? 0 : null, role: b.count ? "button" : null });
    let acc = 0;
    for (const q of QUADS) {
      const n = b.by_quad_class[q.id] || 0;
      if (!n) continue;
      col.append(s("rect", { x, y: y(acc + n), width: Math.max(1, band - gap), height: y(acc) - y(acc + n), fill: q.color }));
      acc += n;
    }
    const parts = QUADS.filter((q) => b.by_quad_class[q.id]).map((q) => `${q.label}: ${b.by_quad_class[q.id]}`);
    col.append(s("rect", { x: i * band, y: 0, width: band, height: ih, class: "hit" }), s("title", {}, `${by === "week" ? "Week of " : ""}${b.period}: ${plural(b.count, "real event")}${parts.length ? "\n" + parts.join("\n") : ""}`));
    if (b.count) {
      col.addEventListener("click", () => onPick(b));
      col.addEventListener("keydown", (e) => e.key === "Enter" && onPick(b));
    }
    g.append(col);
    if (i % labelEvery === 0) {
      g.append(s("text", { x: i * band + band / 2, y: ih + 16, class: "tick", "text-anchor": "middle" }, by === "month" ? b.period.slice(0, 7) : b.period.slice(5)));
      if (i === 0 || b.period.slice(0, 4) !== buckets[i - labelEvery]?.period.slice(0, 4)) {
        g.append(s("text", { x: i * band + band / 2, y: ih + 32, class: "tick year", "text-anchor": "middle" }, b.period.slice(0, 4)));
      }
    }
  });
  g.append(s("line", { x1: 0, x2: iw, y1: ih, y2: ih, class: "axis" }));
  if (coarse.length) coarseStrip(g, buckets, coarse, band, ih + 40);
  return s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "real events per period, stacked by quad class", "data-testid": "timeline-chart" }, g);
}

async function eventsFor(actor, other, filters, since, until) {
  const base = apiFilters(filters, "/events");
  const pairs = other ? [[actor, other], [other, actor]] : [[actor, null], [null, actor]];
  const pages = await Promise.all(
    pairs.map(([a, r]) => get("/events", { ...base, since, until, actor: a, recipient: r, limit: 200 })),
  );
  const seen = new Map();
  for (const page of pages) for (const e of page.items) seen.set(e.event_id, e);
  return [...seen.values()].sort((a, b) => (a.day || "").localeCompare(b.day || "") || a.event_id.localeCompare(b.event_id));
}

// Coarse-dated mentions of an actor (actor or recipient role), one per real event.
async function coarseOf(actor, filters) {
  const base = apiFilters(filters, "/events");
  const pages = await Promise.all([get("/events", { ...base, actor, limit: 1000 }), get("/events", { ...base, recipient: actor, limit: 1000 })]);
  const seen = new Map();
  for (const page of pages) for (const e of page.items) if (e.day && COARSE[e.date_precision]) seen.set(e.event_id, e);
  return realEvents([...seen.values()]);
}

function spanEnds(coarse, by) {
  return coarse.flatMap((x) => {
    const { first, last } = spanOf(x);
    return [first, last].map((d) => ({ period: periodOf(d, by), count: 0, by_quad_class: {}, mean_intensity: 0 }));
  });
}

export function renderTimeline(root, ctx) {
  const { params, go } = ctx;
  const by = params.by === "month" ? "month" : "week";
  const form = h("form", { class: "view-controls", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    go("timeline", { actor: data.get("actor"), with: data.get("with"), by: data.get("by") === "month" ? "month" : "" });
  } },
    actorInput("actor", "Actor", params.actor || "", "timeline-actor"),
    actorInput("with", "With (optional)", params.with || "", "timeline-with"),
    h("label", { class: "field" }, h("span", {}, "Per"), h("select", { name: "by" }, h("option", { value: "week", selected: by === "week" }, "week"), h("option", { value: "month", selected: by === "month" }, "month"))),
    h("button", { type: "submit", class: "primary" }, "Show"),
    legendQuads(),
  );
  const chartBox = h("div", { class: "chart-box" });
  const detail = h("div", { class: "period-detail" });
  root.append(h("div", { class: "panel" }, form, chartBox, detail));
  if (!params.actor) {
    chartBox.append(loading());
    get("/actors", { limit: 1 }).then((top) => {
      if (top.length) go("timeline", { ...params, actor: top[0].key }, true);
      else chartBox.replaceChildren(empty("No actors stored yet."));
    }).catch((error) => chartBox.replaceChildren(errorBox(error)));
    return;
  }
  // Historical and future references reach decades away from the news; without a chosen window the
  // chart covers the documents' own span, and says so.
  const { overview } = ctx;
  const windowed = !ctx.filters.since && !ctx.filters.until && overview.first_document;
  const filters = windowed ? { ...ctx.filters, since: overview.first_document, until: overview.last_document } : ctx.filters;
  const note = windowed
    ? h("p", { class: "hint", "data-testid": "timeline-window" }, `Events dated within the documents' span (${overview.first_document} – ${overview.last_document}). `,
        h("button", { type: "button", class: "link", onclick: () => go("timeline", { ...params, since: overview.first_day, until: overview.last_day }) }, `Show all dates (${overview.first_day} – ${overview.last_day})`))
    : null;
  chartBox.append(loading());
  // A pair counts what the network's two arrows count (A -> B and B -> A); one actor, every event it
  // takes part in (as the size of its node).
  const load = params.with
    ? pairMentions(params.actor, params.with, filters).then((mentions) => {
        const events = realEvents(mentions);
        return { buckets: bucketsOf(events, by), coarse: events.filter((e) => e.day && COARSE[e.date_precision]), total: events.length, dated: events.filter((e) => e.day).length };
      })
    : get("/timeline", { ...apiFilters(filters, "/timeline"), actor: params.actor, by }).then(async (api) => {
        const total = api.reduce((a, b) => a + b.count, 0);
        // A server that buckets coarse dates itself marks them with their `precision`.
        if (api.some((b) => "precision" in b)) {
          return { buckets: api.filter((b) => (b.precision || by) === by), coarse: api.filter((b) => (b.precision || by) !== by), total, dated: total };
        }
        const split = withoutCoarse(api, await coarseOf(params.actor, filters), by);
        return { buckets: split.buckets, coarse: split.moved, total, dated: total };
      });
  Promise.all([load, nameOf(params.actor), params.with ? nameOf(params.with) : null])
    .then(([{ buckets, coarse, total, dated }, actorName, withName]) => {
      if (!root.isConnected) return;
      // The chart reaches the first and last week of every coarse span, so a year is drawn whole.
      const byPeriod = new Map(spanEnds(coarse, by).map((b) => [b.period, b]));
      for (const b of buckets) byPeriod.set(b.period, b);
      const filled = fillPeriods([...byPeriod.values()].sort((x, y) => x.period.localeCompare(y.period)), by);
      const what = params.with ? `${actorName} ↔ ${withName}` : actorName;
      const title = h("h2", {}, what,
        h("small", {}, " · ", h("span", { class: "view-total", "data-testid": "view-total", "data-total": total }, plural(total, "real event")),
          dated !== total ? ` (${dated} dated)` : "", ` · per ${by} · ${describeFilters(ctx.filters)}`));
      if (!filled.length) {
        chartBox.replaceChildren(title, note || "", empty("No dated event for this selection."));
        return;
      }
      const pick = async (b) => {
        const until = periodEnd(b.period, by);
        detail.replaceChildren(h("h3", {}, `${b.period} – ${until}`), loading());
        try {
          const events = await eventsFor(params.actor, params.with, ctx.filters, b.period < filters.since ? filters.since : b.period, filters.until && until > filters.until ? filters.until : until);
          const shown = events.filter((e) => !COARSE[e.date_precision]);
          detail.replaceChildren(h("h3", {}, `${b.period} – ${until}: ${plural(shown.length, "mention")}`), h("ol", { class: "event-list" }, shown.map((e) => eventItem(e, (ev) => go("event", { id: ev.event_id })))));
        } catch (error) {
          detail.replaceChildren(errorBox(error));
        }
      };
      chartBox.replaceChildren(title, h("div", { class: "chart-scroll" }, stackedChart(filled, by, pick, coarse)), h("p", { class: "hint" }, "Click a bar (or Tab to it and press Enter) for its mentions.",
        coarse.length ? " Events dated only to a year or month are drawn over that whole year or month, under the axis." : ""), note || "");
    })
    .catch((error) => chartBox.replaceChildren(errorBox(error)));
}
