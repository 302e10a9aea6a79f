/**
 * The map portal, in the browser: layer panel by category with counts, multi-criteria search
 * (words, commune) that hides layers with no match, clustered points, a feature sheet, the view in
 * the URL (so a link reproduces it), geolocation. The data comes from the map API (cached at the
 * edge, ETags); the base style is built from the site's own data, so the map renders offline.
 */
import type * as MapLibre from "maplibre-gl";
import type { m as Texts } from "../i18n/carte.fr.ts";
import { slugify } from "@communa/core/slug";
import { el } from "./dom.ts";
import { safeHref } from "@communa/core/html";
import { boundsOf } from "./geo-bounds.ts";

interface LayerField {
  key: string;
  label: string;
  type: string;
  unit?: string;
}
interface Layer {
  id: string;
  slug: string;
  name: string;
  category: string;
  kind: string;
  style: { color: string };
  fields: LayerField[];
  count: number;
  visibility: string;
}
type Feature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, unknown>> & { id: string };

const DIRECTORY = "annuaire";

/**
 * Hours in words on the sheet, the same words as the accessible list and the directory's pages
 * (@communa/core/hours): the opening_hours library is loaded only when a sheet shows hours.
 */
function hoursInWordsList(rule: string, none: string): HTMLElement {
  const ul = el("ul", undefined, { class: "horaires" });
  void import("@communa/core/hours").then(({ hoursError, hoursInWords, hoursInWordsItems }) => {
    if (hoursError(rule)) return void ul.replaceWith(document.createTextNode(rule));
    const words = hoursInWords(rule);
    ul.replaceChildren(...(words.lines.length ? hoursInWordsItems(words) : [none]).map((item) => el("li", item)));
  });
  return ul;
}

export interface PortalConfig {
  slug: string;
  tenant: string;
  boundary: GeoJSON.FeatureCollection;
  focus: string | null;
  baseStyle: string | null;
  locale: Record<string, string>;
  attribution: string;
}

interface ViewState {
  layers: string[] | null;
  q: string;
  commune: string;
  selected: string | null;
  centre: [number, number, number] | null;
}

/** The view as it is written in the URL's fragment: c=lon,lat,zoom&l=…&q=…&commune=…&objet=… */
export function readState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const c = p.get("c")?.split(",").map(Number);
  return {
    layers: p.has("l") ? p.get("l")!.split(",").filter(Boolean) : null,
    q: p.get("q") ?? "",
    commune: p.get("commune") ?? "",
    selected: p.get("objet"),
    centre: c && c.length === 3 && c.every(Number.isFinite) ? (c as [number, number, number]) : null,
  };
}

export function writeState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.centre) p.set("c", s.centre.map((n, i) => (i === 2 ? n.toFixed(2) : n.toFixed(5))).join(","));
  if (s.layers) p.set("l", s.layers.join(","));
  if (s.q) p.set("q", s.q);
  if (s.commune) p.set("commune", s.commune);
  if (s.selected) p.set("objet", s.selected);
  return `#${p.toString()}`;
}

function bounds(data: GeoJSON.FeatureCollection): [[number, number], [number, number]] {
  const { w, s, e, n } = boundsOf(data.features.map((f) => (f.geometry as GeoJSON.Polygon).coordinates));
  return [
    [w, s],
    [e, n],
  ];
}

function anchor(g: GeoJSON.Geometry): [number, number] {
  if (g.type === "Point") return g.coordinates as [number, number];
  if (g.type === "LineString") return g.coordinates[0] as [number, number];
  const b = bounds({ type: "FeatureCollection", features: [{ type: "Feature", geometry: g, properties: {} }] });
  return [(b[0][0] + b[1][0]) / 2, (b[0][1] + b[1][1]) / 2];
}

