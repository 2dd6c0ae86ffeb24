// Dyad series (GET /dyad-series): weekly event counts per dyad stacked by quad class, the week's mean
// intensity as a line, and the weeks the change detector flags (a sharp shift of the net
// cooperation-conflict score against the trailing weeks) with the events that drove them.
import { accepts, get } from "./api.js";
import { h, s, plural } from "./dom.js";
import { QUADS } from "./colors.js";
import { actorInput } from "./pickers.js";
import { fillPeriods, niceScale } from "./timeline.js";
import { apiFilters, describeFilters, statusesOf } from "./state.js";
import { dateLabel, empty, errorBox, intensityTag, legendQuads, loading, statusTag, typeBadge } from "./widgets.js";

const DIRECTION = { toward_conflict: "toward conflict", toward_cooperation: "toward cooperation" };

function dyadName(d) {
  return `${d.a_name || d.a} – ${d.b_name || d.b}`;
}

function weekTitle(b) {
  const parts = QUADS.filter((q) => b.by_quad_class[q.id]).map((q) => `${q.label}: ${b.by_quad_class[q.id]}`);
  return `Week of ${b.period}: ${plural(b.count, "real event")}` + (b.count ? `, mean intensity ${b.mean_intensity.toFixed(1)}, net ${b.net.toFixed(1)}` : "") +
    (parts.length ? "\n" + parts.join("\n") : "") + (b.flag ? `\nFlagged: shift ${DIRECTION[b.flag.direction]} (z = ${b.flag.z})` : "");
}

// Bars: counts stacked by quad class (left axis). Line: mean intensity of the weeks with events (right
// axis, -10 conflict … +10 cooperation). Flagged weeks: a shaded band and a marker above the bars.
export function dyadChart(buckets, onPick) {
  const W = 960, H = 320, M = { top: 22, right: 44, bottom: 44, left: 40 };
  const iw = W - M.left - M.right, ih = H - M.top - M.bottom;
  const { step, max } = niceScale(Math.max(...buckets.map((b) => b.count)));
  const band = iw / buckets.length;
  const gap = band > 6 ? Math.min(4, band * 0.2) : 0;
  const y = (v) => ih - (ih * v) / max;
  const yi = (v) => ih / 2 - (ih / 2) * (v / 10);
  const g = s("g", { transform: `translate(${M.left},${M.top})` });
  for (let t = 0; t <= max; t += step) {
    g.append(s("line", { x1: 0, x2: iw, y1: y(t), y2: y(t), class: "grid" }), s("text", { x: -6, y: y(t) + 4, class: "tick", "text-anchor": "end" }, String(t)));
  }
  for (const v of [-10, 0, 10]) {
    g.append(s("text", { x: iw + 6, y: yi(v) + 4, class: "tick intensity-tick" }, (v > 0 ? "+" : "") + v));
  }
  g.append(s("line", { x1: 0, x2: iw, y1: yi(0), y2: yi(0), class: "zero" }));
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));
  const points = [];
  const runs = [[]]; // the intensity line breaks at quiet weeks (no events, no mean)
  buckets.forEach((b, i) => {
    const x = i * band + gap / 2;
    const col = s("g", { class: `period${b.flag ? " flagged" : ""}`, "data-period": b.period, "data-flagged": b.flag ? b.flag.direction : null, tabindex: b.count ? 0 : null, role: b.count ? "button" : null });
    if (b.flag) col.append(s("rect", { x: i * band, y: -M.top + 4, width: band, height: ih + M.top - 4, class: `flag-band ${b.flag.direction}` }));
    let acc = 0;
    for (const q of QUADS) {
      const n = b.by_quad_class[q.id] || 0;
      if (!n) continue;
      col.append(s("rect", { x, y: y(acc + n), width: Math.max(1, band - gap), height: y(acc) - y(acc + n), fill: q.color, class: "seg" }));
      acc += n;
    }
    if (b.flag) {
      const cx = i * band + band / 2;
      col.append(s("path", { d: `M${cx - 6},${-M.top + 6} L${cx + 6},${-M.top + 6} L${cx},${-M.top + 16} Z`, class: `flag-mark ${b.flag.direction}` }));
    }
    col.append(s("rect", { x: i * band, y: 0, width: band, height: ih, class: "hit" }), s("title", {}, weekTitle(b)));
    if (!b.count && runs[runs.length - 1].length) runs.push([]);
    if (b.count) {
      points.push(`${i * band + band / 2},${yi(b.mean_intensity)}`);
      runs[runs.length - 1].push(points[points.length - 1]);
      col.addEventListener("click", () => onPick(b));
      col.addEventListener("keydown", (e) => e.key === "Enter" && onPick(b));
    }
    g.append(col);
    if (i % labelEvery === 0) {
      g.append(s("text", { x: i * band + band / 2, y: ih + 16, class: "tick", "text-anchor": "middle" }, b.period.slice(5)));
      if (i === 0 || b.period.slice(0, 4) !== buckets[i - labelEvery]?.period.slice(0, 4)) {
        g.append(s("text", { x: i * band + band / 2, y: ih + 32, class: "tick year", "text-anchor": "middle" }, b.period.slice(0, 4)));
      }
    }
  });
  for (const run of runs.filter((r) => r.length > 1)) g.append(s("polyline", { points: run.join(" "), class: "intensity-line" }));
  for (const p of points) {
    const [cx, cy] = p.split(",");
    g.append(s("circle", { cx, cy, r: 2.5, class: "intensity-dot" }));
  }
  g.append(s("line", { x1: 0, x2: iw, y1: ih, y2: ih, class: "axis" }));
  return s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "weekly real events by quad class, mean intensity and flagged weeks", "data-testid": "dyad-chart" }, g);
}

