// The view and its parameters live in the URL hash (#/view?key=value), so every view is linkable
// and the browser's back button works. Event filters are shared by every view.
//
// What is counted by default: asserted events that are not historical (an event the text says
// happened, reported as news). Negated, hypothetical and future (announced) events, and historical
// references, are opt-in: ticked in the filter bar they are counted too, and labelled so.
import { accepts, allowedValues } from "./api.js";

export const FILTER_KEYS = ["since", "until", "type", "status", "historical", "q", "place"];
export const DEFAULT_STATUS = "asserted";
export const STATUSES = ["asserted", "negated", "hypothetical", "future"];
export const OPT_IN_STATUSES = STATUSES.filter((s) => s !== DEFAULT_STATUS);

export function parseHash(hash) {
  const raw = (hash || "").replace(/^#\/?/, "");
  const [path, search] = raw.split("?", 2);
  const params = Object.fromEntries(new URLSearchParams(search || ""));
  return { view: path || "network", params };
}

export function hashFor(view, params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") q.set(key, value);
  }
  const text = q.toString();
  return `#/${view}${text ? "?" + text : ""}`;
}

export function filtersOf(params) {
  return Object.fromEntries(FILTER_KEYS.filter((k) => params[k]).map((k) => [k, params[k]]));
}

export function statusesOf(filters) {
  const chosen = (filters.status || "").split(",").map((s) => s.trim()).filter((s) => STATUSES.includes(s));
  return chosen.length ? chosen : [DEFAULT_STATUS];
}

// The `historical` query value for an endpoint: what the server declares (a boolean, or an enum such
// as exclude/include/only), chosen to include or exclude historical references explicitly.
function historicalValue(path, include) {
  if (accepts(path, "include_historical")) return include ? "true" : "false";
  const declared = accepts(path, "historical");
  if (!declared) return null;
  const values = allowedValues(path, "historical");
  if (values) {
    const want = include ? ["include", "all", "any", "true", "yes"] : ["exclude", "none", "false", "no"];
    return values.find((v) => want.includes(String(v).toLowerCase())) ?? null;
  }
  return include ? "true" : "false";
}

// The API parameters of the shared filters, for one endpoint: every view sends the same ones, so
// every view counts the same events.
export function apiFilters(filters, path) {
  const out = { since: filters.since, until: filters.until, type: filters.type, status: statusesOf(filters).join(",") };
  const historical = historicalValue(path, filters.historical === "1");
  if (historical !== null) out[accepts(path, "include_historical") ? "include_historical" : "historical"] = historical;
  if (filters.q && accepts(path, "q")) out.q = filters.q;
  if (filters.place && accepts(path, "place")) out.place = filters.place;
  return out;
}

// Whether the server can filter historical references on this endpoint (else they are counted).
export function filtersHistorical(path) {
  return Boolean(accepts(path, "include_historical") || accepts(path, "historical"));
}

// Either-direction pairs (A -> B and B -> A in one query), when the endpoint declares a way to ask.
export function eitherParam(path) {
  for (const name of ["either", "either_direction", "undirected", "pair"]) {
    if (accepts(path, name)) return { [name]: "true" };
  }
  const values = allowedValues(path, "direction");
  const value = values && values.find((v) => ["either", "both", "any"].includes(String(v)));
  return value ? { direction: value } : null;
}

// The filters as words, for totals and headings ("asserted, not historical").
export function describeFilters(filters) {
  const parts = [statusesOf(filters).join(" + ")];
  parts.push(filters.historical === "1" ? "historical included" : filtersHistorical("/events") ? "not historical" : "historical not filtered by this server");
  if (filters.since || filters.until) parts.push(`${filters.since || "…"} – ${filters.until || "…"}`);
  if (filters.type) parts.push(filters.type.split(",").join(", "));
  if (filters.q) parts.push(`“${filters.q}”`);
  if (filters.place) parts.push(`in ${filters.place}`);
  return parts.join(" · ");
}

export function navigate(view, params, { keepFilters = true, current = null } = {}) {
  const base = keepFilters && current ? filtersOf(current) : {};
  location.hash = hashFor(view, { ...base, ...params });
}
