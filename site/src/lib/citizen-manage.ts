/**
 * Manage-my-appointment (issue #17), reached from the signed link of the confirmation and its mail
 * (`?rdv=<id>&cle=<signature>`): the appointment, its latest .ics, and — inside the motif's change
 * window — moving it to another free slot of the same motif and place, or cancelling it.
 */
import { c } from "../i18n/rendez-vous.fr.ts";
import { createApi, type Api } from "./api/client.ts";
import { addDays, parisDay } from "@communa/core/time";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { longWhen, slotPicker, type Slot } from "./citizen-slots.ts";
import { icsHref } from "./citizen-booking.ts";

function show(id: string, on = true) {
  document.getElementById(id)!.hidden = !on;
}

export async function startCitizenManage(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = document.getElementById("etat")!;
  const query = new URLSearchParams(location.search);
  const id = query.get("rdv") ?? "";
  const cle = query.get("cle") ?? "";
  const api: Api = createApi(slug);
  const status = document.getElementById("rdv-statut")!;
  const form = document.getElementById("f-deplacer") as HTMLFormElement;
  let picker: ReturnType<typeof slotPicker> | null = null;

  async function load() {
    if (!id || !cle) return null;
    const answer = await api.GET("/api/citizen/appointments/{appointmentId}", { params: { path: { appointmentId: id }, query: { cle } } }).catch(() => null);
    if (!answer) {
      state.textContent = c.unavailable;
      return null;
    }
    if (!answer.data) {
      state.textContent = answer.response.status === 404 || answer.response.status === 400 ? c.badLink : c.unavailable;
      return null;
    }
    const a = answer.data;
    state.textContent = "";
    document.getElementById("rdv-motif")!.textContent = a.motif;
    document.getElementById("rdv-quand")!.textContent = longWhen(a.start);
    document.getElementById("rdv-lieu")!.textContent = a.where;
    document.getElementById("rdv-etat")!.textContent = c.statuses[a.status] ?? a.status;
    const visio = document.getElementById("rdv-visio-lien") as HTMLAnchorElement;
    visio.href = a.visioUrl ?? "#";
    visio.textContent = a.visioUrl ?? "";
    show("rdv-visio", !!a.visioUrl && a.status === "booked");
    const ics = document.getElementById("rdv-ics") as HTMLAnchorElement;
    ics.href = icsHref(slug, a.id, cle);
    ics.textContent = c.ics(a.motif);
    show("rdv-ics", !!a.ics);
    const active = a.status === "booked" && Date.parse(a.start) - Date.now() > a.changeWindowHours * 3_600_000;
    document.getElementById("rdv-fenetre")!.textContent = active ? c.changeWindow(a.changeWindowHours) : c.inactive;
    show("rdv");
    show("deplacer", active);
    show("annuler", active);
    return a;
  }

  async function slots(motifId: string, placeId: string) {
    const today = parisDay();
    const answer = await api
      .GET("/api/citizen/motifs/{motifId}/slots", { params: { path: { motifId }, query: { du: today, au: addDays(today, 30) } } })
      .catch(() => null);
    const list = (answer?.data?.slots ?? []).filter((s: Slot) => s.placeId === placeId);
    picker = slotPicker(document.getElementById("creneaux")!, list, document.getElementById("deplacer-etat")!);
  }

  const a = await load();
  if (!a) return;
  if (!document.getElementById("deplacer")!.hidden) await slots(a.motifId, a.placeId);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const slot = picker?.selected();
    if (!slot) return void showProblem(form, { status: 400, title: c.chooseSlot, detail: c.chooseSlot, errors: [] });
    const answer = await api.POST("/api/citizen/appointments/{appointmentId}/move", {
      params: { path: { appointmentId: id } },
      body: { cle, start: slot.start },
    });
    if (!answer.data) {
      showProblem(form, toProblem(answer.error, answer.response.status, c.moveFailed));
      const next = (answer.error as { nextSlots?: Slot[] } | undefined)?.nextSlots;
      if (answer.response.status === 409 && next) picker = slotPicker(document.getElementById("creneaux")!, next, document.getElementById("deplacer-etat")!);
      return;
    }
    const moved = answer.data;
    await load();
    await slots(moved.motifId, moved.placeId);
    notify(status, c.moved(longWhen(moved.start)), "success");
  });

  document.getElementById("annuler-bouton")!.addEventListener("click", async () => {
    if (!(await confirmAction(c.cancelConfirm(longWhen(a.start))))) return;
    const answer = await api.POST("/api/citizen/appointments/{appointmentId}/cancel", { params: { path: { appointmentId: id } }, body: { cle } });
    if (!answer.data) return notify(status, toProblem(answer.error, answer.response.status, c.cancelFailed).detail, "error");
    await load();
    notify(status, c.cancelled, "success");
  });
}
