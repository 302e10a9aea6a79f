/**
 * The trail pages, in the browser: the list of trails, and one trail (`?id=`), whose view (map,
 * profile, live position: site/src/lib/trail-view.ts) is fetched only when a trail is opened.
 */
import type { m as Texts } from "../i18n/carte.fr.ts";
import { el } from "./dom.ts";
import { KEPT_COPY_HEADER } from "./kept-copy.ts";

interface Figures {
  lengthKm: number;
  ascentM: number | null;
  durationMinutes: number;
  loop: boolean;
  minAltitudeM: number | null;
  maxAltitudeM: number | null;
  profile: Array<[number, number]>;
}
interface Trail {
  figures: Figures;
  difficulty: string;
  description?: string;
  practice?: string;
  startName?: string;
  instructions?: string;
  pointsOfInterest?: Array<{ name: string; description?: string; lon?: number; lat?: number }>;
  sensitiveAreas?: Array<{ name: string; instructions: string }>;
}
export type TrailFeature = GeoJSON.Feature<GeoJSON.LineString | GeoJSON.MultiLineString, { name: string; commune: string | null; trail: Trail }> & {
  id: string;
};

export interface TrailsConfig {
  slug: string;
  tenant: string;
  baseStyle: string | null;
  locale: Record<string, string>;
  attribution: string;
}

let trailLayers: Array<{ id: string; name: string }> = [];
let fromKeptCopy = false;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (res.headers.get(KEPT_COPY_HEADER)) fromKeptCopy = true;
  return (await res.json()) as T;
}

async function loadTrails(api: string): Promise<TrailFeature[]> {
  const layers = (await getJson<{ layers: Array<{ id: string; kind: string; name: string }> }>(`${api}/layers`)).layers.filter((l) => l.kind === "trails");
  trailLayers = layers;
  const all = await Promise.all(layers.map(async (l) => (await getJson<{ features: TrailFeature[] }>(`${api}/layers/${l.id}/features?limit=1000`)).features));
  return all.flat();
}

export async function startTrails(root: HTMLElement, config: TrailsConfig, t: typeof Texts) {
  const api = `/t/${config.slug}/api/map`;
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  // Offline as the browser says (which may not know: a network that answers nothing), or as the
  // data says (it came from the copy kept by the service worker).
  const offline = () => ($("#hors-ligne").hidden = navigator.onLine && !fromKeptCopy);
  window.addEventListener("online", offline);
  window.addEventListener("offline", offline);
  offline();
  let trails: TrailFeature[];
  try {
    trails = await loadTrails(api);
  } catch {
    $("#sentiers-statut").textContent = t.unavailable;
    return;
  }
  offline();
  const id = new URLSearchParams(location.search).get("id");
  if (!id) return renderList(trails);
  const trail = trails.find((f) => f.id === id);
  if (!trail) {
    $("#sentiers-statut").textContent = t.trails.notFound;
    return renderList(trails);
  }
  try {
    const { renderTrail } = await import("./trail-view.ts");
    await renderTrail(root, trail, config, t);
  } catch {
    // Offline, a trail never opened before has no map code kept: say so rather than hang.
    $("#sentiers-statut").textContent = t.unavailable;
  }

  function renderList(list: TrailFeature[]) {
    $("#sentiers-statut").textContent = "";
    // Open data: each trails layer in the national exchange schema.
    $("#sentiers-donnees").replaceChildren(
      ...trailLayers.map((l) => {
        const li = el("li");
        li.append(el("a", t.trails.openData(l.name), { href: `${api}/layers/${l.id}/pnx`, download: "" }));
        return li;
      }),
    );
    $("#sentiers-ouvertes").hidden = trailLayers.length === 0;
    $("#sentiers-liste").replaceChildren(
      ...list.map((f) => {
        const li = el("li");
        const fig = f.properties.trail.figures;
        li.append(
          el("a", f.properties.name, { href: `?id=${f.id}` }),
          el(
            "span",
            ` — ${t.trails.km(fig.lengthKm)}, ${t.trails.minutes(fig.durationMinutes)}, ${f.properties.trail.difficulty}${f.properties.commune ? ` (${f.properties.commune})` : ""}`,
            { class: "muted" },
          ),
        );
        return li;
      }),
    );
  }
}
