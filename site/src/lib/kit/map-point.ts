/**
 * A position picked on a map rather than typed as longitude and latitude, checked inside the
 * tenant's boundary in the page (the API checks it again: ADR 0026).
 */
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type * as MapLibre from "maplibre-gl";
import { boundsOf } from "../geo-bounds.ts";

/** Whether [lon, lat] lies inside one of the boundary's (multi)polygons. */
export function insideBoundary(point: [number, number], boundary: GeoJSON.FeatureCollection): boolean {
  return boundary.features.some((f) => (f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon") && booleanPointInPolygon(point, f.geometry));
}

/** The boundary's bounding box, to frame the map (MapLibre's [[west, south], [east, north]]). */
export function boundaryBounds(boundary: GeoJSON.FeatureCollection): [[number, number], [number, number]] {
  const { w, s, e, n } = boundsOf(boundary.features.map((f) => (f.geometry as GeoJSON.Polygon).coordinates));
  return [
    [w, s],
    [e, n],
  ];
}

/**
 * Clicks on the map choose the point when it is inside the boundary (a marker shows it); outside,
 * `onOutside` says so and nothing changes.
 */
export function pickPointOnMap(
  maplibregl: typeof MapLibre,
  map: MapLibre.Map,
  boundary: GeoJSON.FeatureCollection,
  on: { pick(p: [number, number]): void; outside(): void },
) {
  let marker: MapLibre.Marker | null = null;
  const place = (p: [number, number]) => {
    marker ??= new maplibregl.Marker({ color: "#000091" });
    marker.setLngLat(p).addTo(map);
  };
  map.on("click", (ev) => {
    const p: [number, number] = [Math.round(ev.lngLat.lng * 1e6) / 1e6, Math.round(ev.lngLat.lat * 1e6) / 1e6];
    if (!insideBoundary(p, boundary)) return on.outside();
    place(p);
    on.pick(p);
  });
  return { place };
}
