/** Wire shapes of the booking routes, and the 409 answer with its alternatives. */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { problemOf, problemSchema } from "@communa/core";
import { BOOKING_STATES, RENTER_KINDS, RESOURCE_KINDS } from "@communa/db";
import { BookingConflict } from "../services/conflict.ts";

export const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });
export const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
export const noStore = { "cache-control": "no-store" };

const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const period = z.object({ startsAt: z.string(), endsAt: z.string() });

export const resourceOut = z
  .object({
    id: z.uuid(),
    kind: z.enum(RESOURCE_KINDS),
    name: z.string(),
    description: z.string(),
    capacity: z.number().int().nullable(),
    quantity: z.number().int().nullable(),
    accessibility: z.string(),
    stepFree: z.boolean(),
    equipment: z.array(z.string()),
    rules: z.string(),
    requiresTraining: z.boolean(),
    optionDays: z.number().int(),
    unavailableReason: z.string().nullable(),
    fictional: z.boolean(),
  })
  .openapi("BookingResource");

export const resourceIn = z
  .object({
    kind: z.enum(RESOURCE_KINDS),
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000).optional(),
    capacity: z.number().int().min(1).max(100_000).nullable().optional(),
    quantity: z.number().int().min(1).max(100_000).nullable().optional(),
    accessibility: z.string().max(2000).optional(),
    stepFree: z.boolean().optional(),
    equipment: z.array(z.string().max(200)).max(50).optional(),
    rules: z.string().max(4000).optional(),
    requiresTraining: z.boolean().optional(),
    optionDays: z.number().int().min(1).max(60).optional(),
    unavailableReason: z.string().max(500).nullable().optional(),
  })
  .strict();

export const renterIn = z
  .object({
    kind: z.enum(RENTER_KINDS),
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320).nullable().optional(),
    rna: z.string().max(10).nullable().optional(),
    insuranceValidUntil: day.nullable().optional(),
  })
  .strict();

export const renterOut = z
  .object({
    id: z.uuid(),
    kind: z.enum(RENTER_KINDS),
    name: z.string(),
    email: z.string().nullable(),
    rna: z.string().nullable(),
    insuranceValidUntil: z.string().nullable(),
  })
  .openapi("BookingRenter");

export const bookingOut = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    resourceId: z.uuid(),
    resourceName: z.string().optional(),
    renterId: z.uuid().nullable(),
    renterName: z.string().nullable().optional(),
    seriesId: z.uuid().nullable(),
    state: z.enum(BOOKING_STATES),
    stateLabel: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    quantity: z.number().int(),
    optionExpiresAt: z.string().nullable(),
    purpose: z.string(),
    dueCents: z.number().int().nullable(),
    paidCents: z.number().int(),
    reason: z.string().nullable(),
  })
  .openapi("Booking");

export const bookingIn = z
  .object({
    resourceId: z.uuid(),
    startsAt: instant,
    endsAt: instant,
    quantity: z.number().int().min(1).max(100_000).optional(),
    purpose: z.string().max(1000).optional(),
  })
  .strict();

export const conflictSchema = problemSchema
  .extend({
    conflicts: z.array(period.extend({ state: z.string() })),
    dates: z.array(z.string()).optional(),
    alternatives: z.object({
      slots: z.array(period),
      resources: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), capacity: z.number().int().nullable() })),
    }),
  })
  .openapi("BookingConflict");

export const conflictResponse = {
  409: { description: "Créneau déjà pris : ce qui le tient et des alternatives", content: { "application/problem+json": { schema: conflictSchema } } },
  422: { description: "Conditions non remplies (assurance, formation, indisponibilité)", content: { "application/problem+json": { schema: problemSchema } } },
};

/**
 * Runs a booking verb; a BookingConflict leaves as a 409 problem+json carrying its conflicts and
 * alternatives (RFC 9457 extension members); anything else goes to the app's error mapper.
 */
export async function withAlternatives<T>(c: Context, fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof BookingConflict)) throw err;
    const ctx = c.get("ctx") as { requestId: string } | undefined;
    const problem = { ...problemOf(err, ctx ? `urn:communa:requete:${ctx.requestId}` : undefined), ...err.details };
    return new Response(JSON.stringify(problem), {
      status: 409,
      headers: { "content-type": "application/problem+json; charset=utf-8", "cache-control": "no-store" },
    });
  }
}
