/**
 * The one reader of RFC 9457 problems (application/problem+json, `errors: [{ path, message }]`):
 * each field error goes next to its field (`aria-invalid`, `aria-describedby`), and a summary at the
 * top of the form lists them all, each a link to its field, focused so it is read first (RGAA 11.10,
 * 11.11). A control answers for the path in its `data-path` attribute, else `body/<name>`; an error
 * under it (`body/geometry/coordinates/0`) goes to the closest control that owns the path.
 */
import { kit } from "../../i18n/kit.fr.ts";
import { el } from "../dom.ts";

export interface FieldError {
  path: string;
  message: string;
}
export interface Problem {
  status: number;
  title: string;
  detail: string;
  errors: FieldError[];
}

/** A problem from any answer's body: the server's words when it sent a problem, else `fallback`. */
export function toProblem(body: unknown, status: number, fallback: string = kit.failed): Problem {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(b.errors)
    ? b.errors.filter(
        (e): e is FieldError => !!e && typeof e === "object" && typeof (e as FieldError).path === "string" && typeof (e as FieldError).message === "string",
      )
    : [];
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);
  return {
    status: typeof b.status === "number" ? b.status : status,
    title: text(b.title) ?? fallback,
    detail: text(b.detail) ?? text(b.title) ?? fallback,
    errors,
  };
}

/** Reads a failed Response (problem+json or not). */
export async function readProblem(res: Response, fallback?: string): Promise<Problem> {
  const body = await res
    .clone()
    .json()
    .catch(() => null);
  return toProblem(body, res.status, fallback);
}

/** The key, among `keys`, that owns `path`: equal to it, or its longest prefix at a `/`. */
export function ownerOf(keys: Iterable<string>, path: string): string | undefined {
  let best: string | undefined;
  for (const k of keys) if ((path === k || path.startsWith(`${k}/`)) && (!best || k.length > best.length)) best = k;
  return best;
}

const pathOf = (c: HTMLElement) => c.dataset.path ?? (c.getAttribute("name") ? `body/${c.getAttribute("name")}` : undefined);

/** Removes what showProblem put on the form. */
export function clearProblem(form: HTMLElement) {
  for (const p of Array.from(form.querySelectorAll("[data-problem-error]"))) p.remove();
  for (const c of Array.from(form.querySelectorAll<HTMLElement>("[aria-invalid]"))) {
    c.removeAttribute("aria-invalid");
    const kept = (c.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.endsWith("-erreur"));
    if (kept.length) c.setAttribute("aria-describedby", kept.join(" "));
    else c.removeAttribute("aria-describedby");
  }
  const summary = form.querySelector<HTMLElement>("[data-problem-summary]");
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

/**
 * Shows a problem on a form: errors beside their controls and a focused summary on top. `extra`
 * names controls outside the form (a map for `body/geometry`). Returns the errors no control owns.
 */
export function showProblem(form: HTMLElement, problem: Problem, extra: Record<string, HTMLElement> = {}): FieldError[] {
  clearProblem(form);
  const controls = new Map<string, HTMLElement>(Object.entries(extra));
  for (const c of Array.from(form.querySelectorAll<HTMLElement>("input, select, textarea, [data-path]"))) {
    const p = pathOf(c);
    if (p && !controls.has(p) && c.getAttribute("type") !== "hidden") controls.set(p, c);
  }
  const loose: FieldError[] = [];
  const items: HTMLLIElement[] = [];
  for (const e of problem.errors) {
    const key = ownerOf(controls.keys(), e.path);
    const control = key ? controls.get(key) : undefined;
    const li = el("li");
    if (!control) {
      loose.push(e);
      li.textContent = e.message;
      items.push(li);
      continue;
    }
    if (!control.id) control.id = `champ-${key!.replace(/\W+/g, "-")}`;
    const errorId = `${control.id}-erreur`;
    let note = document.getElementById(errorId);
    if (!note) {
      note = el("p", "", { id: errorId, class: "erreur-champ", "data-problem-error": "" });
      (control.closest("p, fieldset, .champ") ?? control).insertAdjacentElement("afterend", note);
      control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), errorId].filter(Boolean).join(" "));
    }
    note.textContent = note.textContent ? `${note.textContent} ${e.message}` : e.message;
    control.setAttribute("aria-invalid", "true");
    li.append(el("a", e.message, { href: `#${control.id}` }));
    items.push(li);
  }
  const summary = form.querySelector<HTMLElement>("[data-problem-summary]");
  if (summary) {
    const heading = el("p", problem.errors.length ? kit.summary(problem.errors.length) : kit.summaryNoField, { class: "resume-titre" });
    summary.replaceChildren(heading);
    summary.append(el("p", problem.detail));
    if (items.length) {
      const list = el("ul");
      list.append(...items);
      summary.append(list);
    }
    summary.hidden = false;
    summary.focus();
  }
  return loose;
}

/** One line to say what went wrong where a form's summary has no room (a table row's control): the first field's message, else the detail. */
export function problemLine(body: unknown, status: number): string {
  const p = toProblem(body, status);
  return p.errors[0]?.message ?? p.detail;
}
