// The shared filter bar: time window, event types (grouped by quad class), what is counted (asserted
// by default; other statuses and historical references opt-in), and search where the server offers it.
import { accepts } from "./api.js";
import { h } from "./dom.js";
import { QUAD_COLOR, QUAD_LABEL } from "./colors.js";
import { DEFAULT_STATUS, OPT_IN_STATUSES, describeFilters, filtersHistorical, statusesOf } from "./state.js";

function csv(value) {
  return (value || "").split(",").map((v) => v.trim()).filter(Boolean);
}

const OPT_IN_HELP = {
  negated: "the text says it did not happen",
  hypothetical: "might, could, would, should, if",
  future: "announced or planned",
  historical: "references to the past, not news",
};

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
  const state = {
    since: params.since || "", until: params.until || "", type: csv(params.type), status: statusesOf(params),
    historical: params.historical === "1", q: params.q || "", place: params.place || "",
  };
  const summaryText = h("small", {}, ` · ${describeFilters(params)}`);
  const emit = () => {
    const next = {
      since: state.since, until: state.until, type: state.type.join(","),
      // The default (asserted only) stays out of the URL.
      status: state.status.length === 1 && state.status[0] === DEFAULT_STATUS ? "" : state.status.join(","),
      historical: state.historical ? "1" : "", q: state.q, place: state.place,
    };
    summaryText.textContent = ` · ${describeFilters(next)}`;
    onChange(next);
  };
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
  const statusBox = (status, optIn) =>
    h("label", { class: optIn ? "chip opt-in" : "chip", title: OPT_IN_HELP[status] || "the text says it happened" }, h("input", {
      type: "checkbox",
      name: "status",
      value: status,
      checked: state.status.includes(status),
      onchange: (e) => {
        const next = new Set(state.status);
        if (e.target.checked) next.add(status);
        else next.delete(status);
        if (!next.size) next.add(DEFAULT_STATUS); // counting nothing is no view: back to the default
        state.status = [DEFAULT_STATUS, ...OPT_IN_STATUSES].filter((st) => next.has(st));
        emit();
      },
    }), ` ${status} `, h("small", {}, String(overview.statuses[status] || 0)));
  const historicalOk = filtersHistorical("/network");
  const historicalBox = h("label", {
    class: "chip opt-in", title: historicalOk ? OPT_IN_HELP.historical : "this server does not filter historical references: they are counted",
  }, h("input", {
    type: "checkbox", name: "historical", checked: state.historical || !historicalOk, disabled: !historicalOk,
    onchange: (e) => {
      state.historical = e.target.checked;
      emit();
    },
  }), " historical");
  const textInput = (key, label, placeholder, testid, title = "") =>
    h("label", { class: "field" }, h("span", {}, label), h("input", {
      type: "search", name: key, value: state[key], placeholder, title, "data-testid": testid, autocomplete: "off",
      onchange: (e) => {
        state[key] = e.target.value.trim();
        emit();
      },
    }));
  const reset = h("button", { type: "button", class: "link", onclick: () => onChange({ since: "", until: "", type: "", status: "", historical: "", q: "", place: "" }, true) }, "Reset filters");
  const form = h(
    "form",
    { class: "filters", "data-testid": "filters", onsubmit: (e) => e.preventDefault() },
    accepts("/events", "q") ? textInput("q", "Search sentences and actors", "words…", "filter-q",
      'every word, whole words in any case; word* for words that begin so; "a phrase" in quotes') : null,
    dateInput("since", "From"),
    dateInput("until", "To"),
    h("div", { class: "field" }, h("span", {}, "Event types"), typePicker(overview, state.type, (types) => {
      state.type = types;
      emit();
    })),
    accepts("/events", "place") ? textInput("place", "Place", "name or country", "filter-place") : null,
    h("div", { class: "field" }, h("span", {}, "Counted"), h("div", { class: "statuses", "data-testid": "status-default" }, statusBox(DEFAULT_STATUS, false))),
    h("div", { class: "field" }, h("span", {}, "Also count (opt-in)"),
      h("div", { class: "statuses", "data-testid": "status-opt-in" }, OPT_IN_STATUSES.map((st) => statusBox(st, true)), historicalBox)),
    reset,
  );
  // On a phone the bar folds into one line that says what is counted.
  return h("details", { class: "filter-fold", open: window.innerWidth > 700 },
    h("summary", { class: "filter-summary", "data-testid": "filter-summary" }, "Filters", summaryText),
    form);
}
