/**
 * A notice's page script (issue #24): sends the application (multipart, no account) and shows the
 * link to follow it, or says the notice has closed since the build (the page is static, ADR 0044).
 */
import { j } from "../i18n/emplois.fr.ts";
import { apiUrl } from "./api/client.ts";
import { openReferences } from "./jobs-list.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, readProblem, showProblem, toProblem } from "./kit/problem.ts";

export async function startApplication(root: HTMLElement): Promise<void> {
  const slug = root.dataset.slug!;
  const ref = root.dataset.ref!;
  const form = document.getElementById("f-candidature") as HTMLFormElement;
  // The API names a multipart field's error `form/<name>`.
  for (const c of Array.from(form.querySelectorAll<HTMLElement>("[name]"))) c.dataset.path = `form/${c.getAttribute("name")}`;

  const open = await openReferences(slug);
  if (open && !open.has(ref)) {
    form.hidden = true;
    document.getElementById("offre-etat")!.textContent = j.closedNow;
    return;
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const notice = form.querySelector<HTMLElement>("[data-notice]")!;
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    clearProblem(form);
    notify(notice, j.sending);
    button.disabled = true;
    const body = new FormData(form);
    for (const optional of ["phone", "postalAddress"]) if (!String(body.get(optional) ?? "").trim()) body.delete(optional);
    const res = await fetch(apiUrl(slug, `/api/recruitment/public/vacancies/${encodeURIComponent(ref)}/applications`), {
      method: "POST",
      body,
      headers: { accept: "application/json" },
      credentials: "same-origin",
    }).catch(() => null);
    button.disabled = false;
    if (!res) {
      notify(notice, "");
      return void showProblem(form, toProblem(null, 503, j.unavailable));
    }
    if (res.status !== 201) {
      notify(notice, "");
      return void showProblem(form, await readProblem(res, j.unavailable));
    }
    const done = (await res.json()) as { number: number; followUrl: string };
    form.reset();
    form.hidden = true;
    const follow = document.getElementById("c-suivi")!;
    follow.querySelector("a")!.href = done.followUrl;
    follow.hidden = false;
    document.getElementById("offre-etat")!.textContent = j.sent(done.number);
    document.getElementById("candidater-titre")!.focus();
  });
}
