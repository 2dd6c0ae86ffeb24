// Split a text into runs covered by the same set of marks and render each run as a text node,
// wrapped in a <mark>-like span when marks cover it. Offsets from the server count Unicode code
// points (Python); JavaScript strings count UTF-16 units, so they are converted first.
import { h } from "./dom.js";

export function codePointIndex(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const units = [0];
  let u = 0;
  for (const ch of text) {
    u += ch.length;
    units.push(u);
  }
  return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
}

// marks: [{start, end, cls, title?, onClick?, id?}] in code points.
export function highlighted(text, marks) {
  const toUnit = codePointIndex(text);
  const spans = marks
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.end > m.start)
    .map((m) => ({ ...m, a: toUnit(m.start), b: toUnit(m.end) }));
  const cuts = new Set([0, text.length]);
  for (const m of spans) {
    cuts.add(Math.max(0, Math.min(text.length, m.a)));
    cuts.add(Math.max(0, Math.min(text.length, m.b)));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const cover = spans.filter((m) => m.a <= a && m.b >= b);
    if (!cover.length) {
      out.push(document.createTextNode(piece));
      continue;
    }
    const clickable = cover.find((m) => m.onClick);
    const titles = cover.map((m) => m.title).filter(Boolean);
    const el = h("span", { class: cover.map((m) => m.cls).join(" "), title: titles.join(" · ") || null }, piece);
    for (const m of cover) if (m.id) el.dataset[m.id] = "1";
    if (clickable) {
      el.classList.add("clickable");
      el.addEventListener("click", clickable.onClick);
    }
    out.push(el);
  }
  return out;
}
