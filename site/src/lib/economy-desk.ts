/**
 * The economic service's back office (issue #21, ADR 0041) on the kit: the zones with their
 * vacancy for this tax year, a zone's sheet (land units with their stages, occupancy, vacancy and
 * owners on request — each read journalled —, establishments, inventories), adding a unit and
 * declaring a unit's disuse, the L318-8-2 inventory step by step (every day an input: the
 * consultation closes on D + 29, adoption from D + 30), and the yearly dashboard (vacant units per
 * zone on 1 January of each year: a chart from line-chart.ts with its table beside it).
 * A success notice is shown only once the lists it concerns are redrawn.
 */
import { parisDay } from "@communa/core/time";
import { hectares, zo } from "../i18n/zones.fr.ts";
import { apiUrl, type Schemas } from "./api/client.ts";
import { button, emptyRow, row, startAdmin, table, text } from "./admin-common.ts";
import { el } from "./dom.ts";
import { lineChart } from "./line-chart.ts";
import { boundsOf } from "./geo-bounds.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { upload } from "./kit/upload.ts";

type Inventory = Schemas["SuiviInventaire"];
type UnitBody = Schemas["UniteFonciereSaisie"];
type SireneReport = Schemas["RapportImportSirene"];

/** The zone sheet (the API types it as a record: workers/economy/src/services/zones.ts, zoneSheet). */
interface Sheet {
  id: string;
  code: string;
  name: string;
  commune: { insee: string; name: string };
  grossHa: number;
  usefulHa: number;
  availableHa: number;
  perimeterApproximate: boolean;
  geometry: { type: string; coordinates: unknown };
  vacancy: { taxYear: number; delayYears: number; total: number; vacant: number; ratePercent: number | null };
  units: Array<{
    id: string;
    code: string;
    parcels: string[];
    grossHa: number;
    developmentStage: string;
    saleStage: string;
    occupancyState: string;
    occupants: string[];
    vacancy?: { vacant: boolean; since: string | null; reason: string | null; evidence: string };
  }>;
  establishments: Array<{ id: string; siret: string; name: string; naf: { code: string; label: string }; workforce: { text: string }; units: string[] }>;
  inventories: Array<{ id: string; status: string; taxYear: number; adoptedOn: string | null; updateDue: string | null }>;
}

const frDay = (iso: string | null | undefined) => (iso ? iso.slice(0, 10).split("-").reverse().join("/") : "—");

/** The bounding box's centre of a GeoJSON surface. */
function centreOf(g: { coordinates: unknown }): [number, number] {
  const { w, s, e, n } = boundsOf(g.coordinates as unknown[]);
  return [(w + e) / 2, (s + n) / 2];
}

/** A small rectangle around a point: the unit's perimeter until it is drawn on the map. */
const rectangle = ([lon, lat]: [number, number], d = 0.0004) => ({
  type: "Polygon" as const,
  coordinates: [
    [
      [lon - d, lat - d],
      [lon + d, lat - d],
      [lon + d, lat + d],
      [lon - d, lat + d],
      [lon - d, lat - d],
    ],
  ],
});

