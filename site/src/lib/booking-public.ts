/**
 * The public booking page: the tenant's resources, an accessible day-by-day list of free days (a
 * table, not only a grid), and the request form for a signed-in person; a taken slot answers with
 * what else is free (same hour on other days, similar resources), offered as buttons that fill the
 * form in.
 */
import { r } from "../i18n/reservations.fr.ts";
import { createApi, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { addDays, fromParisWallClock, parisDateTimeLocal, parisDay, parisFormat } from "@communa/core/time";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";

type Resource = Schemas["BookingResource"];
type Conflict = Schemas["BookingConflict"];

const dayFmt = parisFormat({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
const timeFmt = parisFormat({ hour: "2-digit", minute: "2-digit" });
const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const longDay = (day: string) => dayFmt.format(new Date(`${day}T12:00:00Z`));

function resourceItem(res: Resource): HTMLLIElement {
  const li = el("li");
  li.append(el("strong", res.name), ` — ${r.kinds[res.kind] ?? res.kind}`);
  const facts = [
    res.capacity ? r.capacity(res.capacity) : null,
    res.quantity ? r.stock(res.quantity) : null,
    res.stepFree ? r.stepFree : null,
    res.requiresTraining ? r.training : null,
    res.fictional ? r.fictional : null,
  ].filter((x): x is string => !!x);
  if (facts.length) li.append(` (${facts.join(", ")})`);
  if (res.description) li.append(el("br"), res.description);
  if (res.accessibility) li.append(el("br"), res.accessibility);
  if (res.unavailableReason) li.append(el("br"), el("strong", r.unavailableBecause(res.unavailableReason)));
  return li;
}

export async function startBookingPublic(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const api = createApi(slug);
  const state = document.getElementById("etat")!;
  const { data } = await api.GET("/api/booking/resources", { params: { query: {} } }).catch(() => ({ data: undefined }));
  if (!data) {
    state.textContent = r.unavailable;
    return;
  }
  state.textContent = data.resources.length ? "" : r.noResource;
  const bookable = data.resources.filter((x) => x.kind !== "session");
  document.getElementById("ressources")!.replaceChildren(...data.resources.map(resourceItem));
  for (const id of ["d-ressource", "q-ressource"]) document.getElementById(id)!.replaceChildren(...bookable.map((x) => el("option", x.name, { value: x.id })));

  const dispo = document.getElementById("f-dispo") as HTMLFormElement;
  const from = document.getElementById("d-depuis") as HTMLInputElement;
  from.value = parisDay();
  async function showDays() {
    const select = document.getElementById("d-ressource") as HTMLSelectElement;
    const res = bookable.find((x) => x.id === select.value);
    if (!res) return;
    const start = from.value || parisDay();
    const { data: days } = await api.GET("/api/booking/resources/{resourceId}/availability", {
      params: { path: { resourceId: res.id }, query: { from: start, to: addDays(start, 13) } },
    });
    if (!days) {
      state.textContent = r.unavailable;
      return;
    }
    document.getElementById("jours-legende")!.textContent = r.daysCaption(res.name);
    document.getElementById("jours")!.replaceChildren(
      ...days.days.map((d) => {
        const tr = el("tr");
        const busy = d.busy.map((b) => `${timeFmt.format(new Date(b.startsAt))}–${timeFmt.format(new Date(b.endsAt))}`).join(", ");
        tr.append(el("th", longDay(d.day), { scope: "row" }), el("td", d.available !== null ? r.available(d.available) : d.free ? r.free : r.busy(busy)));
        return tr;
      }),
    );
    document.getElementById("jours-table")!.hidden = false;
  }
  dispo.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void showDays();
  });
  // Linked to one resource (`?ressource=…`, e.g. France services' tablets): chosen, its days shown.
  const wanted = bookable.find((x) => x.id === new URLSearchParams(location.search).get("ressource"));
  if (wanted) {
    for (const id of ["d-ressource", "q-ressource"]) (document.getElementById(id) as HTMLSelectElement).value = wanted.id;
    void showDays();
  }

  const start = await startSession(slug);
  if (!start.ok) {
    document.getElementById("connexion-requise")!.hidden = false;
    return;
  }
  document.getElementById("demande")!.hidden = false;
  const form = document.getElementById("f-demande") as HTMLFormElement;
  const alternatives = document.getElementById("alternatives")!;
  const list = document.getElementById("alt-liste")!;
  const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "").trim();
  const checked = () => (form.querySelector<HTMLInputElement>('input[name="state"]:checked')?.value ?? "option") as "option" | "request";

  function offer(conflict: Conflict) {
    const items: HTMLLIElement[] = [];
    for (const s of conflict.alternatives.slots) {
      const b = el("button", r.otherSlot(longDay(parisDay(new Date(s.startsAt)))), { type: "button", class: "secondaire" });
      b.addEventListener("click", () => {
        (form.elements.namedItem("day") as HTMLInputElement).value = parisDay(new Date(s.startsAt));
        (form.elements.namedItem("start") as HTMLInputElement).value = parisDateTimeLocal(new Date(s.startsAt)).slice(11, 16);
        (form.elements.namedItem("end") as HTMLInputElement).value = parisDateTimeLocal(new Date(s.endsAt)).slice(11, 16);
        (form.elements.namedItem("day") as HTMLInputElement).focus();
      });
      const li = el("li");
      li.append(b);
      items.push(li);
    }
    for (const other of conflict.alternatives.resources) {
      const b = el("button", r.otherResource(other.name), { type: "button", class: "secondaire" });
      b.addEventListener("click", () => {
        (form.elements.namedItem("resourceId") as HTMLSelectElement).value = other.id;
        (form.elements.namedItem("resourceId") as HTMLSelectElement).focus();
      });
      const li = el("li");
      li.append(b);
      items.push(li);
    }
    list.replaceChildren(...items);
    alternatives.hidden = items.length === 0;
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    alternatives.hidden = true;
    const day = value("day");
    const [startTime, endTime] = [value("start"), value("end")];
    if (!/^\d{2}:\d{2}$/.test(startTime) || !/^\d{2}:\d{2}$/.test(endTime) || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      return void showProblem(form, { status: 400, title: r.badTime, detail: r.badTime, errors: [{ path: "body/startsAt", message: r.badTime }] });
    }
    const quantity = value("quantity");
    const renterKind = value("renterKind") as "resident" | "association" | "company" | "public_body";
    const answer = await start.api.POST("/api/booking/requests", {
      body: {
        resourceId: value("resourceId"),
        startsAt: fromParisWallClock(`${day}T${startTime}`),
        endsAt: fromParisWallClock(`${day}T${endTime}`),
        state: checked(),
        ...(quantity ? { quantity: Number(quantity) } : {}),
        ...(value("purpose") ? { purpose: value("purpose") } : {}),
        renter: {
          kind: renterKind,
          name: value("name"),
          ...(value("rna") ? { rna: value("rna") } : {}),
          ...(value("insurance") ? { insuranceValidUntil: value("insurance") } : {}),
        },
      },
    });
    if (answer.data) {
      const b = answer.data;
      let text = r.sent(b.reference, b.stateLabel);
      if (b.dueCents !== null) text += r.due(euros.format(b.dueCents / 100));
      if (b.optionExpiresAt) text += r.optionUntil(dayFmt.format(new Date(b.optionExpiresAt)));
      notify(document.getElementById("f-demande-statut")!, text, "success");
      return;
    }
    showProblem(form, toProblem(answer.error, answer.response.status, r.failed));
    if (answer.response.status === 409) offer(answer.error as Conflict);
  });
}
