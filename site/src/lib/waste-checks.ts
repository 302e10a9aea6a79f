/**
 * Sorting checks of the waste back office: the latest checks, and a premises' monthly history
 * (with its letter), the premises picked by address or reference (`?local=<id>` opens one).
 */
import { d } from "../i18n/dechets.fr.ts";
import { el } from "./dom.ts";
import { picker } from "./kit/picker.ts";
import { pickerRequired } from "./kit/picker-checks.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { premisesSearch } from "./kit/searches.ts";
import { attempt, dateTime, fill, ok, row, wasteSession } from "./waste.ts";

export async function startChecks(root: HTMLElement) {
  const state = document.getElementById("etat")!;
  const api = await wasteSession(root.dataset.slug!, "waste:read");
  if (!api) return void (state.textContent = d.notAllowed);
  state.textContent = "";
  document.getElementById("outils")!.hidden = false;
  async function checks() {
    const { checks } = await ok<{ checks: any[] }>(await api!.call("/checks"));
    fill(
      document.getElementById("controles")!,
      checks.map((c) =>
        row([
          dateTime(c.checkedAt),
          c.chipId ?? "—",
          d.streams[c.stream],
          d.grades[c.grade],
          c.findings.map((f: string) => d.findings[f] ?? f).join(", ") || "—",
          c.hasPhoto ? el("a", d.photo, { href: `${api!.base}/waste/checks/${c.id}/photo`, "aria-label": d.photoLabel(dateTime(c.checkedAt)) }) : "—",
        ]),
      ),
      6,
    );
  }
  async function history(premisesId: string) {
    const h = await ok<{ months: any[] }>(await api!.call(`/premises/${premisesId}/sorting`));
    fill(
      document.getElementById("mois")!,
      h.months.map((m) => row([m.month, m.checks, m.worstGrade ? d.grades[m.worstGrade] : "—", m.errors])),
      4,
    );
    document.getElementById("h-liens")!.replaceChildren(el("a", d.letter, { href: `${api!.base}/waste/premises/${premisesId}/letter` }));
  }
  const form = document.getElementById("f-historique") as HTMLFormElement;
  const premises = picker(form.querySelector<HTMLElement>('[data-picker="h-local"]')!, premisesSearch(api.api, d.premisesPick));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearProblem(form);
    if (!premises.value) return void showProblem(form, pickerRequired("body/premisesId"));
    void attempt(state, () => history(premises.value), "");
  });
  const wanted = new URLSearchParams(location.search).get("local");
  if (wanted) {
    const { data, error, response } = await api.api.GET("/api/waste/premises/{premisesId}", { params: { path: { premisesId: wanted } } });
    if (data) premises.set({ id: data.id, label: d.premisesPick(data.reference, data.address) });
    else showProblem(form, toProblem(error, response.status, d.failed));
  }
  await attempt(state, () => Promise.all([checks(), wanted && premises.value ? history(wanted) : Promise.resolve()]), "");
}
