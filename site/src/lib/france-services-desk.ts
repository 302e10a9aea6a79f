/**
 * The France Services desk (issue #18): the entry form (radio choices, the agent's last choices as
 * defaults, the same form for a referent's correction), the agent's day, the referent's day of
 * everyone, the statistics (SVG chart and table, CSV in a chosen format), the yearly summary, and
 * the partners, places and sessions. Built with the DOM only (no HTML from data).
 */
import { fs } from "../i18n/france-services.fr.ts";
import { apiUrl, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { button, startAdmin, table, text } from "./admin-common.ts";
import { lineChart } from "./line-chart.ts";
import { parisDay, parisFormat } from "@communa/core/time";
import { notify } from "./kit/notice.ts";
import { clearProblem, problemLine, showProblem, toProblem } from "./kit/problem.ts";
import { fromParisInput } from "./kit/paris-time.ts";

type Accompaniment = Schemas["Accompagnement"];
type Place = Schemas["LieuFranceServices"];
type BookingPlace = NonNullable<Place["booking"]>;
type Session = Schemas["AtelierFranceServices"];
type Partner = Schemas["PartenaireFranceServices"];

const time = parisFormat({ timeStyle: "short" });
const when = parisFormat({ dateStyle: "medium", timeStyle: "short" });
const RADIOS = ["minutes", "channel", "operator", "family", "mission", "outcome", "autonomy"] as const;

export async function startFranceServicesDesk(root: HTMLElement): Promise<void> {
  const start = await startAdmin(root, "france-services:read");
  if (!start) return;
  const { api, slug, can } = start;
  const today = parisDay();
  const entry = document.getElementById("f-accompagnement") as HTMLFormElement;
  const entryNotice = entry.querySelector<HTMLElement>("[data-notice]")!;
  const saveButton = document.getElementById("a-enregistrer")!;
  const cancelButton = document.getElementById("a-annuler") as HTMLButtonElement;
  const heading = document.getElementById("a-titre")!;
  const mandate = document.getElementById("a-mandat") as HTMLInputElement;
  const mandateRef = document.getElementById("a-mandat-ref")!;
  let communes: Array<{ insee: string; name: string }> = [];
  let localOperators: Array<{ id: string; name: string }> = [];
  let editing: Accompaniment | null = null;
  const communeName = (insee: string) => communes.find((c) => c.insee === insee)?.name ?? insee;
  const operatorName = (a: { operator: string; operatorName?: string | null }) =>
    a.operatorName ?? (fs.operators as Record<string, string>)[a.operator] ?? localOperators.find((p) => p.id === a.operator)?.name ?? a.operator;

  mandate.addEventListener("change", () => {
    mandateRef.hidden = !mandate.checked;
  });

  function setRadio(name: string, value: string | number | null | undefined) {
    if (value === null || value === undefined) return;
    const input = entry.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"][value="${CSS.escape(String(value))}"]`);
    if (input) input.checked = true;
  }

  /** Fills the form from a record: the agent's last one (defaults) or the one a referent corrects. */
  function fill(a: Accompaniment | null, { withDay = false, withMandate = false } = {}) {
    (entry.elements.namedItem("day") as HTMLInputElement).value = withDay && a ? a.day : today;
    if (!a) return;
    for (const name of RADIOS) setRadio(name, a[name]);
    (entry.elements.namedItem("communeInsee") as HTMLSelectElement).value = a.communeInsee;
    mandate.checked = withMandate && a.mandate;
    mandateRef.hidden = !mandate.checked;
    (entry.elements.namedItem("mandateReference") as HTMLInputElement).value = withMandate ? (a.mandateReference ?? "") : "";
  }

  function body() {
    const data = new FormData(entry);
    const value = (n: string) => String(data.get(n) ?? "");
    return {
      day: value("day"),
      minutes: Number(value("minutes")) || 0,
      channel: value("channel"),
      communeInsee: value("communeInsee"),
      operator: value("operator"),
      family: value("family"),
      mission: value("mission"),
      outcome: value("outcome"),
      autonomy: Number(value("autonomy")) || 0,
      mandate: mandate.checked,
      ...(mandate.checked ? { mandateReference: value("mandateReference").trim() || null } : {}),
    };
  }

  function stopEditing() {
    editing = null;
    heading.textContent = fs.entryHeading;
    saveButton.textContent = fs.save;
    cancelButton.hidden = true;
  }
  cancelButton.addEventListener("click", () => {
    stopEditing();
    void loadDay();
  });

  const dayTable = (caption: string, list: Accompaniment[], correctable: boolean) =>
    table(
      caption,
      [
        fs.colTime,
        fs.colMinutes,
        fs.colChannel,
        fs.colCommune,
        fs.colOperator,
        fs.colFamily,
        fs.colMission,
        fs.colOutcome,
        ...(correctable ? [fs.colAction] : []),
      ],
      list.map((a) => {
        const at = time.format(new Date(a.createdAt));
        return [
          at,
          fs.minutesValue(a.minutes),
          fs.channels[a.channel],
          communeName(a.communeInsee),
          operatorName(a),
          fs.families[a.family],
          fs.missions[a.mission],
          fs.outcomes[a.outcome],
          ...(correctable ? [button(fs.correct, fs.correctLabel(at), () => startCorrection(a))] : []),
        ];
      }),
      fs.none,
    );

  function startCorrection(a: Accompaniment) {
    editing = a;
    fill(a, { withDay: true, withMandate: true });
    heading.textContent = fs.correctionHeading(a.day);
    saveButton.textContent = fs.saveCorrection;
    cancelButton.hidden = false;
    heading.focus();
  }

  /** The agent's day; with no correction under way, the form takes the last entry's choices. */
  async function loadDay() {
    const { data } = await api.GET("/api/france-services/accompaniments/mine", { params: { query: { day: today } } });
    const list = data?.accompaniments ?? [];
    document.getElementById("journee")!.replaceChildren(dayTable(fs.myDayCaption(list.length), list, false));
    if (!editing) fill(data?.last ?? null);
    return list.length;
  }

  async function loadForm() {
    const { data } = await api.GET("/api/france-services/form");
    communes = data?.communes ?? [];
    localOperators = data?.localOperators ?? [];
    for (const id of ["a-commune", "l-commune"]) {
      const select = document.getElementById(id) as HTMLSelectElement;
      select.replaceChildren(...communes.map((c) => el("option", c.name, { value: c.insee })));
    }
    const box = document.getElementById("a-organismes")!;
    for (const old of Array.from(box.querySelectorAll("[data-local]"))) old.remove();
    for (const p of localOperators) {
      const id = `a-operator-${p.id}`;
      box.append(
        el("input", undefined, { type: "radio", name: "operator", id, value: p.id, required: "", "data-local": "" }),
        el("label", p.name, { for: id, "data-local": "" }),
      );
    }
  }

  entry.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const json = body() as never;
    const answer = editing
      ? await api.PUT("/api/france-services/accompaniments/{id}", { params: { path: { id: editing.id } }, body: json })
      : await api.POST("/api/france-services/accompaniments", { body: json });
    if (!answer.data) return void showProblem(entry, toProblem(answer.error, answer.response.status));
    clearProblem(entry);
    const corrected = editing !== null;
    stopEditing();
    const n = await loadDay();
    if (corrected && can("france-services:correct")) await loadAll();
    notify(entryNotice, corrected ? fs.corrected : fs.saved(n), "success");
    await loadStats();
  });

  // The referent's day of everyone.
  const dayForm = document.getElementById("f-jour") as HTMLFormElement;
  async function loadAll() {
    const day = text(dayForm, "day");
    const { data, error, response } = await api.GET("/api/france-services/accompaniments", { params: { query: { day } } });
    if (!data) return void showProblem(dayForm, toProblem(error, response.status));
    clearProblem(dayForm);
    document.getElementById("tous")!.replaceChildren(dayTable(fs.allDayCaption(data.accompaniments.length), data.accompaniments, true));
  }
  if (can("france-services:correct")) {
    document.getElementById("referent")!.hidden = false;
    (dayForm.elements.namedItem("day") as HTMLInputElement).value = today;
    dayForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      void loadAll();
    });
  }

  // Statistics: the current month by default; the CSV in the chosen format.
  const statsForm = document.getElementById("f-stats") as HTMLFormElement;
  (document.getElementById("s-du") as HTMLInputElement).value = `${today.slice(0, 7)}-01`;
  (document.getElementById("s-au") as HTMLInputElement).value = today;
  const formatSelect = document.getElementById("s-format") as HTMLSelectElement;
  const csvLink = document.getElementById("s-csv") as HTMLAnchorElement;
  const csvHref = () => {
    const query = new URLSearchParams({ from: text(statsForm, "from"), to: text(statsForm, "to"), format: formatSelect.value });
    csvLink.href = apiUrl(slug, `/api/france-services/statistics.csv?${query}`);
    csvLink.download = `france-services-${query.get("from")}-${query.get("to")}.csv`;
  };
  formatSelect.addEventListener("change", csvHref);
  async function loadFormats() {
    const { data } = await api.GET("/api/france-services/export-formats");
    formatSelect.replaceChildren(...(data?.formats ?? []).map((f) => el("option", `${f.id} — ${f.source}`, { value: f.id })));
  }
  const operatorKey = (k: string) => (fs.operators as Record<string, string>)[k] ?? k;
  async function loadStats() {
    const query = { from: text(statsForm, "from"), to: text(statsForm, "to") };
    const { data, error, response } = await api.GET("/api/france-services/statistics", { params: { query } });
    if (!data) return void showProblem(statsForm, toProblem(error, response.status));
    clearProblem(statsForm);
    csvHref();
    document.getElementById("s-resume")!.textContent = fs.statsSummary(data.total, data.minutes);
    const caption = fs.chart(query.from, query.to);
    document.getElementById("s-courbe")!.replaceChildren(
      el("figcaption", caption),
      lineChart({
        label: caption,
        series: [{ label: fs.colCount, points: data.byMonth.map((m, i) => ({ x: i, y: m.count })), className: "serie" }],
        formatX: (i) => data.byMonth[Math.round(i)]?.month ?? "",
      }),
      table(
        caption,
        [fs.colMonth, fs.colCount],
        data.byMonth.map((m) => [m.month, String(m.count)]),
        fs.none,
      ),
    );
    document.getElementById("s-lignes")!.replaceChildren(
      table(
        fs.linesCaption,
        [fs.colMonth, fs.colOperator, fs.colCommune, fs.colMission, fs.colCount],
        data.lines.map((l) => [
          l.month,
          operatorKey(l.operator),
          communeName(l.commune),
          fs.missions[l.mission as keyof typeof fs.missions] ?? l.mission,
          String(l.count),
        ]),
        fs.none,
      ),
    );
    document.getElementById("stats")!.hidden = false;
  }
  statsForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void loadStats();
  });

  // The yearly summary.
  const yearForm = document.getElementById("f-annee") as HTMLFormElement;
  (yearForm.elements.namedItem("year") as HTMLInputElement).value = today.slice(0, 4);
  yearForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const { data, error, response } = await api.GET("/api/france-services/statistics/year", { params: { query: { year: text(yearForm, "year") } } });
    if (!data) return void showProblem(yearForm, toProblem(error, response.status));
    clearProblem(yearForm);
    const part = (caption: string, list: Array<{ key: string; count: number }>, name: (k: string) => string) =>
      table(
        caption,
        [fs.colKey, fs.colCount],
        list.map((f) => [name(f.key), String(f.count)]),
        fs.none,
      );
    const dict = (d: Record<string, string>) => (k: string) => d[k] ?? k;
    document.getElementById("bilan")!.replaceChildren(
      el("p", fs.yearSummary(data.year, data.total, data.minutes, data.mandates)),
      part(fs.byOperator, data.byOperator, operatorKey),
      part(fs.byMission, data.byMission, dict(fs.missions)),
      part(fs.byFamily, data.byFamily, dict(fs.families)),
      part(fs.byChannel, data.byChannel, dict(fs.channels)),
      part(fs.byCommune, data.byCommune, communeName),
      part(fs.byOutcome, data.byOutcome, dict(fs.outcomes)),
      part(fs.byAutonomy, data.byAutonomy, (k) => fs.autonomy[Number(k)] ?? k),
    );
  });

  // Partners.
  const partnerForm = document.getElementById("f-partenaire") as HTMLFormElement;
  async function loadPartners() {
    const { data } = await api.GET("/api/france-services/partners");
    const list = (data?.partners ?? []) as Partner[];
    document.getElementById("partenaires")!.replaceChildren(
      table(
        fs.partnersCaption,
        [fs.partnerName, fs.partnerKind, fs.active, fs.colAction],
        list.map((p) => [
          p.name,
          fs.partnerKinds[p.kind] ?? p.kind,
          p.active ? fs.yes : fs.no,
          button(p.active ? fs.withdraw : fs.restore, p.active ? fs.withdrawLabel(p.name) : fs.restoreLabel(p.name), async () => {
            await api.PUT("/api/france-services/partners/{id}", { params: { path: { id: p.id } }, body: { name: p.name, kind: p.kind, active: !p.active } });
            await Promise.all([loadPartners(), loadForm()]);
          }),
        ]),
        fs.none,
      ),
    );
    (document.getElementById("t-partenaire") as HTMLSelectElement).replaceChildren(...list.map((p) => el("option", p.name, { value: p.id })));
  }
  partnerForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const name = text(partnerForm, "name");
    const { data, error, response } = await api.POST("/api/france-services/partners", { body: { name, kind: text(partnerForm, "kind") } as never });
    if (!data) return void showProblem(partnerForm, toProblem(error, response.status));
    clearProblem(partnerForm);
    partnerForm.reset();
    await Promise.all([loadPartners(), loadForm()]);
    fill(null);
    await loadDay();
    notify(partnerForm.querySelector<HTMLElement>("[data-notice]")!, fs.partnerAdded(data.name), "success");
  });

  // Places and their weekly slots; where a permanence is booked online (a place of the
  // appointments module, with the motifs bookable there).
  const placeForm = document.getElementById("f-lieu") as HTMLFormElement;
  let bookable: BookingPlace[] = [];
  const bookingOptions = (chosen: string | null) => [
    el("option", fs.walkIn, { value: "" }),
    ...bookable.map((b) => {
      const o = el("option", fs.bookingOption(b.name, b.motifs.length), { value: b.id });
      o.selected = b.id === chosen;
      return o;
    }),
  ];
  async function loadPlaces() {
    const [{ data }, choices] = await Promise.all([api.GET("/api/france-services/places"), api.GET("/api/france-services/booking-places")]);
    bookable = (choices.data?.places ?? []) as BookingPlace[];
    (document.getElementById("l-rdv") as HTMLSelectElement).replaceChildren(...bookingOptions(null));
    const list = (data?.places ?? []) as Place[];
    document.getElementById("lieux")!.replaceChildren(
      table(
        fs.placesCaption,
        [fs.placeName, fs.placeKind, fs.colCommune, fs.address, fs.colHours, fs.colBooking],
        list.map((p) => [p.name, fs.placeKinds[p.kind] ?? p.kind, p.communeName ?? p.communeInsee, p.address, p.openingHours || fs.noHours, bookingCell(p)]),
        fs.none,
      ),
    );
  }
  /** The place's booking link, changed in the row: a choice and its button (no change on select). */
  function bookingCell(p: Place) {
    const cell = el("div");
    const select = el("select", undefined, { "aria-label": fs.bookingFor(p.name) }) as HTMLSelectElement;
    select.replaceChildren(...bookingOptions(p.bookingPlaceId));
    const status = el("span", undefined, { role: "status" });
    cell.append(
      select,
      " ",
      button(fs.save, fs.saveBookingFor(p.name), async () => {
        const { communeName: _c, openingHours: _o, booking: _b, id, ...rest } = p;
        const { data, error, response } = await api.PUT("/api/france-services/places/{id}", {
          params: { path: { id } },
          body: { ...rest, bookingPlaceId: select.value || null } as never,
        });
        if (!data) return void (status.textContent = problemLine(error, response.status));
        await loadPlaces();
        notify(
          placeForm.querySelector<HTMLElement>("[data-notice]")!,
          data.booking ? fs.bookingLinked(data.name, data.booking.name) : fs.bookingRemoved(data.name),
          "success",
        );
      }),
      status,
    );
    return cell;
  }
  placeForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const slots = [1, 2, 3]
      .map((i) => ({ weekday: Number(text(placeForm, `slotDay${i}`)), start: text(placeForm, `slotStart${i}`), end: text(placeForm, `slotEnd${i}`) }))
      .filter((s) => s.weekday || s.start || s.end);
    const body = {
      name: text(placeForm, "name"),
      kind: text(placeForm, "kind"),
      communeInsee: text(placeForm, "communeInsee"),
      address: text(placeForm, "address"),
      slots,
      bookingPlaceId: text(placeForm, "bookingPlaceId") || null,
    };
    const { data, error, response } = await api.POST("/api/france-services/places", { body: body as never });
    if (!data) return void showProblem(placeForm, toProblem(error, response.status));
    clearProblem(placeForm);
    placeForm.reset();
    await loadPlaces();
    notify(placeForm.querySelector<HTMLElement>("[data-notice]")!, fs.placeAdded(data.name), "success");
  });

  // Sessions and their registrations.
  const sessionForm = document.getElementById("f-atelier") as HTMLFormElement;
  async function loadSessions() {
    const { data } = await api.GET("/api/france-services/sessions");
    const list = (data?.sessions ?? []) as Session[];
    document.getElementById("ateliers")!.replaceChildren(
      table(
        fs.sessionsCaption,
        [fs.sessionTitle, fs.sessionPartner, fs.colWhen, fs.colSeats, fs.colAction],
        list.map((s) => [
          s.title,
          s.partnerName,
          when.format(new Date(s.startsAt)),
          `${s.registered} / ${s.capacity}`,
          button(fs.registrations, fs.registrationsLabel(s.title), () => void showRegistrations(s)),
        ]),
        fs.none,
      ),
    );
  }
  async function showRegistrations(s: Session) {
    const { data } = await api.GET("/api/france-services/sessions/{id}/registrations", { params: { path: { id: s.id } } });
    document.getElementById("inscrits")!.replaceChildren(
      table(
        fs.registrationsCaption(s.title),
        [fs.colName, fs.colContact],
        (data?.registrations ?? []).map((r) => [r.fullName, [r.email, r.phone].filter(Boolean).join(" · ")]),
        fs.none,
      ),
    );
  }
  sessionForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = {
      partnerId: text(sessionForm, "partnerId"),
      title: text(sessionForm, "title"),
      startsAt: fromParisInput(text(sessionForm, "startsAt")) ?? "",
      minutes: Number(text(sessionForm, "minutes")),
      capacity: Number(text(sessionForm, "capacity")),
      address: text(sessionForm, "address"),
    };
    const { data, error, response } = await api.POST("/api/france-services/sessions", { body: body as never });
    if (!data) return void showProblem(sessionForm, toProblem(error, response.status));
    clearProblem(sessionForm);
    sessionForm.reset();
    await loadSessions();
    notify(sessionForm.querySelector<HTMLElement>("[data-notice]")!, fs.sessionAdded(data.title), "success");
  });

  await Promise.all([loadForm(), loadFormats(), loadPartners()]);
  await Promise.all([loadDay(), loadStats(), loadPlaces(), loadSessions()]);
  root.dataset.ready = "true";
}
