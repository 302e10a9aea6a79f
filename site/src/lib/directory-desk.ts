/**
 * The agents' page of the directory (back office, directory:write): listings waiting for
 * moderation, claims, published listings, and a new listing whose position is picked on a map of
 * the territory (or typed). Built on the back-office kit (ADR 0026).
 */
import type * as MapLibre from "maplibre-gl";
import { g } from "../i18n/gestion.fr.ts";
import { kit } from "../i18n/kit.fr.ts";
import type { Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { boundaryBounds, pickPointOnMap } from "./kit/map-point.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";
import { photoPanel, preview, type EditorListing } from "./listing-editor.ts";

export interface DeskConfig {
  slug: string;
  boundary: GeoJSON.FeatureCollection;
  baseStyle: string | null;
  locale: Record<string, string>;
}
type Action = "approve" | "reject" | "unpublish";
type NewListing = Schemas["FicheSaisie"];

export async function startDirectoryDesk(maplibregl: typeof MapLibre, root: HTMLElement, config: DeskConfig) {
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const state = $("#m-etat");
  const start = await startSession(config.slug, "directory:write");
  if (!start.ok) return notify(state, g.notAllowed, "error");
  const { api, session } = start;
  $("#m-outils").hidden = false;

  let n = 0;
  /** One listing with its moderation actions; refusing and withdrawing ask for the reason. */
  function item(b: EditorListing, actions: Action[]) {
    const li = el("li");
    li.append(el("strong", b.name), ` — ${b.commune.name} `);
    const look = el("button", g.previewButton, { type: "button", class: "secondaire", "aria-label": `${g.previewButton} : ${b.name}` });
    look.addEventListener("click", () => void preview(config.slug, b, $("#m-apercu")));
    li.append(look, " ");
    const id = `raison-${++n}`;
    if (actions.some((x) => x !== "approve"))
      li.append(el("label", g.reason, { for: id, class: "visually-hidden" }), el("input", undefined, { id, placeholder: g.reason, maxlength: "1000" }), " ");
    for (const action of actions) {
      const label = { approve: g.approve, reject: g.reject, unpublish: g.unpublish }[action];
      const button = el("button", label, { type: "button", class: action === "approve" ? "" : "secondaire", "aria-label": `${label} : ${b.name}` });
      button.addEventListener("click", async () => {
        const reason = (document.getElementById(id) as HTMLInputElement | null)?.value.trim();
        const { error, response } = await api.POST("/api/directory/businesses/{businessId}/moderation", {
          params: { path: { businessId: b.id } },
          body: { action, ...(reason ? { reason } : {}) },
        });
        if (error) {
          // Refused (no reason given…): the lists stay as they are, with what was typed.
          const p = toProblem(error, response.status, g.failed);
          return notify(state, p.errors[0]?.message ?? p.detail, "error");
        }
        await load();
        notify(state, g.done);
      });
      li.append(button, " ");
    }
    return li;
  }

  const listings = async (statut: "pending" | "published" | "draft" | "rejected" | "unpublished") =>
    ((await api.GET("/api/directory/businesses", { params: { query: { statut } }, headers: { "cache-control": "no-cache" } })).data?.businesses ??
      []) satisfies EditorListing[];

  async function load() {
    const pending = await listings("pending");
    $("#m-liste-attente").replaceChildren(...(pending.length ? pending.map((b) => item(b, ["approve", "reject"])) : [el("li", g.noPending)]));
    const published = await listings("published");
    $("#m-liste-publiees").replaceChildren(...published.map((b) => item(b, ["unpublish"])));
    // Saved without « Publier tout de suite », refused or withdrawn: still the agents' to publish (they vanished before).
    const others = (await Promise.all((["draft", "rejected", "unpublished"] as const).map(listings))).flat();
    $("#m-liste-brouillons").replaceChildren(...(others.length ? others.map((b) => item(b, ["approve"])) : [el("li", g.noDrafts)]));
    const claims = (await api.GET("/api/directory/claims")).data?.claims ?? [];
    $("#m-liste-demandes").replaceChildren(
      ...(claims.length
        ? claims.map((c) => {
            const li = el("li");
            const ok = el("button", g.accept, { type: "button", "aria-label": `${g.accept} : ${c.business}` });
            ok.addEventListener("click", async () => {
              const { error } = await api.POST("/api/directory/claims/{claimId}/approve", { params: { path: { claimId: c.id } } });
              notify(state, error ? g.failed : g.done, error ? "error" : "info");
              await load();
            });
            li.append(el("strong", c.business), ` (${c.method}) `, ok);
            return li;
          })
        : [el("li", g.noClaims)]),
    );
  }

  // Creating a listing: the API checks everything (SIRET key, hours, position in the territory) and
  // the problem reader puts each message beside its field; then photos can be added and previewed.
  const categories = (await api.GET("/api/directory/categories")).data?.categories ?? [];
  $("#n-category").replaceChildren(...categories.map((c) => el("option", c.label, { value: c.key })));
  const creation = $<HTMLFormElement>("#m-creation");
  const lon = $<HTMLInputElement>("#n-lon");
  const lat = $<HTMLInputElement>("#n-lat");
  const positionNote = $("#n-position-statut");

  const map = new maplibregl.Map({
    container: $("#n-carte"),
    style: config.baseStyle ?? { version: 8, sources: {}, layers: [{ id: "fond", type: "background", paint: { "background-color": "#eef2f5" } }] },
    bounds: boundaryBounds(config.boundary),
    fitBoundsOptions: { padding: 16 },
    locale: config.locale,
  });
  map.once("load", () => {
    map.addSource("communes", { type: "geojson", data: config.boundary });
    map.addLayer({ id: "communes", type: "line", source: "communes", paint: { "line-color": "#000091", "line-width": 1 } });
  });
  const pin = pickPointOnMap(maplibregl, map, config.boundary, {
    pick([x, y]) {
      lon.value = String(x);
      lat.value = String(y);
      notify(positionNote, kit.mapPointChosen(x, y));
    },
    outside: () => notify(positionNote, kit.mapPointOutside, "error"),
  });
  const typed = () => {
    const p: [number, number] = [Number(lon.value.replace(",", ".")), Number(lat.value.replace(",", "."))];
    if (p.every(Number.isFinite) && lon.value && lat.value) pin.place(p);
  };
  lon.addEventListener("change", typed);
  lat.addEventListener("change", typed);

  creation.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(creation);
    const v = (k: string) => (creation.elements.namedItem(k) as HTMLInputElement).value.trim();
    const num = (k: string) => Number(v(k).replace(",", "."));
    const body: NewListing = {
      name: v("name"),
      siret: v("siret").replace(/\s/g, ""),
      category: v("category") as NewListing["category"],
      address: v("address"),
      lon: num("lon"),
      lat: num("lat"),
      phone: v("phone") || null,
      email: v("email") || null,
      website: v("website") || null,
      openingHours: v("openingHours") || null,
      languages: v("languages")
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((x) => x.toLowerCase()),
      description: v("description"),
    };
    const publish = $<HTMLInputElement>("#n-publish").checked;
    const { data, error, response } = await api.POST("/api/directory/businesses", { params: { query: { publier: publish ? "oui" : "non" } }, body });
    if (error || !data) return void showProblem(creation, toProblem(error, response.status, g.failed));
    const created: EditorListing = data;
    creation.reset();
    notify($("#m-creation-statut"), publish ? g.created(created.name) : g.createdDraft(created.name));
    if (!publish) await load();
    const next = $("#n-suite");
    const refresh = async () => {
      const fresh = (
        await api.GET("/api/directory/businesses/{businessId}", { params: { path: { businessId: created.id } }, headers: { "cache-control": "no-cache" } })
      ).data;
      if (!fresh) return;
      const look = el("button", g.previewButton, { type: "button", class: "secondaire" });
      look.addEventListener("click", () => void preview(config.slug, fresh, $("#m-apercu")));
      next.replaceChildren(el("h3", fresh.name), photoPanel(api, fresh, "agent", refresh), look);
    };
    await refresh();
    await load();
  });
  await load();
}
