/**
 * MapLibre for the home page's map, in its own chunk: imported by territory-map-offer.ts when the
 * reader asks for the map, with its stylesheet and its worker (files of the site).
 */
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import stylesheet from "maplibre-gl/dist/maplibre-gl.css?url";
import { renderTerritoryMap, type MapConfig } from "./map.ts";
import { useStylesheet } from "./dom.ts";

maplibregl.setWorkerUrl(workerUrl);

/** Draws the map in `container`; resolves to its canvas (the element that takes the keyboard). */
export async function showTerritoryMap(container: HTMLElement, config: MapConfig): Promise<HTMLElement> {
  // Without its stylesheet the map still draws (its controls unstyled).
  await useStylesheet(stylesheet).catch(() => undefined);
  return renderTerritoryMap(maplibregl, container, config).getCanvas();
}
