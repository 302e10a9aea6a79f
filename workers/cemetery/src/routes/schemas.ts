/** Shared zod pieces of the cemetery routes (inputs checked here, French messages from the core set). */
import { z } from "@hono/zod-openapi";
import { CONCESSION_CATEGORIES, OPERATION_KINDS, PLOT_TYPES } from "@communa/contracts/cemetery";

export const noStore = { "cache-control": "no-store" };
export const json = <T extends z.ZodType>(schema: T) => ({ required: true as const, content: { "application/json": { schema } } });
export const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

export const isoDay = z.iso.date();
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const optText = (max = 200) => z.string().trim().max(max).optional();

export const plotType = z.enum(PLOT_TYPES);
export const category = z.enum(CONCESSION_CATEGORIES);
export const operationKind = z.enum(OPERATION_KINDS);

const position = z.array(z.number().min(-180).max(180)).length(2);
export const polygon = z
  .object({ type: z.literal("Polygon"), coordinates: z.array(z.array(position).min(4).max(200)).min(1).max(5) })
  .strict()
  .openapi("PolygoneGeoJSON");

export const places = z.object({ capacity: z.number(), used: z.number(), left: z.number() }).openapi("PlacesEmplacement");

export const clocks = z
  .object({
    expiresOn: z.string().nullable(),
    renewalWindowEnd: z.string().nullable(),
    letterFrom: z.string().nullable(),
    phase: z.enum(["perpetual", "running", "letter_due", "renewal_window", "repossessable"]),
  })
  .openapi("DelaisConcession");

export const deceasedOut = z
  .object({
    id: z.string(),
    name: z.string(),
    firstName: z.string(),
    usageName: z.string(),
    birthDate: z.string().nullable(),
    deathDate: z.string(),
    deathPlace: z.string(),
    burialDate: z.string().nullable(),
    plotId: z.string().nullable(),
    remains: z.string().nullable(),
  })
  .openapi("Defunt");

export const operationOut = z
  .object({
    id: z.string(),
    kind: operationKind,
    plotId: z.string(),
    deceasedId: z.string(),
    targetPlotId: z.string().nullable(),
    date: z.string(),
    funeralOperator: z.string(),
    habilitation: z.string(),
    official: z.string(),
    requester: z.string(),
    status: z.enum(["draft", "validated"]),
    authorisation: z.string().nullable(),
    validatedAt: z.string().nullable(),
  })
  .openapi("OperationFuneraire");
