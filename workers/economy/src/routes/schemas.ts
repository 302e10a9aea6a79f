/** Shared zod pieces of the economy routes: every CNIG enumeration enforced here too (and in the database). */
import { z } from "@hono/zod-openapi";
import {
  DEVELOPMENT_STAGES,
  GEOCODING_QUALITY,
  LAND_CONTROL,
  LAND_USES,
  NAF_VERSIONS,
  OCCUPANCY_STATES,
  POLE_REACH,
  POLE_VOCATIONS,
  SALE_STAGES,
  SITE_FLAGS,
  SITE_MOA_TYPES,
  SITE_STATES,
  SITE_TYPES,
  SITE_URBAN_EVOLUTION,
  SITE_VOCATIONS,
  WORKFORCE_CODES,
  YES_NO,
} from "@communa/contracts/economy";

export const noStore = { "cache-control": "no-store" };
export const json = <T extends z.ZodType>(schema: T) => ({ required: true as const, content: { "application/json": { schema } } });
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

export const isoDay = z.iso.date();
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const optText = (max = 200) => z.string().trim().max(max).optional();
export const hectares = z.number().min(0).max(100_000);
export const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/);
export const siteParam = z.object({ siteId: z.uuid() });
export const unitParam = z.object({ unitId: z.uuid() });
export const inventoryParam = z.object({ inventoryId: z.uuid() });
/** The day the answer is computed for (the clock), default today in Paris. */
export const onQuery = z.object({ on: isoDay.optional() });

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const position = z.tuple([lon, lat]);
const ring = z.array(position).min(4).max(2000);
export const surface = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1).max(20) }).strict(),
    z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ring).min(1).max(20)).min(1).max(50) }).strict(),
  ])
  .openapi("SurfaceWgs84");
export const multiPoint = z
  .object({ type: z.literal("MultiPoint"), coordinates: z.array(position).min(1).max(20) })
  .strict()
  .openapi("PointsWgs84");

export const poleVocation = z.enum(POLE_VOCATIONS);
export const poleReach = z.enum(POLE_REACH);
export const siteType = z.enum(SITE_TYPES);
export const siteVocation = z.enum(SITE_VOCATIONS);
export const siteState = z.enum(SITE_STATES);
export const urbanEvolution = z.enum(SITE_URBAN_EVOLUTION);
export const moaType = z.enum(SITE_MOA_TYPES);
export const landControl = z.enum(LAND_CONTROL);
export const developmentStage = z.enum(DEVELOPMENT_STAGES);
export const saleStage = z.enum(SALE_STAGES);
export const occupancyState = z.enum(OCCUPANCY_STATES);
export const landUse = z.enum(LAND_USES);
export const geocoding = z.enum(GEOCODING_QUALITY);
export const workforceCode = z.enum(WORKFORCE_CODES);
export const nafVersion = z.enum(NAF_VERSIONS);
export const flags = z.partialRecord(z.enum(SITE_FLAGS), z.enum(YES_NO));
export const parcel = z.string().regex(/^\d{8}[0-9A-Z]{2}\d{4}$/);

export const access = z
  .object({ route: text(80), motorway: text(80), motorwayKm: z.number().min(0).max(1000), station: text(80), stationKm: z.number().min(0).max(1000) })
  .partial()
  .strict()
  .openapi("DesserteZone");
export const jobs = z.object({ min: z.number().int(), max: z.number().int().nullable(), text: z.string() }).openapi("EmploisFourchette");
export const contact = z
  .object({ service: text(120), email: z.email().max(120), phone: text(30) })
  .strict()
  .openapi("ContactZone");
export const constraint = z
  .object({
    kind: z.enum(["ppri", "icpe", "natura2000", "pollution", "znieff", "monument", "other"]),
    label: text(200),
    reference: z.string().trim().max(300),
  })
  .strict()
  .openapi("ContrainteZone");
