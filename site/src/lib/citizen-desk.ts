/**
 * The reception back office (issue #17): the day's agenda of every agent, narrowed to one place for
 * the desk, each appointment marked in one click (seen, excused, no-show), the banner of the
 * signed-in agent's next visio appointment (« Votre prochain rendez-vous commence à 16:00 »: the
 * API computes it from its clock, the page only shows it), the request queue (the agent's own
 * first, overdue first), and the contact log: a call, a visit or a letter becomes a request with its
 * tracking code and its receipt.
 */
import { c } from "../i18n/rendez-vous.fr.ts";
import type { Api, paths } from "./api/client.ts";
import { emptyRow } from "./admin-common.ts";
import { el } from "./dom.ts";
import { frenchLongDate, parisDay } from "@communa/core/time";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";
import { hour, longDay } from "./citizen-slots.ts";

type Agenda = paths["/api/citizen/agenda"]["get"]["responses"][200]["content"]["application/json"];
type Item = paths["/api/citizen/requests"]["get"]["responses"][200]["content"]["application/json"]["mine"][number];

function cells(values: Array<string | Node>): HTMLTableRowElement {
  const tr = el("tr");
  for (const v of values) {
    const td = el("td");
    td.append(v);
    tr.append(td);
  }
  return tr;
}

export async function startCitizenDesk(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = document.getElementById("etat")!;
  const start = await startSession(slug, "citizen:read");
  if (!start.ok) {
    state.textContent = start.reason === "unavailable" ? c.unavailable : start.reason === "signed-out" ? c.signedOut : c.notAllowed;
    return;
  }
  const api: Api = start.api;
  const dayInput = document.getElementById("a-jour") as HTMLInputElement;
  const placeSelect = document.getElementById("a-lieu") as HTMLSelectElement;
  const agendaStatus = document.getElementById("agenda-statut")!;
  dayInput.value = new URLSearchParams(location.search).get("jour") ?? parisDay();
  // Only the last asked day is shown: an earlier answer arriving late is dropped.
  let asked = 0;
  // Listening before the lists below load: a day asked meanwhile is not a native form submission.
  document.getElementById("f-agenda")!.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void agenda();
  });

  // The tenant's own places (desk view), services and request types.
  const [{ data: catalogue }, { data: types }] = await Promise.all([
    api.GET("/api/citizen/catalogue").catch(() => ({ data: undefined })),
    api.GET("/api/citizen/request-types").catch(() => ({ data: undefined })),
  ]);
  for (const p of (catalogue?.places ?? []).filter((x) => x.tenant === slug)) placeSelect.append(el("option", p.name, { value: p.id }));
  const serviceSelect = document.getElementById("c-service") as HTMLSelectElement;
  for (const s of (catalogue?.services ?? []).filter((x) => x.tenant === slug)) serviceSelect.append(el("option", s.name, { value: s.id }));
  const typeSelect = document.getElementById("c-type") as HTMLSelectElement;
  for (const t of types?.types ?? []) typeSelect.append(el("option", t.name, { value: t.id }));

  async function mark(a: Agenda["appointments"][number], status: "seen" | "excused" | "no_show") {
    const answer = await api.POST("/api/citizen/appointments/{appointmentId}/status", { params: { path: { appointmentId: a.id } }, body: { status } });
    if (!answer.data) return notify(agendaStatus, toProblem(answer.error, answer.response.status, c.statusFailed).detail, "error");
    // The notice once the agenda shows the new status: read before, the row still said the old one.
    await agenda();
    notify(agendaStatus, c.marked(a.name, c.statuses[status]), "success");
  }

  async function agenda() {
    const mine = ++asked;
    const day = dayInput.value || parisDay();
    const placeName = placeSelect.value ? (placeSelect.selectedOptions[0]?.textContent ?? null) : null;
    document.getElementById("agenda-legende")!.textContent = c.agendaCaption(longDay(`${day}T12:00:00Z`), placeName);
    const body = document.getElementById("agenda")!;
    const { data } = await api.GET("/api/citizen/agenda", { params: { query: { jour: day } } }).catch(() => ({ data: undefined }));
    if (mine !== asked) return;
    const banner = document.getElementById("bandeau")!;
    if (!data) {
      banner.replaceChildren();
      return void body.replaceChildren(emptyRow(7, c.unavailable));
    }
    const view: Agenda = data;
    if (view.nextVisio) {
      const text = el("span", c.bannerVisio(view.nextVisio.time));
      banner.replaceChildren(text);
      if (view.nextVisio.visioUrl) banner.append(" ", el("a", c.bannerJoin, { href: view.nextVisio.visioUrl }));
    } else banner.replaceChildren();
    const list = view.appointments.filter((a) => !placeSelect.value || a.placeId === placeSelect.value);
    if (!list.length) return void body.replaceChildren(emptyRow(7, c.noAppointment));
    body.replaceChildren(
      ...list.map((a) => {
        const actions = document.createDocumentFragment();
        if (a.status === "booked")
          for (const s of ["seen", "excused", "no_show"] as const) {
            const b = el("button", c.actions[s], {
              type: "button",
              class: s === "seen" ? "" : "secondaire",
              "aria-label": c.actionLabel(c.actions[s], a.name, hour(a.start)),
            });
            b.addEventListener("click", () => void mark(a, s));
            actions.append(b, " ");
          }
        const who = el("span", a.name);
        if (a.phone) who.append(el("br"), a.phone);
        return cells([hour(a.start), who, a.motif, a.place, a.agent, c.statuses[a.status] ?? a.status, actions]);
      }),
    );
  }

  async function queue() {
    const { data } = await api.GET("/api/citizen/requests").catch(() => ({ data: undefined }));
    for (const key of ["mine", "others"] as const) {
      const body = document.getElementById(`file-${key}`)!;
      if (!data) {
        body.replaceChildren(emptyRow(7, c.unavailable));
        continue;
      }
      const items: Item[] = data[key];
      body.replaceChildren(
        ...(items.length
          ? items.map((r) =>
              cells([
                r.code,
                frenchLongDate(r.receivedAt),
                c.channels[r.channel] ?? r.channel,
                r.subject,
                r.name ?? "—",
                r.dueOn ? `${frenchLongDate(r.dueOn)}${r.overdue ? ` (${c.overdue})` : ""}` : "—",
                c.requestStatuses[r.status] ?? r.status,
              ]),
            )
          : [emptyRow(7, c.noRequest)]),
      );
    }
  }

  placeSelect.addEventListener("change", () => void agenda());

  const form = document.getElementById("f-contact") as HTMLFormElement;
  const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "").trim();
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    document.getElementById("accuse")!.hidden = true;
    const answer = await api.POST("/api/citizen/requests/logged", {
      body: {
        channel: value("channel") as "phone" | "desk" | "letter" | "email",
        subject: value("subject"),
        name: value("name") || null,
        phone: value("phone") || null,
        email: value("email") || null,
        typeId: value("typeId") || null,
        serviceId: value("serviceId") || null,
      },
    });
    if (!answer.data) return void showProblem(form, toProblem(answer.error, answer.response.status, c.logFailed));
    const r = answer.data;
    notify(document.getElementById("f-contact-statut")!, c.logged(r.code), "success");
    document.getElementById("accuse-titre")!.textContent = c.receiptHeading(r.code);
    document.getElementById("accuse-texte")!.textContent = r.receipt;
    document.getElementById("accuse")!.hidden = false;
    form.reset();
    await queue();
  });

  // Shown once every form listens (a click before would be a native submission).
  state.textContent = "";
  document.getElementById("outils")!.hidden = false;
  await Promise.all([agenda(), queue()]);
}
