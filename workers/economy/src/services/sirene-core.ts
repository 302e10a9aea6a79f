/**
 * The SIRENE establishments file (INSEE « StockEtablissement » columns), read row by row: only the
 * columns the import needs are kept, each row is checked (SIRET by Luhn, state, NAF, band,
 * Lambert-93 position) and placed in the zones by point-in-polygon. Pure: no database, no clock.
 */
import { WORKFORCE_CODES, NAF_VERSIONS, type NafVersion, type WorkforceBand } from "@communa/contracts/economy";
import { isSiret, type FieldError } from "@communa/core";
import { eachCsvRecord } from "@communa/core/csv";
import { fromLambert93 } from "./lambert93.ts";
import { s } from "../messages.fr.ts";

/** The columns without which the file cannot be read (INSEE names, case as INSEE writes them). */
export const SIRENE_REQUIRED = [
  "siret",
  "etatAdministratifEtablissement",
  "activitePrincipaleEtablissement",
  "trancheEffectifsEtablissement",
  "dateDebut",
  "coordonneeLambertAbscisseEtablissement",
  "coordonneeLambertOrdonneeEtablissement",
  "codeCommuneEtablissement",
] as const;

/**
 * Read when present: the usual name or sign, the nomenclature, the band's year, head office,
 * diffusion status; and two columns of the legal units' file (« StockUniteLegale », joined on
 * siren), without which a new establishment cannot be recorded (the CNIG model requires them).
 */
export const SIRENE_OPTIONAL = [
  "siren",
  "denominationUsuelleEtablissement",
  "enseigne1Etablissement",
  "nomenclatureActivitePrincipaleEtablissement",
  "anneeEffectifsEtablissement",
  "dateCreationEtablissement",
  "etablissementSiege",
  "statutDiffusionEtablissement",
  "denominationUniteLegale",
  "categorieJuridiqueUniteLegale",
] as const;

export interface SireneRow {
  line: number;
  siret: string;
  state: "A" | "F";
  /** Normalised with its dot (25.62A), or "" when SIRENE gives none. */
  naf: string;
  nafVersion: NafVersion;
  band: WorkforceBand;
  bandYear: number | null;
  startedOn: string;
  createdOn: string | null;
  name: string;
  legalName: string;
  legalCategory: string;
  headOffice: boolean;
  publicDiffusion: boolean;
  communeInsee: string;
  /** WGS84 [lon, lat], or null when SIRENE has no position ([ND], empty). */
  point: [number, number] | null;
}

const NAF = /^(\d{2})\.?(\d{2})([A-Z])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSEE = /^[0-9][0-9AB][0-9]{3}$/;
const num = (x: string) => (/^-?\d+([.,]\d+)?$/.test(x) ? Number(x.replace(",", ".")) : Number.NaN);

/** The file's header problems (missing columns), or none. */
export function headerErrors(fields: string[]): FieldError[] {
  const have = new Set(fields.map((f) => f.trim()));
  return SIRENE_REQUIRED.filter((c) => !have.has(c)).map((c) => ({ path: `en-tête/${c}`, message: s.missingColumn(c) }));
}

/**
 * Every row of the file, checked; errors carry the line (« ligne 7 ») and a French reason.
 * Records keep only the needed columns, so a 20 MB extract never becomes 20 MB of objects.
 */
export function readSirene(text: string): { rows: SireneRow[]; errors: FieldError[]; fields: string[] } {
  const rows: SireneRow[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const { fields, errors: parseErrors } = eachCsvRecord(text, (raw, line) => {
    const r = (k: string) => (raw[k] ?? "").trim();
    const at = `ligne ${line}`;
    const bad = (message: string) => errors.push({ path: at, message });
    const siret = r("siret").replace(/\s/g, "");
    if (!isSiret(siret)) bad(s.siret(siret));
    else if (seen.has(siret)) bad(s.duplicate(siret));
    seen.add(siret);
    if (r("siren") && r("siren") !== siret.slice(0, 9)) bad(s.sirenOfSiret);
    const state = r("etatAdministratifEtablissement");
    if (state !== "A" && state !== "F") bad(s.state(state));
    const nafRaw = r("activitePrincipaleEtablissement").toUpperCase();
    const nafMatch = NAF.exec(nafRaw);
    if (nafRaw && !nafMatch) bad(s.naf(nafRaw));
    const version = r("nomenclatureActivitePrincipaleEtablissement") || "NAFRev2";
    if (!(NAF_VERSIONS as readonly string[]).includes(version)) bad(s.nafVersion(version));
    const band = r("trancheEffectifsEtablissement") || "NN";
    if (!(WORKFORCE_CODES as readonly string[]).includes(band)) bad(s.band(band));
    const yearText = r("anneeEffectifsEtablissement");
    const bandYear = yearText ? Number(yearText) : null;
    if (yearText && !(/^\d{4}$/.test(yearText) && bandYear! >= 1970)) bad(s.bandYear(yearText));
    const startedOn = r("dateDebut");
    if (!DAY.test(startedOn)) bad(s.day("dateDebut", startedOn));
    const createdOn = r("dateCreationEtablissement") || null;
    if (createdOn && !DAY.test(createdOn)) bad(s.day("dateCreationEtablissement", createdOn));
    const communeInsee = r("codeCommuneEtablissement");
    if (communeInsee && !INSEE.test(communeInsee)) bad(s.commune(communeInsee));
    const category = r("categorieJuridiqueUniteLegale");
    if (category && !/^\d{4}$/.test(category)) bad(s.category(category));
    const xText = r("coordonneeLambertAbscisseEtablissement");
    const yText = r("coordonneeLambertOrdonneeEtablissement");
    let point: [number, number] | null = null;
    const unplaced = (v: string) => v === "" || v === "[ND]";
    if (!unplaced(xText) || !unplaced(yText)) {
      const x = num(xText);
      const y = num(yText);
      // Metropolitan France in Lambert-93 (the overseas departments use other projections).
      if (!(x >= 50_000 && x <= 1_300_000 && y >= 6_000_000 && y <= 7_200_000)) bad(s.position(xText, yText));
      else point = fromLambert93([x, y]);
    }
    const name = r("denominationUsuelleEtablissement") || r("enseigne1Etablissement") || r("denominationUniteLegale");
    rows.push({
      line,
      siret,
      state: state as "A" | "F",
      naf: nafMatch ? `${nafMatch[1]}.${nafMatch[2]}${nafMatch[3]}` : "",
      nafVersion: version as NafVersion,
      band: band as WorkforceBand,
      bandYear,
      startedOn,
      createdOn,
      name,
      legalName: r("denominationUniteLegale") || name,
      legalCategory: category,
      headOffice: r("etablissementSiege") === "true",
      publicDiffusion: !["P", "N"].includes(r("statutDiffusionEtablissement")),
      communeInsee,
      point,
    });
  });
  for (const e of parseErrors.slice(0, 50)) errors.push({ path: `ligne ${(e.row ?? 0) + 2}`, message: s.shape(e.message) });
  return { rows, errors, fields };
}

type Position = readonly number[];
type Ring = readonly Position[];

function inRing([x, y]: readonly [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a [lon, lat] point lies in a GeoJSON Polygon or MultiPolygon (holes excluded). */
export function inSurface(point: readonly [number, number], g: { type: string; coordinates: unknown }): boolean {
  const polygons = (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []) as Ring[][];
  return polygons.some((rings) => rings.length > 0 && inRing(point, rings[0]) && !rings.slice(1).some((hole) => inRing(point, hole)));
}
