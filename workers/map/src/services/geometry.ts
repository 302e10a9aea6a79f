/**
 * Geometry checks and figures, in WGS84: a geometry is accepted only if it is valid GeoJSON of an
 * allowed type with coordinates in range (and, for polygons, closed rings); its bounding box is
 * kept beside it for bbox queries; the commune it lies in is found from the communes' boundaries.
 */
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { FieldError } from "@communa/core";
import { geometryText } from "../messages.fr.ts";

export type MapGeometry = GeoJSON.Point | GeoJSON.LineString | GeoJSON.MultiLineString | GeoJSON.Polygon | GeoJSON.MultiPolygon;
export const GEOMETRY_TYPES = ["Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"] as const;

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) &&
  (p.length === 2 || p.length === 3) &&
  p.every((n) => typeof n === "number" && Number.isFinite(n)) &&
  p[0] >= -180 &&
  p[0] <= 180 &&
  p[1] >= -90 &&
  p[1] <= 90;

function checkLine(line: unknown, at: string, errors: FieldError[]) {
  if (!Array.isArray(line) || line.length < 2) errors.push({ path: at, message: geometryText.lineTooShort });
  else line.forEach((p, i) => isPosition(p) || errors.push({ path: `${at}/${i}`, message: geometryText.position }));
}

function checkPolygon(rings: unknown, at: string, errors: FieldError[]) {
  if (!Array.isArray(rings) || rings.length === 0) return void errors.push({ path: at, message: geometryText.polygonNoRing });
  rings.forEach((ring, r) => {
    if (!Array.isArray(ring) || ring.length < 4) return void errors.push({ path: `${at}/${r}`, message: geometryText.ringTooShort });
    ring.forEach((p, i) => isPosition(p) || errors.push({ path: `${at}/${r}/${i}`, message: geometryText.position }));
    const [a, b] = [ring[0], ring[ring.length - 1]] as number[][];
    if (isPosition(a) && isPosition(b) && (a[0] !== b[0] || a[1] !== b[1])) errors.push({ path: `${at}/${r}`, message: geometryText.ringOpen });
  });
}

/** A valid geometry of an allowed type, or the errors found (paths under `path`). */
export function checkGeometry(g: unknown, path = "body/geometry"): { ok: true; geometry: MapGeometry } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const geo = g as { type?: unknown; coordinates?: unknown };
  if (!geo || typeof geo !== "object" || !GEOMETRY_TYPES.includes(geo.type as never)) {
    return { ok: false, errors: [{ path: `${path}/type`, message: geometryText.typeExpected(GEOMETRY_TYPES) }] };
  }
  const c = geo.coordinates;
  const at = `${path}/coordinates`;
  switch (geo.type) {
    case "Point":
      if (!isPosition(c)) errors.push({ path: at, message: geometryText.position });
      break;
    case "LineString":
      checkLine(c, at, errors);
      break;
    case "MultiLineString":
      if (!Array.isArray(c) || !c.length) errors.push({ path: at, message: geometryText.oneLineAtLeast });
      else c.forEach((l, i) => checkLine(l, `${at}/${i}`, errors));
      break;
    case "Polygon":
      checkPolygon(c, at, errors);
      break;
    case "MultiPolygon":
      if (!Array.isArray(c) || !c.length) errors.push({ path: at, message: geometryText.onePolygonAtLeast });
      else c.forEach((p, i) => checkPolygon(p, `${at}/${i}`, errors));
      break;
  }
  return errors.length ? { ok: false, errors: errors.slice(0, 20) } : { ok: true, geometry: { type: geo.type, coordinates: rounded(c) } as MapGeometry };
}

/** Degrees to 7 decimals (about 1 cm), altitudes to the decimetre: more digits are noise, and weight. */
function rounded(c: unknown): unknown {
  if (Array.isArray(c) && typeof c[0] === "number") return c.map((n: number, i) => (i < 2 ? Math.round(n * 1e7) / 1e7 : Math.round(n * 10) / 10));
  return (c as unknown[]).map(rounded);
}

export function positions(g: MapGeometry): number[][] {
  switch (g.type) {
    case "Point":
      return [g.coordinates];
    case "LineString":
      return g.coordinates;
    case "MultiLineString":
    case "Polygon":
      return g.coordinates.flat();
    case "MultiPolygon":
      return g.coordinates.flat(2);
  }
}

export function bboxOf(g: MapGeometry): { west: number; south: number; east: number; north: number } {
  let west = 180,
    south = 90,
    east = -180,
    north = -90;
  for (const [x, y] of positions(g)) {
    west = Math.min(west, x);
    east = Math.max(east, x);
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  return { west, south, east, north };
}

/**
 * A representative point: the point itself, a line's start (where a walk begins, where directions
 * lead), a polygon's bbox centre.
 */
export function anchorOf(g: MapGeometry): [number, number] {
  if (g.type === "Point") return [g.coordinates[0], g.coordinates[1]];
  if (g.type === "LineString") return [g.coordinates[0][0], g.coordinates[0][1]];
  if (g.type === "MultiLineString") return [g.coordinates[0][0][0], g.coordinates[0][0][1]];
  const b = bboxOf(g);
  return [(b.west + b.east) / 2, (b.south + b.north) / 2];
}

export interface CommuneShape {
  insee: string;
  name: string;
  /** The EPCI the commune belongs to (its SIREN). */
  epciSiren: string;
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  bbox: number[];
}

/** The commune whose boundary holds the geometry's anchor point, if any. */
export function communeOf(g: MapGeometry, communes: CommuneShape[]): CommuneShape | undefined {
  const [x, y] = anchorOf(g);
  return communes.find((c) => x >= c.bbox[0] && x <= c.bbox[2] && y >= c.bbox[1] && y <= c.bbox[3] && booleanPointInPolygon([x, y], c.boundary));
}

/** The communes a line passes through, in the order it reaches them. */
export function communesCrossed(g: GeoJSON.LineString | GeoJSON.MultiLineString, communes: CommuneShape[]): CommuneShape[] {
  const seen: CommuneShape[] = [];
  const line = g.type === "LineString" ? g.coordinates : g.coordinates.flat();
  for (const [x, y] of line) {
    const c = communes.find((s) => x >= s.bbox[0] && x <= s.bbox[2] && y >= s.bbox[1] && y <= s.bbox[3] && booleanPointInPolygon([x, y], s.boundary));
    if (c && !seen.includes(c)) seen.push(c);
  }
  return seen;
}

/**
 * The communes that make up a tenant's territory: a commune's own, an EPCI's members. Empty when the
 * reference data holds none of them (then nothing can be checked, and nothing is refused).
 */
export function territoryOf(tenant: { kind: "epci" | "commune"; siren: string; insee: string | null }, communes: CommuneShape[]): CommuneShape[] {
  return tenant.kind === "epci" ? communes.filter((c) => c.epciSiren === tenant.siren) : communes.filter((c) => c.insee === tenant.insee);
}

const inside = ([x, y]: number[], c: CommuneShape) =>
  x >= c.bbox[0] && x <= c.bbox[2] && y >= c.bbox[1] && y <= c.bbox[3] && booleanPointInPolygon([x, y], c.boundary);

/**
 * Whether a geometry may be stored for the territory: a point must lie inside it. Lines and
 * surfaces are not held to it: trails are walked with the neighbouring communes (the demo's joint
 * trail lies wholly in the CC du Clermontois) and a zone may straddle a border.
 */
export function withinTerritory(g: MapGeometry, territory: CommuneShape[]): boolean {
  if (!territory.length || g.type !== "Point") return true;
  return territory.some((c) => inside(g.coordinates, c));
}
