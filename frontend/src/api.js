// The REST API of the same process. Errors come back as {"error": {"code", "message"}}.
//
// The dashboard reads /openapi.json once to learn which query parameters each endpoint declares, and
// sends only those: a filter the server does not know (say `historical` or `q` on an older server) is
// left out instead of being answered with an error, and the views ask `accepts()` before they offer it.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let schemaPromise = null;
let schema = null; // path -> {name -> parameter schema}, once loaded

export function loadSchema() {
  if (!schemaPromise) {
    schemaPromise = fetch("/openapi.json", { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null)
      .then((doc) => {
        const paths = {};
        for (const [path, ops] of Object.entries((doc && doc.paths) || {})) {
          const params = {};
          for (const p of ((ops.get || {}).parameters || [])) if (p.in === "query") params[p.name] = p.schema || {};
          paths[path] = params;
        }
        schema = doc ? paths : null;
        return schema;
      });
  }
  return schemaPromise;
}

function templateOf(path) {
  if (!schema) return null;
  if (schema[path]) return path;
  // /actors/HAMAS -> /actors/{actor_id}
  return Object.keys(schema).find((t) => t.includes("{") && new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^?]+")}$`).test(path)) || null;
}

// The declared schema of one query parameter of an endpoint (null: not declared). With no schema
// loaded (the server hides /openapi.json) every parameter is assumed to be accepted.
export function accepts(path, name) {
  if (!schema) return {};
  const t = templateOf(path);
  return t && schema[t][name] ? schema[t][name] : null;
}

// Allowed values of an enum parameter (a Literal or an enum in the schema), if declared.
export function allowedValues(path, name) {
  const s = accepts(path, name);
  if (!s) return null;
  const pick = (x) => (x && x.enum) || null;
  return pick(s) || (s.anyOf || []).map(pick).find(Boolean) || null;
}

function usable(path, params) {
  const t = templateOf(path);
  if (!schema || !t) return params || {};
  return Object.fromEntries(Object.entries(params || {}).filter(([k]) => k in schema[t]));
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "") continue;
    q.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}

// A URL of the API with only the parameters the endpoint declares (for links: CSV, GEXF).
export function apiUrl(path, params) {
  return path + query(usable(path, params));
}

export async function get(path, params) {
  // Only parameters need the schema (to leave out undeclared ones): a bare path is fetched at once.
  if (Object.values(params || {}).some((v) => v !== null && v !== undefined && v !== "")) await loadSchema();
  const response = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body && body.error) || {};
    throw new ApiError(response.status, error.code || "error", error.message || `HTTP ${response.status}`);
  }
  return body;
}

export const enc = encodeURIComponent;
