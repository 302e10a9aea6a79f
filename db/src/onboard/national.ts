/**
 * The national administrative division, from the `@etalab/decoupage-administratif` package
 * (Etalab, Licence Ouverte: INSEE's official geographic code and legal populations, the DGCL's
 * list and membership of EPCIs with their own taxation, La Poste's postcodes). The package is the
 * vintage pinned in db/package.json; upgrading it is how a new year's division comes in.
 * Node-only: it reads the package's JSON files.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { OnboardingError, type OnboardingPlan, type PlannedCommune } from "./plan.ts";
import { errorText } from "./messages.fr.ts";

/** Year of INSEE's legal populations in the pinned package (6.0.0: populations 2023, in force on 1 January 2026). */
export const NATIONAL_POPULATION_YEAR = 2023;

interface NationalCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
}

interface NationalEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale: number;
  populationMunicipale: number;
  membres: Array<{ code: string; siren: string; nom: string; populationTotale: number; populationMunicipale: number }>;
}

export interface NationalDivision {
  epciBySiren(siren: string): NationalEpci | undefined;
  communeByInsee(insee: string): NationalCommune | undefined;
  communeBySiren(siren: string): NationalCommune | undefined;
  epciOfCommune(insee: string): NationalEpci | undefined;
}

let loaded: NationalDivision | undefined;

/** The package's communes and EPCIs, indexed (read once per process; about 12 MB of JSON). */
export function nationalDivision(): NationalDivision {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const read = <T>(file: string) => JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), "utf8")) as T;
  // Only current communes: delegated and associated communes share their INSEE code's history, not a council.
  const communes = read<NationalCommune[]>("communes.json").filter((c) => c.type === "commune-actuelle");
  const epcis = read<NationalEpci[]>("epci.json");
  const byInsee = new Map(communes.map((c) => [c.code, c]));
  const bySiren = new Map(communes.filter((c) => c.siren).map((c) => [c.siren!, c]));
  const epciBySiren = new Map(epcis.map((e) => [e.code, e]));
  const epciOfCommune = new Map(epcis.flatMap((e) => e.membres.map((m) => [m.code, e] as const)));
  loaded = {
    epciBySiren: (s) => epciBySiren.get(s),
    communeByInsee: (i) => byInsee.get(i),
    communeBySiren: (s) => bySiren.get(s),
    epciOfCommune: (i) => epciOfCommune.get(i),
  };
  return loaded;
}

/**
 * The plan for one EPCI and all its member communes, by the EPCI's SIREN. Outlines are not part of
 * the national division (they come from a GeoJSON file or are already stored): left null here.
 */
export function planFromNationalDivision(
  siren: string,
  { competences, name, slug, division = nationalDivision() }: { competences: string[]; name?: string; slug?: string; division?: NationalDivision },
): OnboardingPlan {
  if (!/^[0-9]{9}$/.test(siren)) throw new OnboardingError(errorText.sirenFormat(siren));
  const epci = division.epciBySiren(siren);
  if (!epci) {
    const commune = division.communeBySiren(siren);
    if (commune) {
      const its = division.epciOfCommune(commune.code);
      throw new OnboardingError(errorText.sirenIsCommune(siren, commune.nom, commune.code, its ? { siren: its.code, name: its.nom } : null));
    }
    throw new OnboardingError(errorText.sirenUnknown(siren));
  }
  const communes: PlannedCommune[] = epci.membres.map((m) => {
    const c = division.communeByInsee(m.code);
    if (!c?.codesPostaux?.length || c.population === undefined) throw new OnboardingError(errorText.memberMissing(m.code, epci.nom));
    return {
      insee: c.code,
      name: c.nom,
      siren: m.siren,
      // The first of a commune's postcodes is its main one in La Poste's list; the schema keeps one.
      postcode: c.codesPostaux[0],
      departement: c.departement,
      population: c.population,
      populationTotal: m.populationTotale,
      populationTotalFirm: false,
      populationYear: NATIONAL_POPULATION_YEAR,
      boundary: null,
    };
  });
  return { epci: { siren, legalName: epci.nom, name, slug, competences }, communes };
}
