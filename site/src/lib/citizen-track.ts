/** Follow-my-request (issue #17): a request's status by its 8-letter code, without an account (nothing personal is shown). */
import { c } from "../i18n/rendez-vous.fr.ts";
import { createApi } from "./api/client.ts";
import { frenchLongDate } from "@communa/core/time";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

export async function startCitizenTrack(root: HTMLElement) {
  const api = createApi(root.dataset.slug!);
  const form = document.getElementById("f-suivi") as HTMLFormElement;
  const input = document.getElementById("s-code") as HTMLInputElement;
  const result = document.getElementById("demande")!;

  async function track() {
    clearProblem(form);
    result.hidden = true;
    const code = input.value.trim().toUpperCase();
    const answer = await api.GET("/api/citizen/requests/track/{code}", { params: { path: { code } } }).catch(() => null);
    if (!answer?.data) return void showProblem(form, toProblem(answer?.error, answer?.response.status ?? 503, answer ? c.trackFailed : c.unavailable));
    const r = answer.data;
    document.getElementById("demande-titre")!.textContent = c.trackHeading(r.code);
    document.getElementById("d-etat")!.textContent = r.statusLabel;
    document.getElementById("d-recue")!.textContent = frenchLongDate(r.receivedAt);
    document.getElementById("d-service")!.textContent = r.service ?? c.noService2;
    document.getElementById("d-echeance")!.textContent = r.dueOn ? frenchLongDate(r.dueOn) : "";
    document.getElementById("d-echeance")!.hidden = !r.dueOn;
    document.getElementById("d-echeance-titre")!.hidden = !r.dueOn;
    result.hidden = false;
    document.getElementById("demande-titre")!.focus();
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void track();
  });
  const given = new URLSearchParams(location.search).get("code");
  if (given) {
    input.value = given;
    await track();
  }
}
