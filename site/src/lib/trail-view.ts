/**
 * One trail (`/<slug>/sentiers/?id=`): its figures, its map (MapLibre), its elevation profile
 * (uPlot), its GPX and — with permission — the walker's position on the trail and the distance
 * left to the end. Its own chunk, loaded only when a trail is opened: the list of trails stays
 * light (issue #13 §6). A trail opened once is kept for offline use with this chunk (the service
 * worker keeps what the page loaded).
 */
import * as maplibregl from "maplibre-gl";
import workerSource from "maplibre-gl/dist/maplibre-gl-worker.mjs?raw";
import maplibreStyles from "maplibre-gl/dist/maplibre-gl.css?url";
import uPlot from "uplot";
import uplotStyles from "uplot/dist/uPlot.min.css?url";
import nearestPointOnLine from "@turf/nearest-point-on-line";
import { lineString } from "@turf/helpers";
import type { m as Texts } from "../i18n/carte.fr.ts";
import { el, useStylesheet } from "./dom.ts";
import type { TrailFeature, TrailsConfig } from "./trails-page.ts";

// The map's worker travels inside this chunk (one file), so a trail kept for offline use starts
// its map without fetching anything else.
maplibregl.setWorkerUrl(URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" })));

const coordsOf = (g: TrailFeature["geometry"]) => (g.type === "LineString" ? g.coordinates : g.coordinates.flat());

/** Shows `f` in the page under `root` (the list is hidden). */
export async function renderTrail(root: HTMLElement, f: TrailFeature, config: TrailsConfig, t: typeof Texts): Promise<void> {
  // A stylesheet that does not load (offline, a copy kept wrong) leaves the controls unstyled; the
  // trail, its map and its profile still show.
  await Promise.all([useStylesheet(maplibreStyles), useStylesheet(uplotStyles)].map((p) => p.catch(() => undefined)));
  const api = `/t/${config.slug}/api/map`;
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const p = f.properties;
  const tr = p.trail;
  $("#liste-sentiers").hidden = true;
  $("#sentier").hidden = false;
  document.title = `${p.name} — ${t.trails.title(config.tenant)}`;
  $("#sentiers-titre").textContent = p.name;
  $("#sentier-description").textContent = tr.description ?? "";
  const figs: Array<[string, string]> = [
    [t.trails.length, t.trails.km(tr.figures.lengthKm)],
    [t.trails.duration, t.trails.minutes(tr.figures.durationMinutes)],
    [t.trails.difficulty, tr.difficulty],
    [t.trails.type, tr.figures.loop ? t.trails.loop : t.trails.oneWay],
    ...(tr.figures.ascentM !== null ? [[t.trails.ascent, `${tr.figures.ascentM} m`] as [string, string]] : []),
    ...(tr.startName ? [[t.trails.start, tr.startName] as [string, string]] : []),
    ...(tr.practice ? [[t.trails.practice, tr.practice] as [string, string]] : []),
  ];
  $("#sentier-chiffres").replaceChildren(
    ...figs.map(([k, v]) => {
      const d = el("div");
      d.append(el("dt", k), el("dd", v));
      return d;
    }),
  );
  $<HTMLAnchorElement>("#sentier-gpx").href = `${api}/trails/${f.id}/gpx`;
  $("#sentier-consignes").textContent = tr.instructions ?? "";
  const list = (sel: string, items: Array<{ name: string; text?: string }>) => {
    const section = $(sel);
    section.hidden = !items.length;
    section.querySelector("ul")!.replaceChildren(
      ...items.map((i) => {
        const li = el("li");
        li.append(el("strong", i.name), ...(i.text ? [el("span", ` — ${i.text}`)] : []));
        return li;
      }),
    );
  };
  list(
    "#sentier-poi",
    (tr.pointsOfInterest ?? []).map((x) => ({ name: x.name, text: x.description })),
  );
  list(
    "#sentier-sensibles",
    (tr.sensitiveAreas ?? []).map((x) => ({ name: x.name, text: x.instructions })),
  );

  // Elevation profile: a chart for sight, the same facts in words for everyone.
  const profile = tr.figures.profile;
  if (profile.length && tr.figures.minAltitudeM !== null && tr.figures.maxAltitudeM !== null) {
    $("#profil-resume").textContent =
      `${t.trails.profileSummary(tr.figures.minAltitudeM, tr.figures.maxAltitudeM)}${tr.figures.ascentM !== null ? ` ${t.trails.ascent} : ${tr.figures.ascentM} m.` : ""}`;
    const box = $("#profil");
    new uPlot(
      {
        width: Math.min(box.clientWidth || 600, 900),
        height: 180,
        scales: { x: { time: false } },
        series: [{ label: "km" }, { label: "Altitude (m)", stroke: "#000091", fill: "rgba(0,0,145,.08)", width: 2 }],
        axes: [{ label: "km" }, { label: "m" }],
        legend: { show: false },
        cursor: { show: false },
      },
      [profile.map((x) => x[0]), profile.map((x) => x[1])],
      box,
    );
  } else $("#profil-titre").parentElement!.hidden = true;

  // Map: the trail, its points of interest, and (when asked) the walker.
  const coords = coordsOf(f.geometry);
  const container = $("#sentier-carte");
  container.setAttribute("aria-label", `Carte du sentier ${p.name}`);
  let w = 180,
    s = 90,
    e = -180,
    n = -90;
  for (const [x, y] of coords) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  const map = new maplibregl.Map({
    container,
    style: config.baseStyle ?? { version: 8, sources: {}, layers: [{ id: "fond", type: "background", paint: { "background-color": "#eef2f5" } }] },
    bounds: [
      [w, s],
      [e, n],
    ],
    fitBoundsOptions: { padding: 32 },
    attributionControl: false,
    locale: config.locale,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.AttributionControl({ compact: false, customAttribution: config.attribution }));
  const walker = new maplibregl.Marker({ color: "#ce0500" });
  map.on("load", () => {
    map.addSource("sentier", { type: "geojson", data: f });
    map.addLayer({ id: "sentier", type: "line", source: "sentier", paint: { "line-color": "#e4794a", "line-width": 5 } });
    const pois = (tr.pointsOfInterest ?? []).filter((x) => x.lon !== undefined && x.lat !== undefined);
    map.addSource("poi", {
      type: "geojson",
      data: {
        type: "FeatureCollection",
        features: pois.map((x) => ({ type: "Feature", properties: { name: x.name }, geometry: { type: "Point", coordinates: [x.lon!, x.lat!] } })),
      },
    });
    map.addLayer({
      id: "poi",
      type: "circle",
      source: "poi",
      paint: { "circle-color": "#000091", "circle-radius": 6, "circle-stroke-color": "#fff", "circle-stroke-width": 2 },
    });
    map.once("idle", () => (container.dataset.mapReady = "true"));
  });

  // Live position: the nearest point of the trail, and what is left to walk from there.
  const line = lineString(coords.map((c) => [c[0], c[1]]));
  let watch: number | null = null;
  const follow = $<HTMLButtonElement>("#suivre");
  const status = $("#position");
  follow.addEventListener("click", () => {
    if (watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
      walker.remove();
      follow.textContent = t.trails.follow;
      follow.setAttribute("aria-pressed", "false");
      status.textContent = "";
      return;
    }
    follow.textContent = t.trails.stopFollow;
    follow.setAttribute("aria-pressed", "true");
    watch = navigator.geolocation.watchPosition(
      (pos) => {
        const here: [number, number] = [pos.coords.longitude, pos.coords.latitude];
        walker.setLngLat(here).addTo(map);
        const near = nearestPointOnLine(line, here, { units: "kilometers" });
        const left = Math.max(0, tr.figures.lengthKm - (near.properties.location ?? 0));
        const away = Math.round((near.properties.dist ?? 0) * 1000);
        status.textContent = `${t.trails.remaining(left.toLocaleString("fr-FR", { maximumFractionDigits: 1 }))}${away > 50 ? ` ${t.trails.offTrail(away)}` : ""}`;
      },
      () => (status.textContent = t.trails.positionUnavailable),
      { enableHighAccuracy: true, maximumAge: 10_000 },
    );
  });
  $("#sentiers-titre").focus();
}
