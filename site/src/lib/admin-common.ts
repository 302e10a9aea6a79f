/**
 * What the administration pages share (ADR 0026 kit): the one start-up with its French refusal,
 * Paris-time dates, an empty-list row, and the panel that shows a secret once with a copy button.
 */
import { parisFormat } from "@communa/core/time";
import { adm } from "../i18n/admin.fr.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { startSession } from "./kit/session.ts";

const formatter = parisFormat({ dateStyle: "short", timeStyle: "short" });

/** An instant in Paris time ("jamais" for none). */
export const parisWhen = (iso: string | null | undefined) => (iso ? formatter.format(new Date(iso)) : adm.never);

/**
 * Starts an administration page: the session for `needs`, or the reason said in the page's status
 * region (with the sign-in link shown when signed out). `tools` is shown once the page may go on.
 */
export async function startAdmin(root: HTMLElement, needs: string | ((permissions: string[]) => boolean)) {
  const slug = root.dataset.slug!;
  const state = root.querySelector<HTMLElement>("[data-state]")!;
  const start = await startSession(slug, needs);
  if (!start.ok) {
    notify(state, start.reason === "signed-out" ? adm.signedOut : start.reason === "forbidden" ? adm.notAllowed : adm.unavailable, "error");
    const signIn = root.querySelector<HTMLElement>("[data-sign-in]");
    if (signIn) signIn.hidden = start.reason !== "signed-out";
    return null;
  }
  notify(state, "");
  root.querySelector<HTMLElement>("[data-tools]")!.hidden = false;
  return { slug, api: start.api, session: start.session, can: (p: string) => start.session.permissions.includes(p) };
}

/** One row that says the list is empty, across `columns` columns. */
export function emptyRow(columns: number, text: string = adm.none) {
  const tr = el("tr");
  tr.append(el("td", text, { colspan: String(columns), class: "vide-cellule" }));
  return tr;
}

/** A table body's rows, or the one row that says it is empty. */
export const fillRows = (body: HTMLElement, rows: HTMLElement[], columns: number, none: string = adm.none) =>
  body.replaceChildren(...(rows.length ? rows : [emptyRow(columns, none)]));

/** A row whose first cell is its header (the row's name for assistive technologies). */
export function row(cells: Array<string | Node>) {
  const tr = el("tr");
  cells.forEach((c, i) => {
    const cell = i === 0 ? el("th", undefined, { scope: "row" }) : el("td");
    cell.append(c);
    tr.append(cell);
  });
  return tr;
}

/** A table with its caption, header row and empty-list row, in a scrollable region named by the caption. */
export function table(caption: string, head: string[], rows: Array<Array<string | Node>>, empty: string): HTMLElement {
  const t = el("table");
  t.append(el("caption", caption));
  const tr = el("tr");
  for (const h of head) tr.append(el("th", h, { scope: "col" }));
  t.append(el("thead"));
  t.tHead!.append(tr);
  const body = el("tbody");
  if (rows.length) for (const r of rows) body.append(row(r));
  else body.append(emptyRow(head.length, empty));
  t.append(body);
  const wrap = el("div", undefined, { class: "tableau-defilant", tabindex: "0", role: "region", "aria-label": caption });
  wrap.append(t);
  return wrap;
}

/** A small button with its accessible name. */
export function button(text: string, label: string, onClick: () => void, secondary = true) {
  const b = el("button", text, { type: "button", "aria-label": label, ...(secondary ? { class: "secondaire" } : {}) });
  b.addEventListener("click", onClick);
  return b;
}

/**
 * Shows secrets once in a SecretPanel: each value read-only with a copy button, the warning above,
 * the focus on the panel's heading so it is read first. Nothing is kept once the page is left.
 */
export function showSecret(panel: HTMLElement, values: Array<{ label: string; value: string }>) {
  const holder = panel.querySelector<HTMLElement>("[data-secret-values]")!;
  const notice = panel.querySelector<HTMLElement>("[data-secret-notice]")!;
  notify(notice, "");
  holder.replaceChildren(
    ...values.map((v, i) => {
      const id = `${panel.id}-valeur-${i}`;
      const p = el("p", undefined, { class: "champ" });
      const input = el("input", undefined, { id, type: "text", readonly: "", size: "60", spellcheck: "false", autocomplete: "off" });
      input.value = v.value;
      const copy = el("button", adm.copy, { type: "button", class: "secondaire", "aria-label": `${adm.copy} : ${v.label}` });
      copy.addEventListener("click", async () => {
        const done = await navigator.clipboard?.writeText(v.value).then(
          () => true,
          () => false,
        );
        if (!done) input.select();
        notify(notice, done ? adm.copied : adm.copyFailed, done ? "info" : "error");
      });
      p.append(el("label", v.label, { for: id }), " ", input, " ", copy);
      return p;
    }),
  );
  panel.hidden = false;
  panel.querySelector<HTMLElement>("h2")!.focus();
}

/** The values of a form's checked checkboxes named `name`. */
export const checked = (form: HTMLFormElement, name: string) =>
  Array.from(form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]:checked`), (c) => c.value);

/** A form field's trimmed text ("" when absent). */
export const text = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? "").trim();
