/**
 * The public appointment page (issue #17): the services of the commune AND of its EPCI, each motif
 * booked at the tenant that receives (the catalogue names it: the EPCI's visio motif goes to the
 * EPCI's API); the slot picker (radio groups, citizen-slots.ts); the minimum form; the confirmation
 * with the .ics and the signed link to move or cancel. No account needed.
 */
import { c } from "../i18n/rendez-vous.fr.ts";
import { apiUrl, createApi, type paths } from "./api/client.ts";
import { el } from "./dom.ts";
import { addDays, parisDay } from "@communa/core/time";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { longWhen, slotPicker, type Slot } from "./citizen-slots.ts";

type Catalogue = paths["/api/citizen/catalogue"]["get"]["responses"][200]["content"]["application/json"];
type Service = Catalogue["services"][number];
type Motif = Service["motifs"][number];
type Booked = paths["/api/citizen/appointments"]["post"]["responses"][201]["content"]["application/json"];

function show(id: string, on = true) {
  document.getElementById(id)!.hidden = !on;
}

/** The .ics of an appointment, by its signed link, at the tenant that holds it. */
export const icsHref = (tenant: string, id: string, signature: string) =>
  `${apiUrl(tenant, `/api/citizen/appointments/${id}/invitation.ics` as `/api/${string}`)}?cle=${encodeURIComponent(signature)}`;

