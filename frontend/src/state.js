// The view and its parameters live in the URL hash (#/view?key=value), so every view is linkable
// and the browser's back button works. Event filters (since, until, type, status) are shared by views.
export const FILTER_KEYS = ["since", "until", "type", "status"];
export const STATUSES = ["asserted", "negated", "hypothetical", "future"];

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

export function navigate(view, params, { keepFilters = true, current = null } = {}) {
  const base = keepFilters && current ? filtersOf(current) : {};
  location.hash = hashFor(view, { ...base, ...params });
}