function driverItem(e, go) {
  return h("li", { class: "event-item", "data-event-id": e.event_id },
    h("button", { type: "button", class: "event-open", onclick: () => go("event", { id: e.event_id }) },
      h("div", { class: "event-head" }, h("span", { class: "day" }, dateLabel(e)), typeBadge(e.event_type, e.quad_class), statusTag(e.status),
        intensityTag(e.intensity), h("span", { class: "who" }, e.trigger)),
      h("div", { class: "event-sentence" }, e.sentence)));
}

function changeCard(c, go) {
  return h("li", { class: `change ${c.direction}`, "data-week": c.week, "data-testid": "dyad-change" },
    h("div", { class: "change-head" },
      h("strong", {}, `Week of ${c.week}`), " ",
      h("span", { class: `shift ${c.direction}` }, `shift ${DIRECTION[c.direction] || c.direction}`),
      h("small", { class: "muted" }, ` net ${c.net.toFixed(1)} against ${c.baseline_mean.toFixed(1)} ± ${c.baseline_std.toFixed(1)} (z = ${c.z})`)),
    h("ol", { class: "event-list drivers" }, c.drivers.map((e) => driverItem(e, go))));
}

function weekDetail(b) {
  return h("div", { class: "week-detail", "data-testid": "dyad-week" },
    h("strong", {}, `Week of ${b.period}: ${plural(b.count, "real event")}`), " · mean intensity ", intensityTag(b.mean_intensity), ` · net ${b.net.toFixed(1)}`,
    h("ul", { class: "plain" }, QUADS.filter((q) => b.by_quad_class[q.id]).map((q) => h("li", {}, h("span", { class: "swatch", style: `background:${q.color}` }), ` ${q.label}: ${b.by_quad_class[q.id]}`))));
}

