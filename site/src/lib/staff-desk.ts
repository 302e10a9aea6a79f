/**
 * The HR back office of the digital safe (issue #23): the month's payroll PDF deposited (split by
 * the API per payroll number) and its manifest; the deposits with the second person's check; a
 * single document (arrêté, contract, certificate) for one agent; the tenant's agents.
 */
import { cf } from "../i18n/coffre.fr.ts";
import { apiUrl, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { button, fillRows, row, startAdmin } from "./admin-common.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { upload } from "./kit/upload.ts";

type Batch = Schemas["DepotPaie"];
type Agent = Schemas["AgentCoffre"];

const fill = (body: HTMLElement, rows: HTMLTableRowElement[], columns: number) => fillRows(body, rows, columns, cf.none);

function showManifest(b: Batch) {
  const m = b.manifest;
  document.getElementById("manifeste")!.hidden = false;
  document.getElementById("m-resume")!.textContent = `${cf.manifest(m.found.length, m.expected, m.pages)} ${cf.batchStatus[b.status]}.`;
  fill(
    document.getElementById("m-inconnus")!,
    m.unknown.map((u) => row([u.payrollNumber, u.pages.join(", ")])),
    2,
  );
  fill(
    document.getElementById("m-manquants")!,
    m.missing.map((x) => row([x.payrollNumber, x.name])),
    2,
  );
  fill(
    document.getElementById("m-papier")!,
    m.paper.map((p) => row([p])),
    1,
  );
  document.getElementById("m-titre")!.focus();
}

export async function startStaffDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "hr:write");
  if (!start) return;
  const { api, slug, session } = start;
  const csrf = session.csrfToken;
  const batchState = document.getElementById("d-etat")!;

  async function loadBatches() {
    const { data } = await api.GET("/api/staff/payroll");
    fill(
      document.getElementById("depots")!,
      (data?.batches ?? []).map((b) => {
        const action =
          b.status === "pending"
            ? button(
                cf.validate,
                cf.validateLabel(b.period),
                async () => {
                  const { data: done, error, response } = await api.POST("/api/staff/payroll/{batchId}/validation", { params: { path: { batchId: b.id } } });
                  if (!done) return notify(batchState, toProblem(error, response.status).detail, "error");
                  notify(batchState, cf.published(done.manifest.found.length), "success");
                  await loadBatches();
                },
                false,
              )
            : document.createTextNode("—");
        return row([b.period, b.fileName, String(b.manifest.found.length), cf.batchStatus[b.status], action]);
      }),
      5,
    );
  }

  async function loadAgents() {
    const { data } = await api.GET("/api/staff/agents");
    const agents: Agent[] = data?.agents ?? [];
    fill(
      document.getElementById("agents")!,
      agents.map((a) => row([a.payrollNumber, a.name, a.service, a.personId ? cf.linked : cf.notLinked])),
      4,
    );
    document.getElementById("a-agent")!.replaceChildren(...agents.map((a) => el("option", `${a.name} (${a.payrollNumber})`, { value: a.id })));
  }

  const payroll = root.querySelector<HTMLFormElement>("#f-paie")!;
  payroll.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = payroll.querySelector<HTMLInputElement>("#p-fichier")!.files?.[0];
    const period = payroll.querySelector<HTMLInputElement>("#p-mois")!.value;
    if (!file) return;
    const notice = payroll.querySelector<HTMLElement>("[data-notice]")!;
    notify(notice, cf.sending);
    const q = new URLSearchParams({ period, fileName: file.name });
    const sent = await upload(apiUrl(slug, `/api/staff/payroll?${q}`), file, {
      contentType: "application/pdf",
      csrf,
      progress: payroll.querySelector("progress")!,
    });
    if (sent.status !== 201) {
      notify(notice, "");
      return void showProblem(payroll, toProblem(sent.body, sent.status), { body: payroll.querySelector<HTMLElement>("#p-fichier")! });
    }
    clearProblem(payroll);
    notify(notice, "");
    showManifest(sent.body as Batch);
    await loadBatches();
  });

  const single = root.querySelector<HTMLFormElement>("#f-document")!;
  single.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const value = (id: string) => single.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!.value;
    const file = single.querySelector<HTMLInputElement>("#a-fichier")!.files?.[0];
    if (!file) return;
    const agentId = value("a-agent");
    const q = new URLSearchParams({ type: value("a-type"), title: value("a-intitule"), period: value("a-date") });
    const sent = await upload(apiUrl(slug, `/api/staff/agents/${encodeURIComponent(agentId)}/documents?${q}`), file, {
      contentType: "application/pdf",
      csrf,
      progress: single.querySelector("progress")!,
    });
    if (sent.status !== 201) return void showProblem(single, toProblem(sent.body, sent.status), { body: single.querySelector<HTMLElement>("#a-fichier")! });
    clearProblem(single);
    const agent = single.querySelector<HTMLSelectElement>("#a-agent")!.selectedOptions[0]?.textContent ?? "";
    notify(single.querySelector<HTMLElement>("[data-notice]")!, cf.documentDone(agent), "success");
  });

  await Promise.all([loadBatches(), loadAgents()]);
}
