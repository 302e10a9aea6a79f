/**
 * What the waste pages share, on the back-office kit (ADR 0026): the one start-up (the kit's
 * session), problems read by the kit's reader, French formatting, table rows.
 */
import { parisFormat } from "@communa/core/time";
import { d } from "../i18n/dechets.fr.ts";
import { apiUrl, type Api } from "./api/client.ts";
import { el } from "./dom.ts";
import { listTable } from "./kit/list-table.ts";
import { notify } from "./kit/notice.ts";
import { showProblem, toProblem, type Problem } from "./kit/problem.ts";
import { startSession, type Session } from "./kit/session.ts";
import type { ListState } from "./kit/url-state.ts";

export interface WastePage {
  api: Api;
  session: Session;
  slug: string;
  /** The address of an API path (PDF, CSV, photo links). */
  url(path: `/api/${string}`): string;
}

/**
 * Starts a waste page: the session with `permission`, or the reason in `#etat`; shows `#outils`.
 * Returns null when the page may not go on.
 */
export async function startWastePage(root: HTMLElement, permission: string, refused: string = d.notAllowed): Promise<WastePage | null> {
  const state = document.getElementById("etat")!;
  const slug = root.dataset.slug!;
  const start = await startSession(slug, permission);
  if (!start.ok) {
    state.textContent = start.reason === "unavailable" ? d.unavailable : refused;
    return null;
  }
  state.textContent = "";
  const tools = document.getElementById("outils");
  if (tools) tools.hidden = false;
  return { api: start.api, session: start.session, slug, url: (path) => apiUrl(slug, path) };
}

/** The problem of a failed typed call. */
export const problemOf = (error: unknown, response: Response): Problem => toProblem(error, response.status, d.failed);

/** A problem said in a notice region (a row's action has no form of its own): detail and field messages. */
export const sayProblem = (region: HTMLElement, p: Problem) => notify(region, [p.detail, ...p.errors.map((e) => e.message)].join(" "), "error");

/** A problem found in the page before asking (a value that cannot be read), shown like the API's. */
export const localProblem = (path: string, message: string): Problem => ({ status: 400, title: message, detail: d.checkFields, errors: [{ path, message }] });

/**
 * Shows on `form` what a typed call answered: the problem beside its fields, or nothing.
 * Returns the data when it worked.
 */
export function settle<T>(form: HTMLElement, answer: { data?: T; error?: unknown; response: Response }): T | undefined {
  if (answer.data !== undefined && !answer.error) return answer.data;
  showProblem(form, problemOf(answer.error, answer.response));
  return undefined;
}

const eurosFmt = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
export const euros = (cents: number) => eurosFmt.format(cents / 100);
const dayFmt = parisFormat({ dateStyle: "short" });
const dayTimeFmt = parisFormat({ dateStyle: "short", timeStyle: "short" });
/** A calendar day (YYYY-MM-DD) or an instant, as a day in Paris. */
export const date = (iso: string | null) => (iso ? dayFmt.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso)) : "—");
export const dateTime = (iso: string | null) => (iso ? dayTimeFmt.format(new Date(iso)) : "—");
export const percent = (millionths: number) => `${(millionths / 10_000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %`;

/** A table body row of text cells (and optional nodes). */
export function row(cells: Array<string | number | Node>): HTMLTableRowElement {
  const tr = el("tr");
  for (const c of cells) {
    const td = el("td");
    if (c instanceof Node) td.append(c);
    else td.textContent = String(c);
    tr.append(td);
  }
  return tr;
}

/** Fills a table's body, or one row saying there is nothing (a sentence, or an empty state: kit/empty.ts). */
export function fill(tbody: HTMLElement, rows: HTMLTableRowElement[], columns: number, none: string | Node = d.none) {
  if (rows.length) tbody.replaceChildren(...rows);
  else {
    const tr = el("tr");
    const td = el("td", undefined, { colspan: String(columns), class: "vide-cellule" });
    td.append(none);
    tr.append(td);
    tbody.replaceChildren(tr);
  }
}

/** The form's named fields as trimmed strings (empty ones left out). */
export function fields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === "string" && v.trim() !== "") out[k] = v.trim();
  });
  return out;
}

const decimal = (s: string) => Number(s.replace(/\s/g, "").replace(",", "."));
/** "12,50" or "12.50" (euros) to cents; NaN when it is not a number. */
export const toCents = (s: string) => Math.round(decimal(s) * 100);
/** "0,025" (euros) to micro-euros. */
export const toMicros = (s: string) => Math.round(decimal(s) * 1_000_000);
/** "8,5" (%) to millionths. */
export const toMillionths = (s: string) => Math.round(decimal(s) * 10_000);
/** A whole number typed in a field ("1 200"); NaN otherwise. */
export const toInt = (s: string) => (/^\d+$/.test(s.replace(/\s/g, "")) ? Number(s.replace(/\s/g, "")) : Number.NaN);

/**
 * A DataTable over a list the API answers whole (agenda, checks, dead letters): the kit's list
 * table pages and sorts it in the page, the state in the address. `sorts` give each sortable
 * column's key; `load` is asked again when the filters change.
 */
export function wholeList<T, F extends string>(
  table: HTMLTableElement,
  spec: { filters: readonly F[]; pageSize: number; sorts?: Record<string, (x: T) => string | number>; columns: number; caption: (s: ListState<F>) => string },
  load: (filters: Partial<Record<F, string>>) => Promise<T[]>,
  toRow: (x: T, i: number) => HTMLTableRowElement,
  filterForm?: HTMLFormElement,
) {
  let items: T[] = [];
  let loaded: string | null = null;
  const list = listTable(
    table,
    { filters: spec.filters, sorts: Object.keys(spec.sorts ?? {}), pageSize: spec.pageSize },
    async (s) => {
      const key = JSON.stringify(s.filters);
      if (loaded !== key) {
        items = await load(s.filters);
        loaded = key;
      }
      let shown = items;
      const by = s.sort ? spec.sorts?.[s.sort] : undefined;
      if (by) {
        const factor = s.descending ? -1 : 1;
        shown = [...items].sort((a, b) => {
          const x = by(a);
          const y = by(b);
          return factor * (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "fr"));
        });
      }
      const from = (s.page - 1) * spec.pageSize;
      fill(table.tBodies[0], shown.slice(from, from + spec.pageSize).map(toRow), spec.columns);
      return { rows: Array.from(table.tBodies[0].rows), total: shown.length, caption: spec.caption(s) };
    },
    filterForm,
  );
  /** Reads the list again from the API (after a change). */
  const refresh = () => {
    loaded = null;
    return list.reload();
  };
  return { refresh, list };
}
