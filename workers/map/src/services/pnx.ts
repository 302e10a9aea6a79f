/**
 * Export of trails to the national exchange schema "Itinéraires de randonnée" (PnX-SI
 * schema_randonnee 1.0.2, published on schema.data.gouv.fr): a GeoJSON FeatureCollection of
 * LineStrings whose properties follow the schema's names, types and enums, so the file can be
 * published on data.gouv.fr and read by Geotrek and the regional trail portals.
 */
import type { Difficulty, TrailFigures } from "./trails.ts";
import { isUuid } from "@communa/core/ids";
import { parisDay as parisCalendarDay } from "@communa/core/time";
import { layerText } from "../messages.fr.ts";

export type Practice = "pédestre" | "trail" | "VTT" | "cyclo" | "équestre";

export interface TrailRecord {
  /** uuid */
  id: string;
  name: string;
  description: string;
  practice: Practice;
  figures: TrailFigures;
  difficulty: Difficulty;
  communes: Array<{ insee: string; name: string }>;
  /** Place names of the start (départ) and end (arrivée). */
  startName: string;
  endName: string;
  instructions: string;
  /** Public page of the trail. */
  url: string;
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString;
  /** ISO date or date-time. */
  updatedAt: string;
  pointsOfInterest?: Array<{ name: string; description?: string }>;
  sensitiveAreas?: Array<{ name: string; instructions: string }>;
}

/** The schema's `pratique` values for Communa's practices (spelled the same; the map keeps them tied). */
const PRATIQUE: Record<Practice, string> = { pédestre: "pédestre", trail: "trail", VTT: "VTT", cyclo: "cyclo", équestre: "équestre" };

/** `difficulte` is free text; the schema's examples capitalise it ("Très facile", "Difficile"). */
const DIFFICULTE: Record<Difficulty, string> = { "très facile": "Très facile", facile: "Facile", moyenne: "Moyenne", difficile: "Difficile" };

/** The properties of one trail, as the schema names them (`properties_randonnee`). */
export interface PnxProperties {
  id_local: string;
  producteur: string;
  contact?: string;
  uuid?: string;
  url: string;
  nom_itineraire: string;
  pratique: string;
  type_itineraire: "boucle" | "aller simple";
  communes_nom?: string;
  communes_code?: string;
  depart: string;
  arrivee: string;
  duree: number;
  longueur: number;
  difficulte: string;
  altitude_max?: number;
  altitude_min?: number;
  denivele_positif?: number;
  denivele_negatif?: number;
  instructions: string;
  presentation?: string;
  recommandations?: string;
  date_modification: string;
}

/** The day (AAAA-MM-JJ) of an ISO date or date-time, as seen in France. */
function parisDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(layerText.updateDateInvalid(iso));
  return parisCalendarDay(d);
}

/**
 * The schema only takes LineStrings. A MultiLineString's parts are joined end to end (a point
 * repeated at a junction is kept once): a gap between two parts becomes a straight segment, which
 * is how a walker would link them anyway. The figures were computed on the parts beforehand.
 */
export function asLineString(geometry: GeoJSON.LineString | GeoJSON.MultiLineString): GeoJSON.LineString {
  if (geometry.type === "LineString") return { type: "LineString", coordinates: geometry.coordinates };
  const coordinates: GeoJSON.Position[] = [];
  for (const part of geometry.coordinates) {
    for (const p of part) {
      const last = coordinates[coordinates.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) coordinates.push(p);
    }
  }
  return { type: "LineString", coordinates };
}

/** Points of interest appended to the presentation (the schema's place for heritage and landscapes). */
function presentationOf(t: TrailRecord): string | undefined {
  const pois = (t.pointsOfInterest ?? []).map((p) => (p.description ? `${p.name} : ${p.description}` : p.name));
  const parts = [t.description.trim(), pois.length ? `À découvrir en chemin : ${pois.join(" ; ")}.` : ""].filter(Boolean);
  return parts.length ? parts.join("\n\n") : undefined;
}

/** Sensitive areas become recommendations: the schema's field for points of vigilance. */
function recommendationsOf(t: TrailRecord): string | undefined {
  const areas = (t.sensitiveAreas ?? []).map((a) => `Zone sensible « ${a.name} » : ${a.instructions}`);
  return areas.length ? areas.join("\n") : undefined;
}

/** The object without its undefined entries: unknown optional properties are left out rather than null (the schema allows both; absent is lighter). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const integer = (n: number | null) => (n === null ? undefined : Math.round(n));

/** One trail's properties: every required one, and each optional one the record can fill. */
export function pnxProperties(t: TrailRecord, producer: { name: string; contact?: string }): PnxProperties {
  const f = t.figures;
  return {
    id_local: t.id,
    producteur: producer.name,
    url: t.url,
    nom_itineraire: t.name,
    pratique: PRATIQUE[t.practice],
    type_itineraire: f.loop ? "boucle" : "aller simple",
    depart: t.startName,
    arrivee: t.endName,
    // Hours to 2 decimals; metres; integers where the schema says integer.
    duree: Math.round((f.durationMinutes / 60) * 100) / 100,
    longueur: Math.round(f.lengthKm * 1000),
    difficulte: DIFFICULTE[t.difficulty],
    instructions: t.instructions,
    date_modification: parisDay(t.updatedAt),
    ...defined({
      contact: producer.contact,
      uuid: isUuid(t.id) ? t.id.toLowerCase() : undefined,
      communes_nom: t.communes.length ? t.communes.map((c) => c.name).join(", ") : undefined,
      communes_code: t.communes.length ? t.communes.map((c) => c.insee).join(", ") : undefined,
      altitude_max: integer(f.maxAltitudeM),
      altitude_min: integer(f.minAltitudeM),
      denivele_positif: integer(f.ascentM),
      denivele_negatif: integer(f.descentM),
      presentation: presentationOf(t),
      recommandations: recommendationsOf(t),
    }),
  };
}

/** The FeatureCollection to publish: one LineString feature per trail. */
export function toPnx(trails: TrailRecord[], producer: { name: string; contact?: string }): GeoJSON.FeatureCollection {
  return {
    type: "FeatureCollection",
    features: trails.map((t) => ({
      type: "Feature",
      properties: pnxProperties(t, producer) as unknown as GeoJSON.GeoJsonProperties,
      geometry: asLineString(t.geometry),
    })),
  };
}
