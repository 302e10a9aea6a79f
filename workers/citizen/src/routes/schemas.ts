/** Request and answer schemas shared by the citizen routes (French messages on the fields people fill). */
import { z } from "@hono/zod-openapi";
import { APPOINTMENT_STATES, LOCATION_TYPES } from "@communa/db";
import { m } from "../messages.fr.ts";

export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, m.fields.day);
export const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, m.fields.insee);
export const email = z.email(m.fields.email).max(254);
export const phone = z.string().regex(/^\+?[0-9 .-]{10,20}$/, m.fields.phone);
export const personName = z.string().trim().min(2, m.fields.name).max(120);

export const slotSchema = z.object({ start: z.string(), end: z.string(), placeId: z.string() });

export const appointmentSchema = z.object({
  id: z.string(),
  motifId: z.string(),
  placeId: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(APPOINTMENT_STATES),
  sequence: z.number().int(),
  visioUrl: z.string().nullable(),
  overbooked: z.boolean(),
});

export const motifBody = z
  .object({
    serviceId: z.uuid(),
    name: z.string().trim().min(2).max(120),
    durationMinutes: z.number().int().min(5).max(480),
    intervalMinutes: z.number().int().min(5).max(480),
    bufferBeforeMinutes: z.number().int().min(0).max(240).default(0),
    bufferAfterMinutes: z.number().int().min(0).max(240).default(0),
    locationType: z.enum(LOCATION_TYPES),
    minDelayMinutes: z.number().int().min(0).max(525_600).default(120),
    maxDelayDays: z.number().int().min(1).max(365).default(60),
    changeWindowHours: z.number().int().min(0).max(720).default(24),
    acceptText: z.string().max(2000).nullable().optional(),
    instructions: z.string().max(2000).nullable().optional(),
    bookableBy: z.enum(["anyone", "agents"]).default("anyone"),
    discreet: z.boolean().default(false),
    visioPattern: z
      .string()
      .regex(/^https:\/\/[^\s]+\{id\}[^\s]*$/, m.fields.visioPattern)
      .nullable()
      .optional(),
  })
  .strict()
  .refine((b) => b.locationType !== "visio" || b.visioPattern, {
    path: ["visioPattern"],
    message: m.fields.visioNeeded,
  });

export const bookingBody = z
  .object({
    motifId: z.uuid(),
    placeId: z.uuid(),
    start: z.iso.datetime({ offset: true }),
    name: personName,
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    communeInsee: insee,
    accepted: z.boolean().optional(),
  })
  .strict();

export const created = z.object({ id: z.string() });
