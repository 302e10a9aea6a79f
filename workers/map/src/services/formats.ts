/**
 * Files in and out: GeoJSON and CSV (lon/lat columns) imports turned into rows with their place in
 * the file (for the error report), and exports as GeoJSON, CSV or GPX (points and lines only:
 * polygons have no GPX equivalent, and the export says so instead of producing garbage).
 */
import { AppError, invalid, type FieldError } from "@communa/core";
import type { LayerField } from "@communa/db";
import type { FeatureInput } from "./features.ts";
import { toGpx } from "./gpx.ts";
import { readCsv, toCsv as csvText } from "@communa/core/csv";
import { fileText } from "../messages.fr.ts";

const NAME_KEYS = ["name", "nom"];
const ADDRESS_KEYS = ["address", "adresse"];
const LON_KEYS = ["lon", "lng", "longitude", "x"];
const LAT_KEYS = ["lat", "latitude", "y"];

function pick(record: Record<string, unknown>, keys: string[]): unknown {
  for (const k of Object.keys(record)) if (keys.includes(k.trim().toLowerCase())) return record[k];
  return undefined;
}

/** Properties named by a field's key or its label (as a spreadsheet's header would say it). */
function propertiesOf(record: Record<string, unknown>, fields: LayerField[], reserved: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byHeader = new Map<string, string>();
  for (const f of fields) {
    byHeader.set(f.key.toLowerCase(), f.key);
    byHeader.set(f.label.toLowerCase(), f.key);
  }
  for (const [k, v] of Object.entries(record)) {
    const header = k.trim().toLowerCase();
    if (reserved.includes(header) || v === "" || v === null || v === undefined) continue;
    out[byHeader.get(header) ?? k.trim()] = v;
  }
  return out;
}

export type ImportRows = Array<{ at: string; input: FeatureInput }>;

export function rowsFromGeoJson(text: string, fields: LayerField[]): ImportRows {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw invalid(fileText.geojsonUnreadable, [{ path: "fichier", message: (err as Error).message }]);
  }
  const fc = doc as { type?: string; features?: unknown[] };
  const list = fc?.type === "FeatureCollection" && Array.isArray(fc.features) ? fc.features : fc?.type === "Feature" ? [fc] : null;
  if (!list) throw invalid(fileText.featureCollectionExpected, [{ path: "fichier/type", message: fileText.typeFeatureCollection }]);
  return list.map((f, i) => {
    const feature = (f ?? {}) as { properties?: Record<string, unknown> | null; geometry?: unknown };
    const props = feature.properties ?? {};
    return {
      at: `objet ${i + 1}`,
      input: {
        name: String(pick(props, NAME_KEYS) ?? ""),
        address: (pick(props, ADDRESS_KEYS) as string | undefined) ?? null,
        geometry: feature.geometry,
        properties: propertiesOf(props, fields, [...NAME_KEYS, ...ADDRESS_KEYS]),
      },
    };
  });
}

const coordinate = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim().replace(",", ".")) : NaN);

export function rowsFromCsv(text: string, fields: LayerField[]): ImportRows {
  const parsed = readCsv(text);
  const fatal = parsed.errors.filter((e) => e.type !== "FieldMismatch" || e.code === "TooManyFields");
  if (fatal.length) {
    throw invalid(
      fileText.csvUnreadable,
      fatal.slice(0, 50).map((e): FieldError => ({ path: `ligne ${(e.row ?? 0) + 2}`, message: e.message })),
    );
  }
  const headers = (parsed.meta.fields ?? []).map((h) => h.trim().toLowerCase());
  const missing = [
    ...(headers.some((h) => LON_KEYS.includes(h)) ? [] : ["lon"]),
    ...(headers.some((h) => LAT_KEYS.includes(h)) ? [] : ["lat"]),
    ...(headers.some((h) => NAME_KEYS.includes(h)) ? [] : ["nom"]),
  ];
  if (missing.length)
    throw invalid(
      fileText.csvColumnsMissing,
      missing.map((m) => ({ path: `en-tête/${m}`, message: fileText.csvColumnExpected(m) })),
    );
  return parsed.data.map((record, i) => ({
    // Line numbers as a spreadsheet shows them: the header is line 1.
    at: `ligne ${i + 2}`,
    input: {
      name: String(pick(record, NAME_KEYS) ?? ""),
      address: (pick(record, ADDRESS_KEYS) as string | undefined) ?? null,
      geometry: { type: "Point", coordinates: [coordinate(pick(record, LON_KEYS)), coordinate(pick(record, LAT_KEYS))] },
      properties: propertiesOf(record, fields, [...NAME_KEYS, ...ADDRESS_KEYS, ...LON_KEYS, ...LAT_KEYS]),
    },
  }));
}

export function toGeoJson(features: GeoJSON.Feature[], meta: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: "FeatureCollection", ...meta, features });
}

/** CSV with `;` (what French spreadsheets open directly), lon/lat of each feature's anchor point. */
export function toCsv(features: GeoJSON.Feature[], fields: LayerField[]): string {
  const keys = fields.map((f) => f.key);
  const rows = features.map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const [lon, lat] = anchor(f.geometry);
    return {
      nom: p.name,
      adresse: p.address ?? "",
      commune: p.commune ?? "",
      insee: p.insee ?? "",
      lon,
      lat,
      type_geometrie: f.geometry.type,
      ...Object.fromEntries(keys.map((k) => [k, p[k] ?? ""])),
    };
  });
  return csvText(["nom", "adresse", "commune", "insee", "lon", "lat", "type_geometrie", ...keys], rows);
}

function anchor(g: GeoJSON.Geometry): [number, number] {
  switch (g.type) {
    case "Point":
      return [g.coordinates[0], g.coordinates[1]];
    case "LineString":
      return [g.coordinates[0][0], g.coordinates[0][1]];
    case "MultiLineString":
    case "Polygon":
      return [g.coordinates[0][0][0], g.coordinates[0][0][1]];
    case "MultiPolygon":
      return [g.coordinates[0][0][0][0], g.coordinates[0][0][0][1]];
    default:
      return [NaN, NaN];
  }
}

/** GPX of points (waypoints) and lines (tracks); refuses polygons, which GPX cannot carry. */
export function toGpxExport(features: GeoJSON.Feature[], title: string, link: string): string {
  const polygons = features.filter((f) => f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon");
  if (polygons.length) {
    throw new AppError(
      "unprocessable",
      fileText.gpxNoPolygons(
        polygons.length,
        polygons.map((f) => (f.properties as { name?: string })?.name),
      ),
    );
  }
  const name = (f: GeoJSON.Feature) => String((f.properties as { name?: string })?.name ?? "");
  return toGpx({
    name: title,
    creator: "Communa",
    link,
    time: new Date(),
    waypoints: features
      .filter((f) => f.geometry.type === "Point")
      .map((f) => {
        const [lon, lat, ele] = (f.geometry as GeoJSON.Point).coordinates;
        const p = f.properties as { address?: string | null; commune?: string | null };
        return { name: name(f), lon, lat, ...(ele !== undefined ? { ele } : {}), description: [p.address, p.commune].filter(Boolean).join(", ") || undefined };
      }),
    tracks: features
      .filter((f) => f.geometry.type === "LineString" || f.geometry.type === "MultiLineString")
      .map((f) => ({ name: name(f), geometry: f.geometry as GeoJSON.LineString | GeoJSON.MultiLineString })),
  });
}
