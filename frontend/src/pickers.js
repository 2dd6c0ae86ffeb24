// Actor inputs with suggestions from GET /actors (a shared datalist of the most active actors).
import { get } from "./api.js";
import { h } from "./dom.js";

let listPromise = null;

function actorList() {
  if (!listPromise) {
    listPromise = get("/actors", { limit: 500 }).catch(() => []);
  }
  return listPromise;
}

export function actorDatalist() {
  const list = h("datalist", { id: "actor-options" });
  actorList().then((actors) => {
    list.replaceChildren(...actors.map((a) => h("option", { value: a.key }, `${a.name || a.key} (${a.events})`)));
  });
  return list;
}

export function actorInput(name, label, value, testid) {
  return h("label", { class: "field" }, h("span", {}, label), h("input", {
    type: "search", name, value, list: "actor-options", placeholder: "name or id", autocomplete: "off", "data-testid": testid,
  }));
}

// The display name of an actor key (or the text as given, when it is no known key).
export async function nameOf(ref) {
  const actors = await actorList();
  const found = actors.find((a) => a.key === ref);
  return (found && found.name) || ref;
}
