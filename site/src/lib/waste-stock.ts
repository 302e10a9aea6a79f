/**
 * Stock of the waste back office: levels by depot (alerts first in the eye), an entry or an exit
 * (an exit may name the intervention it serves, picked by number or address), a depot or an
 * article created. Problems beside their fields.
 */
import { d } from "../i18n/dechets.fr.ts";
import type { JsonBody } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { picker } from "./kit/picker.ts";
import { clearProblem, showProblem } from "./kit/problem.ts";
import { interventionSearch } from "./kit/searches.ts";
import { fields, fill, localProblem, problemOf, row, sayProblem, settle, startWastePage, toInt } from "./waste.ts";

/** An article by its name, its code after it as secondary text (the storekeeper's labels carry it). */
function itemCell(label: string, code: string) {
  const f = document.createDocumentFragment();
  f.append(label, " ", el("span", d.itemCode(code), { class: "muted" }));
  return f;
}

type ItemKind = JsonBody<"/api/waste/stock/items", "post">["kind"];

export async function startStock(root: HTMLElement) {
  const page = await startWastePage(root, "waste:read");
  if (!page) return;
  const { api } = page;
  const state = document.getElementById("etat")!;

  async function load() {
    const { data: s, error, response } = await api.GET("/api/waste/stock", { params: { query: {} } });
    if (!s) return sayProblem(state, problemOf(error, response));
    fill(
      document.getElementById("niveaux")!,
      s.levels.map((l) => row([l.depot, itemCell(l.label, l.code), l.quantity, l.reorderThreshold, l.alert ? el("strong", d.reorder) : "—"])),
      5,
    );
    const keep = (select: HTMLSelectElement, options: HTMLOptionElement[]) => {
      const was = select.value;
      select.replaceChildren(...options);
      if (options.some((o) => o.value === was)) select.value = was;
    };
    keep(
      document.getElementById("m-depot") as HTMLSelectElement,
      s.depots.map((x) => el("option", x.name, { value: x.id })),
    );
    keep(
      document.getElementById("m-item") as HTMLSelectElement,
      s.items.map((x) => el("option", d.itemName(x.label, x.code), { value: x.id })),
    );
  }

  const mvt = document.getElementById("f-mouvement") as HTMLFormElement;
  const intervention = picker(
    mvt.querySelector<HTMLElement>('[data-picker="m-intervention"]')!,
    interventionSearch(api, (ref, kind, address) => `${ref} — ${d.kinds[kind]}${address ? `, ${address}` : ""}`),
  );
  mvt.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(mvt);
    const exit = (ev as SubmitEvent).submitter instanceof HTMLButtonElement && (ev as SubmitEvent).submitter!.getAttribute("value") === "exits";
    const f = fields(mvt);
    const quantity = toInt(f.quantity ?? "");
    if (Number.isNaN(quantity)) return void showProblem(mvt, localProblem("body/quantity", d.quantityFormat));
    const threshold = f.reorderThreshold ? toInt(f.reorderThreshold) : undefined;
    if (threshold !== undefined && Number.isNaN(threshold)) return void showProblem(mvt, localProblem("body/reorderThreshold", d.quantityFormat));
    const base = { depotId: f.depotId ?? "", itemId: f.itemId ?? "", quantity };
    const answer = exit
      ? await api.POST("/api/waste/stock/exits", { body: { ...base, interventionId: intervention.value || null } })
      : await api.POST("/api/waste/stock/entries", { body: { ...base, ...(threshold !== undefined ? { reorderThreshold: threshold } : {}) } });
    if (!settle(mvt, answer)) return;
    notify(document.getElementById("f-mouvement-statut")!, exit ? d.exitDone : d.entryDone);
    intervention.set(null);
    await load();
  });

  const depot = document.getElementById("f-depot") as HTMLFormElement;
  depot.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(depot);
    const f = fields(depot);
    if (!settle(depot, await api.POST("/api/waste/stock/depots", { body: { name: f.name ?? "", ...(f.address ? { address: f.address } : {}) } }))) return;
    depot.reset();
    notify(document.getElementById("f-depot-statut")!, d.saved);
    await load();
  });
  const item = document.getElementById("f-item") as HTMLFormElement;
  item.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(item);
    const f = fields(item);
    if (!settle(item, await api.POST("/api/waste/stock/items", { body: { code: f.code ?? "", label: f.label ?? "", kind: (f.kind ?? "other") as ItemKind } })))
      return;
    item.reset();
    notify(document.getElementById("f-item-statut")!, d.saved);
    await load();
  });
  await load();
}
