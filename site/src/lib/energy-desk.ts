/**
 * The energy back office (issue #22, ADR 0035): the buildings and their meters, a building's
 * consumption (yearly against the Décret tertiaire targets, monthly year on year: SVG charts from
 * line-chart.ts, each followed by its table), the imports, the OPERAT file, and the night base-load
 * alerts closed by the technical service.
 */
import { en } from "../i18n/eau.fr.ts";
import { apiUrl, type Schemas } from "./api/client.ts";
import { button, emptyRow, row, startAdmin, table } from "./admin-common.ts";
import { el } from "./dom.ts";
import { lineChart } from "./line-chart.ts";
import { notify } from "./kit/notice.ts";
import { parisDay } from "@communa/core/time";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

type Building = Schemas["Batiment"];
type Alert = Schemas["AlerteEnergie"];
type Energy = NonNullable<Schemas["BatimentSaisie"]["meters"]>[number]["energy"];

const kwh = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const kwhDay = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const kwhOrDash = (v: number | undefined) => (v === undefined ? "—" : kwh.format(v));
const pct = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, signDisplay: "exceptZero" });
const ratioFormat = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });
const monthName = new Intl.DateTimeFormat("fr-FR", { month: "short", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "UTC" });
const day = (d: string) => dayFormat.format(new Date(`${d}T00:00:00Z`));
const clock = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" });
const when = new Intl.DateTimeFormat("fr-FR", {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/** A table with its caption, header row and rows (the first cell of a row is its header). */

export async function startEnergyDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "environment:read");
  if (!start) return;
  const { api, slug, can } = start;
  const writer = can("environment:write");
  const detail = root.querySelector<HTMLElement>("#detail")!;
  const alertState = root.querySelector<HTMLElement>("#a-statut")!;
  for (const id of ["f-batiment", "f-factures", "f-courbe"]) root.querySelector<HTMLElement>(`#${id}`)!.closest("section")!.hidden = !writer;

  async function showBuilding(b: Building) {
    const { data, error, response } = await api.GET("/api/environment/energy/buildings/{buildingId}/consumption", { params: { path: { buildingId: b.id } } });
    if (!data) return void notify(detail, toProblem(error, response.status).title, "error");
    const parts: Node[] = [el("h3", en.detailHeading(b.name)), ...(await programmeOf(b))];
    if (!data.months.length) {
      parts.push(el("p", en.noReading));
      detail.replaceChildren(...parts);
      return detail.focus();
    }
    // The yearly trajectory: the years' totals, the targets as lines.
    const trajectory = b.referenceYear
      ? await api.GET("/api/environment/energy/buildings/{buildingId}/trajectory", { params: { path: { buildingId: b.id } } }).then((r) => r.data)
      : undefined;
    if (trajectory) parts.push(el("p", en.referenceLine(trajectory.referenceYear, kwh.format(trajectory.referenceKwh), trajectory.referenceComplete)));
    else parts.push(el("p", en.noReferenceYear, { class: "muted" }));
    const years = el("figure");
    years.append(el("figcaption", en.yearsCaption));
    years.append(
      lineChart({
        label: en.yearsChart(data.years.length),
        series: [{ label: en.yearsCaption, points: data.years.map((y) => ({ x: y.year, y: y.kwh })), className: "serie" }],
        lines: (trajectory?.targets ?? []).map((t) => ({
          y: t.maxKwh,
          label: en.target(t.year, t.reduction * 100, kwh.format(t.maxKwh)),
          className: "limite",
        })),
        formatX: (x) => String(x),
      }),
    );
    if (trajectory) years.append(el("ul", undefined, { class: "legende" }));
    for (const t of trajectory?.targets ?? []) years.querySelector("ul")!.append(el("li", en.target(t.year, t.reduction * 100, kwh.format(t.maxKwh))));
    const change = new Map((trajectory?.years ?? []).map((y) => [y.year, y.changePct]));
    years.append(
      table(
        en.yearsCaption,
        [en.colYear, en.colKwh, en.colComplete, en.colChange],
        data.years.map((y) => [
          String(y.year),
          kwh.format(y.kwh),
          y.days >= 365 ? en.yes : en.no,
          change.has(y.year) ? `${pct.format(change.get(y.year)!)} %` : "—",
        ]),
        en.noReading,
      ),
    );
    parts.push(years);
    parts.push(monthsFigure(data.months, en.monthsCaption, en.monthsChart));
    if (data.days.length) parts.push(daysFigure(data.days));
    detail.replaceChildren(...parts);
    detail.focus();
  }

  /** The months of the last two years, year on year: a chart and its table. */
  function monthsFigure(months: { month: string; kwh: number }[], caption: string, chartLabel: (years: string) => string): HTMLElement {
    const shown = [...new Set(months.map((m) => m.month.slice(0, 4)))].slice(-2);
    const figure = el("figure");
    figure.append(el("figcaption", caption));
    figure.append(
      lineChart({
        label: chartLabel(shown.join(", ")),
        series: shown.map((year, i) => ({
          label: year,
          points: months.filter((m) => m.month.startsWith(year)).map((m) => ({ x: Number(m.month.slice(5, 7)), y: m.kwh })),
          className: `serie serie-${i}`,
        })),
        formatX: (x) => monthName.format(new Date(Date.UTC(2000, x - 1, 1))),
      }),
    );
    const legend = el("ul", undefined, { class: "legende" });
    shown.forEach((year, i) => legend.append(el("li", year, { class: `legende-${i}` })));
    figure.append(legend);
    const byMonth = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
    figure.append(
      table(
        caption,
        [en.colMonth, ...shown],
        byMonth.map((mm) => [
          monthName.format(new Date(Date.UTC(2000, Number(mm) - 1, 1))),
          ...shown.map((year) => {
            const m = months.find((x) => x.month === `${year}-${mm}`);
            return m ? kwh.format(m.kwh) : "—";
          }),
        ]),
        en.noReading,
      ),
    );
    return figure;
  }

  /** The days of the load curve: a chart and its table. */
  function daysFigure(days: { day: string; kwh: number; minutes: number }[]): HTMLElement {
    const figure = el("figure");
    figure.append(el("figcaption", en.daysCaption));
    figure.append(
      lineChart({
        label: en.daysChart(days.length),
        series: [{ label: en.daysCaption, points: days.map((d) => ({ x: Date.parse(`${d.day}T12:00:00Z`), y: d.kwh })), className: "serie" }],
        formatX: (x) => dayFormat.format(new Date(x)),
      }),
    );
    figure.append(
      table(
        en.daysCaption,
        [en.colDate, en.colKwh, en.colCovered],
        days.map((d) => [day(d.day), kwhDay.format(d.kwh), en.covered(d.minutes)]),
        en.noReading,
      ),
    );
    return figure;
  }

  /** Every building summed, month by month, and each building's years. */
  async function portfolio() {
    const into = root.querySelector<HTMLElement>("#patrimoine")!;
    const { data } = await api.GET("/api/environment/energy/portfolio");
    if (!data?.months.length) return void into.replaceChildren(el("p", en.noReading, { class: "muted" }));
    const years = data.years.map((y) => y.year);
    into.replaceChildren(
      monthsFigure(data.months, en.portfolioMonths, en.portfolioChart),
      table(
        en.portfolioYears,
        [en.colName, ...years.map(String)],
        [
          ...data.buildings.map((b) => [b.name, ...years.map((y) => kwhOrDash(b.years.find((x) => x.year === y)?.kwh))]),
          [en.colTotal, ...data.years.map((y) => kwh.format(y.kwh))],
        ],
        en.noReading,
      ),
    );
  }

  /** The heating programme of the next 7 days (from today in Paris), its table and its CSV. */
  async function programmeOf(b: Building): Promise<Node[]> {
    if (!b.heating) return [el("p", en.noHeating, { class: "muted" })];
    const query = { du: parisDay(), jours: 7 };
    const { data } = await api.GET("/api/environment/energy/buildings/{buildingId}/heating-programme", { params: { path: { buildingId: b.id }, query } });
    if (!data) return [];
    const csv = el("p");
    csv.append(
      el("a", en.programmeCsv, { href: apiUrl(slug, `/api/environment/energy/buildings/${b.id}/heating-programme.csv?du=${query.du}&jours=${query.jours}`) }),
    );
    return [
      table(
        en.programmeCaption(b.name),
        [en.colFrom, en.colTo, en.colSetpoint, en.colReason],
        data.periods.map((p) => [
          when.format(new Date(p.from)),
          when.format(new Date(p.to)),
          en.setpointText(p.setpointC),
          [en.reasons[p.reason] ?? p.reason, ...p.references].join(" "),
        ]),
        en.noHeating,
      ),
      csv,
    ];
  }

  let known: Building[] = [];
  async function buildings() {
    const { data, error, response } = await api.GET("/api/environment/energy/buildings");
    const into = root.querySelector<HTMLElement>("#batiments")!;
    if (!data) return void notify(into, toProblem(error, response.status).title, "error");
    known = data.buildings;
    into.replaceChildren(
      table(
        en.buildingsCaption,
        [en.colName, en.colReference, en.colArea, en.colScope, en.colMeters, en.colActions],
        data.buildings.map((b) => [
          b.name,
          b.reference,
          kwh.format(b.floorAreaM2),
          b.inScope ? en.inScope : en.outOfScope,
          b.meters.map((mt) => `${en.energies[mt.energy] ?? mt.energy} ${mt.deliveryPoint}`).join(", "),
          button(en.show, en.showLabel(b.name), () => void showBuilding(b)),
        ]),
        en.none,
      ),
    );
  }

  async function alerts() {
    const { data, error, response } = await api.GET("/api/environment/energy/alerts", {});
    const into = root.querySelector<HTMLElement>("#alertes")!;
    if (!data) return void notify(into, toProblem(error, response.status).title, "error");
    root.querySelector<HTMLElement>("#a-aide")!.textContent = en.alertsHint(Math.round(data.ratio * 100));
    const handle = async (a: Alert, status: "open" | "done" | "dismissed", note: HTMLInputElement) => {
      const res = await api.PATCH("/api/environment/energy/alerts/{alertId}", {
        params: { path: { alertId: a.id } },
        body: { status, note: note.value.trim() || null },
      });
      if (!res.data) return void notify(alertState, toProblem(res.error, res.response.status).title, "error");
      notify(alertState, en.handled(en.statuses[res.data.status] ?? res.data.status), "success");
      await alerts();
    };
    into.replaceChildren(
      table(
        en.alertsCaption,
        [en.colDay, en.colName, en.colKind, en.colNight, en.colDaytime, en.colRatio, en.colStatus, en.note, en.colActions],
        data.alerts.map((a) => {
          const when = day(a.day);
          const note = el("input", undefined, { type: "text", maxlength: "1000", "aria-label": en.noteLabel(a.buildingName, when) });
          note.value = a.note ?? "";
          note.disabled = !writer;
          const actions = el("div");
          if (writer && a.status === "open")
            actions.append(
              button(en.markDone, en.markDoneLabel(a.buildingName, when), () => void handle(a, "done", note), false),
              " ",
              button(en.dismiss, en.dismissLabel(a.buildingName, when), () => void handle(a, "dismissed", note)),
            );
          else if (writer) actions.append(button(en.reopen, en.reopenLabel(a.buildingName, when), () => void handle(a, "open", note)));
          return [
            when,
            `${a.buildingName} (${en.energies[a.energy] ?? a.energy} ${a.deliveryPoint})`,
            [
              en.kinds[a.kind] ?? a.kind,
              ...a.periods.map((p) => en.period(clock.format(new Date(p.from)), clock.format(new Date(p.to)), kwh.format(p.watts))),
            ].join(" ; "),
            kwh.format(a.nightWatts),
            kwh.format(a.dayWatts),
            ratioFormat.format(a.ratio),
            en.statuses[a.status] ?? a.status,
            note,
            actions,
          ];
        }),
        en.noAlert,
      ),
    );
  }

  // A building (the reference identifies it; the meter is added when given). A known reference
  // fills in what the form would otherwise replace (its rooms, its heating schedule).
  const form = root.querySelector<HTMLFormElement>("#f-batiment")!;
  form.querySelector<HTMLInputElement>("#n-reference")!.addEventListener("change", (ev) => {
    const b = known.find((x) => x.reference === (ev.target as HTMLInputElement).value.trim());
    if (!b) return;
    const set = (name: string, value: string) => ((form.elements.namedItem(name) as HTMLInputElement).value = value);
    set("name", b.name);
    set("floorAreaM2", String(b.floorAreaM2));
    set("activity", b.activity);
    set("referenceYear", b.referenceYear ? String(b.referenceYear) : "");
    for (const box of Array.from(form.querySelectorAll<HTMLInputElement>('input[name="room"]'))) box.checked = b.bookingResourceIds.includes(box.value);
    set("heatingHours", b.heating?.hours ?? "");
    if (b.heating) {
      set("comfortC", String(b.heating.comfortC).replace(".", ","));
      set("reducedC", String(b.heating.reducedC).replace(".", ","));
      set("preheatMinutes", String(b.heating.preheatMinutes));
    }
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const point = v("deliveryPoint");
    const number = (name: string) => {
      const raw = v(name);
      return /^\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : undefined;
    };
    const hours = v("heatingHours");
    const setpoints = { comfortC: number("comfortC"), reducedC: number("reducedC"), preheatMinutes: number("preheatMinutes") };
    const wrong = hours ? Object.entries(setpoints).find(([, x]) => x === undefined)?.[0] : undefined;
    if (wrong) return void showProblem(form, toProblem({ title: en.badNumber, errors: [{ path: `body/heating/${wrong}`, message: en.badNumber }] }, 400));
    const body = {
      reference: v("reference"),
      name: v("name"),
      floorAreaM2: Number(v("floorAreaM2")),
      activity: v("activity"),
      referenceYear: v("referenceYear") ? Number(v("referenceYear")) : null,
      meters: point
        ? [{ energy: v("energy") as Energy, deliveryPoint: point, deviceId: v("deviceId") || null, stepMinutes: Number(v("stepMinutes") || 10) }]
        : [],
      bookingResourceIds: Array.from(form.querySelectorAll<HTMLInputElement>('input[name="room"]:checked')).map((c) => c.value),
      heating: hours ? { hours, ...(setpoints as { comfortC: number; reducedC: number; preheatMinutes: number }) } : null,
    };
    const { data, error, response } = await api.POST("/api/environment/energy/buildings", { body });
    if (!data) return void showProblem(form, toProblem(error, response.status));
    clearProblem(form);
    notify(form.querySelector<HTMLElement>("[data-notice]")!, en.saved(data.name), "success");
    await buildings();
  });

  // The two CSV imports.
  const upload = (id: string, send: (csv: string) => Promise<string | null>) => {
    const f = root.querySelector<HTMLFormElement>(`#${id}`)!;
    const notice = f.querySelector<HTMLElement>("[data-notice]")!;
    f.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const file = f.querySelector<HTMLInputElement>('input[type="file"]')!.files?.[0];
      if (!file) return;
      notify(notice, en.sending);
      const done = await send(await file.text());
      if (done) {
        clearProblem(f);
        notify(notice, done, "success");
      } else notify(notice, "");
    });
    return f;
  };
  const invoices = upload("f-factures", async (csv) => {
    const { data, error, response } = await api.POST("/api/environment/energy/invoices", { body: { csv } });
    if (!data) {
      showProblem(invoices, toProblem(error, response.status));
      return null;
    }
    await Promise.all([buildings(), portfolio()]);
    return en.invoicesDone(data.lines, data.changed);
  });
  const curve = upload("f-courbe", async (csv) => {
    const { data, error, response } = await api.POST("/api/environment/energy/load-curves/import", { body: { csv } });
    if (!data) {
      showProblem(curve, toProblem(error, response.status));
      return null;
    }
    await alerts();
    return en.curveDone(data.lines, data.alertsOpened);
  });

  // The OPERAT file of a year (last year by default: the declaration is made the year after).
  const year = root.querySelector<HTMLInputElement>("#o-annee")!;
  const link = root.querySelector<HTMLAnchorElement>("#o-lien")!;
  const setLink = () => {
    const y = Number(year.value);
    if (!Number.isInteger(y) || y < 2010 || y > 2100) return;
    link.href = apiUrl(slug, `/api/environment/energy/operat.csv?annee=${y}`);
    link.textContent = en.operatLink(y);
  };
  year.value = String(new Date().getFullYear() - 1);
  year.addEventListener("input", setLink);
  setLink();

  /** The booking module's rooms, as checkboxes of the building form. */
  async function rooms() {
    const into = root.querySelector<HTMLElement>("#n-salles-liste")!;
    const { data } = await api.GET("/api/environment/energy/booking-resources");
    const list = data?.resources ?? [];
    if (!list.length) return void into.replaceChildren(el("p", en.noRooms, { class: "muted" }));
    into.replaceChildren(
      ...list.map((r, i) => {
        const line = el("p", undefined, { class: "champ" });
        line.append(
          el("input", undefined, { type: "checkbox", id: `n-salle-${i}`, name: "room", value: r.id }),
          " ",
          el("label", r.name, { for: `n-salle-${i}` }),
        );
        return line;
      }),
    );
  }

  await Promise.all([portfolio(), buildings(), alerts(), writer ? rooms() : Promise.resolve()]);
}
