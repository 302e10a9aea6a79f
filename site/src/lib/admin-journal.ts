/**
 * The audit journal (identity's /journal routes): entries newest first, filtered by the start of
 * the action's name, a page at a time — the filter and the page (`avant`: the entry number the page
 * starts before) live in the address, so Back returns to the last page read — and the chain's
 * verification, its result said in words (first broken entry and why, or the last signed checkpoint).
 */
import { adm, journal as j } from "../i18n/admin.fr.ts";
import type { Schemas } from "./api/client.ts";
import { emptyRow, parisWhen, row, startAdmin } from "./admin-common.ts";
import { el } from "./dom.ts";
import { listTable } from "./kit/list-table.ts";
import { notify } from "./kit/notice.ts";
import { listStateQuery } from "./kit/url-state.ts";

type Entry = Schemas["EntreeJournal"];
const PAGE = 50;
const FILTERS = ["action", "avant"] as const;

/** A journal entry's summary as short text (its values as JSON, never as HTML). */
const summaryText = (s: Entry["summary"]) =>
  Object.entries(s)
    .map(([k, v]) => `${k} : ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");

export async function startJournal(root: HTMLElement) {
  const started = await startAdmin(root, "audit:read");
  if (!started) return;
  const { api } = started;
  const table = document.getElementById("t-journal") as HTMLTableElement;
  const older = document.getElementById("j-anciens") as HTMLAnchorElement;
  const newest = document.getElementById("j-recents") as HTMLAnchorElement;
  const listNotice = document.getElementById("j-liste-statut")!;
  const link = (a: HTMLAnchorElement, filters: Partial<Record<(typeof FILTERS)[number], string>>) => {
    a.href = `${location.pathname}${listStateQuery({ page: 1, sort: null, descending: false, filters }, { filters: FILTERS })}`;
  };

  const list = listTable(
    table,
    { filters: FILTERS, pageSize: PAGE },
    async (s) => {
      const before = Number(s.filters.avant);
      const from = Number.isInteger(before) && before > 1 ? before : null;
      const { data } = await api.GET("/api/identity/journal", {
        params: { query: { limit: PAGE, ...(from ? { before: from } : {}), ...(s.filters.action ? { action: s.filters.action } : {}) } },
      });
      if (!data) notify(listNotice, adm.unavailable, "error");
      const entries = data?.entries ?? [];
      const rows = entries.map((x) =>
        row([
          String(x.seq),
          parisWhen(x.at),
          `${j.actorKinds[x.actor.kind] ?? x.actor.kind}${x.actor.id ? ` ${x.actor.id}` : ""}`,
          el("code", x.action),
          x.target,
          summaryText(x.summary),
        ]),
      );
      const last = entries.at(-1);
      older.hidden = !(last && entries.length === PAGE && last.seq > 1);
      if (last) link(older, { ...s.filters, avant: String(last.seq) });
      newest.hidden = !from;
      link(newest, { action: s.filters.action });
      return { rows: rows.length ? rows : [emptyRow(6)], total: entries.length, caption: j.caption(entries.length, from) };
    },
    document.getElementById("j-filtres") as HTMLFormElement,
  );
  // The page links change the address like the list's own controls: read it again, no reload.
  for (const a of [older, newest])
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      history.pushState(null, "", a.href);
      dispatchEvent(new PopStateEvent("popstate"));
      document.getElementById("j-liste-titre")!.focus();
    });

  const result = document.getElementById("j-resultat")!;
  const verify = document.getElementById("j-verifier") as HTMLButtonElement;
  verify.addEventListener("click", async () => {
    verify.disabled = true;
    result.dataset.tone = "info";
    result.replaceChildren(el("p", j.verifying));
    const { data } = await api.GET("/api/identity/journal/verify");
    verify.disabled = false;
    if (!data) {
      result.dataset.tone = "error";
      return void result.replaceChildren(el("p", adm.unavailable));
    }
    result.dataset.tone = data.ok ? "ok" : "error";
    const lines = data.ok || !data.firstBroken ? [j.ok(data.checked, data.head.seq)] : [j.broken(data.firstBroken.seq, j.reasons[data.firstBroken.reason])];
    if (data.checkpoint) lines.push(j.okCheckpoint(data.checkpoint.seq, parisWhen(data.checkpoint.at)));
    const [first, ...rest] = lines;
    const lead = el("p");
    lead.append(el("strong", first));
    result.replaceChildren(lead, ...rest.map((l) => el("p", l)));
  });

  await list.reload();
}