export async function startCitizenBooking(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = document.getElementById("etat")!;
  const { data } = await createApi(slug)
    .GET("/api/citizen/catalogue")
    .catch(() => ({ data: undefined }));
  if (!data) {
    state.textContent = c.unavailable;
    return;
  }
  const services = data.services.filter((s) => s.motifs.length);
  if (!services.length) {
    state.textContent = c.noService;
    return;
  }
  state.textContent = "";

  // 1. The motifs, grouped by service, each naming who receives.
  const motifs = document.getElementById("motifs")!;
  const motifOf = new Map<string, { motif: Motif; service: Service }>();
  motifs.replaceChildren(
    ...services.map((s) => {
      const set = el("fieldset", undefined, { class: "choix motifs" });
      set.append(el("legend", c.receivedBy(s.name, s.tenantName)));
      for (const x of s.motifs) {
        motifOf.set(x.id, { motif: x, service: s });
        const id = `motif-${x.id}`;
        const p = el("p");
        p.append(
          el("input", undefined, { type: "radio", name: "motif", id, value: x.id }),
          " ",
          el("label", c.motifLabel(x.name, x.durationMinutes, c.locations[x.locationType] ?? x.locationType), { for: id }),
        );
        set.append(p);
      }
      if (s.contactPhone) set.append(el("p", c.callUs(s.contactPhone)));
      return set;
    }),
  );
  show("etape-motif");

  const motifForm = document.getElementById("f-motif") as HTMLFormElement;
  const form = document.getElementById("f-rdv") as HTMLFormElement;
  const slotState = document.getElementById("creneau-etat")!;
  let current: { motif: Motif; service: Service } | null = null;
  let picker: ReturnType<typeof slotPicker> | null = null;
  // Come from a permanence (`?motif=…&lieu=…`, the France services page): that motif chosen, and
  // only the slots at that place while it stays chosen.
  const wanted = new URLSearchParams(location.search);
  const wantedMotif = wanted.get("motif");
  const wantedPlace = data.places.find((p) => p.id === wanted.get("lieu")) ?? null;
  const placeOnly = () => (wantedPlace && current?.motif.id === wantedMotif ? wantedPlace : null);

  function usePicker(all: Slot[]) {
    const place = placeOnly();
    const slots = place ? all.filter((s) => s.placeId === place.id) : all;
    picker = slotPicker(document.getElementById("creneaux")!, slots, slotState);
    show("etape-coordonnees", !picker.empty);
  }

  motifForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(motifForm);
    const id = motifForm.querySelector<HTMLInputElement>('input[name="motif"]:checked')?.value;
    current = id ? (motifOf.get(id) ?? null) : null;
    if (!current) return void showProblem(motifForm, { status: 400, title: c.chooseMotif, detail: c.chooseMotif, errors: [] });
    const { motif, service } = current;
    const place = placeOnly();
    document.getElementById("creneau-motif")!.textContent = place
      ? c.receivedAt(motif.name, service.tenantName, place.name)
      : c.receivedBy(motif.name, service.tenantName);
    slotState.textContent = c.slotsLoading;
    // The previous motif's slots go at once: nothing chosen there may be booked for this one.
    document.getElementById("creneaux")!.replaceChildren();
    picker = null;
    show("etape-coordonnees", false);
    show("etape-creneau");
    const today = parisDay();
    const answer = await createApi(service.tenant)
      .GET("/api/citizen/motifs/{motifId}/slots", { params: { path: { motifId: motif.id }, query: { du: today, au: addDays(today, 30) } } })
      .catch(() => null);
    if (!answer?.data) {
      slotState.textContent = c.unavailable;
      return;
    }
    usePicker(answer.data.slots);
    const phoneLabel = document.getElementById("r-tel-label")!;
    phoneLabel.textContent = motif.locationType === "phone" ? c.phoneNeeded : c.phone;
    (document.getElementById("r-tel") as HTMLInputElement).required = motif.locationType === "phone";
    document.getElementById("r-accepte-label")!.textContent = motif.acceptText ? `${c.accept} ${motif.acceptText}` : "";
    (document.getElementById("r-accepte") as HTMLInputElement).checked = false;
    show("r-accepter", !!motif.acceptText);
    document.getElementById("creneau-titre")!.focus();
  });

  if (wantedMotif && motifOf.has(wantedMotif)) {
    const radio = document.getElementById(`motif-${wantedMotif}`) as HTMLInputElement;
    radio.checked = true;
    motifForm.requestSubmit();
  }

  const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "").trim();

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const slot = picker?.selected();
    if (!current || !slot) return void showProblem(form, { status: 400, title: c.chooseSlot, detail: c.chooseSlot, errors: [] });
    const { motif, service } = current;
    const answer = await createApi(service.tenant).POST("/api/citizen/appointments", {
      body: {
        motifId: motif.id,
        placeId: slot.placeId,
        start: slot.start,
        name: value("name"),
        email: value("email") || null,
        phone: value("phone") || null,
        communeInsee: value("communeInsee"),
        ...(motif.acceptText ? { accepted: (document.getElementById("r-accepte") as HTMLInputElement).checked } : {}),
      },
    });
    if (!answer.data) {
      showProblem(form, toProblem(answer.error, answer.response.status, c.failed));
      // Taken meanwhile: the picker now offers the next free slots the answer names.
      const next = (answer.error as { nextSlots?: Slot[] } | undefined)?.nextSlots;
      if (answer.response.status === 409 && next) usePicker(next);
      return;
    }
    confirmation(answer.data, motif, service);
  });

  function confirmation(b: Booked, motif: Motif, service: Service) {
    const booked = b;
    document.getElementById("confirmation-texte")!.textContent = c.doneText(motif.name, longWhen(booked.start));
    document.getElementById("confirmation-lieu")!.textContent =
      motif.locationType === "desk" ? c.receivedBy(service.name, service.tenantName) : c.where(c.locations[motif.locationType] ?? "");
    const visio = document.getElementById("confirmation-visio-lien") as HTMLAnchorElement;
    visio.href = booked.visioUrl ?? "#";
    visio.textContent = booked.visioUrl ?? "";
    show("confirmation-visio", !!booked.visioUrl);
    document.getElementById("confirmation-consignes")!.textContent = motif.instructions ?? "";
    const ics = document.getElementById("confirmation-ics") as HTMLAnchorElement;
    ics.href = icsHref(service.tenant, booked.id, booked.signature);
    ics.textContent = c.ics(motif.name);
    const manage = document.getElementById("confirmation-gerer") as HTMLAnchorElement;
    manage.href = booked.manageUrl;
    manage.textContent = c.manage(motif.name);
    for (const id of ["etape-motif", "etape-creneau", "etape-coordonnees"]) show(id, false);
    show("confirmation");
    document.getElementById("confirmation-titre")!.focus();
  }

  document.getElementById("autre-rdv")!.addEventListener("click", () => {
    show("confirmation", false);
    for (const r of Array.from(motifForm.querySelectorAll<HTMLInputElement>('input[name="motif"]'))) r.checked = false;
    current = null;
    show("etape-motif");
    document.getElementById("motif-titre")!.setAttribute("tabindex", "-1");
    document.getElementById("motif-titre")!.focus();
  });
}
