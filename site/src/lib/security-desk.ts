/**
 * The security audit back office (issue #25, ADR 0043): reads the measures, findings, assessments,
 * homologations, register and incidents from the API and sends each form; every answer's problem is
 * shown beside its fields (kit problem reader). User text goes into the page as text nodes only.
 */
import { fromParisWallClock, parisDay, parisFormat } from "@communa/core/time";
import { sec } from "../i18n/securite.fr.ts";
import type { Api, Schemas } from "./api/client.ts";
import { emptyRow, row, startAdmin } from "./admin-common.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

type Module = Schemas["DossierHomologation"]["module"];
const dayFormat = parisFormat({ dateStyle: "short" });
const whenFormat = parisFormat({ dateStyle: "short", timeStyle: "short" });
const frDay = (iso: string | null) => (iso ? dayFormat.format(new Date(`${iso}T12:00:00Z`)) : "—");
const frWhen = (iso: string) => whenFormat.format(new Date(iso));
const badge = (text: string, tone: "info" | "success" | "warning" | "error") => el("span", text, { class: "badge", "data-tone": tone });

function fill(select: HTMLSelectElement, options: Array<[string, string]>) {
  const kept = select.value;
  select.replaceChildren(...options.map(([v, t]) => el("option", t, { value: v })));
  if (options.some(([v]) => v === kept)) select.value = kept;
}

function fields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of Array.from(form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("[name]"))) out[c.name] = c.value.trim();
  return out;
}

/** Sends a form: `send` returns the API's answer; on a problem it is shown on the form. */
function onSubmit(
  form: HTMLFormElement,
  send: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  done: string,
  after: () => Promise<void>,
) {
  const notice = form.querySelector<HTMLElement>("[data-notice]")!;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    notify(notice, "");
    const { data, error, response } = await send();
    if (data === undefined) return void showProblem(form, toProblem(error, response.status));
    clearProblem(form);
    await after();
    notify(notice, done, "success");
  });
}

async function loadMeasures(api: Api, root: HTMLElement) {
  const { data } = await api.GET("/api/audit/measures");
  if (!data) return;
  root.querySelector("#referentiel")!.textContent = sec.guideNote(data.guide.known, data.guide.missing);
  root
    .querySelector("#maturite")!
    .replaceChildren(
      ...data.maturity.themes.map((t) =>
        row([`${t.code} — ${t.title}`, String(t.known), String(t.done), String(t.partial), String(t.todo), sec.percent(t.percent)]),
      ),
      row([
        sec.overall,
        String(data.maturity.overall.known),
        String(data.maturity.overall.done),
        String(data.maturity.overall.partial),
        String(data.maturity.overall.todo),
        sec.percent(data.maturity.overall.percent),
      ]),
    );
  root
    .querySelector("#mesures")!
    .replaceChildren(
      ...data.measures.map((x) => row([String(x.number), x.title, x.theme, sec.status[x.status], x.evidence || "—", x.owner || "—", frDay(x.nextReview)])),
    );
  fill(
    root.querySelector<HTMLSelectElement>("#m-numero")!,
    data.measures.map((x) => [String(x.number), `${x.number}. ${x.title}`]),
  );
  root.querySelector("#controles")!.replaceChildren(
    ...data.controls.map((c) => {
      const li = el("li");
      li.append(
        el("strong", c.label),
        " ",
        badge(sec.controlStatus[c.status], c.status === "ok" ? "success" : c.status === "failed" ? "error" : "info"),
        " ",
        el("span", c.evidence),
      );
      return li;
    }),
  );
}

async function loadFindings(api: Api, root: HTMLElement) {
  const [{ data }, { data: a }] = await Promise.all([api.GET("/api/audit/findings"), api.GET("/api/audit/assessments")]);
  if (data) {
    root.querySelector("#plan")!.textContent = sec.plan(data.plan.open, data.plan.overdue, data.plan.closed);
    const body = root.querySelector("#constats")!;
    body.replaceChildren(
      ...data.findings.map((f) => {
        const status = el("span");
        status.append(badge(sec.findingStatus[f.status], f.status === "done" ? "success" : f.status === "accepted" ? "info" : "warning"));
        if (f.overdue) status.append(" ", badge(sec.overdue, "error"));
        if (f.closedOn) status.append(" ", el("span", sec.closedOn(frDay(f.closedOn))));
        return row([f.title, sec.severity[f.severity], f.asset, f.action, f.owner, frDay(f.dueOn), status, f.evidence || "—"]);
      }),
    );
    if (!data.findings.length) body.append(emptyRow(8, sec.none));
    const open = data.findings.filter((f) => f.status === "open" || f.status === "in_progress");
    fill(root.querySelector<HTMLSelectElement>("#k-constat")!, open.length ? open.map((f) => [f.id, f.title]) : [["", sec.noOpen]]);
  }
  if (a) {
    const body = root.querySelector("#reevaluations")!;
    body.replaceChildren(
      ...a.assessments.map((x) =>
        row([
          frDay(x.on),
          `${x.label} (${sec.source[x.source]})`,
          sec.percent(x.percent),
          sec.change(x.change),
          String(x.openFindings),
          String(x.overdueFindings),
        ]),
      ),
    );
    if (!a.assessments.length) body.append(emptyRow(6, sec.none));
  }
}

