/**
 * "Quand passe la collecte chez moi ?": the rounds of the waste collection layer serve streets
 * (their `rues` field, one street per line or `;`-separated); a resident's street, typed as people
 * type it, is matched to one of them whatever its accents, case, punctuation, articles and usual
 * abbreviations ("r." for rue, "av." for avenue…), and the answer gives each stream's day(s).
 */
import { and, eq, inArray } from "drizzle-orm";
import { mapFeatures, mapLayers } from "@communa/db";
import type { Db, TrustedContext } from "@communa/core";
import { COLLECTION_LAYER_SLUG, type CollectionDays, type CollectionStream } from "@communa/contracts/map";

/** Abbreviations people write for street kinds (and "saint"), read as the full word. */
const ABBREVIATIONS: Record<string, string> = {
  r: "rue",
  av: "avenue",
  ave: "avenue",
  bd: "boulevard",
  bld: "boulevard",
  bvd: "boulevard",
  pl: "place",
  imp: "impasse",
  ch: "chemin",
  chem: "chemin",
  all: "allee",
  rte: "route",
  sq: "square",
  st: "saint",
  ste: "sainte",
};
/** Words left out of the comparison: "Rue de la Gare" is "rue gare", as "r. gare" is. */
const ARTICLES = new Set(["de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux"]);
/** Kinds of street: "Pasteur" alone finds "Rue Pasteur" when no other street is named so. */
const KINDS = new Set([
  "rue",
  "avenue",
  "boulevard",
  "place",
  "impasse",
  "chemin",
  "allee",
  "route",
  "square",
  "grande",
  "sentier",
  "cours",
  "quai",
  "voie",
  "ruelle",
]);

/** The comparison key of a street name: no accents, lower case, words only, abbreviations expanded, articles dropped. */
export function streetKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter((w) => !ARTICLES.has(w))
    .join(" ");
}

/** The key without its leading street kind ("rue pasteur" → "pasteur"). */
const bareKey = (key: string) => {
  const words = key.split(" ");
  return words.length > 1 && KINDS.has(words[0]) ? words.slice(1).join(" ") : key;
};

/** The streets a round's `rues` value lists (one per line, or separated by `;`), trimmed, blanks left out. */
export function streetsOfRound(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(/[\n;]/)
    .map((s) => s.trim().replace(/\s+/g, " "))
    .filter((s) => s.length > 0);
}

/** A round as the matching reads it. */
export interface Round {
  name: string;
  properties: Record<string, unknown>;
}

/** Every street the rounds serve, once each (first spelling kept), in French order. */
export function streetList(rounds: Round[]): string[] {
  const byKey = new Map<string, string>();
  for (const r of rounds) for (const s of streetsOfRound(r.properties.rues)) if (!byKey.has(streetKey(s))) byKey.set(streetKey(s), s);
  const fr = new Intl.Collator("fr");
  return [...byKey.values()].sort(fr.compare);
}

/**
 * The street of `streets` that `typed` names: the same key; else the same key without the street
 * kind, when it was typed without one and exactly one street has it ("pasteur" → "Rue Pasteur", but
 * not when there are both a Rue and an Impasse Pasteur; "avenue pasteur" is not "Rue Pasteur").
 * Null when none, or when it is ambiguous.
 */
export function matchStreet(typed: string, streets: string[]): string | null {
  const key = streetKey(typed);
  if (!key) return null;
  const exact = streets.find((s) => streetKey(s) === key);
  if (exact) return exact;
  const bare = bareKey(key);
  // "avenue pasteur" is not "Rue Pasteur": only a name typed without its kind is looked up bare.
  if (bare !== key) return null;
  const loose = streets.filter((s) => bareKey(streetKey(s)) === bare);
  return loose.length === 1 ? loose[0] : null;
}

/** Streets sharing a word with what was typed (street kinds aside), most shared words first: at most `max`. */
export function closeStreets(typed: string, streets: string[], max = 5): string[] {
  const words = new Set(
    bareKey(streetKey(typed))
      .split(" ")
      .filter((w) => w.length > 2 && !KINDS.has(w)),
  );
  if (!words.size) return [];
  return streets
    .map((s) => ({
      s,
      n: streetKey(s)
        .split(" ")
        .filter((w) => words.has(w) || [...words].some((t) => w.startsWith(t))).length,
    }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, max)
    .map((x) => x.s);
}

const DAY_ORDER = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const dayRank = (d: string) => {
  const i = DAY_ORDER.indexOf(d);
  return i < 0 ? DAY_ORDER.length : i;
};

/**
 * The answer for one street: each stream of `streams` (the layer's `flux` options, in their order,
 * then any other stream a round names) with the rounds serving that street, Monday first.
 */
export function collectionAnswer(commune: string, typed: string, rounds: Round[], streams: string[]): CollectionDays {
  const query = typed.trim();
  const streets = streetList(rounds);
  const street = matchStreet(query, streets);
  if (!street) return { commune, query, street: null, streams: [], suggestions: closeStreets(query, streets) };
  const key = streetKey(street);
  const serving = rounds.filter((r) => streetsOfRound(r.properties.rues).some((s) => streetKey(s) === key));
  const names = [...streams];
  for (const r of serving) if (typeof r.properties.flux === "string" && !names.includes(r.properties.flux)) names.push(r.properties.flux);
  const out: CollectionStream[] = names.map((stream) => ({
    stream,
    rounds: serving
      .filter((r) => r.properties.flux === stream && typeof r.properties.jour === "string")
      .map((r) => ({ day: r.properties.jour as string, truck: typeof r.properties.camion === "string" ? r.properties.camion : null, round: r.name }))
      .sort((a, b) => dayRank(a.day) - dayRank(b.day) || a.round.localeCompare(b.round, "fr")),
  }));
  return { commune, query, street, streams: out, suggestions: [] };
}

/**
 * The rounds of `commune` in the collection layers this tenant's public map shows (its own, its
 * EPCI's: row-level security decides), with the layer's streams (its `flux` field's options).
 */
export async function communeRounds(db: Db, ctx: TrustedContext, commune: string): Promise<{ rounds: Round[]; streams: string[] }> {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const layers = await tx
      .select({ id: mapLayers.id, fields: mapLayers.fields })
      .from(mapLayers)
      .where(and(eq(mapLayers.slug, COLLECTION_LAYER_SLUG), eq(mapLayers.visibility, "public")));
    if (!layers.length) return { rounds: [], streams: [] };
    const streams = [...new Set(layers.flatMap((l) => l.fields.find((f) => f.key === "flux")?.options ?? []))];
    const rows = await tx
      .select({ name: mapFeatures.name, properties: mapFeatures.properties })
      .from(mapFeatures)
      .where(
        and(
          inArray(
            mapFeatures.layerId,
            layers.map((l) => l.id),
          ),
          eq(mapFeatures.communeInsee, commune),
        ),
      );
    return { rounds: rows.map((r) => ({ name: r.name, properties: (r.properties ?? {}) as Record<string, unknown> })), streams };
  });
}
