/**
 * The booking back office: the requests needing approval across resources (validate or refuse,
 * in one click each, the row naming the request it acts on), and one resource's coming bookings.
 */
import { r } from "../i18n/reservations.fr.ts";
import type { Api, Schemas } from "./api/client.ts";
import { emptyRow } from "./admin-common.ts";
import { el } from "./dom.ts";
import { parisFormat } from "@communa/core/time";
import { notify } from "./kit/notice.ts";
import { toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";

type Booking = Schemas["Booking"];
const whenFmt = parisFormat({ weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const timeFmt = parisFormat({ hour: "2-digit", minute: "2-digit" });
const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const when = (b: Booking) => `${whenFmt.format(new Date(b.startsAt))} – ${timeFmt.format(new Date(b.endsAt))}`;
const due = (b: Booking) => (b.dueCents === null ? "—" : euros.format(b.dueCents / 100));

function cells(values: Array<string | Node>): HTMLTableRowElement {
  const tr = el("tr");
  for (const v of values) {
    const td = el("td");
    td.append(v);
    tr.append(td);
  }
  return tr;
}

export async function startBookingDesk(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = document.getElementById("etat")!;
  const start = await startSession(slug, "bookings:read");
  if (!start.ok) {
    state.textContent = start.reason === "unavailable" ? r.unavailable : start.reason === "signed-out" ? r.signedOut : r.notAllowed;
    return;
  }
  state.textContent = "";
  document.getElementById("outils")!.hidden = false;
  const api: Api = start.api;
  const status = document.getElementById("attente-statut")!;

  async function decide(b: Booking, action: "approve" | "refuse") {
    const answer = await api.POST("/api/booking/bookings/{bookingId}/decision", { params: { path: { bookingId: b.id } }, body: { action } });
    if (!answer.data) return notify(status, toProblem(answer.error, answer.response.status, r.failed).detail, "error");
    await Promise.all([pending(), planning()]);
    notify(status, action === "approve" ? r.approved(b.reference) : r.refused(b.reference), "success");
  }

  async function pending() {
    const { data } = await api.GET("/api/booking/bookings", { params: { query: { state: "request" } } });
    const body = document.getElementById("attente")!;
    if (!data) return void body.replaceChildren(emptyRow(6, r.unavailable));
    if (!data.bookings.length) return void body.replaceChildren(emptyRow(6, r.nonePending));
    body.replaceChildren(
      ...data.bookings.map((b) => {
        const actions = document.createDocumentFragment();
        const ok = el("button", r.approve, { type: "button", "aria-label": r.approveLabel(b.reference) });
        const no = el("button", r.refuse, { type: "button", class: "secondaire", "aria-label": r.refuseLabel(b.reference) });
        ok.addEventListener("click", () => void decide(b, "approve"));
        no.addEventListener("click", () => void decide(b, "refuse"));
        actions.append(ok, " ", no);
        return cells([b.reference, b.resourceName ?? "", b.renterName ?? "", when(b), due(b), actions]);
      }),
    );
  }

  const select = document.getElementById("p-ressource") as HTMLSelectElement;
  const { data: res } = await api.GET("/api/booking/resources", { params: { query: {} } });
  select.replaceChildren(...(res?.resources ?? []).filter((x) => x.kind !== "session").map((x) => el("option", x.name, { value: x.id })));

  // Each call draws only if no later one started: a slow answer for the resource shown before
  // (a reload after a decision) must not replace the one just chosen.
  let drawn = 0;
  async function planning() {
    const call = ++drawn;
    const name = select.selectedOptions[0]?.textContent ?? "";
    document.getElementById("planning-legende")!.textContent = r.planningCaption(name);
    const body = document.getElementById("planning")!;
    if (!select.value) return void body.replaceChildren(emptyRow(5, r.nonePlanned));
    const { data } = await api.GET("/api/booking/bookings", { params: { query: { resourceId: select.value, from: new Date().toISOString() } } });
    if (call !== drawn) return;
    if (!data) return void body.replaceChildren(emptyRow(5, r.unavailable));
    if (!data.bookings.length) return void body.replaceChildren(emptyRow(5, r.nonePlanned));
    body.replaceChildren(...data.bookings.map((b) => cells([b.reference, when(b), b.renterName ?? "—", b.stateLabel, due(b)])));
  }
  select.addEventListener("change", () => void planning());
  await Promise.all([pending(), planning()]);
}