async function loadHomologations(api: Api, root: HTMLElement) {
  const { data } = await api.GET("/api/audit/homologations");
  if (!data) return;
  root.querySelector("#homologations")!.replaceChildren(
    ...data.services.map((s) => {
      const decision = el("span");
      decision.append(badge(sec.decision[s.decision], s.decision === "granted" ? "success" : s.decision === "refused" ? "error" : "info"));
      if (s.authority) decision.append(" ", el("span", `${s.authority}, ${frDay(s.decidedOn)}`));
      return row([s.label, s.exposure, s.dataHandled.join(" ; ") || "—", decision, s.expired ? `${frDay(s.expiresOn)} (${sec.expired})` : frDay(s.expiresOn)]);
    }),
  );
  root.querySelector("#mesures-plateforme")!.replaceChildren(...data.platformMeasures.map((p) => el("li", `${p.measure} — ${p.proof}`)));
  fill(
    root.querySelector<HTMLSelectElement>("#h-module")!,
    data.services.map((s) => [s.module, s.label]),
  );
}

async function loadRegister(api: Api, root: HTMLElement) {
  const { data } = await api.GET("/api/audit/register");
  if (!data) return;
  const c = sec.registerCols;
  root.querySelector("#registre")!.replaceChildren(
    ...data.processings.map((p) => {
      const table = el("table");
      table.append(el("caption", sec.registerCaption(p.label)));
      const head = el("thead");
      const tr = el("tr");
      for (const h of [c.table, c.purpose, c.basis, c.period]) tr.append(el("th", h, { scope: "col" }));
      head.append(tr);
      const body = el("tbody");
      body.append(...p.tables.map((t) => row([t.holds, t.purpose, t.basis, t.period])));
      table.append(head, body);
      const wrap = el("div");
      wrap.append(table);
      if (p.note) wrap.append(el("p", sec.note(p.note.purpose, p.note.recipients, p.note.legalBasis)));
      return wrap;
    }),
  );
  fill(
    root.querySelector<HTMLSelectElement>("#t-module")!,
    data.processings.map((p) => [p.module, p.label]),
  );
}

async function loadIncidents(api: Api, root: HTMLElement) {
  const { data } = await api.GET("/api/audit/incidents");
  if (!data) return;
  const body = root.querySelector("#incidents")!;
  body.replaceChildren(
    ...data.incidents.map((i) => {
      const list = el("ul");
      for (const d of i.deadlines)
        list.append(el("li", sec.deadlineText(sec.deadline[d.kind], frWhen(d.due), d.doneAt ? frWhen(d.doneAt) : null, d.late, d.verified)));
      return row([i.title, frWhen(i.detectedAt), i.deadlines.length ? list : sec.noDeadline, sec.incidentStatus[i.status]]);
    }),
  );
  if (!data.incidents.length) body.append(emptyRow(4, sec.none));
}

export async function startSecurityDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "security:read");
  if (!start) return;
  const { api } = start;
  const form = (id: string) => root.querySelector<HTMLFormElement>(`#${id}`)!;
  const value = (id: string) => root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!.value;
  root.querySelector<HTMLInputElement>("#r-date")!.value = parisDay();
  await Promise.all([loadMeasures(api, root), loadFindings(api, root), loadHomologations(api, root), loadRegister(api, root), loadIncidents(api, root)]);

  onSubmit(
    form("f-mesure"),
    () => {
      const f = fields(form("f-mesure"));
      return api.PUT("/api/audit/measures/{number}", {
        params: { path: { number: Number(value("m-numero")) } },
        body: { status: f.status as Schemas["MesureHygieneSaisie"]["status"], evidence: f.evidence, owner: f.owner, nextReview: f.nextReview || null },
      });
    },
    sec.saved,
    () => loadMeasures(api, root),
  );
  onSubmit(
    form("f-constat"),
    () => api.POST("/api/audit/findings", { body: fields(form("f-constat")) as unknown as Schemas["ConstatSecuriteSaisie"] }),
    sec.added,
    () => loadFindings(api, root),
  );
  onSubmit(
    form("f-clore"),
    () => {
      const f = fields(form("f-clore"));
      return api.PATCH("/api/audit/findings/{findingId}", {
        params: { path: { findingId: value("k-constat") } },
        body: { status: f.status as "done" | "accepted", evidence: f.evidence },
      });
    },
    sec.closed,
    () => loadFindings(api, root),
  );
  onSubmit(
    form("f-reevaluation"),
    () => api.POST("/api/audit/assessments", { body: fields(form("f-reevaluation")) as unknown as Schemas["ReevaluationSecuriteSaisie"] }),
    sec.recorded,
    () => loadFindings(api, root),
  );
  onSubmit(
    form("f-homologation"),
    () => {
      const f = fields(form("f-homologation"));
      return api.PUT("/api/audit/homologations/{module}", {
        params: { path: { module: value("h-module") as Module } },
        body: {
          description: f.description,
          hosting: f.hosting,
          extraMeasures: f.extraMeasures,
          decision: f.decision as Schemas["HomologationSaisie"]["decision"],
          authority: f.authority,
          decidedOn: f.decidedOn || null,
          expiresOn: f.expiresOn || null,
        },
      });
    },
    sec.saved,
    () => loadHomologations(api, root),
  );
  onSubmit(
    form("f-traitement"),
    () =>
      api.PUT("/api/audit/register/{module}", {
        params: { path: { module: value("t-module") as Module } },
        body: fields(form("f-traitement")) as unknown as Schemas["TraitementRgpdSaisie"],
      }),
    sec.saved,
    () => loadRegister(api, root),
  );
  onSubmit(
    form("f-incident"),
    () => {
      const f = fields(form("f-incident"));
      const checked = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)!.checked;
      return api.POST("/api/audit/incidents", {
        body: {
          title: f.title,
          description: f.description,
          detectedAt: f.detectedAt ? fromParisWallClock(f.detectedAt) : "",
          personalData: checked("i-donnees"),
          nis2: checked("i-nis2"),
        },
      });
    },
    sec.declared,
    () => loadIncidents(api, root),
  );
}
