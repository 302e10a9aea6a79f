/**
 * The cemetery back office on the kit (ADR 0026): the plan (an SVG of the plots placed by X/Y, each
 * a link to its sheet), the plots table with places left, a plot's sheet with its deceased and
 * operations, its concession with the legal clocks, renewal and the abandonment procedure (each
 * step's window from the API, the next step's evidence fields). Problems beside their fields.
 */
import { c } from "../i18n/cimetiere.fr.ts";
import { apiUrl, type Api, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";

type Plot = Schemas["Emplacement"];
type Procedure = Schemas["ProcedureReprise"];

const SVG = "http://www.w3.org/2000/svg";
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Evidence fields of each step (the API's schema: workers/cemetery/src/routes/abandonments.ts). */
const EVIDENCE: Record<string, Array<{ key: string; type: "text" | "date" | "datetime-local" | "list" | "textarea" }>> = {
  notice: [
    { key: "letterNumbers", type: "list" },
    { key: "receiptOn", type: "date" },
    { key: "inspectionAt", type: "datetime-local" },
  ],
  first_report: [
    { key: "reportRef", type: "text" },
    { key: "description", type: "textarea" },
    { key: "officials", type: "text" },
  ],
  first_notification: [
    { key: "letterNumbers", type: "list" },
    { key: "postedOn", type: "date" },
  ],
  second_report: [
    { key: "reportRef", type: "text" },
    { key: "description", type: "textarea" },
    { key: "officials", type: "text" },
  ],
  second_notification: [
    { key: "letterNumbers", type: "list" },
    { key: "postedOn", type: "date" },
  ],
  council_decision: [{ key: "deliberation", type: "text" }],
  order: [
    { key: "orderNumber", type: "text" },
    { key: "postedOn", type: "date" },
  ],
};

const frDay = (iso: string | null | undefined) => (iso ? iso.split("-").reverse().join("/") : "—");

export async function startCemeteryDesk(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = $("etat");
  const start = await startSession(slug, "cemetery:read");
  if (!start.ok) {
    state.textContent = start.reason === "unavailable" ? c.unavailable : c.notAllowed;
    return;
  }
  state.textContent = "";
  $("outils").hidden = false;
  const api: Api = start.api;
  const select = $<HTMLSelectElement>("choix-cimetiere");
  ($("export-reprises") as HTMLAnchorElement).href = `${apiUrl(slug, "/api/cemetery/abandonments")}?format=csv`;
  let plotId: string | null = null;
  let concessionId: string | null = null;
  let procedureId: string | null = null;
  let nextStep: string | null = null;

  const cems = (await api.GET("/api/cemetery/cemeteries")).data?.cemeteries ?? [];
  select.replaceChildren(...cems.map((x) => el("option", x.name, { value: x.id })));
  select.addEventListener("change", () => void loadPlots());

  async function loadPlots() {
    if (!select.value) return;
    const { data } = await api.GET("/api/cemetery/cemeteries/{cemeteryId}/plots", { params: { path: { cemeteryId: select.value } } });
    if (!data) return;
    $("fictif").textContent = data.cemetery.fictional ? c.fictional : "";
    const svg = $("plan") as unknown as SVGSVGElement;
    svg.setAttribute("viewBox", `0 0 ${data.cemetery.planWidth} ${data.cemetery.planHeight}`);
    svg.replaceChildren(
      ...data.plots
        .filter((p) => p.x !== null && p.y !== null)
        .map((p) => {
          const a = document.createElementNS(SVG, "a");
          a.setAttribute("href", `#${p.id}`);
          a.setAttribute("aria-label", `${c.place(p.section, p.row, p.number)} — ${c.types[p.type]}, ${c.places(p.places.left)}`);
          const dot = document.createElementNS(SVG, "circle");
          dot.setAttribute("cx", String(p.x));
          dot.setAttribute("cy", String(p.y));
          dot.setAttribute("r", "18");
          dot.setAttribute("fill", p.places.left > 0 ? "#2f6f3e" : "#7a2020");
          a.append(dot);
          a.addEventListener("click", (ev) => {
            ev.preventDefault();
            void openPlot(p.id);
          });
          return a;
        }),
    );
    $("emplacements").replaceChildren(...data.plots.map(plotRow));
  }

  function plotRow(p: Plot) {
    const tr = el("tr");
    const th = el("th", undefined, { scope: "row" });
    const b = el("button", c.place(p.section, p.row, p.number), { type: "button", class: "lien" });
    b.addEventListener("click", () => void openPlot(p.id));
    th.append(b);
    tr.append(
      th,
      el("td", c.types[p.type] ?? p.type),
      el("td", c.places(p.places.left)),
      el("td", p.concession ? `${c.categories[p.concession.category]} — ${p.concession.actNumber}` : c.none),
    );
    return tr;
  }

  /** The plot last asked for: an answer for an earlier one (a slower request) is dropped. */
  let asked = 0;
  async function openPlot(id: string) {
    const mine = ++asked;
    plotId = id;
    concessionId = null;
    procedureId = null;
    $("concession").hidden = true;
    const { data: p } = await api.GET("/api/cemetery/plots/{plotId}", { params: { path: { plotId: id } } });
    if (!p || mine !== asked) return;
    const sheet = $("fiche");
    sheet.hidden = false;
    $("fiche-lieu").textContent = `${c.place(p.section, p.row, p.number)} — ${c.types[p.type]}, ${c.places(p.places.left)} / ${c.places(p.places.capacity)}`;
    $("fiche-defunts").replaceChildren(
      ...(p.deceased.length ? p.deceased.map((d) => el("li", c.deceasedLine(d.name, d.firstName, d.deathDate))) : [el("li", c.noDeceased)]),
    );
    const current = p.concessions.find((x) => x.status === "active") ?? p.concessions[0];
    concessionId = current?.id ?? null;
    if (current) await loadConcession(current.id);
    if (mine !== asked) return;
    $("concession").hidden = !current;
    await loadOperations();
    sheet.focus();
  }

  async function loadConcession(id: string) {
    const { data: k } = await api.GET("/api/cemetery/concessions/{concessionId}", { params: { path: { concessionId: id } } });
    if (!k || k.id !== concessionId) return;
    $("concession-acte").textContent = `${c.act(k.actNumber, k.actDate)} — ${c.status[k.status]}`;
    $("concession-categorie").textContent = `${c.category(c.categories[k.category], k.durationYears)} — ${c.price(k.priceCents, k.deliberation)}`;
    $("concession-personnes").replaceChildren(
      ...k.people.map((x) => el("li", `${x.name} ${x.firstName} — ${x.role === "holder" ? c.holder : c.heir(x.relationship)}`)),
    );
    $("concession-phase").textContent = c.phase[k.clocks.phase];
    $("concession-delais").replaceChildren(...[c.expires(k.clocks.expiresOn), c.window(k.clocks.renewalWindowEnd)].filter(Boolean).map((t) => el("li", t)));
    $("f-renouveler").hidden = k.status !== "active" || k.clocks.phase === "perpetual";
    const listed = (await api.GET("/api/cemetery/abandonments", { params: { query: { format: "json" } } })).data;
    const procs = listed && typeof listed === "object" ? listed.abandonments : [];
    const proc = procs.find((x) => x.concessionId === k.id);
    procedureId = proc?.id ?? null;
    $("reprise-etat").textContent = proc ? "" : k.abandonment.eligible ? "" : c.eligibleFrom(k.abandonment.from);
    $("ouvrir-reprise").hidden = !!proc || !k.abandonment.eligible || k.status !== "active";
    if (procedureId) await loadProcedure(procedureId);
    else $("procedure").hidden = true;
  }

  function showProcedure(p: Procedure) {
    $("procedure").hidden = false;
    $("etapes").replaceChildren(
      ...p.schedule.map((s) => {
        const tr = el("tr");
        tr.append(
          el("th", c.steps[s.step], { scope: "row" }),
          el("td", frDay(s.doneOn)),
          el("td", frDay(s.earliest)),
          el("td", frDay(s.latest)),
          el("td", s.source ?? ""),
        );
        return tr;
      }),
    );
    nextStep = p.next;
    const form = $<HTMLFormElement>("f-etape");
    form.hidden = !p.next;
    if (!p.next) return notify($("reprise-statut"), c.procedureDone, "success");
    $("h-etape").textContent = c.recordStep(c.steps[p.next]);
    const w = p.schedule.find((s) => s.step === p.next);
    const dateInput = $<HTMLInputElement>("e-date");
    dateInput.value = w?.earliest ?? "";
    $("e-pieces").replaceChildren(
      ...EVIDENCE[p.next].map((f) => {
        const id = `e-${f.key}`;
        const input =
          f.type === "textarea"
            ? el("textarea", undefined, { id, name: f.key, rows: "3", required: "" })
            : el("input", undefined, { id, name: f.key, type: f.type === "list" ? "text" : f.type, required: "" });
        const para = el("p");
        para.append(el("label", c.evidence[f.key], { for: id }), " ", input);
        return para;
      }),
    );
  }

  async function loadProcedure(id: string) {
    const { data } = await api.GET("/api/cemetery/abandonments/{abandonmentId}", { params: { path: { abandonmentId: id } } });
    if (data) showProcedure(data);
  }

  $("ouvrir-reprise").addEventListener("click", async () => {
    if (!concessionId) return;
    const { data, error, response } = await api.POST("/api/cemetery/concessions/{concessionId}/abandonment", { params: { path: { concessionId } } });
    if (!data) {
      const p = toProblem(error, response.status, c.failed);
      return notify($("reprise-statut"), [p.detail, ...p.errors.map((e) => e.message)].join(" "), "error");
    }
    notify($("reprise-statut"), c.procedureOpened, "success");
    await loadConcession(concessionId);
  });

  const stepForm = $<HTMLFormElement>("f-etape");
  stepForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(stepForm);
    if (!procedureId || !nextStep) return;
    const f = new FormData(stepForm);
    const evidence: Record<string, unknown> = {};
    for (const field of EVIDENCE[nextStep]) {
      const v = String(f.get(field.key) ?? "").trim();
      evidence[field.key] =
        field.type === "list"
          ? v
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean)
          : field.type === "datetime-local" && v
            ? new Date(v).toISOString()
            : v;
    }
    if (nextStep === "notice") evidence.method = "registered_letter";
    const body = { step: nextStep, doneOn: String(f.get("doneOn") ?? ""), evidence } as never;
    const { data, error, response } = await api.POST("/api/cemetery/abandonments/{abandonmentId}/steps", {
      params: { path: { abandonmentId: procedureId } },
      body,
    });
    if (!data) return void showProblem(stepForm, toProblem(error, response.status, c.failed));
    notify($("reprise-statut"), c.stepDone, "success");
    showProcedure(data);
  });

  const renewForm = $<HTMLFormElement>("f-renouveler");
  renewForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(renewForm);
    if (!concessionId) return;
    const actNumber = String(new FormData(renewForm).get("actNumber") ?? "");
    const { data, error, response } = await api.POST("/api/cemetery/concessions/{concessionId}/renewal", {
      params: { path: { concessionId } },
      body: { actNumber },
    });
    if (!data) return void showProblem(renewForm, toProblem(error, response.status, c.failed));
    notify($("f-renouveler-statut"), c.renewed(data.expiresOn), "success");
    concessionId = data.id;
    await loadConcession(data.id);
    await loadPlots();
  });

  async function loadOperations() {
    if (!plotId) return;
    const ops = (await api.GET("/api/cemetery/operations", { params: { query: { emplacement: plotId } } })).data?.operations ?? [];
    $("operations").replaceChildren(
      ...ops.map((o) => {
        const li = el("li", c.opLine(c.kinds[o.kind], o.date, o.authorisation ? c.authorised(o.authorisation) : c.draft));
        if (o.status === "draft") {
          const b = el("button", c.validate, { type: "button" });
          b.addEventListener("click", async () => {
            const { data, error, response } = await api.POST("/api/cemetery/operations/{operationId}/validation", { params: { path: { operationId: o.id } } });
            if (!data) {
              const p = toProblem(error, response.status, c.failed);
              return notify($("operations-statut"), [p.detail, ...p.errors.map((e) => e.message)].join(" "), "error");
            }
            notify($("operations-statut"), c.validated(data.authorisation ?? ""), "success");
            await openPlot(plotId!);
            await loadPlots();
          });
          li.append(" ", b);
        }
        return li;
      }),
    );
  }

  const burial = $<HTMLFormElement>("f-inhumation");
  burial.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(burial);
    if (!plotId) return;
    const form = new FormData(burial);
    const f = (k: string) => String(form.get(k) ?? "").trim();
    const { data, error, response } = await api.POST("/api/cemetery/operations", {
      body: {
        kind: "burial",
        plotId,
        deceased: { name: f("name"), firstName: f("firstName") || undefined, deathDate: f("deathDate") },
        date: f("date"),
        funeralOperator: f("funeralOperator"),
        habilitation: f("habilitation"),
        official: f("official"),
      },
    });
    if (!data) return void showProblem(burial, toProblem(error, response.status, c.failed));
    notify($("f-inhumation-statut"), c.prepared, "success");
    await loadOperations();
  });

  await loadPlots();
}
