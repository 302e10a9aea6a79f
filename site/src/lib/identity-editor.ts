/**
 * The tenant's identity in the back office (espace/identite/, issue #26): its accent colour — a
 * palette and its code kept together, a live preview of a button and a link in that colour with
 * their contrast ratios (the API's own function, @communa/contracts/colour), the API's refusal
 * named at the field — and its logo or coat of arms (the kit's Upload field, with its required
 * alternative text). On the kit (ADR 0026): the one session start-up asking for `territory:write`,
 * the typed client, the problem reader.
 */
import { checkAccent, contrast, normaliseHex, ratioText, TEXT_CONTRAST, THEMES } from "@communa/contracts/colour";
import { identite as t } from "../i18n/identite.fr.ts";
import type { Schemas } from "./api/client.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";

type Identity = Schemas["Identite"];

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The preview in `value`'s colour and its ratios, or a hint while it is not a colour yet. */
function preview(value: string) {
  const box = byId("apercu");
  const ratios = byId("apercu-ratios");
  const hex = normaliseHex(value);
  if (!hex) {
    box.style.removeProperty("--c-primary");
    ratios.textContent = t.ratiosInvalid;
    return;
  }
  box.style.setProperty("--c-primary", hex);
  const said = (r: number) => (r >= TEXT_CONTRAST ? ratioText(r) : `${ratioText(r)}, ${t.ratioLow}`);
  const checked = checkAccent(hex);
  const dark = checked.ok ? checked.dark : hex;
  ratios.textContent = t.ratios(
    said(contrast(hex, THEMES.light.bg)),
    said(contrast(hex, THEMES.light.onPrimary)),
    dark,
    said(Math.min(contrast(dark, THEMES.dark.bg), contrast(dark, THEMES.dark.surface))),
  );
}

function show(identity: Identity) {
  const accent = byId<HTMLInputElement>("f-accent");
  const palette = byId<HTMLInputElement>("f-accent-palette");
  accent.value = identity.accent ?? "";
  if (identity.accent) palette.value = identity.accent;
  byId("couleur-actuelle").textContent = identity.accent ? `${t.colourHeading} : ${identity.accent}` : t.noColour;
  preview(accent.value || palette.value);
  const logo = identity.logo;
  byId("logo-actuel").hidden = !logo;
  byId("logo-aucun").hidden = !!logo;
  byId("logo-retirer").hidden = !logo;
  if (logo) {
    const img = byId<HTMLImageElement>("logo-image");
    img.src = logo.src;
    img.alt = logo.alt;
    img.width = logo.width;
    img.height = logo.height;
    byId("logo-legende").textContent = `${t.logoCurrent} : « ${logo.alt} »`;
  }
}

export async function startIdentityEditor(root: HTMLElement) {
  const slug = root.dataset.slug!;
  const state = byId("etat");
  const start = await startSession(slug, "territory:write");
  if (!start.ok) {
    notify(state, start.reason === "signed-out" ? t.notSignedIn : start.reason === "forbidden" ? t.forbidden : t.unavailable, "error");
    byId("connexion").hidden = start.reason !== "signed-out";
    return;
  }
  const { api } = start;
  const current = await api.GET("/api/territory/identity", { headers: { "cache-control": "no-cache" } }).catch(() => null);
  if (!current?.data) return void notify(state, t.unavailable, "error");
  show(current.data);
  notify(state, "");
  byId("outils").hidden = false;

  // The palette and the code follow each other; the preview follows both.
  const colourForm = byId<HTMLFormElement>("f-couleur");
  const colourStatus = byId("f-couleur-statut");
  const accent = byId<HTMLInputElement>("f-accent");
  const palette = byId<HTMLInputElement>("f-accent-palette");
  palette.addEventListener("input", () => {
    accent.value = palette.value;
    preview(palette.value);
  });
  accent.addEventListener("input", () => {
    const hex = normaliseHex(accent.value);
    if (hex) palette.value = hex;
    preview(accent.value);
  });
  const saveColour = async (value: string | null) => {
    clearProblem(colourForm);
    const { data, error, response } = await api.PUT("/api/territory/identity", { body: { accent: value } });
    if (!data) {
      showProblem(colourForm, toProblem(error, response.status, t.colourFailed));
      return void notify(colourStatus, t.colourFailed, "error");
    }
    show(data);
    notify(colourStatus, value === null ? t.colourCleared : t.colourSaved);
  };
  colourForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void saveColour(accent.value.trim());
  });
  byId("couleur-defaut").addEventListener("click", () => void saveColour(null));

  // The logo and its text in one multipart request, on the typed client (its CSRF token included).
  const logoForm = byId<HTMLFormElement>("f-logo");
  const logoStatus = byId("f-logo-statut");
  logoForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(logoForm);
    const file = byId<HTMLInputElement>("logo").files?.[0];
    const alt = byId<HTMLInputElement>("f-alt").value;
    if (!file) {
      showProblem(logoForm, { status: 400, title: t.logoFailed, detail: t.logoMissing, errors: [{ path: "body/logo", message: t.logoMissing }] });
      return void notify(logoStatus, t.logoFailed, "error");
    }
    notify(logoStatus, t.logoSending);
    const multipart = (b: { logo: Blob; alt: string }) => {
      const data = new FormData();
      data.set("logo", b.logo);
      data.set("alt", b.alt);
      return data;
    };
    const { data, error, response } = await api.POST("/api/territory/identity/logo", { body: { logo: file, alt }, bodySerializer: multipart });
    if (!data) {
      showProblem(logoForm, toProblem(error, response.status, t.logoFailed));
      return void notify(logoStatus, t.logoFailed, "error");
    }
    show(data);
    logoForm.reset();
    notify(logoStatus, t.logoSaved);
  });
  byId("logo-retirer").addEventListener("click", async () => {
    clearProblem(logoForm);
    const { error, response } = await api.DELETE("/api/territory/identity/logo");
    if (error) {
      showProblem(logoForm, toProblem(error, response.status, t.logoFailed));
      return void notify(logoStatus, t.logoFailed, "error");
    }
    const fresh = await api.GET("/api/territory/identity", { headers: { "cache-control": "no-cache" } });
    if (fresh.data) show(fresh.data);
    notify(logoStatus, t.logoRemoved);
  });
}
