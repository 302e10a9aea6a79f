/**
 * The merchant's page ("Ma fiche commerce"): the listings they manage, each edited in a form of its
 * own (problems beside their fields), previewed, sent for publication; a listing to claim picked
 * by name (a search-as-you-type picker), then claimed by an e-mailed code or an agent's check.
 */
import { CATEGORY_KEYS, CHANNEL_KEYS, LABEL_KEYS } from "@communa/contracts/directory";
import { slugify } from "@communa/core/slug";
import { g } from "../i18n/gestion.fr.ts";
import { m } from "../i18n/annuaire.fr.ts";
import type { Api, JsonBody } from "./api/client.ts";
import { el } from "./dom.ts";
import { notify } from "./kit/notice.ts";
import { picker, type PickerOption } from "./kit/picker.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { listingSearch } from "./kit/searches.ts";
import { startSession } from "./kit/session.ts";
import { photoPanel, preview, type EditorListing } from "./listing-editor.ts";

type ListingBody = JsonBody<"/api/directory/my/businesses/{businessId}", "put">;
const problemOf = (error: unknown, response: Response) => toProblem(error, response.status, g.failed);
const known = <K extends string>(keys: readonly K[], values: string[]): K[] => values.flatMap((v) => keys.filter((k) => k === v));

/** The body of a listing's update: what the form changes, the rest as the API holds it. */
function bodyOf(b: EditorListing, form: HTMLFormElement): ListingBody | null {
  const category = CATEGORY_KEYS.find((k) => k === b.category);
  if (!category) return null;
  const v = (k: string) => form.querySelector<HTMLInputElement>(`[name="${k}"]`)!.value.trim() || null;
  return {
    name: b.name,
    siret: b.siret,
    category,
    lon: b.lon,
    lat: b.lat,
    labels: known(LABEL_KEYS, b.labels),
    sameAs: b.sameAs,
    products: b.products.map((p) => ({ name: p.name, months: p.months, channels: known(CHANNEL_KEYS, p.channels) })),
    languages: (v("languages") ?? "")
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((x) => x.toLowerCase()),
    description: v("description") ?? "",
    address: v("address") ?? b.address,
    phone: v("phone"),
    email: v("email"),
    website: v("website"),
    openingHours: v("openingHours"),
  };
}