export async function startEconomyDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "economy:read");
  if (!start) return;
  const { api, can, slug, session } = start;
  const writer = can("economy:write");
  const $ = <T extends HTMLElement = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const sheetBox = $("#fiche");
  const inventoryBox = $("#inventaire");
  const form = (id: string) => $<HTMLFormElement>(`#${id}`);
  const noticeOf = (f: HTMLFormElement) => f.querySelector<HTMLElement>("[data-notice]")!;
  for (const id of ["f-unite", "f-vacance", "f-inventaire", "f-consultation", "f-reponse", "f-adoption", "f-transmission", "f-sirene"])
    form(id).closest("section")!.hidden = !writer;

  let zoneId: string | null = null;
  let sheet: Sheet | null = null;
  let inventoryId: string | null = null;
  /** Only the latest answer is drawn (a slower, older one must not replace it). */
  let sheetTurn = 0;
  let inventoryTurn = 0;

  // Today's defaults for the date inputs (the agent changes them: every date is the act's own).
  const today = parisDay();
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('input[type="date"][data-today]'))) input.value = today;
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>("input[data-this-year]"))) input.value = today.slice(0, 4);

  async function zones() {
    const { data, error, response } = await api.GET("/api/economy/zones");
    const into = $("#zones");
    if (!data) return void notify(into, toProblem(error, response.status).title, "error");
    const select = $<HTMLSelectElement>("#u-zone");
    const chosen = select.value;
    select.replaceChildren(...data.zones.map((z) => el("option", `${z.name} (${z.commune})`, { value: z.id })));
    if (chosen) select.value = chosen;
    into.replaceChildren(
      table(
        zo.zonesCaption,
        [zo.colName, zo.colCode, zo.colCommune, zo.colUnits, zo.colVacant, zo.colRate, zo.colAvailable, zo.colEstablishments, zo.colJobs, zo.colActions],
        data.zones.map((z) => [
          z.name,
          z.code,
          z.commune,
          String(z.vacancy.total),
          String(z.vacancy.vacant),
          zo.rate(z.vacancy.ratePercent),
          hectares(z.availableHa),
          String(z.establishments),
          z.jobs.text,
          button(zo.open, zo.openLabel(z.name), () => void openZone(z.id, true)),
        ]),
        zo.none,
      ),
    );
  }

  async function showOwners(unit: Sheet["units"][number], cell: HTMLElement) {
    const { data, error, response } = await api.GET("/api/economy/units/{unitId}/owners", { params: { path: { unitId: unit.id } } });
    if (!data) return void notify(cell, toProblem(error, response.status).title, "error");
    cell.replaceChildren(
      el(
        "span",
        `${zo.ownersOf(unit.code)} ${data.owners.length ? data.owners.map((o) => (o.siren ? `${o.name} (${o.siren})` : o.name)).join(", ") : zo.noOwner}`,
      ),
    );
  }

  /** Draws the zone's sheet; `focus` when the agent opened it. */
  async function openZone(id: string, focus = false) {
    const turn = ++sheetTurn;
    zoneId = id;
    const { data, error, response } = await api.GET("/api/economy/zones/{siteId}", { params: { path: { siteId: id } } });
    if (turn !== sheetTurn) return;
    if (!data) return void notify(sheetBox, toProblem(error, response.status).title, "error");
    const s = data as unknown as Sheet;
    sheet = s;
    const parts: Node[] = [el("h3", zo.sheetHeading(s.name))];
    parts.push(el("p", zo.sheetFacts(s.code, s.commune.name, hectares(s.grossHa), hectares(s.usefulHa))));
    if (s.perimeterApproximate) parts.push(el("p", zo.approximate, { class: "muted" }));
    const v = s.vacancy;
    parts.push(el("p", zo.vacancyLine(v.taxYear, v.vacant, v.total, zo.rate(v.ratePercent), v.delayYears), { id: "fiche-vacance" }));
    parts.push(
      table(
        zo.unitsCaption(s.name),
        [zo.colUnit, zo.colParcels, zo.colSurface, zo.colDevelopment, zo.colSale, zo.colOccupancy, zo.colOccupants, zo.colVacancy, zo.colOwners],
        s.units.map((u) => {
          const owners = el("div");
          owners.append(button(zo.owners, zo.ownersLabel(u.code), () => void showOwners(u, owners)));
          const vac = u.vacancy;
          return [
            u.code,
            u.parcels.join(", "),
            hectares(u.grossHa),
            u.developmentStage,
            u.saleStage,
            u.occupancyState,
            u.occupants.join(", ") || "—",
            vac?.vacant ? zo.vacantSince(frDay(vac.since)) : (zo.notVacant[vac?.reason ?? ""] ?? "—"),
            owners,
          ];
        }),
        zo.noUnit,
      ),
    );
    parts.push(
      table(
        zo.establishmentsCaption(s.name),
        [zo.colName, zo.colSiret, zo.colActivity, zo.colWorkforce, zo.colUnits],
        s.establishments.map((e) => [e.name, e.siret, `${e.naf.code} — ${e.naf.label}`, e.workforce.text, e.units.join(", ")]),
        zo.noEstablishment,
      ),
    );
    parts.push(
      table(
        zo.inventoriesCaption(s.name),
        [zo.colYear, zo.colStatus, zo.colAdopted, zo.colDue, zo.colActions],
        s.inventories.map((i) => [
          String(i.taxYear),
          zo.statuses[i.status] ?? i.status,
          frDay(i.adoptedOn),
          frDay(i.updateDue),
          button(zo.follow, zo.followLabel(i.taxYear), () => void openInventory(i.id, true)),
        ]),
        zo.noInventory,
      ),
    );
    sheetBox.replaceChildren(...parts);
    // The forms that act on the opened zone.
    // The unit just added is the one the vacancy form offers first.
    const unitSelect = $<HTMLSelectElement>("#v-unite");
    const wanted = unitSelect.dataset.next || unitSelect.value;
    delete unitSelect.dataset.next;
    unitSelect.replaceChildren(...s.units.map((u) => el("option", `${u.code} (${u.parcels.join(", ")})`, { value: u.id })));
    if (wanted && s.units.some((u) => u.id === wanted)) unitSelect.value = wanted;
    $<HTMLSelectElement>("#u-zone").value = s.id;
    $("#zone-ouverte").textContent = s.name;
    const current = s.inventories.find((i) => i.status === "draft" || i.status === "consultation") ?? s.inventories.at(-1);
    if (current && current.id !== inventoryId) await openInventory(current.id);
    else if (!current) {
      inventoryId = null;
      drawInventory(null);
    }
    if (focus) sheetBox.focus();
  }

  function drawInventory(inv: Inventory | null) {
    const steps = { consultation: form("f-consultation"), reply: form("f-reponse"), adopt: form("f-adoption"), transmit: form("f-transmission") };
    steps.consultation.hidden = inv?.status !== "draft";
    steps.reply.hidden = inv?.status !== "consultation";
    steps.adopt.hidden = inv?.status !== "consultation";
    steps.transmit.hidden = !(inv?.status === "adopted" || inv?.status === "transmitted");
    if (!inv) return void inventoryBox.replaceChildren(el("p", zo.noInventory));
    const parts: Node[] = [el("h3", zo.inventoryOf(inv.taxYear, zo.statuses[inv.status] ?? inv.status))];
    parts.push(el("p", zo.phases[inv.clocks.phase] ?? inv.clocks.phase, { id: "inventaire-phase" }));
    if (inv.consultationFrom && inv.consultationUntil) parts.push(el("p", zo.consultationDates(frDay(inv.consultationFrom), frDay(inv.consultationUntil))));
    if (inv.clocks.adoptableFrom && inv.status === "consultation") parts.push(el("p", zo.adoptableFrom(frDay(inv.clocks.adoptableFrom))));
    if (inv.clocks.updateDue) parts.push(el("p", zo.updateDue(frDay(inv.clocks.updateDue))));
    if (inv.letters.length)
      parts.push(
        table(
          zo.lettersCaption,
          [zo.colRecipient, zo.colRole, zo.colSent, zo.colReply, zo.outcome],
          inv.letters.map((l) => [
            l.recipient,
            zo.roles[l.role] ?? l.role,
            frDay(l.sentOn),
            l.repliedOn ? `${frDay(l.repliedOn)} — ${l.reply ?? ""}` : "—",
            zo.outcomes[l.outcome] ?? l.outcome,
          ]),
          zo.noInventory,
        ),
      );
    if (inv.transmissions.length)
      parts.push(
        table(
          zo.transmissionsCaption,
          [zo.colAuthority, zo.authorityName, zo.sentOn, zo.documentRef],
          inv.transmissions.map((t) => [zo.authorities[t.authority] ?? t.authority, t.authorityName, frDay(t.sentOn), t.documentRef]),
          zo.noInventory,
        ),
      );
    inventoryBox.replaceChildren(...parts);
    const letter = $<HTMLSelectElement>("#r-courrier");
    const chosen = letter.value;
    letter.replaceChildren(
      ...inv.letters.map((l) => el("option", `${l.recipient} (${zo.roles[l.role] ?? l.role}) — ${zo.outcomes[l.outcome] ?? l.outcome}`, { value: l.id })),
    );
    if (chosen && inv.letters.some((l) => l.id === chosen)) letter.value = chosen;
  }

  async function openInventory(id: string, focus = false) {
    const turn = ++inventoryTurn;
    inventoryId = id;
    const { data, error, response } = await api.GET("/api/economy/inventories/{inventoryId}", { params: { path: { inventoryId: id } } });
    if (turn !== inventoryTurn) return;
    if (!data) return void notify(inventoryBox, toProblem(error, response.status).title, "error");
    drawInventory(data);
    if (focus) inventoryBox.focus();
  }

  /** Redraws what a write changed: the zones table, the opened sheet and its inventory. */
  async function redraw() {
    await zones();
    if (zoneId) await openZone(zoneId);
    if (inventoryId) await openInventory(inventoryId);
  }

  /**
   * A form whose submit sends `send`; its success notice is shown once everything is redrawn, in
   * `notice` (the inventory's steps: their form is hidden once the step is done) or the form's own.
   */
  function onSubmit(
    id: string,
    send: (f: HTMLFormElement) => Promise<{ ok: true; message: string } | { ok: false; problem: ReturnType<typeof toProblem> }>,
    notice?: HTMLElement,
  ) {
    const f = form(id);
    f.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const done = await send(f);
      if (!done.ok) return void showProblem(f, done.problem);
      clearProblem(f);
      await redraw();
      notify(notice ?? noticeOf(f), done.message, "success");
    });
  }
  const stepNotice = $("#inventaire-statut");
  const needZone = () => ({ ok: false as const, problem: toProblem({ title: zo.chooseZone }, 400) });

  onSubmit("f-unite", async (f) => {
    const siteId = text(f, "siteId");
    const price = text(f, "priceM2");
    if (!sheet || sheet.id !== siteId) await openZone(siteId);
    if (!sheet) return needZone();
    const body: UnitBody = {
      identifiedOn: text(f, "identifiedOn"),
      parcels: text(f, "parcels")
        .split(/[,;\s]+/)
        .filter(Boolean),
      grossHa: Number(text(f, "grossHa").replace(",", ".")),
      landControl: text(f, "landControl") as UnitBody["landControl"],
      developmentStage: text(f, "developmentStage") as UnitBody["developmentStage"],
      saleStage: text(f, "saleStage") as UnitBody["saleStage"],
      occupancyState: text(f, "occupancyState") as UnitBody["occupancyState"],
      use: text(f, "use") as UnitBody["use"],
      priceM2Cents: price ? Math.round(Number(price.replace(",", ".")) * 100) : null,
      geometry: rectangle(centreOf(sheet!.geometry)) as UnitBody["geometry"],
    };
    const { data, error, response } = await api.POST("/api/economy/zones/{siteId}/units", { params: { path: { siteId } }, body });
    if (!data) return { ok: false, problem: toProblem(error, response.status) };
    zoneId = siteId;
    $<HTMLSelectElement>("#v-unite").dataset.next = data.id;
    return { ok: true, message: zo.unitAdded(data.code) };
  });

  onSubmit("f-vacance", async (f) => {
    const unitId = text(f, "unitId");
    if (!unitId) return needZone();
    const note = text(f, "note");
    const { data, error, response } = await api.PUT("/api/economy/units/{unitId}/disuse", {
      params: { path: { unitId } },
      body: {
        disusedSince: text(f, "disusedSince") || null,
        evidence: text(f, "evidence") as "field_visit" | "owner_statement",
        evidenceOn: text(f, "evidenceOn"),
        ...(note ? { note } : {}),
      },
    });
    if (!data) return { ok: false, problem: toProblem(error, response.status) };
    return { ok: true, message: zo.declared(data.code) };
  });

  onSubmit("f-inventaire", async (f) => {
    if (!zoneId) return needZone();
    const taxYear = Number(text(f, "taxYear"));
    const { data, error, response } = await api.POST("/api/economy/zones/{siteId}/inventories", { params: { path: { siteId: zoneId } }, body: { taxYear } });
    if (!data) return { ok: false, problem: toProblem(error, response.status) };
    inventoryId = data.id;
    return { ok: true, message: zo.created(taxYear) };
  });

  onSubmit(
    "f-consultation",
    async (f) => {
      if (!inventoryId) return needZone();
      const { data, error, response } = await api.POST("/api/economy/inventories/{inventoryId}/consultation", {
        params: { path: { inventoryId } },
        body: { openedOn: text(f, "openedOn") },
      });
      if (!data) return { ok: false, problem: toProblem(error, response.status) };
      return { ok: true, message: zo.consultationOpened(data.letters, frDay(data.consultationUntil)) };
    },
    stepNotice,
  );

  onSubmit("f-reponse", async (f) => {
    if (!inventoryId) return needZone();
    const correction = text(f, "correction");
    const { data, error, response } = await api.POST("/api/economy/inventories/{inventoryId}/letters/{letterId}/reply", {
      params: { path: { inventoryId, letterId: text(f, "letterId") } },
      body: {
        repliedOn: text(f, "repliedOn"),
        reply: text(f, "reply"),
        outcome: text(f, "outcome") as "pending" | "no_change" | "corrected" | "rejected",
        ...(correction ? { correction } : {}),
      },
    });
    if (!data) return { ok: false, problem: toProblem(error, response.status) };
    return { ok: true, message: zo.recorded };
  });

  onSubmit(
    "f-adoption",
    async (f) => {
      if (!inventoryId) return needZone();
      const { data, error, response } = await api.POST("/api/economy/inventories/{inventoryId}/adoption", {
        params: { path: { inventoryId } },
        body: { adoptedOn: text(f, "adoptedOn"), deliberation: text(f, "deliberation") },
      });
      if (!data) return { ok: false, problem: toProblem(error, response.status) };
      return { ok: true, message: zo.adopted(frDay(data.updateDue)) };
    },
    stepNotice,
  );

  onSubmit(
    "f-transmission",
    async (f) => {
      if (!inventoryId) return needZone();
      const authority = text(f, "authority") as "scot" | "plu" | "plh";
      const { data, error, response } = await api.POST("/api/economy/inventories/{inventoryId}/transmissions", {
        params: { path: { inventoryId } },
        body: { authority, authorityName: text(f, "authorityName"), sentOn: text(f, "sentOn"), documentRef: text(f, "documentRef") },
      });
      if (!data) return { ok: false, problem: toProblem(error, response.status) };
      return { ok: true, message: zo.transmitted(zo.authorities[authority] ?? authority) };
    },
    stepNotice,
  );

  // The yearly dashboard: vacant units per zone on 1 January of each year.
  const dash = form("f-tableau");
  const from = $<HTMLInputElement>("#t-de");
  const to = $<HTMLInputElement>("#t-a");
  to.value = today.slice(0, 4);
  from.value = String(Number(to.value) - 5);
  let dashTurn = 0;
  async function dashboard() {
    const turn = ++dashTurn;
    const a = Number(from.value);
    const b = Number(to.value);
    const into = $("#tableau");
    if (!Number.isInteger(a) || !Number.isInteger(b) || a > b || b - a > 30 || a < 2000) {
      return void showProblem(dash, toProblem({ title: zo.dashboardHint, errors: [{ path: "from", message: zo.dashboardHint }] }, 400));
    }
    clearProblem(dash);
    const years = Array.from({ length: b - a + 1 }, (_, i) => a + i);
    const answers = await Promise.all(years.map((y) => api.GET("/api/economy/zones", { params: { query: { on: `${y}-01-01` } } })));
    if (turn !== dashTurn) return;
    const failed = answers.find((r) => !r.data);
    if (failed) return void notify(noticeOf(dash), toProblem(failed.error, failed.response.status).title, "error");
    const byZone = new Map<string, { name: string; points: Array<{ year: number; vacant: number; total: number; rate: number | null }> }>();
    answers.forEach((r, i) => {
      for (const z of r.data!.zones) {
        const entry = byZone.get(z.id) ?? { name: z.name, points: [] };
        entry.points.push({ year: years[i], vacant: z.vacancy.vacant, total: z.vacancy.total, rate: z.vacancy.ratePercent });
        byZone.set(z.id, entry);
      }
    });
    const zonesShown = [...byZone.values()];
    const fig = el("figure");
    fig.append(el("figcaption", zo.dashboardCaption));
    fig.append(
      lineChart({
        label: zo.chartLabel(a, b),
        series: zonesShown.map((z, i) => ({ label: z.name, points: z.points.map((p) => ({ x: p.year, y: p.vacant })), className: `serie serie-${i}` })),
        formatX: (x) => String(x),
      }),
    );
    const legend = el("ul", undefined, { class: "legende" });
    zonesShown.forEach((z, i) => legend.append(el("li", z.name, { class: `legende-${i}` })));
    fig.append(legend);
    fig.append(
      table(
        zo.dashboardCaption,
        [zo.colYearShort, ...zonesShown.map((z) => z.name)],
        years.map((y) => [
          String(y),
          ...zonesShown.map((z) => {
            const p = z.points.find((x) => x.year === y);
            return p ? zo.vacantOf(p.vacant, p.total, zo.rate(p.rate)) : "—";
          }),
        ]),
        zo.none,
      ),
    );
    into.replaceChildren(fig);
  }
  dash.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void dashboard();
  });

  // SIRENE import: « Vérifier » sends the file as a dry run and draws the report; « Importer »
  // sends the same file again (the server compares anew: nothing is trusted from the check).
  const sirene = form("f-sirene");
  const importButton = $<HTMLButtonElement>("#s-importer");
  const reportBox = $("#sirene-rapport");
  let checked: { file: File; on: string; full: boolean } | null = null;
  const changesOf = (r: SireneReport) => r.counts.new + r.counts.closed + r.rows.filter((x) => x.kind === "changed").length;
  function drawReport(r: SireneReport) {
    const counts = ["rows", "matched", "ignored", "new", "closed", "nafChanged", "bandChanged", "unchanged"] as const;
    reportBox.replaceChildren(
      table(
        zo.sireneCountsCaption,
        [zo.colWhat, zo.colCount],
        counts.map((k) => [zo.sireneCounts[k], String(r.counts[k])]),
        zo.none,
      ),
      table(
        zo.sireneRowsCaption,
        [zo.colLine, zo.colSiret, zo.colEstablishment, zo.colZone, zo.colKind, zo.colChanges, zo.colNote],
        r.rows.map((x) => [
          x.line === null ? "—" : String(x.line),
          x.siret,
          x.name,
          x.zone ?? "—",
          zo.kinds[x.kind],
          x.changes.map((c) => `${zo.fields[c.field]} : ${c.from} → ${c.to}`).join(" ; ") || "—",
          x.note ?? "",
        ]),
        zo.none,
      ),
    );
  }
  async function sendSirene(dryRun: boolean): Promise<SireneReport | null> {
    if (!checked) return null;
    const query = new URLSearchParams({ dryRun: String(dryRun), full: String(checked.full), on: checked.on });
    const sent = await upload(`${apiUrl(slug, "/api/economy/imports/sirene")}?${query}`, checked.file, {
      contentType: "text/csv",
      csrf: session.csrfToken,
      progress: $<HTMLProgressElement>("#s-progression"),
    }).catch(() => null);
    if (!sent) {
      showProblem(sirene, toProblem(null, 0, zo.sireneFailed));
      return null;
    }
    if (sent.status !== 200) {
      // A row's error names its line: said in the summary, and listed as a table under the form.
      const problem = toProblem(sent.body, sent.status, zo.sireneFailed);
      const rows = problem.errors.filter((e) => e.path.startsWith("ligne "));
      problem.errors = problem.errors.map((e) => (e.path.startsWith("ligne ") ? { ...e, message: zo.sireneRowError(e.path, e.message) } : e));
      showProblem(sirene, problem);
      if (rows.length)
        reportBox.replaceChildren(
          table(
            zo.sireneErrorsCaption,
            [zo.colLine, zo.colReason],
            rows.map((e) => [e.path.slice("ligne ".length), e.message]),
            zo.none,
          ),
        );
      return null;
    }
    clearProblem(sirene);
    return sent.body as SireneReport;
  }
  $<HTMLInputElement>("#s-fichier").addEventListener("change", () => {
    checked = null;
    importButton.hidden = true;
  });
  sirene.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    importButton.hidden = true;
    reportBox.replaceChildren();
    const file = $<HTMLInputElement>("#s-fichier").files?.[0];
    if (!file) return void showProblem(sirene, toProblem({ errors: [{ path: "body", message: zo.sireneNoFile }] }, 400));
    checked = { file, on: text(sirene, "on") || parisDay(), full: $<HTMLInputElement>("#s-complet").checked };
    const r = await sendSirene(true);
    if (!r) return void (checked = null);
    drawReport(r);
    importButton.hidden = false;
    notify(noticeOf(sirene), zo.sireneChecked(changesOf(r)), "success");
  });
  importButton.addEventListener("click", async () => {
    const r = await sendSirene(false);
    if (!r) return;
    importButton.hidden = true;
    checked = null;
    drawReport(r);
    await redraw();
    notify(noticeOf(sirene), zo.sireneImported(changesOf(r)), "success");
  });

  drawInventory(null);
  await zones();
  await dashboard();
}
