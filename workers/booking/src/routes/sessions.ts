/** Workshop sessions with places and a waiting list. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { BookingBindings } from "../env.ts";
import { createSession, listSessions, register } from "../services/sessions.ts";
import { body, json, renterIn } from "./schemas.ts";

const instant = z.iso.datetime({ offset: true });
const sessionOut = z
  .object({
    id: z.uuid(),
    resourceId: z.uuid(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    places: z.number().int(),
    remaining: z.number().int(),
    waiting: z.number().int(),
  })
  .openapi("BookingSession");

const list = defineRoute({
  method: "get",
  path: "/sessions",
  operationId: "listBookingSessions",
  summary: "Ateliers à venir et places restantes",
  requires: "public",
  responses: { 200: json("Ateliers", z.object({ sessions: z.array(sessionOut) })) },
});
const create = defineRoute({
  method: "post",
  path: "/sessions",
  operationId: "createBookingSession",
  summary: "Programmer un atelier à places (café réparation, formation machine)",
  requires: "bookings:write",
  request: body(
    z
      .object({ resourceId: z.uuid(), title: z.string().trim().min(1).max(200), startsAt: instant, endsAt: instant, places: z.number().int().min(1).max(1000) })
      .strict(),
  ),
  responses: { 201: json("Atelier", sessionOut) },
});
const registerRoute = defineRoute({
  method: "post",
  path: "/sessions/{sessionId}/registrations",
  operationId: "registerBookingSession",
  summary: "S’inscrire à un atelier (liste d’attente quand il est complet)",
  requires: "authenticated",
  request: { params: z.object({ sessionId: z.uuid() }), ...body(z.object({ renter: renterIn }).strict()) },
  responses: {
    201: json("Inscription", z.object({ id: z.uuid(), sessionId: z.uuid(), state: z.enum(["registered", "waiting"]), position: z.number().int().nullable() })),
  },
});

export const sessionRoutes = createRouter<BookingBindings>()
  .openapi(list, async (c) => c.json({ sessions: await listSessions({ db: c.var.db, ctx: c.var.ctx }) }, 200))
  .openapi(create, async (c) => c.json(await createSession({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(registerRoute, async (c) =>
    c.json(await register({ db: c.var.db, ctx: c.var.ctx, sessionId: c.req.valid("param").sessionId, renter: c.req.valid("json").renter }), 201),
  );
