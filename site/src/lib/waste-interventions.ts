/**
 * The interventions agenda of the waste back office: a list table (status and dates filtered,
 * sorted, paged, all in the address); an intervention planned and given to an agent (picked by
 * name), or cancelled after a confirmation; a new one asked on a premises and one of its bins
 * picked by address or reference. No identifier is typed.
 */
import { d } from "../i18n/dechets.fr.ts";
import type { JsonBody, Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { picker } from "./kit/picker.ts";
import { clearProblem } from "./kit/problem.ts";
import { peopleSearch, premisesSearch } from "./kit/searches.ts";
import { date, fields, problemOf, row, sayProblem, settle, startWastePage, wholeList } from "./waste.ts";

type Intervention = Schemas["InterventionDechets"];
type Kind = JsonBody<"/api/waste/interventions", "post">["kind"];
const STATUSES = ["requested", "scheduled", "done", "cancelled"] as const;
const isStatus = (s: string | undefined): s is (typeof STATUSES)[number] => STATUSES.some((x) => x === s);
const isDay = (s: string | undefined) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

export async function startInterventions(root: HTMLElement) {
  const page = await startWastePage(root, "waste:read");
  if (!page) return;
  const { api } = page;
  const status = document.getElementById("a-etat")!;
  const agents = peopleSearch(api, "agent:waste");

  // Planning one intervention: its date and its agent, in one form shown under the agenda.
  const panel = document.getElementById("planifier")!;
  const planForm = document.getElementById("f-planifier") as HTMLFormElement;
  const planAgent = picker(planForm.querySelector<HTMLElement>('[data-picker="pl-agent"]')!, agents);
  let planned: Intervention | null = null;
  function plan(i: Intervention) {
    planned = i;
    clearProblem(planForm);
    panel.hidden = false;
    document.getElementById("pl-titre")!.textContent = d.planHeading(i.reference);
    (document.getElementById("pl-date") as HTMLInputElement).value = i.scheduledFor ?? "";
    planAgent.set(null);
    document.getElementById("pl-titre")!.focus();
  }
  planForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(planForm);
    if (!planned) return;
    const f = fields(planForm);
    const answer = await api.PATCH("/api/waste/interventions/{interventionId}", {
      params: { path: { interventionId: planned.id } },
      body: { scheduledFor: f.scheduledFor ?? null, ...(planAgent.value ? { assignedToPersonId: planAgent.value } : {}) },
    });
    const done = settle(planForm, answer);
    if (!done) return;
    panel.hidden = true;
    notify(status, d.plannedNotice(done.reference));
    await agenda.refresh();
  });
  document.getElementById("pl-fermer")!.addEventListener("click", () => {
    panel.hidden = true;
  });

  async function cancel(i: Intervention) {
    if (!(await confirmAction(d.cancelConfirm(i.reference)))) return;
    const { data, error, response } = await api.PATCH("/api/waste/interventions/{interventionId}", {
      params: { path: { interventionId: i.id } },
      body: { cancel: true },
    });
    if (!data) return sayProblem(status, problemOf(error, response));
    notify(status, d.cancelledNotice(data.reference));
    await agenda.refresh();
  }

  const agenda = wholeList(
    document.getElementById("agenda") as HTMLTableElement,
    {
      filters: ["statut", "du", "au"] as const,
      pageSize: 20,
      columns: 7,
      caption: (s) => (s.filters.statut ? d.agendaCaptionOf(d.interventionStatuses[s.filters.statut] ?? s.filters.statut) : d.agendaCaption),
      sorts: { numero: (i: Intervention) => i.reference, date: (i: Intervention) => i.scheduledFor ?? "9999", etat: (i: Intervention) => i.status },
    },
    async (f) => {
      const query = { ...(isStatus(f.statut) ? { statut: f.statut } : {}), ...(isDay(f.du) ? { du: f.du } : {}), ...(isDay(f.au) ? { au: f.au } : {}) };
      const { data, error, response } = await api.GET("/api/waste/interventions", { params: { query } });
      if (!data) sayProblem(status, problemOf(error, response));
      return data?.interventions ?? [];
    },
    (i) => {
      const actions = el("div");
      if (i.status === "requested" || i.status === "scheduled") {
        const planB = el("button", d.schedule, { type: "button", class: "secondaire", "aria-label": d.scheduleLabel(i.reference) });
        planB.addEventListener("click", () => plan(i));
        const cancelB = el("button", d.cancel, { type: "button", class: "secondaire", "aria-label": d.cancelLabel(i.reference) });
        cancelB.addEventListener("click", () => void cancel(i));
        actions.append(planB, " ", cancelB);
      }
      return row([
        i.reference,
        d.kinds[i.kind],
        d.interventionStatuses[i.status],
        i.scheduledFor ? date(i.scheduledFor) : d.unscheduled,
        i.address ?? "—",
        i.description || i.outcome || "—",
        actions,
      ]);
    },
    document.getElementById("f-filtres") as HTMLFormElement,
  );

  // A new intervention: the premises and its bin picked by address or reference, the agent by name.
  const form = document.getElementById("f-intervention") as HTMLFormElement;
  const binSelect = document.getElementById("n-bin") as HTMLSelectElement;
  const premises = picker(form.querySelector<HTMLElement>('[data-picker="n-premises"]')!, premisesSearch(api, d.premisesPick), async (chosen) => {
    binSelect.replaceChildren(el("option", d.noBin, { value: "" }));
    binSelect.disabled = !chosen;
    if (!chosen) return;
    const bins = (await api.GET("/api/waste/premises/{premisesId}", { params: { path: { premisesId: chosen.id } } })).data?.bins ?? [];
    binSelect.append(...bins.map((b) => el("option", d.binPick(d.streams[b.stream], b.volumeLitres, b.chipId), { value: b.id })));
  });
  const agent = picker(form.querySelector<HTMLElement>('[data-picker="n-agent"]')!, agents);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const f = fields(form);
    const answer = await api.POST("/api/waste/interventions", {
      params: { header: {} },
      body: {
        kind: (f.kind ?? "deliver") as Kind,
        premisesId: premises.value || null,
        binId: f.binId ?? null,
        scheduledFor: f.scheduledFor ?? null,
        assignedToPersonId: agent.value || null,
        description: f.description ?? "",
      },
    });
    const created = settle(form, answer);
    if (!created) return;
    form.reset();
    premises.set(null);
    agent.set(null);
    notify(document.getElementById("f-intervention-statut")!, d.saved);
    await agenda.refresh();
  });
  await agenda.list.reload();
}
