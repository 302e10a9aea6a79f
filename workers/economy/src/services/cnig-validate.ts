/**
 * Validation of a CNIG « sites économiques » data package, at two levels:
 *
 * 1. `table`: what the standard's JSON Table Schemas say (Frictionless semantics): the header is the
 *    schema's fields in order, `missingValues`, `constraints.required`, types (`string`, `number`,
 *    `integer`, `date` with its `%Y-%m-%d` / `%Y` format, `geopoint` « lon, lat », `geojson`),
 *    `constraints.enum`, `constraints.pattern` (anchored, as Table Schema reads it), `format: email`,
 *    and the primary key's uniqueness.
 * 2. `communa`: the stricter rules the standard writes down but does not put in `constraints`:
 *    every field-level `enum`, the `{INSEE}_{CLASS}_{5 digits}` identifiers (and their commune),
 *    the links pôle ← site ← terrain ← établissement (the schemas declare no foreignKeys), every
 *    parcel of `terr_refcad`, SIRET (Luhn) and its SIREN, SIRENE workforce codes, NAF codes,
 *    surfaces (useful ≤ gross), the vacancy rate against its counts, and geometry: the expected
 *    type, closed rings, Lambert-93 coordinates for `geojson` fields, WGS84 for `geopoint` ones.
 *
 * Runtime-neutral: the export refuses to serve a package that fails, and the tests run both levels
 * on Communa's own export and on the standard's example (which the second level refuses).
 */
import { readCsv } from "@communa/core/csv";
import { isSiret } from "@communa/core";
import { cnigIdPattern, PARCEL_PATTERN, WORKFORCE_BANDS } from "@communa/contracts/economy";
import poleSchema from "../cnig/pole-eco.schema.json" with { type: "json" };
import siteSchema from "../cnig/site-eco.schema.json" with { type: "json" };
import terrainSchema from "../cnig/terrain-eco.schema.json" with { type: "json" };
import etablissementSchema from "../cnig/etablissement.schema.json" with { type: "json" };
import { v } from "../messages.fr.ts";

export interface TableField {
  name: string;
  type: string;
  format?: string;
  enum?: string[];
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}
export interface TableSchema {
  fields: TableField[];
  missingValues?: string[];
  primaryKey?: string | string[];
}

export const RESOURCES = ["pole-eco", "site-eco", "terrain-eco", "etablissement"] as const;
export type ResourceName = (typeof RESOURCES)[number];
export const CNIG_SCHEMAS: Record<ResourceName, TableSchema> = {
  "pole-eco": poleSchema as TableSchema,
  "site-eco": siteSchema as TableSchema,
  "terrain-eco": terrainSchema as TableSchema,
  etablissement: etablissementSchema as TableSchema,
};

export interface PackageError {
  resource: ResourceName;
  /** 1 = first data line; 0 = the header or the whole file. */
  row: number;
  field: string;
  level: "table" | "communa";
  message: string;
}

type Row = Record<string, string>;

const NUMBER = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAF = /^\d{2}\.?\d{2}[A-Z]$/;
/** Metropolitan France in Lambert-93 (with a margin), and in WGS84. */
const L93 = { x: [0, 1_300_000], y: [6_000_000, 7_200_000] };
const WGS84 = { lon: [-6, 10], lat: [41, 52] };

const realDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

function typeError(f: TableField, value: string): string | null {
  switch (f.type) {
    case "number":
      return NUMBER.test(value) ? null : v.number;
    case "integer":
      return INTEGER.test(value) ? null : v.integer;
    case "date":
      if (f.format === "%Y") return YEAR.test(value) ? null : v.year;
      return realDay(value) ? null : v.date;
    case "geopoint": {
      const parts = value.split(",").map((p) => p.trim());
      const [lon, lat] = parts.map(Number);
      return parts.length === 2 && parts.every((p) => NUMBER.test(p)) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? null : v.geopoint;
    }
    case "geojson":
      try {
        const g = JSON.parse(value);
        return g && typeof g === "object" && typeof g.type === "string" ? null : v.geojson;
      } catch {
        return v.geojson;
      }
    default:
      return null;
  }
}

