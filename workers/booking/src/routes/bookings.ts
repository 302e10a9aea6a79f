/** Bookings: agents' bookings and decisions, series, blackouts; a signed-in person's requests. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import { BOOKING_STATES } from "@communa/db";
import type { BookingBindings } from "../env.ts";
import { ACTIONS, createBooking, decide, listBookings, myBookings, requestBooking } from "../services/bookings.ts";
import { createBlackout, createSeries } from "../services/series.ts";
import { body, bookingIn, bookingOut, conflictResponse, json, noStore, renterIn, withAlternatives } from "./schemas.ts";

const instant = z.iso.datetime({ offset: true });

const create = defineRoute({
  method: "post",
  path: "/bookings",
  operationId: "createBooking",
  summary: "Réserver pour un demandeur (option, demande ou confirmation)",
  requires: "bookings:write",
  request: body(bookingIn.extend({ renterId: z.uuid(), state: z.enum(["option", "request", "confirmed"]) }).strict()),
  responses: { 201: json("Réservation", bookingOut), ...conflictResponse },
});
const list = defineRoute({
  method: "get",
  path: "/bookings",
  operationId: "listBookings",
  summary: "Réservations (par état : les demandes à valider ; par ressource : son planning)",
  requires: "bookings:read",
  request: { query: z.object({ state: z.enum(BOOKING_STATES).optional(), resourceId: z.uuid().optional(), from: instant.optional(), to: instant.optional() }) },
  responses: { 200: json("Réservations", z.object({ bookings: z.array(bookingOut) })) },
});
const decision = defineRoute({
  method: "post",
  path: "/bookings/{bookingId}/decision",
  operationId: "decideBooking",
  summary: "Valider, confirmer, refuser, annuler ou clore une réservation",
  requires: "bookings:write",
  request: { params: z.object({ bookingId: z.uuid() }), ...body(z.object({ action: z.enum(ACTIONS), reason: z.string().max(1000).optional() }).strict()) },
  responses: { 200: json("Réservation", bookingOut), 409: conflictResponse[409] },
});
const request = defineRoute({
  method: "post",
  path: "/requests",
  operationId: "requestBooking",
  summary: "Demander un créneau ou poser une option, en son nom",
  requires: "authenticated",
  request: body(bookingIn.extend({ state: z.enum(["option", "request"]), renter: renterIn }).strict()),
  responses: { 201: json("Réservation", bookingOut), ...conflictResponse },
});
const mine = defineRoute({
  method: "get",
  path: "/my/bookings",
  operationId: "myBookings",
  summary: "Mes réservations",
  requires: "authenticated",
  responses: { 200: json("Réservations", z.object({ bookings: z.array(bookingOut) })) },
});
const seriesRoute = defineRoute({
  method: "post",
  path: "/series",
  operationId: "createBookingSeries",
  summary: "Réserver un créneau régulier (RRULE, exceptions) : chaque date est vérifiée",
  requires: "bookings:write",
  request: body(
    z
      .object({
        resourceId: z.uuid(),
        renterId: z.uuid(),
        startsLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Date et heure de Paris, par exemple 2027-09-07T18:00"),
        durationMinutes: z
          .number()
          .int()
          .min(15)
          .max(24 * 60),
        rrule: z.string().min(5).max(300),
        exceptions: z.array(z.iso.date()).max(100).optional(),
        state: z.enum(["request", "confirmed"]),
        purpose: z.string().max(1000).optional(),
      })
      .strict(),
  ),
  responses: {
    201: json("Série", z.object({ id: z.uuid(), rrule: z.string(), exceptions: z.array(z.string()), bookings: z.array(bookingOut) })),
    ...conflictResponse,
  },
});
const blackout = defineRoute({
  method: "post",
  path: "/blackouts",
  operationId: "createBookingBlackout",
  summary: "Réserver pour une manifestation de la commune (prioritaire : annule ce qu’elle chevauche)",
  requires: "bookings:write",
  request: body(
    z.object({ resourceIds: z.array(z.uuid()).min(1).max(50), startsAt: instant, endsAt: instant, title: z.string().trim().min(1).max(200) }).strict(),
  ),
  responses: { 201: json("Manifestation", z.object({ blackouts: z.array(bookingOut), displaced: z.array(bookingOut) })), 409: conflictResponse[409] },
});

export const bookingRoutes = createRouter<BookingBindings>()
  .openapi(create, async (c) => {
    const r = await withAlternatives(c, () => createBooking({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }));
    return (r instanceof Response ? r : c.json(r, 201)) as never;
  })
  .openapi(list, async (c) => c.json({ bookings: await listBookings({ db: c.var.db, ctx: c.var.ctx, query: c.req.valid("query") }) }, 200, noStore))
  .openapi(decision, async (c) => {
    const { action, reason } = c.req.valid("json");
    return c.json(await decide({ db: c.var.db, ctx: c.var.ctx, bookingId: c.req.valid("param").bookingId, action, reason }), 200);
  })
  .openapi(request, async (c) => {
    const r = await withAlternatives(c, () => requestBooking({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }));
    return (r instanceof Response ? r : c.json(r, 201)) as never;
  })
  .openapi(mine, async (c) => c.json({ bookings: await myBookings({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore))
  .openapi(seriesRoute, async (c) => {
    const r = await withAlternatives(c, () => createSeries({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }));
    return (r instanceof Response ? r : c.json(r, 201)) as never;
  })
  .openapi(blackout, async (c) => c.json(await createBlackout({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201));
