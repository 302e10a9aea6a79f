import { z } from "@hono/zod-openapi";
import { PUBLIC, cacheFor, createRouter, defineRoute } from "@communa/core";
import type { FranceServicesBindings } from "../env.ts";
import { toDataInclusion } from "../services/data-inclusion.ts";
import { listPlaces, listSessions, register } from "../services/network.ts";
import { idParam, json, ok, placeSchema, registrationBody, sessionSchema } from "./schemas.ts";

const places = defineRoute({
  method: "get",
  path: "/public/places",
  operationId: "publicFranceServicesPlaces",
  summary: "Où et quand être accompagné : l’accueil et les permanences, avec leurs horaires",
  requires: PUBLIC,
  responses: ok("Lieux", z.object({ places: z.array(placeSchema) })),
});
const sessions = defineRoute({
  method: "get",
  path: "/public/sessions",
  operationId: "publicFranceServicesSessions",
  summary: "Ateliers à venir chez les partenaires, avec les places restantes",
  requires: PUBLIC,
  responses: ok("Ateliers", z.object({ sessions: z.array(sessionSchema) })),
});
const registration = defineRoute({
  method: "post",
  path: "/public/sessions/{id}/registrations",
  operationId: "registerFranceServicesSession",
  summary: "S’inscrire à un atelier, sans compte (nom et un moyen de vous prévenir) ; 409 quand il est complet",
  requires: PUBLIC,
  request: { params: idParam, body: json(registrationBody) },
  responses: ok("Inscription", z.object({ id: z.string(), sessionId: z.string(), remaining: z.number() }), 201),
});
const dataInclusion = defineRoute({
  method: "get",
  path: "/public/data-inclusion/services.json",
  operationId: "franceServicesDataInclusion",
  summary: "Les services de la France Services au schéma data·inclusion « service » (v1)",
  requires: PUBLIC,
  responses: ok("Services data·inclusion", z.array(z.record(z.string(), z.unknown()))),
});

const placeView = <T extends { updatedAt?: unknown }>({ updatedAt: _, ...rest }: T) => rest;

export const publicRoutes = createRouter<FranceServicesBindings>()
  .openapi(places, async (c) =>
    c.json({ places: (await listPlaces(c.var.db, c.var.ctx, { activeOnly: true, citizen: c.env.CITIZEN })).map(placeView) }, 200, cacheFor(c.var.ctx)),
  )
  .openapi(sessions, async (c) => c.json({ sessions: await listSessions(c.var.db, c.var.ctx, { upcoming: true }) }, 200, { "cache-control": "no-store" }))
  .openapi(registration, async (c) =>
    c.json(await register({ db: c.var.db, ctx: c.var.ctx, sessionId: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  )
  .openapi(dataInclusion, async (c) => {
    const ctx = c.var.ctx;
    const list = await listPlaces(c.var.db, ctx, { activeOnly: true });
    const pageUrl = ctx.siteUrl ? `${ctx.siteUrl}/france-services/` : undefined;
    return c.json(toDataInclusion({ tenant: ctx.tenant, places: list, pageUrl }), 200, cacheFor(ctx));
  });