function seriesPanel(series, go) {
  const flags = new Map(series.changes.map((c) => [c.week, c]));
  const buckets = fillPeriods(series.weeks.map((w) => ({ ...w, period: w.week })), "week").map((b) => ({ net: 0, ...b, flag: flags.get(b.period) || null }));
  const detail = h("div", { class: "period-detail" });
  const changes = h("ol", { class: "plain changes", "data-testid": "dyad-changes" }, series.changes.map((c) => changeCard(c, go)));
  const pick = (b) => {
    detail.replaceChildren(weekDetail(b));
    const card = changes.querySelector(`[data-week="${b.period}"]`);
    if (card) {
      changes.querySelectorAll(".current").forEach((el) => el.classList.remove("current"));
      card.classList.add("current");
      card.scrollIntoView({ block: "nearest" });
    }
  };
  return h("section", { class: "dyad-series", "data-testid": "dyad-series", "data-a": series.a, "data-b": series.b },
    h("h2", {}, dyadName(series), h("small", {}, " · ", h("span", { class: "view-total", "data-testid": "view-total", "data-total": series.count }, plural(series.count, "real event")),
      ` in ${plural(series.weeks.length, "active week")} · ${plural(series.changes.length, "flagged week")}`)),
    h("div", { class: "legend" }, legendQuads(), h("span", { class: "legend-item" }, h("span", { class: "line-key" }), "mean intensity (right axis)"),
      h("span", { class: "legend-item" }, h("span", { class: "flag-key" }), "shift toward conflict"),
      h("span", { class: "legend-item" }, h("span", { class: "flag-key toward_cooperation" }), "toward cooperation")),
    h("div", { class: "chart-scroll" }, dyadChart(buckets, pick)),
    h("p", { class: "hint" }, "Click a week for its numbers; flagged weeks are listed below with the events that drove them."),
    detail,
    h("h3", {}, "Flagged weeks"),
    series.changes.length ? changes : empty("No week departs sharply from the weeks before it."));
}

export function renderDyads(root, ctx) {
  const { params, go } = ctx;
  const form = h("form", { class: "view-controls", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    go("dyads", { actor: data.get("actor"), with: data.get("with"), a: "", b: "" });
  } },
    actorInput("actor", "Actor (optional)", params.actor || "", "dyads-actor"),
    actorInput("with", "With (optional)", params.with || "", "dyads-with"),
    h("button", { type: "submit", class: "primary" }, "Show"));
  const picker = h("div", { class: "dyad-picker", "data-testid": "dyad-picker" });
  const body = h("div", {}, loading());
  root.append(h("div", { class: "panel" }, form,
    h("p", { class: "hint", "data-testid": "dyads-counted" }, `Counted: ${describeFilters(ctx.filters)}; a real event reported several times counted once; the filters above apply.`,
      !accepts("/dyad-series", "status") && (statusesOf(ctx.filters).length > 1 || statusesOf(ctx.filters)[0] !== "asserted")
        ? " This server's dyad series count asserted events only: the opt-in statuses are not shown here." : ""),
    picker, body));
  // As the timeline: historical references reach decades back; without a chosen window the series
  // cover the documents' own span, and say so.
  const { overview } = ctx;
  const windowed = !ctx.filters.since && !ctx.filters.until && overview.first_document;
  const since = windowed ? overview.first_document : ctx.filters.since;
  const until = windowed ? overview.last_document : ctx.filters.until;
  if (windowed) {
    picker.before(h("p", { class: "hint", "data-testid": "dyads-window" }, `Weeks within the documents' span (${overview.first_document} – ${overview.last_document}). `,
      h("button", { type: "button", class: "link", onclick: () => go("dyads", { ...params, since: overview.first_day, until: overview.last_day }) }, `Show all dates (${overview.first_day} – ${overview.last_day})`)));
  }
  get("/dyad-series", { ...apiFilters(ctx.filters, "/dyad-series"), actor: params.actor, with: params.with, since, until, limit: 12 })
    .then((all) => {
      if (!root.isConnected) return;
      if (!all.length) {
        body.replaceChildren(empty("No dyad has events counted by the filters above for this selection."));
        return;
      }
      const chosen = all.find((d) => d.a === params.a && d.b === params.b) || all[0];
      if (all.length > 1) {
        picker.replaceChildren(h("span", { class: "muted small" }, "Dyads, busiest first:"), ...all.map((d) => h("button", {
          type: "button", class: d === chosen ? "chip active" : "chip", "aria-pressed": String(d === chosen), "data-a": d.a, "data-b": d.b,
          onclick: () => go("dyads", { ...params, a: d.a, b: d.b }, true),
        }, dyadName(d), h("small", { title: "real events" }, ` ${d.count}`), d.changes.length ? h("span", { class: "flag-count", title: "flagged weeks" }, ` ⚑${d.changes.length}`) : null)));
      }
      body.replaceChildren(seriesPanel(chosen, go));
    })
    .catch((error) => body.replaceChildren(errorBox(error)));
}
