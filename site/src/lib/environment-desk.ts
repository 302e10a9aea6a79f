/** The water and energy back office: import of saved Hub'Eau answers, the service's own monitoring, groundwater (issue #22). */
import { en, eo } from "../i18n/eau.fr.ts";
import { parisWhen, startAdmin, table } from "./admin-common.ts";
import { fromParisInput } from "./kit/paris-time.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { readJson, wireGroundwater } from "./groundwater-desk.ts";

export async function startEnvironmentDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "environment:write");
  if (!start) return;
  const { api } = start;
  const form = root.querySelector<HTMLFormElement>("#f-reponses")!;
  const notice = form.querySelector<HTMLElement>("[data-notice]")!;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = await readJson(form, form.querySelector<HTMLInputElement>("#i-fichier")!);
    if (body === undefined) return;
    notify(notice, eo.sending);
    const { data, error, response } = await api.POST("/api/environment/water/imports/answers", { body: body as never });
    if (!data) {
      notify(notice, "");
      return void showProblem(form, toProblem(error, response.status));
    }
    clearProblem(form);
    notify(notice, eo.done(data.samples.inserted, data.samples.updated, data.results.inserted), "success");
  });

  // The service's own monitoring: one self-check, or a CSV of them; then the latest ones.
  const list = root.querySelector<HTMLElement>("#autosurveillance-liste")!;
  const names = new Map(Array.from(root.querySelectorAll<HTMLOptionElement>("#a-commune option")).map((o) => [o.value, o.textContent ?? o.value]));
  async function loadOwn() {
    const { data } = await api.GET("/api/environment/water/own-samples", { params: { query: {} } });
    list.replaceChildren(
      table(
        eo.ownCaption,
        [eo.colReference, eo.colCommune, eo.colWhen, eo.colResults],
        (data?.samples ?? []).map((x) => [
          x.reference,
          names.get(x.communeInsee) ?? x.communeInsee,
          parisWhen(x.sampledAt),
          x.results
            .map((r) => `${en.parameterNames[r.parameter] ?? r.parameter} ${r.value === null ? "—" : r.value.toLocaleString("fr-FR")} ${r.unit ?? ""}`)
            .join(" ; "),
        ]),
        eo.ownNone,
      ),
    );
  }
  const own = root.querySelector<HTMLFormElement>("#f-autosurveillance")!;
  own.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const field = (name: string) => (own.elements.namedItem(name) as HTMLInputElement).value.trim();
    const inputs = Array.from(own.querySelectorAll<HTMLInputElement>("input[data-parameter]"));
    const filled = inputs.filter((i) => i.value.trim() !== "");
    const wrong = filled.find((i) => !/^\d+([.,]\d+)?$/.test(i.value.trim()));
    if (wrong) return void showProblem(own, toProblem({ title: eo.ownBadNumber, errors: [{ path: wrong.dataset.path!, message: eo.ownBadNumber }] }, 400));
    if (!filled.length) return void showProblem(own, toProblem({ title: eo.ownNoResult, errors: [{ path: "body/results", message: eo.ownNoResult }] }, 400));
    // Each input names its own path (body/results/<i>/value) in the order sent.
    filled.forEach((i, n) => (i.dataset.path = `body/results/${n}/value`));
    const reference = field("reference");
    const { data, error, response } = await api.POST("/api/environment/water/own-samples", {
      body: {
        reference,
        communeInsee: field("communeInsee"),
        sampledAt: fromParisInput(field("sampledAt")) ?? field("sampledAt"),
        results: filled.map((i) => ({ parameter: i.dataset.parameter!, value: Number(i.value.trim().replace(",", ".")) })),
        conclusion: field("conclusion") || null,
      },
    });
    if (!data) return void showProblem(own, toProblem(error, response.status));
    clearProblem(own);
    own.reset();
    notify(own.querySelector<HTMLElement>("[data-notice]")!, eo.ownSaved(reference), "success");
    await loadOwn();
  });
  const csvForm = root.querySelector<HTMLFormElement>("#f-autosurveillance-csv")!;
  csvForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = csvForm.querySelector<HTMLInputElement>("#a-fichier")!.files?.[0];
    if (!file) return;
    const { data, error, response } = await api.POST("/api/environment/water/own-samples/import", { body: { csv: await file.text() } });
    if (!data) return void showProblem(csvForm, toProblem(error, response.status));
    clearProblem(csvForm);
    csvForm.reset();
    notify(csvForm.querySelector<HTMLElement>("[data-notice]")!, eo.ownImported(data.samples, data.results), "success");
    await loadOwn();
  });
  const loadStations = wireGroundwater(root, api);
  await Promise.all([loadOwn(), loadStations()]);
}
