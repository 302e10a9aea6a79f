/**
 * The registry of the waste back office: premises found by address or reference (the kit's list
 * table, search and page in the address), one premises opened with its bins, a bin added (its
 * sharers picked, not typed), a chip changed, the occupant linked, a premises created (commune
 * picked by name).
 */
import { d } from "../i18n/dechets.fr.ts";
import type { JsonBody, Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { picker, type PickerOption } from "./kit/picker.ts";
import { pickerRequired } from "./kit/picker-checks.ts";
import { clearProblem, showProblem } from "./kit/problem.ts";
import { communeSearch, premisesSearch } from "./kit/searches.ts";
import { premisesList } from "./waste-premises-list.ts";
import { dateTime, fields, fill, localProblem, problemOf, row, sayProblem, settle, startWastePage, toCents, toInt, type WastePage } from "./waste.ts";

type Premises = Schemas["LocalDechets"];
type Bin = Schemas["BacDechets"];

export async function startRegistry(root: HTMLElement) {
  const page = await startWastePage(root, "waste:read");
  if (!page) return;
  const { api } = page;
  const communes = communeSearch(api);
  let current: Premises | null = null;
  const binState = document.getElementById("bac-etat")!;

  async function chipHistory(bin: Bin) {
    const { data, error, response } = await api.GET("/api/waste/chips/history", { params: { query: { binId: bin.id } } });
    if (!data) return sayProblem(binState, problemOf(error, response));
    const table = el("table");
    table.append(el("caption", d.historyCaption(bin.chipId ?? d.binWithoutChip)), el("thead"), el("tbody"));
    const head = el("tr");
    for (const h of [d.colChip, d.colAssigned, d.colUnassigned, d.colReason]) head.append(el("th", h, { scope: "col" }));
    table.tHead!.append(head);
    fill(
      table.tBodies[0],
      data.history.map((h) => row([h.chipId ?? "—", dateTime(h.assignedAt), dateTime(h.unassignedAt), h.reason])),
      4,
    );
    document.getElementById("historique")!.replaceChildren(table);
  }

  /** A bin's row: its chip changed from a small form of its own (errors beside its fields). */
  function binRow(bin: Bin, n: number) {
    const form = el("form", undefined, { novalidate: "", "aria-label": d.chipFormLabel(bin.chipId ?? d.binWithoutChip) });
    const chipId = `puce-${n}`;
    const reasonId = `motif-${n}`;
    const chipP = el("p");
    chipP.append(
      el("label", d.chipLabel(bin.chipId ?? ""), { for: chipId, class: "visually-hidden" }),
      " ",
      el("input", undefined, { id: chipId, name: "chipId", inputmode: "numeric", maxlength: "15", size: "16" }),
    );
    const reasonP = el("p");
    reasonP.append(
      el("label", d.chipReason, { for: reasonId, class: "visually-hidden" }),
      " ",
      el("input", undefined, { id: reasonId, name: "reason", maxlength: "200", placeholder: d.chipReason }),
    );
    const buttons = el("p");
    const hist = el("button", d.chipHistory, { type: "button", class: "secondaire" });
    hist.addEventListener("click", () => void chipHistory(bin));
    buttons.append(el("button", d.changeChip, { type: "submit", class: "secondaire" }), " ", hist);
    form.append(chipP, reasonP, buttons);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = fields(form);
      const answer = await api.POST("/api/waste/bins/{binId}/chip", {
        params: { path: { binId: bin.id } },
        body: { chipId: f.chipId ?? null, reason: f.reason ?? d.defaultChipReason },
      });
      if (settle(form, answer) && current) {
        notify(binState, d.saved);
        await openPremises(current.id);
      }
    });
    return row([bin.chipId ?? "—", d.streams[bin.stream], bin.volumeLitres, d.statuses[bin.status] ?? bin.status, bin.collective ? d.yes : d.no, form]);
  }

  async function openPremises(id: string) {
    const { data: p, error, response } = await api.GET("/api/waste/premises/{premisesId}", { params: { path: { premisesId: id } } });
    if (!p) return sayProblem(document.getElementById("etat")!, problemOf(error, response));
    current = p;
    const section = document.getElementById("local")!;
    section.hidden = false;
    const title = document.getElementById("l-titre")!;
    title.textContent = d.premisesHeading(`${p.reference} — ${p.address}`);
    document.getElementById("habitant-etat")!.textContent = p.occupantLinked ? d.occupantIsLinked : d.occupantNotLinked;
    document
      .getElementById("l-liens")!
      .replaceChildren(
        el("a", d.letter, { href: page!.url(`/api/waste/premises/${id}/letter`) }),
        " · ",
        el("a", d.sortingLink, { href: `../controles/?local=${encodeURIComponent(id)}` }),
      );
    fill(
      document.getElementById("bacs")!,
      p.bins.map((b, n) => binRow(b, n)),
      6,
    );
    document.getElementById("historique")!.replaceChildren();
    sharers.clear();
  }

  const list = premisesList(api, communes, (id) => void openPremises(id).then(() => document.getElementById("l-titre")!.focus()));

  // A collective bin: the other premises sharing it are picked one by one (address or reference).
  const sharers = sharerList(page);
  const binForm = document.getElementById("f-bac") as HTMLFormElement;
  binForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(binForm);
    if (!current) return;
    const f = fields(binForm);
    const volumeLitres = toInt(f.volumeLitres ?? "");
    if (Number.isNaN(volumeLitres)) return void showProblem(binForm, localProblem("body/volumeLitres", d.volumeFormat));
    const others = sharers.ids();
    const body: JsonBody<"/api/waste/bins", "post"> = {
      stream: f.stream as JsonBody<"/api/waste/bins", "post">["stream"],
      volumeLitres,
      status: "in_service",
      ...(others.length ? { collective: true, sharedBy: [current.id, ...others] } : { premisesId: current.id }),
      ...(f.chipId ? { chipId: f.chipId } : {}),
    };
    if (settle(binForm, await api.POST("/api/waste/bins", { body }))) {
      binForm.reset();
      notify(binState, d.saved);
      await openPremises(current.id);
    }
  });

  const occupantForm = document.getElementById("f-habitant") as HTMLFormElement;
  occupantForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(occupantForm);
    const p = current;
    if (!p) return;
    const email = fields(occupantForm).occupantEmail ?? null;
    const answer = await api.PUT("/api/waste/premises/{premisesId}", {
      params: { path: { premisesId: p.id } },
      body: {
        reference: p.reference,
        invariant: p.invariant,
        address: p.address,
        postcode: p.postcode,
        communeInsee: p.communeInsee,
        kind: p.kind,
        rentalValueCents: p.rentalValueCents,
        firstOccupiedYear: p.firstOccupiedYear,
        closedAt: p.closedAt,
        occupantEmail: email,
      },
    });
    if (settle(occupantForm, answer)) {
      occupantForm.reset();
      await openPremises(p.id);
      notify(document.getElementById("habitant-etat")!, email ? d.occupantLinked : d.occupantUnlinked);
    }
  });

  // The commune is picked by name or postcode (its INSEE code sent for it); the postcode follows.
  const createForm = document.getElementById("f-local") as HTMLFormElement;
  const commune = picker(createForm.querySelector<HTMLElement>('[data-picker="p-commune"]')!, communes, async (c) => {
    const postcode = document.getElementById("p-postcode") as HTMLInputElement;
    if (c && !postcode.value) postcode.value = (await communes.byInsee(c.id))?.postcode ?? "";
  });
  createForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(createForm);
    const f = fields(createForm);
    if (!commune.value) return void showProblem(createForm, pickerRequired("body/communeInsee"));
    const rentalValueCents = toCents(f.rentalValue ?? "");
    if (Number.isNaN(rentalValueCents)) return void showProblem(createForm, localProblem("body/rentalValueCents", d.amountFormat));
    const year = f.firstOccupiedYear ? toInt(f.firstOccupiedYear) : null;
    if (Number.isNaN(year)) return void showProblem(createForm, localProblem("body/firstOccupiedYear", d.yearFormat));
    const created = settle(
      createForm,
      await api.POST("/api/waste/premises", {
        body: {
          reference: f.reference ?? "",
          invariant: f.invariant ?? null,
          address: f.address ?? "",
          postcode: f.postcode ?? "",
          communeInsee: commune.value,
          rentalValueCents,
          firstOccupiedYear: year,
          ...(f.occupantEmail ? { occupantEmail: f.occupantEmail } : {}),
        },
      }),
    );
    if (created) {
      createForm.reset();
      commune.set(null);
      notify(document.getElementById("f-local-statut")!, d.premisesCreated(created.reference));
      await openPremises(created.id);
    }
  });
  await list.reload();
}

/** The premises chosen to share a collective bin: a picker adds one, each listed with a remove button. */
function sharerList(page: WastePage) {
  const chosen = new Map<string, string>();
  const ul = document.getElementById("b-partage")!;
  const render = () =>
    ul.replaceChildren(
      ...Array.from(chosen, ([id, label]) => {
        const li = el("li", label);
        const remove = el("button", d.remove, { type: "button", class: "secondaire", "aria-label": d.removeSharer(label) });
        remove.addEventListener("click", () => {
          chosen.delete(id);
          render();
        });
        li.append(" ", remove);
        return li;
      }),
    );
  const pick = picker(document.querySelector<HTMLElement>('[data-picker="b-shared"]')!, premisesSearch(page.api, d.premisesPick), (o: PickerOption | null) => {
    if (!o) return;
    chosen.set(o.id, o.label);
    render();
    pick.set(null);
  });
  return {
    ids: () => [...chosen.keys()],
    clear() {
      chosen.clear();
      render();
    },
  };
}
