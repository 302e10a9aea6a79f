/**
 * Request and answer schemas of the France Services routes. Every body is `.strict()`: a field the
 * schema does not name (a comment, a note, a password) is refused, so no free text can be slipped
 * into an accompaniment (ADR 0045). Field messages are French (refinements, not zod's defaults).
 */
import { z } from "@hono/zod-openapi";
import {
  AUTONOMY_LEVELS,
  CHANNELS,
  FAMILIES,
  MANDATE_REFERENCE,
  MISSIONS,
  NATIONAL_OPERATORS,
  OUTCOMES,
  PARTNER_KINDS,
  PLACE_KINDS,
} from "@communa/contracts/france-services";
import { isUuid } from "@communa/core";
import { m } from "../messages.fr.ts";

/** A string among `values`, with a French message (zod's enum message is replaced by a generic one). */
const oneOf = <const T extends readonly string[]>(values: T, message: string) =>
  z
    .string()
    .refine((v) => (values as readonly string[]).includes(v), { message })
    .transform((v) => v as T[number])
    .openapi({ type: "string", enum: [...values] });

export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, m.fields.day);
export const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, m.fields.commune);
/** A national operator's code, or the id of one of the tenant's local partners. */
export const operator = z
  .string()
  .refine((v) => (NATIONAL_OPERATORS as readonly string[]).includes(v) || isUuid(v), { message: m.fields.operator })
  .openapi({ description: "Code d’un organisme national, ou identifiant d’un partenaire local" });

export const accompanimentBody = z
  .object({
    day,
    minutes: z
      .number()
      .int()
      .refine((n) => n >= 1 && n <= 480, { message: m.fields.minutes }),
    channel: oneOf(CHANNELS, m.fields.channel),
    communeInsee: insee,
    operator,
    family: oneOf(FAMILIES, m.fields.family),
    mission: oneOf(MISSIONS, m.fields.mission),
    outcome: oneOf(OUTCOMES, m.fields.outcome),
    autonomy: z
      .number()
      .int()
      .refine((n) => (AUTONOMY_LEVELS as readonly number[]).includes(n), { message: m.fields.autonomy }),
    mandate: z.boolean(),
    mandateReference: z.string().regex(MANDATE_REFERENCE, m.fields.mandateReference).nullable().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.mandate && b.mandateReference) ctx.addIssue({ code: "custom", path: ["mandateReference"], message: m.fields.mandateWithout });
    if (b.mandate && !b.mandateReference) ctx.addIssue({ code: "custom", path: ["mandateReference"], message: m.fields.mandateReference });
  })
  .openapi("AccompagnementSaisie");
export type AccompanimentInput = z.infer<typeof accompanimentBody>;

export const accompanimentSchema = z
  .object({
    id: z.string(),
    day: z.string(),
    minutes: z.number(),
    channel: z.enum(CHANNELS),
    communeInsee: z.string(),
    operator: z.string(),
    operatorName: z.string().nullable(),
    family: z.enum(FAMILIES),
    mission: z.enum(MISSIONS),
    outcome: z.enum(OUTCOMES),
    autonomy: z.number(),
    mandate: z.boolean(),
    mandateReference: z.string().nullable(),
    createdBy: z.string(),
    correctedBy: z.string().nullable(),
    createdAt: z.string(),
    retainUntil: z.string(),
  })
  .openapi("Accompagnement");

export const partnerBody = z
  .object({
    name: z
      .string()
      .trim()
      .refine((s) => s.length >= 2 && s.length <= 120, { message: m.fields.name }),
    kind: oneOf(PARTNER_KINDS, m.fields.partnerKind),
    active: z.boolean().optional(),
  })
  .strict();
export const partnerSchema = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(PARTNER_KINDS), active: z.boolean() })
  .openapi("PartenaireFranceServices");

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, m.fields.slots);
export const slotSchema = z
  .object({
    weekday: z
      .number()
      .int()
      .refine((n) => n >= 1 && n <= 7, { message: m.fields.slots }),
    start: time,
    end: time,
  })
  .strict()
  .refine((s) => s.start < s.end, { message: m.fields.slots, path: ["end"] });

export const placeBody = z
  .object({
    name: z
      .string()
      .trim()
      .refine((s) => s.length >= 2 && s.length <= 120, { message: m.fields.name }),
    kind: oneOf(PLACE_KINDS, m.fields.placeKind),
    communeInsee: insee,
    address: z
      .string()
      .trim()
      .refine((s) => s.length >= 5 && s.length <= 200, { message: m.fields.address }),
    slots: z.array(slotSchema).max(21),
    bookingPlaceId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (let i = 0; i < b.slots.length; i++)
      for (let j = 0; j < i; j++) {
        const [a, c] = [b.slots[i], b.slots[j]];
        if (a.weekday === c.weekday && a.start < c.end && c.start < a.end) ctx.addIssue({ code: "custom", path: ["slots", i], message: m.fields.slotsOverlap });
      }
  });
export const placeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(PLACE_KINDS),
    communeInsee: z.string(),
    communeName: z.string().nullable(),
    address: z.string(),
    slots: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string() })),
    openingHours: z.string().openapi({ description: "Les créneaux au format OpenStreetMap opening_hours" }),
    bookingPlaceId: z.string().nullable(),
    booking: z
      .object({
        id: z.string(),
        name: z.string(),
        address: z.string(),
        motifs: z.array(z.object({ id: z.string(), name: z.string(), durationMinutes: z.number() })),
      })
      .nullable()
      .openapi({ description: "Rendez-vous en ligne à ce lieu : le lieu du module de rendez-vous et ses motifs" }),
    active: z.boolean(),
  })
  .openapi("LieuFranceServices");

export const sessionBody = z
  .object({
    partnerId: z.uuid(m.partnerNotFound),
    title: z
      .string()
      .trim()
      .refine((s) => s.length >= 3 && s.length <= 120, { message: m.fields.title }),
    startsAt: z.iso.datetime({ offset: true, message: m.fields.startsAt }),
    minutes: z
      .number()
      .int()
      .refine((n) => n >= 15 && n <= 480, { message: m.fields.sessionMinutes }),
    capacity: z
      .number()
      .int()
      .refine((n) => n >= 1 && n <= 500, { message: m.fields.capacity }),
    address: z
      .string()
      .trim()
      .refine((s) => s.length >= 5 && s.length <= 200, { message: m.fields.address }),
  })
  .strict();
export const sessionSchema = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    title: z.string(),
    startsAt: z.string(),
    minutes: z.number(),
    capacity: z.number(),
    registered: z.number(),
    address: z.string(),
  })
  .openapi("AtelierFranceServices");

export const registrationBody = z
  .object({
    fullName: z
      .string()
      .trim()
      .refine((s) => s.length >= 2 && s.length <= 120, { message: m.fields.fullName }),
    email: z.email(m.fields.email).max(254).nullable().optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 .-]{10,20}$/, m.fields.phone)
      .nullable()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.email && !b.phone) ctx.addIssue({ code: "custom", path: ["email"], message: m.fields.contact });
  });

export const idParam = z.object({ id: z.uuid() });
export const json = <S extends z.ZodType>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
export const ok = <S extends z.ZodType>(description: string, schema: S, status: 200 | 201 = 200) => ({
  [status]: { description, content: { "application/json": { schema } } },
});
