/** Client side of the territory map (runs in the browser). */
import type * as MapLibre from "maplibre-gl";

export interface MapConfig {
  data: GeoJSON.FeatureCollection;
  focus: string | null;
  baseStyle: string | null;
  locale: Record<string, string>;
  attribution: string;
}

const COLOURS = { fill: "#6a6af4", focus: "#000091", line: "#000091", background: "#eef2f5" };

function bounds(data: GeoJSON.FeatureCollection): [[number, number], [number, number]] {
  let w = 180,
    s = 90,
    e = -180,
    n = -90;
  for (const f of data.features) {
    const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const rings = g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
    for (const ring of rings)
      for (const [x, y] of ring) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
  }
  return [
    [w, s],
    [e, n],
  ];
}

/** The offline style: a plain background and the communes from the page's own data. */
function ownStyle(): MapLibre.StyleSpecification {
  return { version: 8, sources: {}, layers: [{ id: "fond", type: "background", paint: { "background-color": COLOURS.background } }] };
}

export function renderTerritoryMap(maplibregl: typeof MapLibre, container: HTMLElement, config: MapConfig): MapLibre.Map {
  const map = new maplibregl.Map({
    container,
    style: config.baseStyle ?? ownStyle(),
    bounds: bounds(config.data),
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    locale: config.locale,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.AttributionControl({ compact: false, customAttribution: config.attribution }));
  map.on("load", () => {
    map.addSource("communes", { type: "geojson", data: config.data });
    map.addLayer({
      id: "communes-fond",
      type: "fill",
      source: "communes",
      paint: {
        "fill-color": config.focus ? ["case", ["==", ["get", "insee"], config.focus], COLOURS.focus, COLOURS.fill] : COLOURS.fill,
        "fill-opacity": 0.25,
      },
    });
    map.addLayer({ id: "communes-contour", type: "line", source: "communes", paint: { "line-color": COLOURS.line, "line-width": 1.5 } });
    map.once("idle", () => {
      container.dataset.mapReady = "true";
    });
  });
  return map;
}
