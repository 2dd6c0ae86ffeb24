// The shared filter bar: time window, event types (grouped by quad class) and statuses.
import { h } from "./dom.js";
import { QUAD_COLOR, QUAD_LABEL } from "./colors.js";
import { STATUSES } from "./state.js";

function csv(value) {
  return (value || "").split(",").map((v) => v.trim()).filter(Boolean);
}

function typePicker(overview, chosen, onChange) {
  const selected = new Set(chosen);
  const summary = h("summary", { class: "picker-summary", "data-testid": "type-summary" });
  const boxes = [];
  const describe = () => {
    summary.textContent = selected.size === 0 ? "All event types" : `${selected.size} type${selected.size > 1 ? "s" : ""}`;
  };
  const emit = () => {
    describe();
    onChange([...selected]);
  };
  const groups = [1, 2, 3, 4].map((quad) =>
    h(
      "fieldset",
      { class: "type-group" },
      h("legend", {}, h("span", { class: "swatch", style: `background:${QUAD_COLOR[quad]}` }), QUAD_LABEL[quad]),
      overview.types
        .filter((t) => t.quad_class === quad)
        .map((t) => {
          const box = h("input", {
            type: "checkbox",
            value: t.event_type,
            name: "type",
            checked: selected.has(t.event_type),
            onchange: (e) => {
              if (e.target.checked) selected.add(t.event_type);
              else selected.delete(t.event_type);
              emit();
            },
          });
          boxes.push(box);
          return h("label", { class: t.count ? "" : "muted" }, box, ` ${t.event_type} `, h("small", {}, String(t.count)));
        }),
    ),
  );
  const clearAll = h("button", {
    type: "button",
    class: "link",
    onclick: () => {
      selected.clear();
      boxes.forEach((b) => (b.checked = false));
      emit();
    },
  }, "Clear");
  describe();
  return h("details", { class: "picker", "data-testid": "type-picker" }, summary, h("div", { class: "picker-body" }, groups, clearAll));
}

export function filterBar(overview, params, onChange) {
  const state = { since: params.since || "", until: params.until || "", type: csv(params.type), status: csv(params.status) };
  const emit = () =>
    onChange({ since: state.since, until: state.until, type: state.type.join(","), status: state.status.join(",") });
  const dateInput = (key, label) =>
    h("label", { class: "field" }, h("span", {}, label), h("input", {
      type: "date",
      name: key,
      value: state[key],
      min: overview.first_day || null,
      max: overview.last_day || null,
      onchange: (e) => {
        state[key] = e.target.value;
        emit();
      },
    }));
  const statusBoxes = STATUSES.map((status) =>
    h("label", { class: "chip" }, h("input", {
      type: "checkbox",
      name: "status",
      value: status,
      checked: state.status.includes(status),
      onchange: (e) => {
        state.status = STATUSES.filter((st) => (st === status ? e.target.checked : state.status.includes(st)));
        emit();
      },
    }), ` ${status} `, h("small", {}, String(overview.statuses[status] || 0))),
  );
  const reset = h("button", { type: "button", class: "link", onclick: () => onChange({ since: "", until: "", type: "", status: "" }, true) }, "Reset filters");
  return h(
    "form",
    { class: "filters", "data-testid": "filters", onsubmit: (e) => e.preventDefault() },
    dateInput("since", "From"),
    dateInput("until", "To"),
    h("div", { class: "field" }, h("span", {}, "Event types"), typePicker(overview, state.type, (types) => {
      state.type = types;
      emit();
    })),
    h("div", { class: "field" }, h("span", {}, "Status (none checked: all)"), h("div", { class: "statuses" }, statusBoxes)),
    reset,
  );
}
