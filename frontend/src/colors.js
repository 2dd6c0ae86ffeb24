// Quad classes (PLOVER): 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
export const QUADS = [
  { id: 1, label: "Verbal cooperation", color: "#74a9cf" },
  { id: 2, label: "Material cooperation", color: "#0b5fa5" },
  { id: 3, label: "Verbal conflict", color: "#f4a259" },
  { id: 4, label: "Material conflict", color: "#c8341f" },
];
export const QUAD_COLOR = Object.fromEntries(QUADS.map((q) => [q.id, q.color]));
export const QUAD_LABEL = Object.fromEntries(QUADS.map((q) => [q.id, q.label]));

const COOP = [11, 95, 165];
const NEUTRAL = [150, 160, 172];
const CONFLICT = [200, 52, 31];

function mix(a, b, t) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * t));
}

// Mean intensity in [-10, 10] (Goldstein-like): conflict red, neutral grey, cooperation blue.
export function intensityColor(value) {
  const t = Math.max(-1, Math.min(1, (value || 0) / 7));
  const rgb = t >= 0 ? mix(NEUTRAL, COOP, t) : mix(NEUTRAL, CONFLICT, -t);
  return `rgb(${rgb.join(",")})`;
}

export function dominantQuad(byQuad) {
  let best = null;
  for (const [quad, count] of Object.entries(byQuad || {})) {
    if (best === null || count > byQuad[best]) best = quad;
  }
  return best === null ? null : Number(best);
}

export const KIND_COLOR = {
  country: "#3d5a80",
  igo: "#7b5ea7",
  nsa: "#d1495b",
  org: "#7b5ea7",
  group: "#e07a5f",
  body: "#98c1d9", // a country's body apart from the state: "United States (legislature)"
  person: "#2a9d8f",
};

// What a node's colour means (the legend of the network).
export const KIND_LABEL = {
  country: "state",
  igo: "international organisation",
  nsa: "armed non-state group",
  org: "organisation",
  group: "group or body",
  body: "a country's body (legislature, business…)",
  person: "person",
};

export function kindColor(kind) {
  return KIND_COLOR[kind] || "#6c7a89";
}
