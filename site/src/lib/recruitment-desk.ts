/**
 * The HR back office of recruitment (issue #24): notices and their twelve mentions, the Centre de
 * gestion declaration, publications by channel, the applications and one application's file —
 * stage, notes, the jury member's grid, interviews, decision. What the blind first screening hides
 * is withheld by the API; the page shows what it receives and the API's refusals beside the field.
 */
import { dayInWords, j } from "../i18n/emplois.fr.ts";
import { r } from "../i18n/recrutement.fr.ts";
import { type CATEGORIES, CHANNELS, type EMPLOYMENT_TYPES, type VACANCY_NATURES, type VERSANTS } from "@communa/contracts/recruitment";
import { apiUrl, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { button, fillRows, parisWhen, row, startAdmin, table, text } from "./admin-common.ts";
import { lineChart } from "./line-chart.ts";
import { noticeText } from "./jobs-mentions.ts";
import { parisDay } from "@communa/core/time";
import { confirmAction } from "./kit/confirm.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { fromParisInput } from "./kit/paris-time.ts";

type Vacancy = Schemas["OffreEmploiVue"];
// The pipeline's answers are open records in the API document: the fields this page reads.
interface Application {
  id: string;
  number: number;
  blind: boolean;
  displayName: string;
  email: string | null;
  phone: string | null;
  postalAddress: string | null;
  summary: string;
  channel: string;
  stage: string;
  status: string;
  createdAt: string;
}
interface Detail extends Application {
  vacancy: { reference: string; title: string; stages: string[]; criteria: string[] };
  files: Array<{ kind: string; size: number }>;
  notes: Array<{ stage: string; body: string; createdAt: string }>;
  scores: Array<{ juryMemberId: string; criterion: string; score: number; reason: string }>;
  interviews: Array<{ start: string; end: string; place: string; visioUrl: string | null }>;
  health: { disabledWorker: boolean; accommodations: string | null } | null;
}

const lines = (v: string) =>
  v
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
const stageName = (s: string) => r.stageNames[s] ?? s;

export async function startRecruitmentDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "hr:read");
  if (!start) return;
  const { api, slug } = start;
  let current: Vacancy | null = null;
  let currentApp: string | null = null;

  const listState = document.getElementById("o-etat")!;
  const vacancyState = document.getElementById("offre-etat")!;
  const fileState = document.getElementById("dossier-etat")!;

  async function loadVacancies() {
    const { data } = await api.GET("/api/recruitment/vacancies");
    const list = (data?.vacancies ?? []) as Vacancy[];
    fillRows(
      document.getElementById("offres")!,
      list.map((v) =>
        row([
          v.reference,
          v.title,
          r.states[v.status] ?? v.status,
          v.declaration ? r.declared(v.declaration.declaredOn) : r.notDeclared,
          v.publications.length ? v.publications.map((p) => r.channels[p.channel] ?? p.channel).join(", ") : r.noPublication,
          button(r.open, r.openLabel(v.reference), () => void openVacancy(v.reference)),
        ]),
      ),
      6,
      j.none,
    );
  }

  const rules = document.getElementById("f-regles") as HTMLFormElement;
  rules.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const validFrom = text(rules, "validFrom");
    const { data, error, response } = await api.PUT("/api/recruitment/parameters", {
      body: {
        validFrom,
        minPublicationDays: Number(text(rules, "minPublicationDays")),
        renewalNoticeDays: Number(text(rules, "renewalNoticeDays")),
        source: text(rules, "source"),
        scanUrl: text(rules, "scanUrl") || null,
      },
    });
    if (!data) return void showProblem(rules, toProblem(error, response.status));
    clearProblem(rules);
    await loadTasks();
    notify(rules.querySelector<HTMLElement>("[data-notice]")!, r.rulesSaved(dayInWords(validFrom)), "success");
  });

  async function loadTasks() {
    const [{ data: tasks }, { data: params }] = await Promise.all([api.GET("/api/recruitment/tasks"), api.GET("/api/recruitment/parameters")]);
    const list = (tasks?.tasks ?? []) as Array<{ kind: string; reference: string; title: string; dueOn: string }>;
    document
      .getElementById("taches")!
      .replaceChildren(
        ...(list.length ? list.map((t) => el("li", r.taskLine(r.taskKinds[t.kind] ?? t.kind, t.reference, t.title, t.dueOn))) : [el("li", r.noTask)]),
      );
    if (!params) return;
    document.getElementById("regles")!.textContent = r.parameters(params.minPublicationDays, params.source);
    const set = (name: string, value: string) => ((rules.elements.namedItem(name) as HTMLInputElement).value = value);
    set("validFrom", parisDay());
    set("minPublicationDays", String(params.minPublicationDays));
    set("renewalNoticeDays", String(params.renewalNoticeDays));
    set("source", params.source);
    set("scanUrl", params.scanUrl ?? "");
  }

  function showVacancy(v: Vacancy) {
    current = v;
    document.getElementById("offre-titre")!.textContent = r.vacancyHeading(v.reference, v.title);
    document.getElementById("offre-resume")!.textContent =
      `${r.states[v.status] ?? v.status} · ${j.categoryShort(v.category)} · ${v.structure} · ${j.deadline(v.applicationDeadline)}`;
    const declared = v.declaration;
    document.getElementById("d-resume")!.textContent = declared ? r.declarationSummary(declared.cdgReference, declared.declaredOn) : r.notDeclared;
    document.getElementById("f-declaration")!.hidden = !!declared;
    const published = new Map(v.publications.map((p) => [p.channel, p.publishedAt]));
    const open = v.status !== "closed";
    fillRows(
      document.getElementById("publications")!,
      CHANNELS.map((ch) => {
        const at = published.get(ch);
        const name = r.channels[ch] ?? ch;
        return row([
          name,
          at ? r.publishedOn(parisWhen(at)) : r.noPublication,
          at || !open ? "—" : button(r.publish, r.publishLabel(name), () => void publish(ch), false),
        ]);
      }),
      3,
      r.noPublication,
    );
    // The notice as text, for the channels without a connector yet (made here, from the same mentions as the public page).
    const textLink = document.getElementById("offre-texte") as HTMLAnchorElement;
    if (textLink.href.startsWith("blob:")) URL.revokeObjectURL(textLink.href);
    const salary = { min: v.salaryMinCents == null ? null : v.salaryMinCents / 100, max: v.salaryMaxCents == null ? null : v.salaryMaxCents / 100 };
    textLink.href = URL.createObjectURL(new Blob([noticeText(v, salary)], { type: "text/plain;charset=utf-8" }));
    textLink.download = `avis-${v.reference}.txt`;
    const page = document.getElementById("offre-page") as HTMLAnchorElement;
    page.href = `/${slug}/emplois/${v.reference}/`;
    page.hidden = !(published.has("site") && v.status === "published");
    document.getElementById("offre-clore")!.hidden = v.status !== "published";
    document.getElementById("offre")!.hidden = false;
  }

  async function openVacancy(ref: string) {
    const { data } = await api.GET("/api/recruitment/vacancies/{ref}", { params: { path: { ref } } });
    if (!data) return notify(listState, j.unavailable, "error");
    notify(vacancyState, "");
    showVacancy(data);
    document.getElementById("dossier")!.hidden = true;
    await loadApplications();
    document.getElementById("offre-titre")!.focus();
  }

  async function refreshVacancy() {
    if (!current) return;
    const { data } = await api.GET("/api/recruitment/vacancies/{ref}", { params: { path: { ref: current.reference } } });
    if (data) showVacancy(data);
    await loadVacancies();
  }

  async function publish(channel: (typeof CHANNELS)[number]) {
    if (!current) return;
    const { data, error, response } = await api.POST("/api/recruitment/vacancies/{ref}/publications", {
      params: { path: { ref: current.reference } },
      body: { channel },
    });
    if (!data) return notify(vacancyState, toProblem(error, response.status).detail, "error");
    await refreshVacancy();
    notify(vacancyState, r.publishDone(r.channels[channel] ?? channel), "success");
  }

  document.getElementById("offre-clore")!.addEventListener("click", async () => {
    if (!current || !(await confirmAction(r.closeConfirm(current.reference)))) return;
    const ref = current.reference;
    const { data, error, response } = await api.POST("/api/recruitment/vacancies/{ref}/close", { params: { path: { ref } } });
    if (!data) return notify(vacancyState, toProblem(error, response.status).detail, "error");
    await refreshVacancy();
    notify(vacancyState, r.closeDone(ref), "success");
  });

  const declaration = document.getElementById("f-declaration") as HTMLFormElement;
  declaration.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!current) return;
    const grade = text(declaration, "grade");
    const declaredOn = text(declaration, "declaredOn");
    const { data, error, response } = await api.POST("/api/recruitment/vacancies/{ref}/declaration", {
      params: { path: { ref: current.reference } },
      body: {
        motive: text(declaration, "motive"),
        cadreEmplois: text(declaration, "cadreEmplois"),
        grade: grade || null,
        cdgReference: text(declaration, "cdgReference"),
        declaredOn,
      },
    });
    if (!data) return void showProblem(declaration, toProblem(error, response.status));
    clearProblem(declaration);
    declaration.reset();
    await refreshVacancy();
    notify(vacancyState, r.declarationDone(declaredOn), "success");
  });

  async function loadApplications() {
    if (!current) return;
    const { data } = await api.GET("/api/recruitment/vacancies/{ref}/applications", { params: { path: { ref: current.reference } } });
    const list = ((data as { applications?: Application[] } | undefined)?.applications ?? []) as Application[];
    fillRows(
      document.getElementById("candidatures")!,
      list.map((a) =>
        row([
          a.displayName,
          stageName(a.stage),
          r.appStates[a.status] ?? a.status,
          parisWhen(a.createdAt),
          button(r.review, r.reviewLabel(a.displayName), () => void openApplication(a.id)),
        ]),
      ),
      5,
      r.noApplication,
    );
  }

  function showApplication(d: Detail) {
    currentApp = d.id;
    document.getElementById("dossier-titre")!.textContent = `${d.displayName} — ${stageName(d.stage)} (${r.appStates[d.status] ?? d.status})`;
    document.getElementById("dossier-aveugle")!.hidden = !d.blind;
    document.getElementById("dossier-contact")!.hidden = d.blind;
    document
      .getElementById("dossier-coordonnees")!
      .replaceChildren(...[d.email, d.phone, d.postalAddress].filter((x): x is string => !!x).map((x) => el("li", x)));
    document.getElementById("dossier-fichiers")!.replaceChildren(
      ...d.files.map((f) => {
        const li = el("li");
        li.append(el("a", r.fileLinks[f.kind] ?? f.kind, { href: apiUrl(slug, `/api/recruitment/applications/${d.id}/files/${f.kind}`) }));
        return li;
      }),
    );
    document.getElementById("dossier-resume")!.textContent = d.summary;
    document.getElementById("dossier-sante")!.hidden = !d.health;
    document.getElementById("dossier-sante-statut")!.hidden = !d.health?.disabledWorker;
    document.getElementById("dossier-sante-texte")!.textContent = d.health?.accommodations ?? "";
    const active = d.status === "active";
    for (const id of ["f-etape", "f-grille", "f-entretien", "f-decision"]) document.getElementById(id)!.hidden = !active;
    document.getElementById("f-archive")!.hidden = d.status !== "hired";
    const stage = document.getElementById("e-etape") as HTMLSelectElement;
    stage.replaceChildren(...d.vacancy.stages.filter((s) => s !== d.stage).map((s) => el("option", stageName(s), { value: s })));
    document
      .getElementById("notes")!
      .replaceChildren(
        ...(d.notes.length ? d.notes.map((n) => el("li", `${r.noteLine(parisWhen(n.createdAt), stageName(n.stage))} : ${n.body}`)) : [el("li", r.noNote)]),
      );
    document.getElementById("g-total")!.textContent = r.scoresAll(d.scores.length);
    document.getElementById("g-criteres")!.replaceChildren(
      ...d.vacancy.criteria.map((c, i) => {
        const p = el("p", undefined, { class: "champ" });
        const select = el("select", undefined, { id: `g-note-${i}`, name: `score-${i}`, "data-path": `body/scores/${i}/score` });
        select.append(...[0, 1, 2, 3, 4, 5].map((n) => el("option", String(n), { value: String(n) })));
        const reason = el("input", undefined, { id: `g-motif-${i}`, name: `reason-${i}`, maxlength: "2000", "data-path": `body/scores/${i}/reason` });
        p.append(el("label", r.scoreLabel(c), { for: `g-note-${i}` }), " ", select, " ", el("label", r.reasonFor(c), { for: `g-motif-${i}` }), " ", reason);
        return p;
      }),
    );
    document
      .getElementById("entretiens")!
      .replaceChildren(...(d.interviews.length ? d.interviews.map((i) => el("li", j.interviewLine(parisWhen(i.start), i.place))) : [el("li", r.noInterview)]));
    document.getElementById("dossier")!.hidden = false;
  }

  async function openApplication(id: string, focus = true) {
    const { data } = await api.GET("/api/recruitment/applications/{applicationId}", { params: { path: { applicationId: id } } });
    if (!data) return notify(vacancyState, j.unavailable, "error");
    showApplication(data as unknown as Detail);
    if (focus) {
      notify(fileState, "");
      document.getElementById("dossier-titre")!.focus();
    }
  }

  /** After a change to the open application: its file and the list redrawn, then the notice said. */
  async function changed(message: string) {
    await Promise.all([openApplication(currentApp!, false), loadApplications()]);
    notify(fileState, message, "success");
  }

  const stageForm = document.getElementById("f-etape") as HTMLFormElement;
  stageForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const stage = text(stageForm, "stage");
    const { data, error, response } = await api.POST("/api/recruitment/applications/{applicationId}/stage", {
      params: { path: { applicationId: currentApp! } },
      body: { stage },
    });
    if (!data) return void showProblem(stageForm, toProblem(error, response.status));
    clearProblem(stageForm);
    await changed(r.moved(stageName(stage)));
  });

  const noteForm = document.getElementById("f-note") as HTMLFormElement;
  noteForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const { data, error, response } = await api.POST("/api/recruitment/applications/{applicationId}/notes", {
      params: { path: { applicationId: currentApp! } },
      body: { body: text(noteForm, "body") },
    });
    if (!data) return void showProblem(noteForm, toProblem(error, response.status));
    clearProblem(noteForm);
    noteForm.reset();
    await changed(r.noteAdded);
  });

  const grid = document.getElementById("f-grille") as HTMLFormElement;
  grid.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const criteria = Array.from(grid.querySelectorAll<HTMLLabelElement>('label[for^="g-note-"]'), (l, i) => ({
      criterion: (current?.criteria ?? [])[i] ?? l.textContent!,
      score: Number(text(grid, `score-${i}`)),
      reason: text(grid, `reason-${i}`),
    }));
    const { data, error, response } = await api.PUT("/api/recruitment/applications/{applicationId}/scores", {
      params: { path: { applicationId: currentApp! } },
      body: { scores: criteria },
    });
    if (!data) return void showProblem(grid, toProblem(error, response.status));
    clearProblem(grid);
    await changed(r.scoresSaved(data.count));
  });

  const interview = document.getElementById("f-entretien") as HTMLFormElement;
  interview.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const startAt = fromParisInput(text(interview, "start"));
    const endAt = fromParisInput(text(interview, "end"));
    const visio = text(interview, "visioUrl");
    const { data, error, response } = await api.POST("/api/recruitment/applications/{applicationId}/interviews", {
      params: { path: { applicationId: currentApp! } },
      body: { start: startAt ?? "", end: endAt ?? "", place: text(interview, "place"), visioUrl: visio || null },
    });
    if (!data) return void showProblem(interview, toProblem(error, response.status));
    clearProblem(interview);
    interview.reset();
    await changed(r.scheduled(parisWhen(String((data as { start: string }).start))));
  });

  const decision = document.getElementById("f-decision") as HTMLFormElement;
  decision.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const outcome = text(decision, "outcome") as "rejected" | "hired";
    const { data, error, response } = await api.POST("/api/recruitment/applications/{applicationId}/decision", {
      params: { path: { applicationId: currentApp! } },
      body: { outcome, reason: text(decision, "reason") },
    });
    if (!data) return void showProblem(decision, toProblem(error, response.status));
    clearProblem(decision);
    decision.reset();
    await changed(r.decided(r.appStates[outcome === "hired" ? "hired" : "rejected"]));
  });

  const archiveForm = document.getElementById("f-archive") as HTMLFormElement;
  archiveForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const { data, error, response } = await api.POST("/api/recruitment/applications/{applicationId}/archive", {
      params: { path: { applicationId: currentApp! } },
      body: { birthDate: text(archiveForm, "birthDate") },
    });
    if (!data) return void showProblem(archiveForm, toProblem(error, response.status));
    clearProblem(archiveForm);
    notify(archiveForm.querySelector<HTMLElement>("[data-notice]")!, r.archived(data.reference), "success");
  });

  const vacancy = document.getElementById("f-offre") as HTMLFormElement;
  vacancy.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const opt = (name: string) => text(vacancy, name) || null;
    const cents = (name: string) => (text(vacancy, name) ? Math.round(Number(text(vacancy, name)) * 100) : null);
    const { data, error, response } = await api.POST("/api/recruitment/vacancies", {
      body: {
        versant: text(vacancy, "versant") as (typeof VERSANTS)[number],
        nature: text(vacancy, "nature") as (typeof VACANCY_NATURES)[number],
        category: text(vacancy, "category") as (typeof CATEGORIES)[number],
        cadreEmplois: text(vacancy, "cadreEmplois"),
        grade: opt("grade"),
        recruitingAuthority: text(vacancy, "recruitingAuthority"),
        structure: text(vacancy, "structure"),
        jobReference: text(vacancy, "jobReference"),
        missions: text(vacancy, "missions"),
        profile: text(vacancy, "profile"),
        specificConditions: opt("specificConditions"),
        title: text(vacancy, "title"),
        location: text(vacancy, "location"),
        communeInsee: opt("communeInsee"),
        vacancyDate: text(vacancy, "vacancyDate"),
        applicationAuthority: text(vacancy, "applicationAuthority"),
        applicationDeadline: text(vacancy, "applicationDeadline"),
        employmentType: text(vacancy, "employmentType") as (typeof EMPLOYMENT_TYPES)[number],
        contractEndDate: opt("contractEndDate"),
        salaryMinCents: cents("salaryMinCents"),
        salaryMaxCents: cents("salaryMaxCents"),
        stages: lines(text(vacancy, "stages")),
        criteria: lines(text(vacancy, "criteria")),
        blindScreening: vacancy.querySelector<HTMLInputElement>("#r-aveugle")!.checked,
      },
    });
    if (!data) return void showProblem(vacancy, toProblem(error, response.status));
    clearProblem(vacancy);
    vacancy.reset();
    await loadVacancies();
    await openVacancy(data.reference);
    notify(vacancyState, r.created(data.reference), "success");
  });

  // The statistics: this year so far by default.
  const statsForm = document.getElementById("f-stats") as HTMLFormElement;
  const today = parisDay();
  (document.getElementById("s-du") as HTMLInputElement).value = `${today.slice(0, 4)}-01-01`;
  (document.getElementById("s-au") as HTMLInputElement).value = today;
  async function loadStats() {
    const query = { from: text(statsForm, "from"), to: text(statsForm, "to") };
    const { data, error, response } = await api.GET("/api/recruitment/statistics", { params: { query } });
    if (!data) return void showProblem(statsForm, toProblem(error, response.status));
    clearProblem(statsForm);
    document.getElementById("s-resume")!.textContent = r.statsSummary(data.applications, data.vacancies, data.hired);
    document.getElementById("s-delai")!.textContent = r.statsMedian(data.medianDaysToHire);
    (document.getElementById("s-csv") as HTMLAnchorElement).href = apiUrl(slug, `/api/recruitment/statistics.csv?${new URLSearchParams(query)}`);
    const figure = document.getElementById("s-courbe")!;
    const x = (i: number) => data.byMonth[i]?.month ?? "";
    figure.replaceChildren(
      el("figcaption", r.statsChart(data.byMonth.length)),
      lineChart({
        label: r.statsChart(data.byMonth.length),
        series: [
          { label: r.seriesApplications, points: data.byMonth.map((m, i) => ({ x: i, y: m.applications })), className: "serie" },
          { label: r.seriesHired, points: data.byMonth.map((m, i) => ({ x: i, y: m.hired })), className: "serie-1" },
        ],
        formatX: (i) => x(Math.round(i)),
      }),
      table(
        r.statsChart(data.byMonth.length),
        [r.colMonth, r.colApplications, r.colHired],
        data.byMonth.map((m) => [m.month, String(m.applications), String(m.hired)]),
        j.none,
      ),
    );
    const figures = (caption: string, list: Array<{ key: string; applications: number; hired: number }>, name: (k: string) => string) =>
      table(
        caption,
        [r.colKey, r.colApplications, r.colHired],
        list.map((f) => [name(f.key), String(f.applications), String(f.hired)]),
        j.none,
      );
    const last = data.stages.length - 1;
    document.getElementById("s-tables")!.replaceChildren(
      figures(r.byChannel, data.byChannel, (k) => r.channels[k] ?? k),
      figures(r.byCategory, data.byCategory, (k) => j.categoryShort(k)),
      figures(r.byGender, data.byGender, (k) => r.genderNames[k] ?? k),
      table(
        r.byOutcome,
        [r.colKey, r.colApplications],
        data.byOutcome.map((o) => [r.appStates[o.key] ?? o.key, String(o.applications)]),
        j.none,
      ),
      table(
        r.byStage,
        [r.colRank, r.colReached],
        data.stages.map((st) => [r.rankName(st.rank, last), String(st.reached)]),
        j.none,
      ),
    );
    document.getElementById("stats")!.hidden = false;
  }
  statsForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void loadStats();
  });

  await Promise.all([loadVacancies(), loadTasks(), loadStats()]);
}
