/**
 * The map editor (back office, agents with map:write): draw a point, a line or a surface
 * (terra-draw), fill in the layer's fields, save; edit or delete existing features; import a
 * GeoJSON or CSV file with an upload progress bar and the per-row error report; export links.
 * Built on the back-office kit (ADR 0026): the typed client, one session start-up, the problem
 * reader (errors beside their fields, a summary on top), notices and the confirmation dialog.
 */
import type * as MapLibre from "maplibre-gl";
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import type { ed as Texts } from "../i18n/editeur.fr.ts";
import { apiUrl, type Schemas } from "./api/client.ts";
import { el } from "./dom.ts";
import { confirmAction } from "./kit/confirm.ts";
import { boundaryBounds } from "./kit/map-point.ts";
import { notify } from "./kit/notice.ts";
import { clearProblem, showProblem, toProblem } from "./kit/problem.ts";
import { startSession } from "./kit/session.ts";
import { upload } from "./kit/upload.ts";

type Layer = Schemas["Couche"];
type Feature = Schemas["Objet"] & { geometry: GeoJSON.Geometry };
type FeatureInput = Schemas["ObjetSaisie"];

export interface EditorConfig {
  slug: string;
  boundary: GeoJSON.FeatureCollection;
  baseStyle: string | null;
  locale: Record<string, string>;
  attribution: string;
}