/** Level 1: one CSV against its Table Schema. */
export function validateTable(resource: ResourceName, csv: string, schema: TableSchema = CNIG_SCHEMAS[resource]): { rows: Row[]; errors: PackageError[] } {
  const errors: PackageError[] = [];
  const err = (row: number, field: string, message: string) => errors.push({ resource, row, field, level: "table", message });
  const parsed = readCsv(csv, { delimiter: ";" });
  const header = parsed.meta.fields ?? [];
  const names = schema.fields.map((f) => f.name);
  if (header.join("\u0000") !== names.join("\u0000"))
    err(
      0,
      "",
      v.header(
        names.filter((n) => !header.includes(n)),
        header.filter((h) => !names.includes(h)),
      ),
    );
  for (const e of parsed.errors) err((e.row ?? -1) + 1, "", v.shape(e.message));
  const missing = new Set(schema.missingValues ?? [""]);
  const keys = new Set<string>();
  const pk = schema.primaryKey ? [schema.primaryKey].flat() : [];
  parsed.data.forEach((r, i) => {
    const line = i + 1;
    for (const f of schema.fields) {
      const raw = r[f.name] ?? "";
      if (missing.has(raw)) {
        if (f.constraints?.required) err(line, f.name, v.required);
        continue;
      }
      const t = typeError(f, raw);
      if (t) err(line, f.name, t);
      if (f.constraints?.enum && !f.constraints.enum.includes(raw)) err(line, f.name, v.enumValue(raw));
      if (f.constraints?.pattern && !new RegExp(`^(?:${f.constraints.pattern})$`).test(raw)) err(line, f.name, v.pattern(raw));
      if (f.format === "email" && !EMAIL.test(raw)) err(line, f.name, v.email);
    }
    if (pk.length) {
      const key = pk.map((k) => r[k]).join("\u0000");
      if (keys.has(key)) err(line, pk.join(","), v.duplicateKey(key));
      keys.add(key);
    }
  });
  return { rows: parsed.data, errors };
}

function ringsClosed(coords: number[][][]): boolean {
  return coords.every((ring) => ring.length >= 4 && ring[0][0] === ring.at(-1)?.[0] && ring[0][1] === ring.at(-1)?.[1]);
}

function positions(c: unknown, out: number[][] = []): number[][] {
  if (Array.isArray(c) && typeof c[0] === "number") out.push(c as number[]);
  else if (Array.isArray(c)) for (const x of c) positions(x, out);
  return out;
}

/** A `geojson` field: the expected geometry types, closed rings, Lambert-93 coordinates. */
function geometryError(value: string, types: string[]): string | null {
  let g: { type: string; coordinates: unknown };
  try {
    g = JSON.parse(value);
  } catch {
    return v.geojson;
  }
  if (!types.includes(g.type)) return v.geometryType(g.type, types);
  const pts = positions(g.coordinates);
  if (!pts.length || pts.some((p) => p.length < 2 || p.some((x) => typeof x !== "number"))) return v.geojson;
  if (g.type === "Polygon" && !ringsClosed(g.coordinates as number[][][])) return v.ringOpen;
  if (g.type === "MultiPolygon" && !(g.coordinates as number[][][][]).every(ringsClosed)) return v.ringOpen;
  if (pts.some(([x, y]) => x < L93.x[0] || x > L93.x[1] || y < L93.y[0] || y > L93.y[1])) return v.notLambert93;
  return null;
}

function geopointError(value: string): string | null {
  const [lon, lat] = value.split(",").map((p) => Number(p.trim()));
  return lon >= WGS84.lon[0] && lon <= WGS84.lon[1] && lat >= WGS84.lat[0] && lat <= WGS84.lat[1] ? null : v.notWgs84;
}