export async function startMerchant(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = document.getElementById("c-etat")!;
  const start = await startSession(slug);
  if (!start.ok) {
    state.textContent = g.notSignedIn;
    document.getElementById("c-connexion")!.hidden = false;
    return;
  }
  const api: Api = start.api;
  document.getElementById("c-outils")!.hidden = false;

  const field = (form: HTMLFormElement, id: string, name: string, label: string, value: string | null, hint?: string) => {
    const p = el("p", undefined, { class: "champ" });
    p.append(
      el("label", label, { for: id }),
      " ",
      el("input", undefined, { id, name, value: value ?? "", ...(hint ? { "aria-describedby": `${id}-aide` } : {}) }),
    );
    if (hint) p.append(" ", el("span", hint, { id: `${id}-aide`, class: "muted" }));
    form.append(p);
  };

  function listingForm(b: EditorListing): HTMLFormElement {
    const form = el("form", undefined, { "aria-label": b.name, novalidate: "" });
    form.append(el("div", undefined, { class: "resume-erreurs", "data-problem-summary": "", tabindex: "-1", hidden: "" }));
    form.append(el("h3", b.name), el("p", g.status[b.status] ?? b.status, { class: "kind" }));
    if (b.moderationNote) form.append(el("p", `${g.note} : ${b.moderationNote}`, { class: "message" }));
    field(form, `f-${b.id}-description`, "description", g.description, b.description);
    field(form, `f-${b.id}-address`, "address", g.address, b.address);
    field(form, `f-${b.id}-phone`, "phone", g.phone, b.phone);
    field(form, `f-${b.id}-email`, "email", g.email, b.email);
    field(form, `f-${b.id}-website`, "website", g.website, b.website);
    field(form, `f-${b.id}-openingHours`, "openingHours", g.hours, b.openingHours, g.hoursHint);
    field(form, `f-${b.id}-languages`, "languages", g.languages, b.languages.join(", "), g.languagesHint);
    const status = el("p", undefined, { class: "notice", role: "status", "aria-live": "polite" });
    const actions = el("p");
    actions.append(el("button", g.save, { type: "submit" }));
    const look = el("button", g.previewButton, { type: "button", class: "secondaire" });
    look.addEventListener("click", () => void preview(slug, b, document.getElementById("c-apercu")!));
    actions.append(" ", look);
    if (["draft", "rejected", "unpublished"].includes(b.status)) {
      const ask = el("button", g.submit, { type: "button", class: "secondaire" });
      ask.addEventListener("click", async () => {
        clearProblem(form);
        const { data, error, response } = await api.POST("/api/directory/my/businesses/{businessId}/submit", { params: { path: { businessId: b.id } } });
        if (!data) return void showProblem(form, problemOf(error, response));
        await loadMine();
        notify(state, g.submitted);
      });
      actions.append(" ", ask);
    }
    if (b.status === "published") actions.append(" ", el("a", g.view, { href: `/${slugify(b.commune.name)}/commerces/${b.slug}/` }));
    form.append(
      photoPanel(api, b, "merchant", async () => void (await loadMine())),
      actions,
      status,
    );
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      clearProblem(form);
      const body = bodyOf(b, form);
      if (!body) return void notify(status, g.failed, "error");
      const { data, error, response } = await api.PUT("/api/directory/my/businesses/{businessId}", { params: { path: { businessId: b.id } }, body });
      if (!data) return void showProblem(form, problemOf(error, response));
      notify(status, g.saved);
    });
    return form;
  }

  async function loadMine(): Promise<EditorListing[]> {
    const box = document.getElementById("c-fiches")!;
    const { data, error, response } = await api.GET("/api/directory/my/businesses");
    if (!data) {
      // Someone who manages no listing yet holds no merchant role: the list is refused, not empty.
      box.replaceChildren(el("p", g.none));
      if (response.status !== 401 && response.status !== 403) notify(state, problemOf(error, response).detail, "error");
      return [];
    }
    box.replaceChildren(...(data.businesses.length ? data.businesses.map(listingForm) : [el("p", g.none)]));
    return data.businesses;
  }

  // Claiming: the listing picked by name, then a code by e-mail or an agent's check.
  let claimId = "";
  const codeForm = document.getElementById("c-code") as HTMLFormElement;
  const codeBlock = document.getElementById("c-code-bloc")!;
  const results = document.getElementById("c-resultats")!;
  function offerClaim(o: PickerOption | null) {
    results.replaceChildren();
    if (!o) return;
    const li = el("li");
    const byCode = el("button", g.claimCode, { type: "button", "aria-label": `${g.claimThis(o.label)} : ${g.claimCode}` });
    const byAgent = el("button", g.claimAgent, { type: "button", class: "secondaire", "aria-label": `${g.claimThis(o.label)} : ${g.claimAgent}` });
    const claim = async (method: "code" | "agent") => {
      const { data, error, response } = await api.POST("/api/directory/businesses/{businessId}/claims", {
        params: { path: { businessId: o.id } },
        body: { method },
      });
      if (!data) return void notify(state, problemOf(error, response).detail, "error");
      claimId = data.id;
      notify(state, method === "code" ? g.codeSent : g.agentAsked);
      codeBlock.hidden = method !== "code";
      if (method === "code") document.getElementById("c-code-valeur")!.focus();
    };
    byCode.addEventListener("click", () => void claim("code"));
    byAgent.addEventListener("click", () => void claim("agent"));
    li.append(el("strong", o.label), o.hint ? ` — ${o.hint} ` : " ", byCode, " ", byAgent);
    results.append(li);
  }
  const choice = picker(document.querySelector<HTMLElement>('[data-picker="c-q"]')!, listingSearch(api), offerClaim);
  codeForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(codeForm);
    const code = (document.getElementById("c-code-valeur") as HTMLInputElement).value.trim();
    const { data, error, response } = await api.POST("/api/directory/claims/{claimId}/confirm", { params: { path: { claimId } }, body: { code } });
    if (!data) return void showProblem(codeForm, problemOf(error, response));
    if (!data.granted) return void notify(state, data.reason ?? m.codeRefused, "error");
    notify(state, g.granted);
    codeBlock.hidden = true;
    choice.set(null);
    await loadMine();
  });

  const mine = await loadMine();
  // Arriving from a listing's public page ("Gérer cette fiche"): that listing, ready to claim.
  const wanted = new URLSearchParams(location.search).get("fiche");
  if (wanted && /^[0-9a-f-]{36}$/.test(wanted) && !mine.some((b) => b.id === wanted)) {
    const { data } = await api.GET("/api/directory/businesses/{businessId}", { params: { path: { businessId: wanted } } });
    if (data) {
      choice.set({ id: data.id, label: data.name, hint: data.commune.name });
      document.getElementById("reclamer")!.scrollIntoView();
    }
  }
}
