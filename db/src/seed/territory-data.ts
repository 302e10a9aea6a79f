/**
 * Reads the territory's open data (copied into db/seed/data, provenance in its README) into typed
 * records. Used by the seed and by the site build, so both derive tenants the same way.
 * Node-only: it reads files.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { slugify } from "@communa/core/slug";
import { readCsv } from "@communa/core/csv";

/** db/seed/ of this checkout. */
export const defaultDataDir = fileURLToPath(new URL("../../seed/", import.meta.url));

export interface CommuneRecord {
  insee: string;
  name: string;
  slug: string;
  postcode: string;
  siren: string;
  epciSiren: string;
  role: "membre" | "voisine";
  population: number;
  populationTotal: number;
  boundary: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export interface EpciRecord {
  siren: string;
  slug: string;
  legalName: string;
  usageName: string;
  shortName: string;
  transferredCompetences: string[];
  /** True when the data set holds only some of this EPCI's communes. */
  partial: boolean;
}

export interface CompetenceRecord {
  code: string;
  label: string;
  mandatoryForEpci: boolean;
}

export interface TerritoryData {
  epcis: EpciRecord[];
  communes: CommuneRecord[];
  competences: CompetenceRecord[];
  /** The union computed upstream (shapely), kept to check our own union against. */
  referenceEpciBoundary: GeoJSON.Polygon;
}

/** The data set's CSV (comma-separated, header line) through core's reader; a malformed file stops the load. */
function parseCsv(text: string): Record<string, string>[] {
  const parsed = readCsv(text, { delimiter: "," });
  if (parsed.errors.length) throw new Error(`CSV illisible : ${parsed.errors.map((e) => `ligne ${(e.row ?? 0) + 2} : ${e.message}`).join(" ; ")}`);
  return parsed.data;
}

/** Loads and cross-checks the territory data set. Throws if the files disagree. */
export function loadTerritoryData(dataDir: string = defaultDataDir): TerritoryData {
  const readText = (rel: string) => readFileSync(path.join(dataDir, rel), "utf8");
  const rows = parseCsv(readText("data/communes.csv"));
  const geo = JSON.parse(readText("data/communes.geojson")) as GeoJSON.FeatureCollection;
  const manifest = JSON.parse(readText("epcis.json")) as {
    epcis: Array<Omit<EpciRecord, "legalName" | "partial"> & { partial?: boolean }>;
    competences: CompetenceRecord[];
  };
  const boundaries = new Map(geo.features.map((f) => [String(f.properties?.code), f.geometry as GeoJSON.Polygon]));
  const communes: CommuneRecord[] = rows.map((r) => {
    const boundary = boundaries.get(r.code_insee);
    if (!boundary) throw new Error(`Pas de contour pour la commune ${r.code_insee}`);
    return {
      insee: r.code_insee,
      name: r.nom,
      slug: slugify(r.nom),
      postcode: r.code_postal,
      siren: r.siren_commune,
      epciSiren: r.epci_siren,
      role: r.role === "membre" ? "membre" : "voisine",
      population: Number(r.pop_municipale_2023),
      populationTotal: Number(r.pop_totale_2023),
      boundary,
    };
  });
  const legalNames = new Map(rows.map((r) => [r.epci_siren, r.epci_nom]));
  const epcis = manifest.epcis.map((e) => {
    const legalName = legalNames.get(e.siren);
    if (!legalName) throw new Error(`EPCI ${e.siren} absent de communes.csv`);
    return { ...e, legalName, partial: e.partial ?? false };
  });
  const ref = JSON.parse(readText("data/epci-cclvd.geojson")) as GeoJSON.FeatureCollection;
  return {
    epcis,
    communes,
    competences: manifest.competences,
    referenceEpciBoundary: ref.features[0].geometry as GeoJSON.Polygon,
  };
}