/** Level 2: Communa's rules across the four tables. */
export function validateCommuna(tables: Record<ResourceName, Row[]>): PackageError[] {
  const errors: PackageError[] = [];
  const err = (resource: ResourceName, row: number, field: string, message: string) => errors.push({ resource, row, field, level: "communa", message });
  // Field-level enumerations (outside `constraints` in the standard's files).
  for (const resource of RESOURCES) {
    const fields = CNIG_SCHEMAS[resource].fields.filter((f) => f.enum && !f.constraints?.enum);
    tables[resource].forEach((r, i) => {
      for (const f of fields) if (r[f.name] && !f.enum?.includes(r[f.name])) err(resource, i + 1, f.name, v.enumValue(r[f.name]));
    });
  }
  const id = (resource: ResourceName, row: number, field: string, value: string, cls: "POLE-ECO" | "SITE-ECO" | "TERRAIN-ECO") => {
    if (value && !cnigIdPattern(cls).test(value)) err(resource, row, field, v.cnigId(value, cls));
  };
  const poles = new Set(tables["pole-eco"].map((r) => r.pole_id));
  const sites = new Set(tables["site-eco"].map((r) => r.site_id));
  const terrains = new Set(tables["terrain-eco"].map((r) => r.terr_id));
  tables["pole-eco"].forEach((r, i) => {
    id("pole-eco", i + 1, "pole_id", r.pole_id, "POLE-ECO");
    if (r.pole_geompoint) {
      const g = geopointError(r.pole_geompoint);
      if (g) err("pole-eco", i + 1, "pole_geompoint", g);
    }
  });
  tables["site-eco"].forEach((r, i) => {
    const line = i + 1;
    id("site-eco", line, "site_id", r.site_id, "SITE-ECO");
    id("site-eco", line, "pole_id", r.pole_id, "POLE-ECO");
    if (r.pole_id && !poles.has(r.pole_id)) err("site-eco", line, "pole_id", v.link(r.pole_id, "pole-eco"));
    if (r.site_id && r.site_comm_insee && !r.site_id.startsWith(`${r.site_comm_insee}_`)) err("site-eco", line, "site_id", v.idCommune(r.site_comm_insee));
    if (Number(r.site_surf_utile) > Number(r.site_surf_brute)) err("site-eco", line, "site_surf_utile", v.usefulOverGross);
    if (r.site_epci_siren && !/^\d{9}$/.test(r.site_epci_siren)) err("site-eco", line, "site_epci_siren", v.siren);
    if (r.site_taux_vacance && r.site_uf_nbre && r.site_uf_vacant_nbre) {
      const expected = Math.round((100 * Number(r.site_uf_vacant_nbre)) / Number(r.site_uf_nbre));
      if (Number(r.site_taux_vacance) !== expected) err("site-eco", line, "site_taux_vacance", v.rate(expected));
    }
    if (r.site_geomsurf) {
      const g = geometryError(r.site_geomsurf, ["MultiPolygon", "Polygon"]);
      if (g) err("site-eco", line, "site_geomsurf", g);
    }
    if (r.site_geompoint) {
      const g = geopointError(r.site_geompoint);
      if (g) err("site-eco", line, "site_geompoint", g);
    }
  });
  tables["terrain-eco"].forEach((r, i) => {
    const line = i + 1;
    id("terrain-eco", line, "terr_id", r.terr_id, "TERRAIN-ECO");
    id("terrain-eco", line, "site_id", r.site_id, "SITE-ECO");
    if (r.site_id && !sites.has(r.site_id)) err("terrain-eco", line, "site_id", v.link(r.site_id, "site-eco"));
    for (const p of (r.terr_refcad ?? "").split("|").filter(Boolean)) if (!PARCEL_PATTERN.test(p)) err("terrain-eco", line, "terr_refcad", v.parcel(p));
    if (r.terr_geomsurf) {
      const g = geometryError(r.terr_geomsurf, ["MultiPolygon", "Polygon"]);
      if (g) err("terrain-eco", line, "terr_geomsurf", g);
    }
  });
  tables.etablissement.forEach((r, i) => {
    const line = i + 1;
    if (r.SIRET && !isSiret(r.SIRET)) err("etablissement", line, "SIRET", v.siret);
    if (r.SIRET && r.SIREN && !r.SIRET.startsWith(r.SIREN)) err("etablissement", line, "SIREN", v.sirenOfSiret);
    for (const t of (r.terr_id ?? "").split("|")) {
      if (!cnigIdPattern("TERRAIN-ECO").test(t)) err("etablissement", line, "terr_id", v.cnigId(t, "TERRAIN-ECO"));
      else if (!terrains.has(t)) err("etablissement", line, "terr_id", v.link(t, "terrain-eco"));
    }
    const band = WORKFORCE_BANDS[r.etab_effectif_code as keyof typeof WORKFORCE_BANDS];
    if (r.etab_effectif_code && !band) err("etablissement", line, "etab_effectif_code", v.workforce(r.etab_effectif_code));
    if (r.etab_activite_code && !NAF.test(r.etab_activite_code)) err("etablissement", line, "etab_activite_code", v.naf);
    if (r.etab_nat_juridique && !/^\d{4}$/.test(r.etab_nat_juridique)) err("etablissement", line, "etab_nat_juridique", v.legalCategory);
    if (r.etab_geompoint) {
      const g = geometryError(r.etab_geompoint, ["MultiPoint"]);
      if (g) err("etablissement", line, "etab_geompoint", g);
    }
  });
  return errors;
}

/** Both levels over the four CSV texts. */
export function validatePackage(csv: Record<ResourceName, string>): PackageError[] {
  const tables = {} as Record<ResourceName, Row[]>;
  const errors: PackageError[] = [];
  for (const r of RESOURCES) {
    const t = validateTable(r, csv[r]);
    tables[r] = t.rows;
    errors.push(...t.errors);
  }
  return [...errors, ...validateCommuna(tables)];
}
