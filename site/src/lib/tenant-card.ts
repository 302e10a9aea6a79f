/**
 * The tenant's card in the back office (espace/fiche/): the address of its front desk, its opening
 * hours (OpenStreetMap format, checked by the API) and its contacts, shown on its home page
 * (TenantCard.astro). On the kit (ADR 0026): the one session start-up, asking for
 * `territory:write`; the typed client; the problem reader beside each field.
 */
import { parisFormat } from "@communa/core/time";
import { fiche as f } from "../i18n/fiche.fr.ts";
import type { JsonBody, Schemas } from "./api/client.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";

type Profile = Schemas["FicheContact"];
type Input = JsonBody<"/api/territory/profile", "put">;
const FIELDS = ["address", "phone", "email", "website", "openingHours"] as const;
const when = parisFormat({ dateStyle: "long", timeStyle: "short" });

function control(form: HTMLFormElement, name: (typeof FIELDS)[number]): HTMLInputElement | HTMLTextAreaElement {
  const c = form.elements.namedItem(name);
  if (!(c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement)) throw new Error(`champ ${name} absent du formulaire`);
  return c;
}

function show(form: HTMLFormElement, profile: Profile) {
  for (const name of FIELDS) control(form, name).value = profile[name] ?? "";
  document.getElementById("fiche-maj")!.textContent = profile.updatedAt ? f.updatedAt(when.format(new Date(profile.updatedAt))) : f.neverUpdated;
}

/** What the form holds: an empty field clears its line on the card (null). */
function read(form: HTMLFormElement): Input {
  const value = (name: (typeof FIELDS)[number]) => control(form, name).value.trim() || null;
  return { address: value("address"), phone: value("phone"), email: value("email"), website: value("website"), openingHours: value("openingHours") };
}

export async function startTenantCard(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = document.getElementById("etat")!;
  const start = await startSession(slug, "territory:write");
  if (!start.ok) {
    notify(state, start.reason === "signed-out" ? f.notSignedIn : start.reason === "forbidden" ? f.forbidden : f.unavailable, "error");
    document.getElementById("connexion")!.hidden = start.reason !== "signed-out";
    return;
  }
  const { api } = start;
  const form = document.getElementById("f-fiche") as HTMLFormElement;
  const current = await api.GET("/api/territory/profile", { headers: { "cache-control": "no-cache" } }).catch(() => null);
  if (!current?.data) return void notify(state, f.unavailable, "error");
  show(form, current.data);
  notify(state, "");
  document.getElementById("outils")!.hidden = false;
  const status = document.getElementById("f-fiche-statut")!;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const { data, error, response } = await api.PUT("/api/territory/profile", { body: read(form) });
    if (!data) {
      showProblem(form, toProblem(error, response.status, f.failed));
      return void notify(status, f.failed, "error");
    }
    show(form, data);
    notify(status, f.saved);
  });
}