export async function startEditor(maplibregl: typeof MapLibre, root: HTMLElement, config: EditorConfig, t: typeof Texts) {
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const status = $("#editeur-etat");
  const start = await startSession(config.slug, "map:write");
  if (!start.ok) {
    notify(status, t.notAllowed, "error");
    $("#editeur-connexion").hidden = start.reason !== "signed-out";
    return;
  }
  const { api, session } = start;

  const all = (await api.GET("/api/map/layers")).data?.layers ?? [];
  const layers = all.filter((l) => l.tenant === config.slug);
  if (!layers.length) return notify(status, t.noLayer);
  $("#editeur-outils").hidden = false;
  const select = $<HTMLSelectElement>("#couche");
  select.replaceChildren(...layers.map((l) => el("option", l.name, { value: l.id })));
  const layer = (): Layer => layers.find((l) => l.id === select.value)!;

  const container = $("#carte-edition");
  const map = new maplibregl.Map({
    container,
    style: config.baseStyle ?? { version: 8, sources: {}, layers: [{ id: "fond", type: "background", paint: { "background-color": "#eef2f5" } }] },
    bounds: boundaryBounds(config.boundary),
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
  map.addLayer({
    id: "objets-surf",
    type: "fill",
    source: "objets",
    filter: ["==", ["geometry-type"], "Polygon"],
    paint: { "fill-color": "#6a6af4", "fill-opacity": 0.2 },
  });
  map.addLayer({ id: "objets-ligne", type: "line", source: "objets", paint: { "line-color": "#6a6af4", "line-width": 3 } });
  map.addLayer({
    id: "objets-pts",
    type: "circle",
    source: "objets",
    filter: ["==", ["geometry-type"], "Point"],
    paint: { "circle-color": "#6a6af4", "circle-radius": 5 },
  });

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
  const form = $<HTMLFormElement>("#fiche-objet");
  const formStatus = $("#fiche-objet-statut");
  const reset = () => {
    draw.clear();
    draw.setMode("static");
    drawn = null;
    editing = null;
    form.reset();
    clearProblem(form);
    renderFields();
  };
  draw.on("finish", (id) => {
    // One object at a time: a new drawing replaces the previous one.
    const others = draw
      .getSnapshot()
      .filter((f) => f.id !== id)
      .map((f) => f.id!);
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
    $("#objet-champs").replaceChildren(
      ...layer().fields.map((f) => {
        const p = el("p");
        const id = `champ-${f.key}`;
        const label = el("label", `${f.label}${f.unit ? ` (${f.unit})` : ""}`, { for: id });
        let input: HTMLInputElement | HTMLSelectElement;
        if (f.type === "enum" || f.type === "boolean") {
          input = el("select", undefined, { id, name: f.key });
          const options =
            f.type === "boolean"
              ? [
                  ["", ""],
                  ["true", t.yes],
                  ["false", t.no],
                ]
              : [["", ""], ...(f.options ?? []).map((o) => [o, o])];
          input.append(...options.map(([v, txt]) => el("option", txt, { value: v })));
        } else
          input = el("input", undefined, {
            id,
            name: f.key,
            type: f.type === "number" ? "number" : f.type === "url" ? "url" : f.type === "phone" ? "tel" : "text",
          });
        // The API names a layer field's error body/properties/<key>.
        input.dataset.path = `body/properties/${f.key}`;
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

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form);
    const geometry = geometryOf();
    if (!geometry)
      return void showProblem(form, toProblem({ detail: t.drawFirst, errors: [{ path: "body/geometry", message: t.drawFirst }] }, 400), {
        "body/geometry": container,
      });
    const properties: Record<string, unknown> = {};
    for (const f of layer().fields) {
      const v = ($(`#champ-${f.key}`) as HTMLInputElement).value.trim();
      if (v !== "") properties[f.key] = f.type === "boolean" ? v === "true" : f.type === "number" ? Number(v) : v;
    }
    const body: FeatureInput = {
      name: $<HTMLInputElement>("#objet-nom").value.trim(),
      address: $<HTMLInputElement>("#objet-adresse").value.trim() || null,
      geometry,
      properties,
    };
    const { error, response } = editing
      ? await api.PUT("/api/map/features/{featureId}", {
          params: { path: { featureId: editing.id } },
          body: { ...body, ...(editing.properties.trail ? { trail: pickTrail(editing.properties.trail) } : {}) },
        })
      : await api.POST("/api/map/layers/{layerId}/features", { params: { path: { layerId: layer().id } }, body });
    if (!error) {
      reset();
      notify(formStatus, t.saved);
      return void (await loadFeatures());
    }
    showProblem(form, toProblem(error, response.status, t.failed), { "body/geometry": container });
  });

  /** What agents wrote about a trail (the figures are recomputed by the server). */
  const pickTrail = (trail: unknown) => {
    const { figures: _f, difficulty: _d, ...rest } = trail as Record<string, unknown>;
    return rest as FeatureInput["trail"];
  };

  async function loadFeatures() {
    const { data } = await api.GET("/api/map/layers/{layerId}/features", {
      params: { path: { layerId: layer().id }, query: { limit: 10000 } },
      headers: { "cache-control": "no-cache" },
    });
    const features = (data?.features ?? []) as Feature[];
    (map.getSource("objets") as MapLibre.GeoJSONSource).setData({ type: "FeatureCollection", features });
    $("#objets-legende").textContent = t.featuresCaption(features.length);
    $("#objets").replaceChildren(...features.map(featureRow));
    $("#exports").replaceChildren(
      ...(["geojson", "csv", "gpx"] as const).map((fmt) => {
        const li = el("li");
        li.append(el("a", `${layer().name} — ${fmt.toUpperCase()}`, { href: `${apiUrl(config.slug, `/api/map/layers/${layer().id}/export`)}?format=${fmt}` }));
        return li;
      }),
    );
  }

  function featureRow(f: Feature) {
    const tr = el("tr");
    const name = String(f.properties.name);
    const edit = el("button", t.edit, { type: "button", class: "secondaire", "aria-label": t.editLabel(name) });
    edit.addEventListener("click", () => {
      reset();
      editing = f;
      $<HTMLInputElement>("#objet-nom").value = name;
      $<HTMLInputElement>("#objet-adresse").value = String(f.properties.address ?? "");
      renderFields(f.properties);
      const mode = f.geometry.type === "Point" ? "point" : f.geometry.type === "LineString" ? "linestring" : "polygon";
      const [id] = draw
        .addFeatures([{ type: "Feature", geometry: f.geometry, properties: { mode } } as GeoJSONStoreFeatures])
        .filter((v) => v.valid)
        .map((v) => v.id!);
      drawn = id ?? null;
      draw.setMode("select");
      $<HTMLInputElement>("#objet-nom").focus();
    });
    const del = el("button", t.remove, { type: "button", class: "secondaire", "aria-label": t.removeLabel(name) });
    del.addEventListener("click", async () => {
      if (!(await confirmAction(t.confirmRemove(name)))) return del.focus();
      const { error } = await api.DELETE("/api/map/features/{featureId}", { params: { path: { featureId: f.id } } });
      notify(formStatus, error ? toProblem(error, 0, t.failed).detail : t.deleted, error ? "error" : "info");
      await loadFeatures();
      $("#objets-titre").focus();
    });
    const actions = el("td");
    actions.append(edit, " ", del);
    tr.append(el("td", name), el("td", String(f.properties.commune ?? "")), actions);
    return tr;
  }

  // Import: the upload's progress shown as it goes (large files), then the result or the report.
  const importForm = $<HTMLFormElement>("#import-form");
  importForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(importForm);
    const file = $<HTMLInputElement>("#fichier").files?.[0];
    const out = $("#import-form-statut");
    const table = $<HTMLTableElement>("#import-erreurs");
    table.hidden = true;
    if (!file) return void showProblem(importForm, toProblem({ errors: [{ path: "body/fichier", message: t.file }] }, 400));
    const format = /\.csv$/i.test(file.name) ? "csv" : "geojson";
    const mode = (importForm.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value ?? "append") as "append" | "replace";
    const url = `${apiUrl(config.slug, `/api/map/layers/${layer().id}/import`)}?format=${format}&mode=${mode}`;
    const sent = await upload(url, file, {
      contentType: format === "csv" ? "text/csv" : "application/geo+json",
      csrf: session.csrfToken,
      progress: $<HTMLProgressElement>("#fichier-progression"),
    }).catch(() => null);
    if (!sent) return notify(out, t.failed, "error");
    if (sent.status === 200) {
      const done = sent.body as { imported: number; removed: number };
      notify(out, t.imported(done.imported, done.removed));
      return void (await loadFeatures());
    }
    // Rows of a file are not fields of the form: the report is a table, the notice says why.
    const problem = toProblem(sent.body, sent.status, t.failed);
    notify(out, problem.detail, "error");
    table.tBodies[0].replaceChildren(
      ...problem.errors.map((x) => {
        const tr = el("tr");
        tr.append(el("td", x.path), el("td", x.message));
        return tr;
      }),
    );
    table.hidden = problem.errors.length === 0;
  });

  select.addEventListener("change", () => {
    reset();
    void loadFeatures();
  });
  renderFields();
  await loadFeatures();
}
