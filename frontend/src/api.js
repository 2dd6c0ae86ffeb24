// The REST API of the same process. Errors come back as {"error": {"code", "message"}}.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
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

export async function get(path, params) {
  const response = await fetch(path + query(params), { headers: { Accept: "application/json" } });
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
