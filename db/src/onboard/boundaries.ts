/**
 * Commune outlines from an operator's GeoJSON file (IGN Admin Express, an OpenStreetMap extract…),
 * matched to the plan's communes by INSEE code. Node-only: it reads a file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { OnboardingError, type Boundary, type OnboardingPlan } from "./plan.ts";
import { errorText } from "./messages.fr.ts";

/** Property names that carry the INSEE code in the usual sources (this repository, Admin Express, geo.api). */
const CODE_PROPERTIES = ["code", "insee", "code_insee", "INSEE_COM", "codeInsee"];

/** Outlines by INSEE code; refuses a file that is not a FeatureCollection of (Multi)Polygons. */
export function readBoundaries(file: string): Map<string, Boundary> {
  const name = path.basename(file);
  let geo: unknown;
  try {
    geo = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "fichier introuvable" : err instanceof SyntaxError ? "JSON invalide" : String((err as Error).message);
    throw new OnboardingError(errorText.geojsonUnreadable(name, why));
  }
  const fc = geo as GeoJSON.FeatureCollection;
  if (fc?.type !== "FeatureCollection" || !Array.isArray(fc.features)) throw new OnboardingError(errorText.geojsonNotCollection(name));
  const out = new Map<string, Boundary>();
  for (const f of fc.features) {
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    const key = CODE_PROPERTIES.find((k) => props[k] !== undefined && props[k] !== null);
    if (!key) continue;
    const insee = String(props[key]).padStart(5, "0");
    const g = f.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) throw new OnboardingError(errorText.geojsonBadGeometry(name, insee));
    if (out.has(insee)) throw new OnboardingError(errorText.geojsonDuplicate(name, insee));
    out.set(insee, { type: g.type, coordinates: g.coordinates } as Boundary);
  }
  return out;
}

/**
 * The plan with the file's outlines for its communes. A file that holds none of the members is a
 * mistake (another territory, another code property); members the file lacks keep their stored
 * outline, and `applyPlan` refuses a new commune left without one.
 */
export function withBoundaries(plan: OnboardingPlan, boundaries: Map<string, Boundary>, file: string): OnboardingPlan {
  const codes = plan.communes.map((c) => c.insee);
  if (!codes.some((c) => boundaries.has(c))) throw new OnboardingError(errorText.geojsonNoMember(path.basename(file), codes));
  return { ...plan, communes: plan.communes.map((c) => ({ ...c, boundary: boundaries.get(c.insee) ?? c.boundary })) };
}
