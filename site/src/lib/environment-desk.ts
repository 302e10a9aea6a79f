/** The water and energy back office: import of saved Hub'Eau answers (issue #22). */
import { eo } from "../i18n/eau.fr.ts";
import { startAdmin } from "./admin-common.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

export async function startEnvironmentDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "environment:write");
  if (!start) return;
  const { api } = start;
  const form = root.querySelector<HTMLFormElement>("#f-reponses")!;
  const notice = form.querySelector<HTMLElement>("[data-notice]")!;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = form.querySelector<HTMLInputElement>("#i-fichier")!.files?.[0];
    if (!file) return;
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      return void showProblem(form, toProblem({ title: eo.notJson, errors: [{ path: "body", message: eo.notJson }] }, 400));
    }
    notify(notice, eo.sending);
    const { data, error, response } = await api.POST("/api/environment/water/imports/answers", { body: body as never });
    if (!data) {
      notify(notice, "");
      return void showProblem(form, toProblem(error, response.status));
    }
    clearProblem(form);
    notify(notice, eo.done(data.samples.inserted, data.samples.updated, data.results.inserted), "success");
  });
}
