/** HTTP details shared by the map routes: caching by audience, feature query parameters. */
import { z } from "@hono/zod-openapi";
import { invalid } from "@communa/core";
import type { FeatureQuery } from "../services/features.ts";
import { queryText } from "../messages.fr.ts";

export { cacheFor } from "@communa/core";

const NUM = "-?\\d{1,3}(\\.\\d+)?";
export const featureQuerySchema = z.object({
  bbox: z
    .string()
    .regex(new RegExp(`^${NUM},${NUM},${NUM},${NUM}$`))
    .optional()
    .openapi({ description: "Emprise ouest,sud,est,nord en degrés WGS84", example: "2.40,49.28,2.54,49.37" }),
  q: z.string().max(200).optional().openapi({ description: "Recherche plein texte (nom, adresse, commune)" }),
  commune: z
    .string()
    .regex(/^[0-9][0-9AB][0-9]{3}$/)
    .optional()
    .openapi({ description: "Code INSEE de la commune" }),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Property filters are `f.<field>=<value>` parameters (the layer's own fields). */
export function parseQuery(valid: z.infer<typeof featureQuerySchema>, url: string): FeatureQuery {
  let bbox: FeatureQuery["bbox"];
  if (valid.bbox) {
    const [w, s, e, n] = valid.bbox.split(",").map(Number);
    if (w > e || s > n || w < -180 || e > 180 || s < -90 || n > 90) throw invalid(undefined, [{ path: "query/bbox", message: queryText.bboxInvalid }]);
    bbox = [w, s, e, n];
  }
  const filters: Record<string, string> = {};
  for (const [k, v] of new URL(url).searchParams) if (k.startsWith("f.")) filters[k.slice(2)] = v.slice(0, 200);
  return { bbox, q: valid.q, commune: valid.commune, filters, limit: valid.limit, offset: valid.offset };
}