export async function startPortal(maplibregl: typeof MapLibre, root: HTMLElement, config: PortalConfig, t: typeof Texts) {
  const api = `/t/${config.slug}/api/map`;
  const state = readState(location.hash);
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const status = $("#carte-statut");
  const panel = $("#couches");
  const results = $("#resultats");
  const sheet = $("#fiche");
  const search = $<HTMLInputElement>("#recherche");
  const commune = $<HTMLSelectElement>("#commune");
  const container = $("#carte");
  search.value = state.q;
  commune.value = state.commune;

  let layers: Layer[] = [];
  const data = new Map<string, Feature[]>();
  let matching: Set<string> | null = null;

  const map = new maplibregl.Map({
    container,
    style: config.baseStyle ?? { version: 8, sources: {}, layers: [{ id: "fond", type: "background", paint: { "background-color": "#eef2f5" } }] },
    ...(state.centre
      ? { center: [state.centre[0], state.centre[1]] as [number, number], zoom: state.centre[2] }
      : { bounds: bounds(config.boundary), fitBoundsOptions: { padding: 24 } }),
    attributionControl: false,
    locale: config.locale,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.GeolocateControl({ positionOptions: { enableHighAccuracy: true }, trackUserLocation: false }), "top-right");
  map.addControl(new maplibregl.AttributionControl({ compact: false, customAttribution: config.attribution }));

  const save = () => {
    const c = map.getCenter();
    state.centre = [c.lng, c.lat, map.getZoom()];
    history.replaceState(null, "", writeState(state));
    const embed = document.getElementById("integrer-lien") as HTMLAnchorElement | null;
    if (embed) embed.href = `/${config.slug}/carte/integrer/${writeState(state)}`;
  };
  map.on("moveend", save);

  const visible = () => new Set(state.layers ?? layers.map((l) => l.id));
  const fold = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  /** The directory's listings are searched here (the map's search covers the map's own layers). */
  const matches = (l: Layer, f: Feature) =>
    !matching ||
    (l.id === DIRECTORY
      ? fold(state.q)
          .split(/\s+/)
          .every((w) => fold(`${f.properties.name} ${f.properties.activite} ${f.properties.commune}`).includes(w))
      : matching.has(f.id));
  const filtered = (l: Layer) => (data.get(l.id) ?? []).filter((f) => matches(l, f) && (!state.commune || f.properties.insee === state.commune));

  function draw(l: Layer) {
    const features = visible().has(l.id) ? filtered(l) : [];
    const fc: GeoJSON.FeatureCollection = { type: "FeatureCollection", features };
    const src = map.getSource(`src-${l.id}`) as MapLibre.GeoJSONSource | undefined;
    if (src) return void src.setData(fc);
    const points = (data.get(l.id) ?? []).every((f) => f.geometry.type === "Point");
    map.addSource(`src-${l.id}`, { type: "geojson", data: fc, promoteId: "id", ...(points ? { cluster: true, clusterRadius: 40, clusterMaxZoom: 15 } : {}) });
    const colour = l.style.color;
    if (points) {
      map.addLayer({
        id: `amas-${l.id}`,
        type: "circle",
        source: `src-${l.id}`,
        filter: ["has", "point_count"],
        paint: {
          "circle-color": colour,
          "circle-opacity": 0.75,
          "circle-radius": ["step", ["get", "point_count"], 12, 10, 16, 50, 22],
          "circle-stroke-color": "#fff",
          "circle-stroke-width": 2,
        },
      });
      map.addLayer({
        id: `pts-${l.id}`,
        type: "circle",
        source: `src-${l.id}`,
        filter: ["!", ["has", "point_count"]],
        paint: { "circle-color": colour, "circle-radius": 6, "circle-stroke-color": "#fff", "circle-stroke-width": 1.5 },
      });
      map.on("click", `amas-${l.id}`, async (e) => {
        const f = e.features?.[0];
        if (!f) return;
        const zoom = await (map.getSource(`src-${l.id}`) as MapLibre.GeoJSONSource).getClusterExpansionZoom(f.properties.cluster_id as number);
        map.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
      });
      map.on("click", `pts-${l.id}`, (e) => e.features?.[0] && select(String(e.features[0].properties.id ?? e.features[0].id)));
    } else {
      map.addLayer({
        id: `surf-${l.id}`,
        type: "fill",
        source: `src-${l.id}`,
        filter: ["==", ["geometry-type"], "Polygon"],
        paint: { "fill-color": colour, "fill-opacity": 0.25 },
      });
      map.addLayer({ id: `ligne-${l.id}`, type: "line", source: `src-${l.id}`, paint: { "line-color": colour, "line-width": l.kind === "trails" ? 4 : 3 } });
      for (const id of [`surf-${l.id}`, `ligne-${l.id}`])
        map.on("click", id, (e) => e.features?.[0] && select(String(e.features[0].properties.id ?? e.features[0].id)));
    }
  }

  /** The directory's published listings, as one more layer (a layer of the map "Économie"). */
  async function addDirectory() {
    const res = await fetch(`/t/${config.slug}/api/directory/businesses?limit=500`).catch(() => null);
    if (!res?.ok) return;
    const list = (
      (await res.json()) as {
        businesses: Array<{
          id: string;
          slug: string;
          name: string;
          categoryLabel: string;
          address: string;
          commune: { insee: string; name: string };
          lon: number;
          lat: number;
          phone: string | null;
          openingHours: string | null;
        }>;
      }
    ).businesses;
    if (!list.length) return;
    layers.push({
      id: DIRECTORY,
      slug: "annuaire",
      name: t.directoryLayer,
      category: t.directoryCategory,
      kind: "features",
      style: { color: "#b34000" },
      visibility: "public",
      count: list.length,
      fields: [
        { key: "activite", label: t.activity, type: "text" },
        { key: "telephone", label: t.phone, type: "phone" },
        { key: "horaires", label: t.hours, type: "text" },
      ],
    });
    data.set(
      DIRECTORY,
      list.map((b) => ({
        type: "Feature",
        id: b.id,
        geometry: { type: "Point", coordinates: [b.lon, b.lat] },
        properties: {
          id: b.id,
          name: b.name,
          activite: b.categoryLabel,
          address: b.address,
          commune: b.commune.name,
          insee: b.commune.insee,
          telephone: b.phone,
          horaires: b.openingHours,
          page: `/${slugify(b.commune.name)}/commerces/${b.slug}/`,
        },
      })),
    );
  }

  async function load(l: Layer) {
    if (data.has(l.id)) return;
    const res = await fetch(`${api}/layers/${l.id}/features?limit=10000`, { headers: { accept: "application/geo+json" } });
    if (!res.ok) throw new Error(String(res.status));
    const fc = (await res.json()) as { features: Feature[] };
    // The feature id is also a property, so map clicks (which flatten properties) can find it.
    data.set(
      l.id,
      fc.features.map((f) => ({ ...f, properties: { ...f.properties, id: f.id } })),
    );
  }

  function renderPanel() {
    panel.replaceChildren();
    const shown = visible();
    for (const category of [...new Set(layers.map((l) => l.category))]) {
      const set = el("fieldset");
      set.append(el("legend", category));
      let any = false;
      for (const l of layers.filter((x) => x.category === category)) {
        const n = data.has(l.id) ? filtered(l).length : l.count;
        const hide = (matching || state.commune) && n === 0;
        const label = el("label");
        label.hidden = Boolean(hide);
        const box = el("input", undefined, { type: "checkbox", value: l.id, "data-couleur": l.style.color });
        (box as HTMLInputElement).checked = shown.has(l.id);
        const swatch = el("span", undefined, { class: "pastille", "aria-hidden": "true" });
        swatch.style.background = l.style.color;
        label.append(box, swatch, ` ${l.name} `, el("span", `(${t.layerCount(n)})`, { class: "compte" }));
        box.addEventListener("change", () => {
          const next = visible();
          if ((box as HTMLInputElement).checked) next.add(l.id);
          else next.delete(l.id);
          state.layers = layers.map((x) => x.id).filter((id) => next.has(id));
          void refresh();
        });
        set.append(label);
        any ||= !hide;
      }
      set.hidden = !any;
      panel.append(set);
    }
  }

  function renderResults() {
    results.replaceChildren();
    if (!matching && !state.commune) {
      status.textContent = "";
      return;
    }
    const found = layers.filter((l) => visible().has(l.id)).flatMap((l) => filtered(l).map((f) => ({ f, l })));
    status.textContent = found.length ? t.matches(found.length) : t.noMatch;
    for (const { f, l } of found.slice(0, 100)) {
      const b = el("button", String(f.properties.name), { type: "button", class: "lien" });
      b.addEventListener("click", () => select(f.id, true));
      const li = el("li");
      li.append(b, el("span", ` — ${l.name}${f.properties.commune ? `, ${f.properties.commune}` : ""}`, { class: "muted" }));
      results.append(li);
    }
  }

  function select(id: string | null, fly = false) {
    state.selected = id;
    save();
    sheet.replaceChildren();
    sheet.hidden = !id;
    if (!id) return;
    const hit = layers.map((l) => ({ l, f: (data.get(l.id) ?? []).find((x) => x.id === id) })).find((x) => x.f);
    if (!hit?.f) return void (sheet.hidden = true);
    const { f, l } = hit;
    const p = f.properties;
    const h = el("h2", String(p.name), { id: "fiche-titre", tabindex: "-1" });
    const close = el("button", t.sheetClose, { type: "button", class: "secondaire" });
    close.addEventListener("click", () => select(null));
    const dl = el("dl");
    const row = (k: string, v: Node | string) => {
      const dd = el("dd");
      dd.append(v);
      dl.append(el("dt", k), dd);
    };
    if (p.address || p.commune) row(t.address, [p.address, p.commune].filter(Boolean).join(", "));
    for (const field of l.fields) {
      const v = p[field.key];
      if (v === undefined || v === null || v === "") continue;
      const href = field.type === "url" ? safeHref(v) : null;
      if (field.type === "url") row(field.label, href ? el("a", String(v), { href }) : String(v));
      else if (field.type === "phone") row(field.label, Object.assign(el("a", String(v)), { href: `tel:${String(v).replace(/[^+\d]/g, "")}` }));
      else if (field.type === "boolean") row(field.label, v ? t.yes : t.no);
      else if (field.type === "opening_hours") row(field.label, hoursInWordsList(String(v), t.hoursNone));
      else row(field.label, `${v}${field.unit ? ` ${field.unit}` : ""}`);
    }
    const [lon, lat] = anchor(f.geometry);
    const links = el("p");
    const dir = el("a", t.directions, {
      href: `https://www.openstreetmap.org/directions?to=${lat.toFixed(6)}%2C${lon.toFixed(6)}`,
      "aria-label": t.directionsLabel(String(p.name)),
      target: "_blank",
      rel: "noopener",
    });
    links.append(dir);
    if (l.kind === "trails") links.append(" · ", el("a", t.trailLink, { href: `/${config.slug}/sentiers/?id=${f.id}` }));
    if (l.id === DIRECTORY) links.append(" · ", el("a", t.listingLink, { href: String(p.page) }));
    sheet.append(h, el("p", l.name, { class: "muted" }), dl, links, close);
    h.focus();
    if (fly) map.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 14) });
  }

  async function applySearch() {
    state.q = search.value.trim();
    state.commune = commune.value;
    if (state.q) {
      const u = new URLSearchParams({ q: state.q, limit: "10000" });
      const res = await fetch(`${api}/search?${u}`);
      matching = res.ok ? new Set(((await res.json()) as { features: Feature[] }).features.map((f) => f.id)) : new Set();
    } else matching = null;
    await refresh();
  }

  async function refresh() {
    await Promise.all(layers.filter((l) => visible().has(l.id)).map(load));
    for (const l of layers) if (data.has(l.id) || visible().has(l.id)) draw(l);
    renderPanel();
    renderResults();
    save();
  }

  $("#recherche-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void applySearch();
  });
  commune.addEventListener("change", () => void applySearch());

  await new Promise<void>((r) => (map.loaded() ? r() : map.once("load", () => r())));
  map.addSource("communes", { type: "geojson", data: config.boundary });
  map.addLayer({
    id: "communes-fond",
    type: "fill",
    source: "communes",
    paint: { "fill-color": config.focus ? ["case", ["==", ["get", "insee"], config.focus], "#000091", "#6a6af4"] : "#6a6af4", "fill-opacity": 0.08 },
  });
  map.addLayer({ id: "communes-contour", type: "line", source: "communes", paint: { "line-color": "#000091", "line-width": 1 } });
  try {
    status.textContent = t.loading;
    const res = await fetch(`${api}/layers`);
    if (!res.ok) throw new Error(String(res.status));
    layers = ((await res.json()) as { layers: Layer[] }).layers;
    await addDirectory();
    status.textContent = "";
    if (state.q || state.commune) await applySearch();
    else await refresh();
    if (state.selected) select(state.selected);
  } catch {
    status.textContent = t.unavailable;
  }
  map.once("idle", () => (container.dataset.mapReady = "true"));
  map.triggerRepaint();
  return map;
}
