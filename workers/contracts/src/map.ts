/**
 * Wire types of the map's public answers read by the site (ADR 0025): "quand passe la collecte chez
 * moi ?" on the tenant homes. The waste rounds layer (`tournees-collecte`, held by the EPCI, which
 * holds the waste competence) carries, for each round, its day (`jour`), its stream (`flux`), its
 * truck (`camion`) and the streets it serves (`rues`, one per line): there is no address geocoder
 * offline, so the rounds say which streets they serve.
 */
import { z } from "zod";

/** The layer the collection days are read from, by its slug (the same on every tenant). */
export const COLLECTION_LAYER_SLUG = "tournees-collecte";
/** A street as typed by a resident: long enough for "Chemin de la Croix Blanche prolongée". */
export const STREET_MAX = 120;

const insee = z
  .string()
  .regex(/^[0-9][0-9AB][0-9]{3}$/)
  .meta({ description: "Code INSEE de la commune", example: "60360" });

export const collectionStreetsQuery = z.object({ commune: insee });
export const collectionDaysQuery = z.object({
  commune: insee,
  street: z
    .string()
    .trim()
    .min(1)
    .max(STREET_MAX)
    .meta({ description: "Rue, telle que saisie (accents, casse, « r. » ou « av. » indifférents)", example: "rue pasteur" }),
});

export const collectionStreets = z
  .object({
    commune: z.string(),
    /** The commune's streets served by at least one round, sorted in French order. */
    streets: z.array(z.string()),
  })
  .meta({ id: "RuesCollectees" });

export const collectionRound = z.object({
  /** Day name, lower case ("lundi"), as the layer's `jour` field holds it. */
  day: z.string(),
  /** Truck kind ("classique", "bras latéral"), when the round says. */
  truck: z.string().nullable(),
  /** The round's name on the map. */
  round: z.string(),
});

export const collectionStream = z.object({
  /** The stream as the layer names it ("ordures ménagères", "emballages", "biodéchets"). */
  stream: z.string(),
  /** Its rounds in that street, Monday first; empty: that stream is not collected there door to door. */
  rounds: z.array(collectionRound),
});

export const collectionDays = z
  .object({
    commune: z.string(),
    /** What was asked, trimmed. */
    query: z.string(),
    /** The street matched, as the rounds name it; null when none matched. */
    street: z.string().nullable(),
    /** Every stream the layer knows (its `flux` options), each with its rounds in that street; [] when no street matched. */
    streams: z.array(collectionStream),
    /** When no street matched: the commune's streets closest to what was typed (at most 5). */
    suggestions: z.array(z.string()),
  })
  .meta({ id: "JoursDeCollecte" });

export type CollectionStreets = z.infer<typeof collectionStreets>;
export type CollectionDays = z.infer<typeof collectionDays>;
export type CollectionStream = z.infer<typeof collectionStream>;
