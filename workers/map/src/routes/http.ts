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

/** An RFC 3339 date-time, or a calendar date (the whole day, UTC). */
function instant(text: string, end: boolean): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const d = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) return undefined;
    return end ? new Date(d.getTime() + 86_400_000 - 1) : d;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * OGC API – Features `datetime` (Part 1, §7.15.4): an instant, or an interval `start/end` whose
 * either end may be open (`..` or empty). Matched against each feature's last modification, the
 * one temporal value every feature of every layer has.
 */
export function parseDatetime(value: string | undefined): FeatureQuery["updated"] {
  if (value === undefined) return undefined;
  const bad = () => invalid(undefined, [{ path: "query/datetime", message: queryText.datetimeInvalid }]);
  const parts = value.split("/");
  if (parts.length > 2) throw bad();
  if (parts.length === 1) {
    const from = instant(parts[0], false);
    const to = instant(parts[0], true);
    if (!from || !to) throw bad();
    return { from, to };
  }
  const open = (p: string) => p === ".." || p === "";
  if (open(parts[0]) && open(parts[1])) throw bad();
  const from = open(parts[0]) ? undefined : instant(parts[0], false);
  const to = open(parts[1]) ? undefined : instant(parts[1], true);
  if ((!open(parts[0]) && !from) || (!open(parts[1]) && !to) || (from && to && from > to)) throw bad();
  return { from, to };
}
