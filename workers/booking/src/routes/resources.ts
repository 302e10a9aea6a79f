/** Resources (public list, availability, iCalendar feed), renters, trainings, tariff grids. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, invalid } from "@communa/core";
import { addDays, parisDay } from "@communa/core/time";
import { RENTER_KINDS, RESOURCE_KINDS } from "@communa/db";
import type { BookingBindings } from "../env.ts";
import { bookingTexts } from "../messages.fr.ts";
import { createRenter, createResource, listRenters, listResources, listTariffs, recordTraining, setTariff } from "../services/resources.ts";
import { resourceAvailability } from "../services/availability.ts";
import { resourceFeed } from "../services/calendar.ts";
import { body, json, noStore, renterIn, renterOut, resourceIn, resourceOut } from "./schemas.ts";

const day = z.iso.date();
const resourceParam = z.object({ resourceId: z.uuid() });

const list = defineRoute({
  method: "get",
  path: "/resources",
  operationId: "listBookingResources",
  summary: "Salles, locaux, machines, matériel et ateliers réservables",
  requires: "public",
  request: { query: z.object({ kind: z.enum(RESOURCE_KINDS).optional() }) },
  responses: { 200: json("Ressources", z.object({ resources: z.array(resourceOut) })) },
});
const create = defineRoute({
  method: "post",
  path: "/resources",
  operationId: "createBookingResource",
  summary: "Ajouter une ressource réservable",
  requires: "bookings:write",
  request: body(resourceIn),
  responses: { 201: json("Ressource", resourceOut) },
});
const availability = defineRoute({
  method: "get",
  path: "/resources/{resourceId}/availability",
  operationId: "bookingAvailability",
  summary: "Jours libres et créneaux occupés d’une ressource (sans nom)",
  requires: "public",
  request: { params: resourceParam, query: z.object({ from: day.optional(), to: day.optional() }) },
  responses: {
    200: json(
      "Disponibilités",
      z.object({
        resourceId: z.uuid(),
        days: z.array(
          z.object({
            day: z.string(),
            free: z.boolean(),
            available: z.number().int().nullable(),
            busy: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
          }),
        ),
      }),
    ),
  },
});
const feed = defineRoute({
  method: "get",
  path: "/resources/{resourceId}/calendar.ics",
  operationId: "bookingResourceFeed",
  summary: "Agenda iCalendar public d’une ressource (occupé / libre)",
  requires: "public",
  request: { params: resourceParam },
  responses: { 200: { description: "iCalendar", content: { "text/calendar": { schema: z.string() } } } },
});
const tariffs = defineRoute({
  method: "get",
  path: "/resources/{resourceId}/tariffs",
  operationId: "bookingTariffs",
  summary: "Grille tarifaire votée (délibération, date)",
  requires: "public",
  request: { params: resourceParam },
  responses: { 200: json("Tarifs", z.object({ tariffs: z.array(z.record(z.string(), z.unknown())) })) },
});
const tariffIn = z
  .object({
    resourceId: z.uuid(),
    renterKind: z.enum(RENTER_KINDS),
    unit: z.enum(["hour", "day", "booking"]),
    amountCents: z.number().int().min(0).max(100_000_00),
    deliberationNumber: z.string().trim().min(1).max(50),
    deliberationDate: day,
    validFrom: day,
  })
  .strict();
const setTariffRoute = defineRoute({
  method: "post",
  path: "/tariffs",
  operationId: "setBookingTariff",
  summary: "Enregistrer une ligne de la grille tarifaire votée par le conseil (CGCT L2144-3)",
  requires: "bookings:write",
  request: body(tariffIn),
  responses: { 201: json("Tarif", z.record(z.string(), z.unknown())) },
});
const renters = defineRoute({
  method: "get",
  path: "/renters",
  operationId: "listBookingRenters",
  summary: "Demandeurs (habitants, associations, entreprises, organismes publics)",
  requires: "bookings:read",
  responses: { 200: json("Demandeurs", z.object({ renters: z.array(renterOut) })) },
});
const createRenterRoute = defineRoute({
  method: "post",
  path: "/renters",
  operationId: "createBookingRenter",
  summary: "Enregistrer un demandeur",
  requires: "bookings:write",
  request: body(renterIn),
  responses: { 201: json("Demandeur", renterOut) },
});
const training = defineRoute({
  method: "post",
  path: "/trainings",
  operationId: "recordBookingTraining",
  summary: "Enregistrer la formation d’un demandeur à une machine (qui, quand, jusqu’à quand)",
  requires: "bookings:write",
  request: body(z.object({ resourceId: z.uuid(), renterId: z.uuid(), trainer: z.string().trim().min(1).max(200), trainedOn: day, validUntil: day }).strict()),
  responses: { 201: json("Formation", z.record(z.string(), z.unknown())) },
});

export const resourceRoutes = createRouter<BookingBindings>()
  .openapi(list, async (c) => c.json({ resources: await listResources({ db: c.var.db, ctx: c.var.ctx, kind: c.req.valid("query").kind }) }, 200))
  .openapi(create, async (c) => c.json(await createResource({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(availability, async (c) => {
    const q = c.req.valid("query");
    const from = q.from ?? parisDay();
    const to = q.to ?? addDays(from, 30);
    if (to < from || addDays(from, 92) < to) throw invalid(undefined, [{ path: "query/to", message: bookingTexts.periodRange }]);
    return c.json(await resourceAvailability({ db: c.var.db, ctx: c.var.ctx, resourceId: c.req.valid("param").resourceId, from, to }), 200);
  })
  .openapi(
    feed,
    async (c) =>
      new Response(await resourceFeed({ db: c.var.db, ctx: c.var.ctx, resourceId: c.req.valid("param").resourceId }), {
        headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "public, max-age=300" },
      }) as never,
  )
  .openapi(tariffs, async (c) => c.json({ tariffs: await listTariffs({ db: c.var.db, ctx: c.var.ctx, resourceId: c.req.valid("param").resourceId }) }, 200))
  .openapi(setTariffRoute, async (c) => c.json(await setTariff({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(renters, async (c) => c.json({ renters: await listRenters({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore))
  .openapi(createRenterRoute, async (c) => c.json(await createRenter({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(training, async (c) => c.json(await recordTraining({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201));
