/**
 * The candidate's page (issue #24): everything through the signed link (`?id=…&cle=…`) the mails
 * carry — the status and steps, the interviews, the answer to « keep my application? » after a
 * rejection, the export of the data and the deletion (RGPD art. 15, 17, 20).
 */
import { j } from "../i18n/emplois.fr.ts";
import { apiUrl, createApi } from "./api/client.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { toProblem } from "./kit/problem.ts";
import { formatParis } from "@communa/core/time";

interface Status {
  vacancy: { reference: string; title: string };
  stage: string;
  stepIndex: number;
  steps: string[];
  status: string;
  statusText: string;
  decisionReason: string | null;
  keepConsent: boolean | null;
  canAnswerConsent: boolean;
  interviews: Array<{ start: string; end: string; place: string; visioUrl: string | null }>;
}

const when = (iso: string) => formatParis(iso, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });

export async function startCandidatePage(root: HTMLElement): Promise<void> {
  const slug = root.dataset.slug!;
  const api = createApi(slug);
  const state = document.getElementById("cand-etat")!;
  const q = new URLSearchParams(location.search);
  const id = q.get("id") ?? "";
  const cle = q.get("cle") ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id) || cle.length < 10) return notify(state, j.badLink, "error");

  function show(s: Status) {
    document.getElementById("cand-titre")!.textContent = j.followHeading(s.vacancy.title, s.vacancy.reference);
    document.getElementById("cand-statut")!.textContent = s.status === "active" ? `${s.statusText} — ${s.stage}` : s.statusText;
    const reason = s.decisionReason;
    for (const x of ["cand-motif", "cand-motif-titre"]) document.getElementById(x)!.hidden = !reason;
    document.getElementById("cand-motif")!.textContent = reason ?? "";
    document.getElementById("cand-etapes")!.replaceChildren(
      ...s.steps.map((name, i) => {
        const li = el("li", name);
        if (i === s.stepIndex && s.status === "active") {
          li.setAttribute("aria-current", "step");
          li.append(` (${j.currentStep})`);
        }
        return li;
      }),
    );
    document.getElementById("cand-entretiens")!.hidden = !s.interviews.length;
    document.getElementById("cand-entretiens-liste")!.replaceChildren(
      ...s.interviews.map((i) => {
        const li = el("li", j.interviewLine(when(i.start), i.place));
        if (i.visioUrl?.startsWith("https://")) li.append(" — ", el("a", j.visio, { href: i.visioUrl, rel: "noopener" }));
        return li;
      }),
    );
    document.getElementById("cand-garder")!.hidden = !s.canAnswerConsent;
    document.getElementById("cand-garder-actuel")!.textContent = j.keepCurrent(s.keepConsent);
    document.getElementById("cand-contenu")!.hidden = false;
  }

  async function load(): Promise<boolean> {
    const answer = await api
      .GET("/api/recruitment/candidatures/{applicationId}", { params: { path: { applicationId: id }, query: { cle } } })
      .catch(() => null);
    if (!answer?.data) {
      notify(
        state,
        answer?.response.status === 404 || answer?.response.status === 403
          ? j.badLink
          : toProblem(answer?.error, answer?.response.status ?? 503, j.unavailable).detail,
        "error",
      );
      document.getElementById("cand-contenu")!.hidden = true;
      return false;
    }
    show(answer.data as unknown as Status);
    return true;
  }

  async function keep(value: boolean) {
    const region = document.getElementById("cand-garder-etat")!;
    const { data, error, response } = await api.POST("/api/recruitment/candidatures/{applicationId}/consent", {
      params: { path: { applicationId: id } },
      body: { cle, keep: value },
    });
    if (!data) return notify(region, toProblem(error, response.status, j.unavailable).detail, "error");
    await load();
    notify(region, data.keepConsent ? j.keptYes : j.keptNo, "success");
  }
  document.getElementById("cand-oui")!.addEventListener("click", () => void keep(true));
  document.getElementById("cand-non")!.addEventListener("click", () => void keep(false));

  (document.getElementById("cand-export") as HTMLAnchorElement).href = apiUrl(
    slug,
    `/api/recruitment/candidatures/${encodeURIComponent(id)}/export?cle=${encodeURIComponent(cle)}`,
  );
  document.getElementById("cand-supprimer")!.addEventListener("click", async () => {
    if (!(await confirmAction(j.deleteConfirm))) return;
    const { error, response } = await api.POST("/api/recruitment/candidatures/{applicationId}/delete", {
      params: { path: { applicationId: id } },
      body: { cle },
    });
    if (response.status !== 204) return notify(state, toProblem(error, response.status, j.unavailable).detail, "error");
    document.getElementById("cand-contenu")!.hidden = true;
    notify(state, j.deleted, "success");
  });

  if (await load()) document.getElementById("cand-titre")!.focus();
}
