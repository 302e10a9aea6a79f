/**
 * The map editor (back office, agents with map:write): draw a point, a line or a surface
 * (terra-draw), fill in the layer's fields, save; edit or delete existing features; import a
 * GeoJSON or CSV file with an upload progress bar and the per-row error report; export links.
 * Writes carry the session's CSRF token; the API checks every permission again.
 */
import type * as MapLibre from "maplibre-gl";
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import type { ed as Texts } from "../i18n/editeur.fr.ts";
import { el } from "./dom.ts";

interface Field { key: string; label: string; type: string; options?: string[]; required?: boolean; unit?: string }
interface Layer { id: string; tenant: string; name: string; kind: string; fields: Field[]; style: { color: string } }
type Feature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, unknown>> & { id: string };

export interface EditorConfig { slug: string; boundary: GeoJSON.FeatureCollection; baseStyle: string | null; locale: Record<string, string>; attribution: string }


export async function startEditor(maplibregl: typeof MapLibre, root: HTMLElement, config: EditorConfig, t: typeof Texts) {
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const api = `/t/${config.slug}/api`;
  const status = $("#editeur-etat");
  const me = await fetch(`${api}/identity/session`, { headers: { accept: "application/json" } });
  const session = me.ok ? ((await me.json()) as { permissions: string[]; csrfToken: string | null }) : null;
  if (!session || !session.permissions.includes("map:write")) {
    status.textContent = t.notAllowed;
    $("#editeur-connexion").hidden = Boolean(session);
    return;
  }
  const csrf = session.csrfToken ?? "";
  const write = (path: string, init: RequestInit) =>
    fetch(`${api}/map${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), "x-csrf-token": csrf, accept: "application/json" }, credentials: "same-origin" });

  const layers = ((await (await fetch(`${api}/map/layers`)).json()) as { layers: Layer[] }).layers.filter((l) => l.tenant === config.slug);
  if (!layers.length) {
    status.textContent = t.noLayer;
    return;
  }
  $("#editeur-outils").hidden = false;
  const select = $<HTMLSelectElement>("#couche");
  select.replaceChildren(...layers.map((l) => el("option", l.name, { value: l.id })));
  const layer = () => layers.find((l) => l.id === select.value)!;

  let w = 180, s = 90, e = -180, n = -90;
  for (const f of config.boundary.features) for (const [x, y] of (f.geometry as GeoJSON.Polygon).coordinates.flat()) { w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y); }
  const container = $("#carte-edition");
  const map = new maplibregl.Map({
    container,
    style: config.baseStyle ?? { version: 8, sources: {}, layers: [{ id: "fond", type: "background", paint: { "background-color": "#eef2f5" } }] },
    bounds: [[w, s], [e, n]],
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    locale: config.locale,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.AttributionControl({ compact: false, customAttribution: config.attribution }));
  await new Promise<void>((r) => map.once("load", () => r()));
  map.addSource("communes", { type: "geojson", data: config.boundary });
  map.addLayer({ id: "communes", type: "line", source: "communes", paint: { "line-color": "#000091", "line-width": 1 } });
  map.addSource("objets", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  map.addLayer({ id: "objets-surf", type: "fill", source: "objets", filter: ["==", ["geometry-type"], "Polygon"], paint: { "fill-color": "#6a6af4", "fill-opacity": 0.2 } });
  map.addLayer({ id: "objets-ligne", type: "line", source: "objets", paint: { "line-color": "#6a6af4", "line-width": 3 } });
  map.addLayer({ id: "objets-pts", type: "circle", source: "objets", filter: ["==", ["geometry-type"], "Point"], paint: { "circle-color": "#6a6af4", "circle-radius": 5 } });

  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [
      new TerraDrawPointMode(),
      new TerraDrawLineStringMode(),
      new TerraDrawPolygonMode(),
      new TerraDrawSelectMode({
        flags: {
          point: { feature: { draggable: true } },
          linestring: { feature: { draggable: true, coordinates: { draggable: true } } },
          polygon: { feature: { draggable: true, coordinates: { draggable: true } } },
        },
      }),
    ],
  });
  draw.start();
  container.dataset.mapReady = "true";

  let drawn: string | number | null = null;
  let editing: Feature | null = null;
  const formStatus = $("#objet-statut");
  const errorsList = $("#objet-erreurs");
  const reset = () => {
    draw.clear();
    draw.setMode("static");
    drawn = null;
    editing = null;
    ($("#fiche-objet") as HTMLFormElement).reset();
    errorsList.replaceChildren();
    renderFields();
  };
  draw.on("finish", (id) => {
    // One object at a time: a new drawing replaces the previous one.
    const others = draw.getSnapshot().filter((f) => f.id !== id).map((f) => f.id!);
    if (others.length) draw.removeFeatures(others);
    drawn = id;
    draw.setMode("select");
    $<HTMLInputElement>("#objet-nom").focus();
  });
  for (const b of Array.from(root.querySelectorAll<HTMLButtonElement>("[data-mode]"))) {
    b.addEventListener("click", () => {
      draw.clear();
      drawn = null;
      draw.setMode(b.dataset.mode!);
    });
  }
  $("#annuler").addEventListener("click", reset);

  function renderFields(values: Record<string, unknown> = {}) {
    const box = $("#objet-champs");
    box.replaceChildren(
      ...layer().fields.map((f) => {
        const p = el("p");
        const id = `champ-${f.key}`;
        const label = el("label", `${f.label}${f.unit ? ` (${f.unit})` : ""}`, { for: id });
        let input: HTMLInputElement | HTMLSelectElement;
        if (f.type === "enum" || f.type === "boolean") {
          input = el("select", undefined, { id, name: f.key });
          const options = f.type === "boolean" ? [["", ""], ["true", t.yes], ["false", t.no]] : [["", ""], ...(f.options ?? []).map((o) => [o, o])];
          input.append(...options.map(([v, txt]) => el("option", txt, { value: v })));
        } else input = el("input", undefined, { id, name: f.key, type: f.type === "number" ? "number" : f.type === "url" ? "url" : f.type === "phone" ? "tel" : "text" });
        if (f.required) input.setAttribute("required", "");
        const v = values[f.key];
        if (v !== undefined && v !== null) input.value = String(v);
        p.append(label, input);
        return p;
      }),
    );
  }

  function geometryOf(): GeoJSON.Geometry | null {
    const snap = draw.getSnapshot();
    const f = snap.find((x) => x.id === drawn) ?? snap[0];
    return f ? (f.geometry as GeoJSON.Geometry) : null;
  }

  $("#fiche-objet").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    errorsList.replaceChildren();
    const geometry = geometryOf();
    if (!geometry) {
      formStatus.textContent = t.drawFirst;
      return;
    }
    const properties: Record<string, unknown> = {};
    for (const f of layer().fields) {
      const v = ($(`#champ-${f.key}`) as HTMLInputElement).value.trim();
      if (v !== "") properties[f.key] = f.type === "boolean" ? v === "true" : f.type === "number" ? Number(v) : v;
    }
    const body = { name: $<HTMLInputElement>("#objet-nom").value.trim(), address: $<HTMLInputElement>("#objet-adresse").value.trim() || null, geometry, properties };
    const res = editing
      ? await write(`/features/${editing.id}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, ...(editing.properties.trail ? { trail: pickTrail(editing.properties.trail) } : {}) }) })
      : await write(`/layers/${layer().id}/features`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (res.ok) {
      formStatus.textContent = t.saved;
      reset();
      await loadFeatures();
      return;
    }
    const problem = (await res.json().catch(() => ({}))) as { detail?: string; errors?: Array<{ path: string; message: string }> };
    formStatus.textContent = problem.detail ?? t.failed;
    errorsList.replaceChildren(...(problem.errors ?? []).map((x) => el("li", x.message)));
  });

  /** What agents wrote about a trail (the figures are recomputed by the server). */
  const pickTrail = (trail: unknown) => {
    const { figures: _f, difficulty: _d, ...rest } = trail as Record<string, unknown>;
    return rest;
  };

  async function loadFeatures() {
    const res = await fetch(`${api}/map/layers/${layer().id}/features?limit=10000`, { headers: { "cache-control": "no-cache" } });
    const { features } = (await res.json()) as { features: Feature[] };
    (map.getSource("objets") as MapLibre.GeoJSONSource).setData({ type: "FeatureCollection", features });
    $("#objets-legende").textContent = t.featuresCaption(features.length);
    $("#objets").replaceChildren(
      ...features.map((f) => {
        const tr = el("tr");
        const name = String(f.properties.name);
        const edit = el("button", t.edit, { type: "button", class: "secondaire", "aria-label": t.editLabel(name) });
        edit.addEventListener("click", () => {
          reset();
          editing = f;
          $<HTMLInputElement>("#objet-nom").value = name;
          $<HTMLInputElement>("#objet-adresse").value = String(f.properties.address ?? "");
          renderFields(f.properties);
          const [id] = draw.addFeatures([{ type: "Feature", geometry: f.geometry, properties: { mode: f.geometry.type === "Point" ? "point" : f.geometry.type === "LineString" ? "linestring" : "polygon" } } as GeoJSONStoreFeatures]).filter((v) => v.valid).map((v) => v.id!);
          drawn = id ?? null;
          draw.setMode("select");
          $<HTMLInputElement>("#objet-nom").focus();
        });
        const del = el("button", t.remove, { type: "button", class: "secondaire", "aria-label": t.removeLabel(name) });
        del.addEventListener("click", async () => {
          if (!confirm(t.confirmRemove(name))) return;
          const r = await write(`/features/${f.id}`, { method: "DELETE" });
          formStatus.textContent = r.ok ? t.deleted : t.failed;
          await loadFeatures();
          $("#objets-titre").focus();
        });
        const actions = el("td");
        actions.append(edit, " ", del);
        tr.append(el("td", name), el("td", String(f.properties.commune ?? "")), actions);
        return tr;
      }),
    );
    const exports = $("#exports");
    exports.replaceChildren(
      ...["geojson", "csv", "gpx"].map((fmt) => {
        const li = el("li");
        li.append(el("a", `${layer().name} — ${fmt.toUpperCase()}`, { href: `${api}/map/layers/${layer().id}/export?format=${fmt}` }));
        return li;
      }),
    );
  }

  // Import: the upload's progress shown as it goes (large files), then the result or the report.
  $("#import-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const file = $<HTMLInputElement>("#fichier").files?.[0];
    const out = $("#import-statut");
    const table = $<HTMLTableElement>("#import-erreurs");
    table.hidden = true;
    if (!file) return void (out.textContent = t.file);
    const format = /\.csv$/i.test(file.name) ? "csv" : "geojson";
    const mode = (root.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value ?? "append") as "append" | "replace";
    const bar = $<HTMLProgressElement>("#import-progression");
    bar.hidden = false;
    bar.value = 0;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${api}/map/layers/${layer().id}/import?format=${format}&mode=${mode}`);
    xhr.setRequestHeader("content-type", format === "csv" ? "text/csv" : "application/geo+json");
    xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.upload.onprogress = (p) => {
      if (p.lengthComputable) bar.value = Math.round((p.loaded / p.total) * 100);
    };
    xhr.onload = async () => {
      bar.value = 100;
      const body = JSON.parse(xhr.responseText || "{}") as { imported?: number; removed?: number; detail?: string; errors?: Array<{ path: string; message: string }> };
      if (xhr.status === 200) {
        out.textContent = t.imported(body.imported ?? 0, body.removed ?? 0);
        await loadFeatures();
        return;
      }
      out.textContent = body.detail ?? t.failed;
      const rows = (body.errors ?? []).map((x) => {
        const tr = el("tr");
        tr.append(el("td", x.path), el("td", x.message));
        return tr;
      });
      table.tBodies[0].replaceChildren(...rows);
      table.hidden = rows.length === 0;
    };
    xhr.onerror = () => (out.textContent = t.failed);
    xhr.send(file);
  });

  select.addEventListener("change", () => {
    reset();
    void loadFeatures();
  });
  renderFields();
  await loadFeatures();
}
