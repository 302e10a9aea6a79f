/**
 * The resident's waste page ("Mes déchets", citizen:self): their premises only, with bins, this
 * year's lifts, sorting feedback, the estimate of their incentive share and statements; a request
 * for an intervention on one of their premises (problems beside their fields).
 */
import { d } from "../i18n/dechets.fr.ts";
import type { JsonBody, Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem } from "./kit/problem.ts";
import { keepCellsLabelled } from "./kit/cell-labels.ts";
import { date, dateTime, euros, fields, fill, problemOf, row, settle, startWastePage, type WastePage } from "./waste.ts";

type MyPremises = Schemas["MesDechets"]["premises"][number];
type Kind = JsonBody<"/api/waste/my/interventions", "post">["kind"];

function premisesSection(page: WastePage, p: MyPremises, n: number) {
  const s = el("section", undefined, { "aria-labelledby": `local-${n}` });
  s.append(el("h2", `${p.address} (${p.reference})`, { id: `local-${n}` }));
  // A card per bin on a phone (kit.css `table.cartes`): five columns overflowed a 390 px screen.
  const table = el("table", undefined, { class: "cartes" });
  table.append(el("caption", d.myBinsCaption), el("thead"), el("tbody"));
  const head = el("tr");
  for (const h of [d.colStream, d.colVolume, d.colChip, d.colLifts, d.colLastLift]) head.append(el("th", h, { scope: "col" }));
  table.tHead!.append(head);
  fill(
    table.tBodies[0],
    p.bins.map((b) =>
      row([
        `${d.streams[b.stream]}${b.collective ? ` (${d.sharedWith(b.sharedWith)})` : ""}`,
        b.volumeLitres,
        b.chipId ?? "—",
        b.liftsThisYear,
        dateTime(b.lastLift),
      ]),
    ),
    5,
  );
  keepCellsLabelled(table);
  s.append(table, el("h3", d.estimateHeading));
  s.append(el("p", !p.estimate ? d.noEstimate : p.estimate.exempt ? d.estimateExempt : d.estimate(p.estimate.taxYear, euros(p.estimate.incentiveCents))));
  s.append(el("h3", d.sortingHeading));
  const feedback = el("ul");
  for (const c of p.sorting.checks) feedback.append(el("li", d.checkLine(date(c.checkedAt), d.grades[c.grade] ?? c.grade)));
  for (const e of p.sorting.events) feedback.append(el("li", d.eventLine(date(e.observedAt), d.findings[e.category] ?? e.category)));
  s.append(feedback.childElementCount ? feedback : el("p", d.noSorting));
  s.append(el("h3", d.statementsHeading));
  const statements = el("ul");
  for (const x of p.statements) {
    const li = el("li");
    li.append(el("a", d.statementLink(x.year, euros(x.totalCents)), { href: page.url(`/api/waste/my/premises/${p.id}/statements/${x.runId}`) }));
    statements.append(li);
  }
  s.append(statements.childElementCount ? statements : el("p", d.noStatements));
  return s;
}

export async function startResident(root: HTMLElement) {
  const page = await startWastePage(root, "citizen:self", d.residentNotAllowed);
  if (!page) return;
  const { api } = page;
  const state = document.getElementById("etat")!;
  keepCellsLabelled(document.getElementById("t-demandes") as HTMLTableElement);

  async function load() {
    const { data: view, error, response } = await api.GET("/api/waste/my/premises");
    if (!view) {
      state.textContent = problemOf(error, response).detail;
      return;
    }
    state.textContent = view.premises.length ? "" : d.noPremises;
    document.getElementById("mes-locaux")!.replaceChildren(...view.premises.map((p, n) => premisesSection(page!, p, n)));
    if (!view.premises.length) return;
    document.getElementById("demande")!.hidden = false;
    const select = document.getElementById("q-local") as HTMLSelectElement;
    const was = select.value;
    select.replaceChildren(...view.premises.map((p) => el("option", p.address, { value: p.id })));
    if (view.premises.some((p) => p.id === was)) select.value = was;
    fill(
      document.getElementById("demandes")!,
      (view.interventions ?? []).map((i) =>
        row([i.reference, d.kinds[i.kind], d.interventionStatuses[i.status], i.scheduledFor ? date(i.scheduledFor) : d.unscheduled]),
      ),
      4,
    );
  }

  const form = document.getElementById("f-demande") as HTMLFormElement;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const f = fields(form);
    const asked = settle(
      form,
      await api.POST("/api/waste/my/interventions", {
        params: { header: {} },
        body: { premisesId: f.premisesId ?? "", kind: (f.kind ?? "repair") as Kind, description: f.description ?? "" },
      }),
    );
    if (!asked) return;
    form.reset();
    await load();
    notify(document.getElementById("f-demande-statut")!, d.requested(asked.reference));
  });
  await load();
}
