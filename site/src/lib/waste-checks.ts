/**
 * Sorting checks of the waste back office: the latest checks (a list table: page and sort in the
 * address), and a premises' monthly history with its letter, the premises picked by address or
 * reference (`?local=<id>` opens one).
 */
import { d } from "../i18n/dechets.fr.ts";
import type { Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { picker } from "./kit/picker.ts";
import { pickerRequired } from "./kit/picker-checks.ts";
import { clearProblem, showProblem } from "./kit/problem.ts";
import { premisesSearch } from "./kit/searches.ts";
import { dateTime, fill, problemOf, row, settle, startWastePage, wholeList } from "./waste.ts";

type Check = Schemas["ControleBacListe"];

export async function startChecks(root: HTMLElement) {
  const page = await startWastePage(root, "waste:read");
  if (!page) return;
  const { api } = page;
  const checks = wholeList<Check, never>(
    document.getElementById("t-controles") as HTMLTableElement,
    {
      filters: [],
      pageSize: 25,
      columns: 6,
      caption: () => d.checksCaption,
      sorts: { date: (c) => c.checkedAt, note: (c) => c.grade, puce: (c) => c.chipId ?? "" },
    },
    async () => (await api.GET("/api/waste/checks", { params: { query: { limit: 500 } } })).data?.checks ?? [],
    (c) =>
      row([
        dateTime(c.checkedAt),
        c.chipId ?? "—",
        d.streams[c.stream],
        d.grades[c.grade] ?? c.grade,
        c.findings.map((f) => d.findings[f] ?? f).join(", ") || "—",
        c.hasPhoto ? el("a", d.photo, { href: page.url(`/api/waste/checks/${c.id}/photo`), "aria-label": d.photoLabel(dateTime(c.checkedAt)) }) : "—",
      ]),
  );

  const form = document.getElementById("f-historique") as HTMLFormElement;
  async function showHistory(premisesId: string) {
    const h = settle(form, await api.GET("/api/waste/premises/{premisesId}/sorting", { params: { path: { premisesId }, query: {} } }));
    if (!h) return;
    fill(
      document.getElementById("mois")!,
      h.months.map((m) => row([m.month, m.checks, m.worstGrade ? (d.grades[m.worstGrade] ?? m.worstGrade) : "—", m.errors])),
      4,
    );
    document.getElementById("h-liens")!.replaceChildren(el("a", d.letter, { href: page!.url(`/api/waste/premises/${premisesId}/letter`) }));
  }
  const premises = picker(form.querySelector<HTMLElement>('[data-picker="h-local"]')!, premisesSearch(api, d.premisesPick));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearProblem(form);
    if (!premises.value) return void showProblem(form, pickerRequired("body/premisesId"));
    // The premises shown is kept in the address (a reload or a link shows it again).
    const u = new URL(location.href);
    u.searchParams.set("local", premises.value);
    history.replaceState(null, "", u);
    void showHistory(premises.value);
  });
  const wanted = new URLSearchParams(location.search).get("local");
  if (wanted) {
    const { data, error, response } = await api.GET("/api/waste/premises/{premisesId}", { params: { path: { premisesId: wanted } } });
    if (data) {
      premises.set({ id: data.id, label: d.premisesPick(data.reference, data.address) });
      await showHistory(data.id);
    } else showProblem(form, problemOf(error, response));
  }
  await checks.list.reload();
}
