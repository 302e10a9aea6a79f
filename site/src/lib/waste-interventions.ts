/**
 * The interventions agenda of the waste back office: plan or cancel what is requested, and ask for
 * a new intervention on a premises (and one of its bins) picked by address or reference.
 */
import { el } from "./dom.ts";
import { d } from "../i18n/dechets.fr.ts";
import { attempt, date, fields, fill, ok, row, wasteSession } from "./waste.ts";
import { picker } from "./kit/picker.ts";
import { premisesSearch } from "./kit/searches.ts";
import type { JsonBody } from "./api/client.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

export async function startInterventions(root: HTMLElement) {
  const state = document.getElementById("etat")!;
  const api = await wasteSession(root.dataset.slug!, "waste:read");
  if (!api) state.textContent = d.notAllowed;
  else {
    state.textContent = "";
    document.getElementById("outils")!.hidden = false;
    const status = document.getElementById("a-etat")!;
    let n = 0;
    async function load() {
      const { interventions } = await ok<{ interventions: any[] }>(await api!.call("/interventions"));
      fill(
        document.getElementById("agenda")!,
        interventions.map((i) => {
          const actions = el("div");
          if (i.status === "requested" || i.status === "scheduled") {
            const id = `date-${++n}`;
            actions.append(
              el("label", d.scheduleLabel(i.reference), { for: id, class: "visually-hidden" }),
              el("input", undefined, { id, type: "date", value: i.scheduledFor ?? "" }),
            );
            const plan = el("button", d.schedule, { type: "button", class: "secondaire" });
            plan.addEventListener("click", async () => {
              const scheduledFor = (document.getElementById(id) as HTMLInputElement).value || null;
              if (await attempt(status, async () => ok(await api!.call(`/interventions/${i.id}`, { method: "PATCH", json: { scheduledFor } })))) await load();
            });
            const cancel = el("button", d.cancel, { type: "button", class: "secondaire", "aria-label": d.cancelLabel(i.reference) });
            cancel.addEventListener("click", async () => {
              if (await attempt(status, async () => ok(await api!.call(`/interventions/${i.id}`, { method: "PATCH", json: { cancel: true } })))) await load();
            });
            actions.append(" ", plan, " ", cancel);
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
        }),
        7,
      );
    }
    // The premises and its bin are picked by address or reference (the kit's picker), not typed as UUIDs.
    const form = document.getElementById("f-intervention") as HTMLFormElement;
    const binSelect = document.getElementById("n-bin") as HTMLSelectElement;
    const { api: typed } = api;
    const premises = picker(form.querySelector<HTMLElement>('[data-picker="n-premises"]')!, premisesSearch(typed, d.premisesPick), async (chosen) => {
      binSelect.replaceChildren(el("option", d.noBin, { value: "" }));
      binSelect.disabled = !chosen;
      if (!chosen) return;
      const bins = (await typed.GET("/api/waste/premises/{premisesId}", { params: { path: { premisesId: chosen.id } } })).data?.bins ?? [];
      binSelect.append(...bins.map((b) => el("option", d.binPick(d.streams[b.stream], b.volumeLitres, b.chipId), { value: b.id })));
    });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      clearProblem(form);
      const f = fields(form);
      const { error, response } = await typed.POST("/api/waste/interventions", {
        body: {
          kind: f.kind as JsonBody<"/api/waste/interventions", "post">["kind"],
          premisesId: premises.value || null,
          binId: f.binId ?? null,
          scheduledFor: f.scheduledFor ?? null,
          description: f.description ?? "",
        },
      });
      if (error) return void showProblem(form, toProblem(error, response.status, d.failed));
      form.reset();
      premises.set(null);
      notify(document.getElementById("f-intervention-statut")!, d.saved);
      await load();
    });
    await attempt(state, load, "");
  }
}
