/**
 * The tenants the site has pages for, derived at build time from the same open data the database
 * seed loads (db/seed/data), so the two cannot disagree.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { loadTerritoryData, type CommuneRecord, type EpciRecord } from "@communa/db/territory-data";

export interface EpciPage {
  kind: "epci";
  slug: string;
  name: string;
  siren: string;
  partial: boolean;
  members: CommuneRecord[];
  population: number;
  populationTotal: number;
}

export interface CommunePage {
  kind: "commune";
  slug: string;
  name: string;
  commune: CommuneRecord;
  epci: EpciRecord | undefined;
  siblings: CommuneRecord[];
}

export type TenantPage = EpciPage | CommunePage;

export const POPULATION_YEAR = 2023;

/**
 * db/seed/ of this checkout, found from the working directory: the build bundles this module, so
 * its own location says nothing about where the data is.
 */
function dataDir(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "db", "seed");
    if (existsSync(path.join(candidate, "epcis.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`db/seed introuvable depuis ${process.cwd()}`);
  }
}

export function territory() {
  const data = loadTerritoryData(dataDir());
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "fr");
  const epcis: EpciPage[] = data.epcis.map((e) => {
    const members = data.communes.filter((c) => c.epciSiren === e.siren).sort(byName);
    return {
      kind: "epci",
      slug: e.slug,
      name: e.usageName,
      siren: e.siren,
      partial: e.partial,
      members,
      population: members.reduce((n, c) => n + c.population, 0),
      populationTotal: members.reduce((n, c) => n + c.populationTotal, 0),
    };
  });
  const communes: CommunePage[] = data.communes.sort(byName).map((c) => ({
    kind: "commune",
    slug: c.slug,
    name: c.name,
    commune: c,
    epci: data.epcis.find((e) => e.siren === c.epciSiren),
    siblings: data.communes.filter((o) => o.epciSiren === c.epciSiren && o.insee !== c.insee),
  }));
  return { epcis, communes, pages: [...epcis, ...communes] as TenantPage[] };
}

/** GeoJSON for the map: each commune's polygon, flagged when it is the page's own. */
export function mapData(page: TenantPage): GeoJSON.FeatureCollection {
  const communes = page.kind === "epci" ? page.members : [page.commune];
  return {
    type: "FeatureCollection",
    features: communes.map((c) => ({
      type: "Feature",
      properties: { name: c.name, insee: c.insee },
      geometry: c.boundary,
    })),
  };
}

/**
 * The communes the home page draws: an EPCI's members; a commune among the other members of its
 * EPCI (`focus` is the page's own), or alone when it belongs to none the site knows.
 */
export function outlineData(page: TenantPage): { data: GeoJSON.FeatureCollection; focus: string | null } {
  if (page.kind === "epci") return { data: mapData(page), focus: null };
  const communes = [page.commune, ...(page.epci ? page.siblings : [])];
  return {
    data: {
      type: "FeatureCollection",
      features: communes.map((c) => ({ type: "Feature", properties: { name: c.name, insee: c.insee }, geometry: c.boundary })),
    },
    focus: page.commune.insee,
  };
}

/**
 * The tenants whose pages a build makes. A listing's incremental rebuild
 * (`COMMUNA_ONLY_LISTING=<commune>/<listing>`, scripts/build-listing.ts) makes none of them: only the
 * listing's page, its directory pages and the sitemap (ADR 0013).
 */
export function sitePages(): TenantPage[] {
  return process.env.COMMUNA_ONLY_LISTING ? [] : territory().pages;
}

/** For an incremental rebuild: the listing's commune and its EPCI (their directory pages change). */
export function onlyListing(): { commune: string; listing: string } | null {
  const v = process.env.COMMUNA_ONLY_LISTING;
  if (!v) return null;
  const [commune, listing] = v.split("/");
  return { commune, listing };
}
