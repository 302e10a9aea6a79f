/**
 * The public France Services page (issue #18): places with their hours in words and, for a
 * permanence bookable online, a link per motif to the appointment page (that motif, that place's
 * slots), coming sessions with the seats left, and the registration (a full session's 409 is shown
 * as the API says it).
 */
import { fs } from "../i18n/france-services.fr.ts";
import { createApi } from "./api/client.ts";
import { el } from "./dom.ts";
import { parisFormat } from "@communa/core/time";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";

const when = parisFormat({ dateStyle: "full", timeStyle: "short" });
/** The bookings module's equipment that is France services' loan of tablets, by its name. */
const TABLET = /tablette/i;

/** Weekly slots in words: "lundi 09:00–12:00 ; mercredi 14:00–17:30". */
const hours = (slots: Array<{ weekday: number; start: string; end: string }>) =>
  slots.length
    ? [...slots]
        .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
        .map((s) => `${fs.weekdays[s.weekday - 1]} ${s.start}–${s.end}`)
        .join(" ; ")
    : fs.noHours;

export async function startFranceServicesPublic(root: HTMLElement): Promise<void> {
  // The tenant that holds the desk (a member commune's page reads its EPCI's).
  const holder = root.dataset.holder ?? root.dataset.slug!;
  const api = createApi(holder);
  const state = document.getElementById("etat")!;
  const form = document.getElementById("f-inscription") as HTMLFormElement;
  const notice = form.querySelector<HTMLElement>("[data-notice]")!;

  async function load() {
    const [places, sessions, loans] = await Promise.all([
      api.GET("/api/france-services/public/places"),
      api.GET("/api/france-services/public/sessions"),
      api.GET("/api/booking/resources", { params: { query: { kind: "equipment" } } }).catch(() => ({ data: undefined })),
    ]);
    if (!places.data || !sessions.data) return void notify(state, fs.failed, "error");
    notify(state, "");
    const placeList = document.getElementById("lieux")!;
    placeList.replaceChildren(
      ...places.data.places.map((p) => {
        const li = el("li");
        li.append(
          el("strong", p.name),
          ` — ${fs.placeKinds[p.kind] ?? p.kind}, ${p.address}${p.communeName ? ` (${p.communeName})` : ""}. `,
          el("span", hours(p.slots)),
        );
        // Bookable online: one link per motif, to the appointment page with the motif chosen
        // and the slots of this place only.
        const motifs = p.booking?.motifs ?? [];
        if (p.booking && motifs.length) {
          const links = el("ul", undefined, { class: "rdv-permanence" });
          for (const m of motifs) {
            const item = el("li");
            const q = new URLSearchParams({ motif: m.id, lieu: p.booking.id });
            item.append(
              el("a", fs.bookMotif(m.name, m.durationMinutes), {
                href: `/${holder}/rendez-vous/?${q}`,
                "aria-label": fs.bookMotifLabel(fs.bookMotif(m.name, m.durationMinutes), p.name),
              }),
            );
            links.append(item);
          }
          li.append(el("p", fs.bookOnline), links);
        }
        return li;
      }),
    );
    if (!places.data.places.length) placeList.append(el("li", fs.publicNoPlaces));
    // Tablets lent (the bookings module's equipment loans): shown when the tenant lends some.
    const tablets = (loans.data?.resources ?? []).filter((x) => x.kind === "equipment" && TABLET.test(x.name));
    const lend = document.getElementById("prets")!;
    lend.hidden = !tablets.length;
    document.getElementById("prets-liste")!.replaceChildren(
      ...tablets.map((x) => {
        const li = el("li");
        li.append(el("a", x.name, { href: `/${holder}/reservations/?ressource=${encodeURIComponent(x.id)}` }), x.description ? ` — ${x.description}` : "");
        return li;
      }),
    );
    const list = sessions.data.sessions;
    const sessionList = document.getElementById("ateliers")!;
    sessionList.replaceChildren(
      ...list.map((s) => {
        const li = el("li");
        li.append(
          el("strong", s.title),
          ` — ${s.partnerName}, ${when.format(new Date(s.startsAt))}, ${s.address}. `,
          el("span", fs.seatsLeft(s.capacity - s.registered)),
        );
        return li;
      }),
    );
    if (!list.length) sessionList.append(el("li", fs.publicNoSessions));
    const select = document.getElementById("i-atelier") as HTMLSelectElement;
    const chosen = select.value;
    select.replaceChildren(...list.map((s) => el("option", `${s.title} — ${when.format(new Date(s.startsAt))}`, { value: s.id })));
    if (chosen) select.value = chosen;
    document.getElementById("inscription")!.hidden = !list.length;
    root.dataset.ready = "true";
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const value = (n: string) => String(data.get(n) ?? "").trim() || null;
    const id = String(data.get("session") ?? "");
    const title = (document.getElementById("i-atelier") as HTMLSelectElement).selectedOptions[0]?.textContent ?? "";
    const answer = await api.POST("/api/france-services/public/sessions/{id}/registrations", {
      params: { path: { id } },
      body: { fullName: value("fullName") ?? "", email: value("email"), phone: value("phone") },
    });
    if (!answer.data) return void showProblem(form, toProblem(answer.error, answer.response.status));
    clearProblem(form);
    form.reset();
    await load();
    notify(notice, fs.registered(title), "success");
  });

  await load();
}
