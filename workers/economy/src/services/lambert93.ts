/**
 * WGS84 → Lambert-93 (EPSG:2154, RGF93 v1 / Lambert-93), the projection the CNIG standard's SQL
 * geometry uses, with proj4 (the projection library every GIS uses on the web). Coordinates rounded
 * to the centimetre.
 */
import proj4 from "proj4";

/** EPSG:2154 as the EPSG registry defines it (RGF93 ≈ WGS84 at this precision: null towgs84). */
const LAMBERT_93 =
  "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs";
proj4.defs("EPSG:2154", LAMBERT_93);
const converter = proj4("EPSG:4326", "EPSG:2154");

export const LAMBERT_93_URN = "urn:ogc:def:crs:EPSG::2154";

const cm = (x: number) => Math.round(x * 100) / 100;

/** One [lon, lat] position in Lambert-93 [x, y] metres. */
export function toLambert93([lon, lat]: readonly number[]): [number, number] {
  const [x, y] = converter.forward([lon, lat]);
  return [cm(x), cm(y)];
}

/** Back to WGS84 (tests and imports). */
export function fromLambert93([x, y]: readonly number[]): [number, number] {
  const [lon, lat] = converter.inverse([x, y]);
  return [lon, lat];
}

type Geometry = { type: string; coordinates: unknown };

/** A GeoJSON geometry's coordinates projected, any depth (Point … MultiPolygon). */
export function projectGeometry<T extends Geometry>(g: T): T {
  const walk = (c: unknown): unknown => (typeof (c as number[])[0] === "number" ? toLambert93(c as number[]) : (c as unknown[]).map(walk));
  return { ...g, coordinates: walk(g.coordinates) };
}

/** A Polygon as a MultiPolygon (the standard's SQL type for sites). */
export const asMultiPolygon = (g: Geometry): Geometry => (g.type === "Polygon" ? { type: "MultiPolygon", coordinates: [g.coordinates] } : g);

/** The mean of a geometry's distinct vertices [lon, lat] (the CNIG « centroïde » of a zone, indicative). */
export function centroid(g: Geometry): [number, number] {
  const pts: number[][] = [];
  const walk = (c: unknown) => (typeof (c as number[])[0] === "number" ? pts.push(c as number[]) : (c as unknown[]).forEach(walk));
  walk(g.coordinates);
  const uniq = [...new Map(pts.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return [r(uniq.reduce((s, p) => s + p[0], 0) / uniq.length), r(uniq.reduce((s, p) => s + p[1], 0) / uniq.length)];
}
