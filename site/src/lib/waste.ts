/**
 * Browser helpers of the waste pages: the session (the kit's one start-up), calls to the waste API
 * on the same origin, problems read by the kit's reader, French formatting.
 */
import { el } from "./dom.ts";
import { d } from "../i18n/dechets.fr.ts";
import type { Api } from "./api/client.ts";
import { readProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";
import { formatParis } from "@communa/core/time";

export interface WasteApi {
  base: string;
  csrf: string;
  permissions: string[];
  /** The typed client (ADR 0026), for the calls pages have moved onto. */
  api: Api;
  /** GET or write (JSON) on /api/waste…; writes carry the CSRF token. */
  call(path: string, init?: { method?: string; json?: unknown; headers?: Record<string, string>; body?: BodyInit }): Promise<Response>;
}

/** The signed-in session on this tenant, or null when the caller lacks `permission`. */
export async function wasteSession(slug: string, permission: string): Promise<WasteApi | null> {
  const start = await startSession(slug, permission);
  if (!start.ok) return null;
  const base = `/t/${slug}/api`;
  const csrf = start.session.csrfToken ?? "";
  return {
    base,
    csrf,
    permissions: start.session.permissions,
    api: start.api,
    call: (path, init = {}) => {
      const headers: Record<string, string> = { accept: "application/json", ...init.headers };
      if (init.method && init.method !== "GET") headers["x-csrf-token"] = csrf;
      let body = init.body;
      if (init.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(init.json);
      }
      return fetch(`${base}/waste${path}`, { method: init.method ?? "GET", headers, body, credentials: "same-origin" });
    },
  };
}

/** The answer's JSON, or throws the problem's French detail (and field messages), read by the kit. */
export async function ok<T = Record<string, any>>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  const problem = await readProblem(res, d.failed);
  throw new Error([problem.detail, ...problem.errors.map((e) => e.message)].join(" "));
}

/** Runs `fn`, saying in `status` (a live region) that it worked or why not. */
export async function attempt(status: HTMLElement, fn: () => Promise<unknown>, done: string = d.saved): Promise<boolean> {
  try {
    await fn();
    status.textContent = done;
    return true;
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : d.failed;
    return false;
  }
}

const eurosFmt = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
export const euros = (cents: number) => eurosFmt.format(cents / 100);
export const date = (iso: string | null) => (iso ? formatParis(iso, { dateStyle: "short" }) : "—");
export const dateTime = (iso: string | null) => (iso ? formatParis(iso, { dateStyle: "short", timeStyle: "short" }) : "—");
export const percent = (millionths: number) => `${(millionths / 10_000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} %`;

/** A table body row of text cells (and optional trailing nodes). */
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

/** Fills a table's body, or one row saying there is nothing. */
export function fill(tbody: HTMLElement, rows: HTMLTableRowElement[], columns: number) {
  if (rows.length) tbody.replaceChildren(...rows);
  else {
    const td = el("td", d.none, { colspan: String(columns) });
    const tr = el("tr");
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

/** "12,50" or "12.50" (euros) to cents. */
export const toCents = (s: string) => Math.round(Number(s.replace(/\s/g, "").replace(",", ".")) * 100);
/** "0,025" (euros) to micro-euros. */
export const toMicros = (s: string) => Math.round(Number(s.replace(/\s/g, "").replace(",", ".")) * 1_000_000);
