/**
 * Tariffs and billing of the waste back office: the tariffs voted for a year (TEOMi rate or REOMi
 * fee, unit prices per stream), the 10–45 % check of the incentive share, a billing run launched
 * after a confirmation (it freezes the year's bills), its lines and documents.
 */
import { d } from "../i18n/dechets.fr.ts";
import type { JsonBody, Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem } from "./kit/problem.ts";
import {
  euros,
  fields,
  fill,
  localProblem,
  percent,
  problemOf,
  row,
  sayProblem,
  settle,
  startWastePage,
  toCents,
  toInt,
  toMicros,
  toMillionths,
} from "./waste.ts";

type TariffBody = JsonBody<"/api/waste/tariffs/{year}", "put">;
type Run = Schemas["FacturationDechets"];
const STREAMS = Object.keys(d.streams) as Array<keyof TariffBody["rates"]>;

export async function startBilling(root: HTMLElement) {
  const page = await startWastePage(root, "waste:read");
  if (!page) return;
  const { api } = page;
  const state = document.getElementById("etat")!;
  const form = document.getElementById("f-tarif") as HTMLFormElement;
  const tariffStatus = document.getElementById("tarif-etat")!;

  async function tariffs() {
    const { data, error, response } = await api.GET("/api/waste/tariffs");
    if (!data) return sayProblem(state, problemOf(error, response));
    fill(
      document.getElementById("tarifs")!,
      data.tariffs.map((t) =>
        row([t.year, d.regimes[t.regime], d.bases[t.basis], t.regime === "teomi" ? percent(t.fixedRateMillionths ?? 0) : euros(t.fixedFeeCents ?? 0)]),
      ),
      4,
    );
  }

  async function lines(run: Run) {
    const { data, error, response } = await api.GET("/api/waste/billing/runs/{runId}", { params: { path: { runId: run.id }, query: { limit: 1000 } } });
    if (!data) return sayProblem(state, problemOf(error, response));
    const table = el("table");
    table.append(el("caption", d.linesCaption(run.year)), el("thead"), el("tbody"));
    const head = el("tr");
    for (const h of [d.colReference, d.colAddress, d.colFixed, d.colIncentive, d.colTotal, d.colExempt, d.statement])
      head.append(el("th", h, { scope: "col" }));
    table.tHead!.append(head);
    fill(
      table.tBodies[0],
      data.lines.map((l) =>
        row([
          l.reference,
          l.address,
          euros(l.fixedCents),
          euros(l.incentiveCents),
          euros(l.fixedCents + l.incentiveCents),
          l.exempt ? d.yes : d.no,
          el("a", d.statement, {
            href: page!.url(`/api/waste/billing/runs/${run.id}/statements/${l.premisesId}`),
            "aria-label": d.statementLabel(l.reference),
          }),
        ]),
      ),
      7,
    );
    document.getElementById("lignes")!.replaceChildren(table);
  }

  async function runs() {
    const { data, error, response } = await api.GET("/api/waste/billing/runs");
    if (!data) return sayProblem(state, problemOf(error, response));
    fill(
      document.getElementById("runs")!,
      data.runs.map((r) => {
        const actions = el("div");
        const show = el("button", d.showLines, { type: "button", class: "secondaire", "aria-label": d.showLinesLabel(r.year) });
        show.addEventListener("click", () => void lines(r));
        actions.append(show, " ", el("a", d.roleCsv, { href: page!.url(`/api/waste/billing/runs/${r.id}/role.csv`), "aria-label": d.roleCsvLabel(r.year) }));
        return row([
          r.year,
          r.premisesCount,
          euros(r.fixedTotalCents),
          euros(r.incentiveTotalCents),
          `${percent(r.incentiveShareMillionths)} (${r.shareWithinLimits ? d.withinLimits : d.outsideLimits})`,
          actions,
        ]);
      }),
      6,
    );
  }

  /** The tariff typed in the form, or the problem of the first value that cannot be read. */
  function readTariff(): { year: number; body: TariffBody } | { problem: ReturnType<typeof localProblem> } {
    const f = fields(form);
    const year = toInt(f.year ?? "");
    if (Number.isNaN(year)) return { problem: localProblem("params/year", d.yearFormat) };
    const rates: TariffBody["rates"] = {};
    for (const s of STREAMS) {
      const v = f[`rate-${s}`];
      if (!v) continue;
      const micros = toMicros(v);
      if (Number.isNaN(micros)) return { problem: localProblem(`body/rates/${s}`, d.amountFormat) };
      rates[s] = micros;
    }
    const fixedRateMillionths = f.fixedRate ? toMillionths(f.fixedRate) : null;
    if (Number.isNaN(fixedRateMillionths)) return { problem: localProblem("body/fixedRateMillionths", d.rateFormat) };
    const fixedFeeCents = f.fixedFee ? toCents(f.fixedFee) : null;
    if (Number.isNaN(fixedFeeCents)) return { problem: localProblem("body/fixedFeeCents", d.amountFormat) };
    return {
      year,
      body: {
        regime: (f.regime ?? "teomi") as TariffBody["regime"],
        basis: (f.basis ?? "lifts") as TariffBody["basis"],
        fixedRateMillionths,
        fixedFeeCents,
        rates,
        deliberation: f.deliberation ?? null,
      },
    };
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const t = readTariff();
    if ("problem" in t) return void showProblem(form, t.problem);
    if (!settle(form, await api.PUT("/api/waste/tariffs/{year}", { params: { path: { year: t.year } }, body: t.body }))) return;
    notify(tariffStatus, d.saved);
    await tariffs();
  });
  document.getElementById("controle")!.addEventListener("click", async () => {
    clearProblem(form);
    const year = toInt(fields(form).year ?? "");
    if (Number.isNaN(year)) return void showProblem(form, localProblem("params/year", d.yearFormat));
    const c = settle(form, await api.GET("/api/waste/tariffs/{year}/check", { params: { path: { year } } }));
    if (c) notify(tariffStatus, d.checkMessage(c.message, euros(c.fixedTotalCents), euros(c.incentiveTotalCents)), c.withinLimits ? "info" : "error");
  });

  const runForm = document.getElementById("f-run") as HTMLFormElement;
  runForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(runForm);
    const f = fields(runForm);
    const year = toInt(f.year ?? "");
    if (Number.isNaN(year)) return void showProblem(runForm, localProblem("body/year", d.yearFormat));
    if (!(await confirmAction(d.runConfirm(year)))) return;
    // Either part of a derogation alone is sent as given: the API names what is missing.
    const derogation = f.deliberation || f.votedOn ? ({ deliberation: f.deliberation ?? "", votedOn: f.votedOn ?? "" } as const) : undefined;
    const run = settle(runForm, await api.POST("/api/waste/billing/runs", { body: { year, derogation } }));
    if (!run) return;
    notify(document.getElementById("f-run-statut")!, run.warning ?? d.runDone(run.year), run.warning ? "error" : "info");
    await runs();
  });
  await Promise.all([tariffs(), runs()]);
}
