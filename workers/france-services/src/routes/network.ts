import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, purgeCache } from "@communa/core";
import type { FranceServicesBindings } from "../env.ts";
import { bookingPlaces, createSession, listPartners, listPlaces, listSessions, savePartner, savePlace, sessionRegistrations } from "../services/network.ts";
import { idParam, json, ok, partnerBody, partnerSchema, placeBody, placeSchema, sessionBody, sessionSchema } from "./schemas.ts";

const route = <const R extends Parameters<typeof defineRoute>[0]>(r: R) => defineRoute(r);

const partnersList = route({
  method: "get",
  path: "/partners",
  operationId: "listFranceServicesPartners",
  summary: "Partenaires locaux : opérateurs locaux, bibliothèques, collèges",
  requires: "france-services:read",
  responses: ok("Partenaires", z.object({ partners: z.array(partnerSchema) })),
});
const partnerCreate = route({
  method: "post",
  path: "/partners",
  operationId: "createFranceServicesPartner",
  summary: "Ajouter un partenaire local",
  requires: "france-services:write",
  request: { body: json(partnerBody) },
  responses: ok("Partenaire", partnerSchema, 201),
});
const partnerUpdate = route({
  method: "put",
  path: "/partners/{id}",
  operationId: "updateFranceServicesPartner",
  summary: "Modifier ou retirer un partenaire local (ses accompagnements passés restent)",
  requires: "france-services:write",
  request: { params: idParam, body: json(partnerBody) },
  responses: ok("Partenaire", partnerSchema),
});
const placesList = route({
  method: "get",
  path: "/places",
  operationId: "listFranceServicesPlaces",
  summary: "Lieux d’accueil : l’accueil, les permanences dans les communes, les résidences sociales",
  requires: "france-services:read",
  responses: ok("Lieux", z.object({ places: z.array(placeSchema) })),
});
const placeCreate = route({
  method: "post",
  path: "/places",
  operationId: "createFranceServicesPlace",
  summary: "Ajouter un lieu avec ses créneaux hebdomadaires",
  requires: "france-services:write",
  request: { body: json(placeBody) },
  responses: ok("Lieu", placeSchema, 201),
});
const placeUpdate = route({
  method: "put",
  path: "/places/{id}",
  operationId: "updateFranceServicesPlace",
  summary: "Modifier un lieu et ses créneaux",
  requires: "france-services:write",
  request: { params: idParam, body: json(placeBody) },
  responses: ok("Lieu", placeSchema),
});
const bookingPlacesList = route({
  method: "get",
  path: "/booking-places",
  operationId: "listFranceServicesBookingPlaces",
  summary: "Lieux du module de rendez-vous vers lesquels une permanence peut renvoyer, avec leurs motifs",
  requires: "france-services:read",
  responses: ok(
    "Lieux de rendez-vous",
    z.object({
      places: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          address: z.string(),
          motifs: z.array(z.object({ id: z.string(), name: z.string(), durationMinutes: z.number() })),
        }),
      ),
    }),
  ),
});
const sessionsList = route({
  method: "get",
  path: "/sessions",
  operationId: "listFranceServicesSessions",
  summary: "Ateliers des partenaires, avec le nombre d’inscrits",
  requires: "france-services:read",
  responses: ok("Ateliers", z.object({ sessions: z.array(sessionSchema) })),
});
const sessionCreate = route({
  method: "post",
  path: "/sessions",
  operationId: "createFranceServicesSession",
  summary: "Programmer un atelier chez un partenaire (soirée Educonnect…)",
  requires: "france-services:write",
  request: { body: json(sessionBody) },
  responses: ok("Atelier", sessionSchema, 201),
});
const sessionPeople = route({
  method: "get",
  path: "/sessions/{id}/registrations",
  operationId: "listFranceServicesRegistrations",
  summary: "Les inscrits d’un atelier",
  requires: "france-services:read",
  request: { params: idParam },
  responses: ok(
    "Inscrits",
    z.object({
      session: sessionSchema,
      registrations: z.array(
        z.object({ id: z.string(), fullName: z.string(), email: z.string().nullable(), phone: z.string().nullable(), createdAt: z.string() }),
      ),
    }),
  ),
});

const noStore = { "cache-control": "no-store" };
const strip = <T extends { updatedAt?: unknown }>({ updatedAt: _, ...rest }: T) => rest;

export const networkRoutes = createRouter<FranceServicesBindings>()
  .openapi(partnersList, async (c) => c.json({ partners: await listPartners(c.var.db, c.var.ctx) }, 200, noStore))
  .openapi(partnerCreate, async (c) => {
    const res = c.json(await savePartner({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201);
    purgeCache(res.headers, "/public/");
    return res;
  })
  .openapi(partnerUpdate, async (c) => {
    const res = c.json(await savePartner({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200);
    purgeCache(res.headers, "/public/");
    return res;
  })
  .openapi(placesList, async (c) => c.json({ places: (await listPlaces(c.var.db, c.var.ctx, { citizen: c.env.CITIZEN })).map(strip) }, 200, noStore))
  .openapi(bookingPlacesList, async (c) => c.json({ places: await bookingPlaces(c.var.ctx, c.env.CITIZEN) }, 200, noStore))
  .openapi(placeCreate, async (c) => {
    const res = c.json(strip(await savePlace({ db: c.var.db, ctx: c.var.ctx, citizen: c.env.CITIZEN, input: c.req.valid("json") })), 201);
    purgeCache(res.headers, "/public/");
    return res;
  })
  .openapi(placeUpdate, async (c) => {
    const res = c.json(
      strip(await savePlace({ db: c.var.db, ctx: c.var.ctx, citizen: c.env.CITIZEN, id: c.req.valid("param").id, input: c.req.valid("json") })),
      200,
    );
    purgeCache(res.headers, "/public/");
    return res;
  })
  .openapi(sessionsList, async (c) => c.json({ sessions: await listSessions(c.var.db, c.var.ctx) }, 200, noStore))
  .openapi(sessionCreate, async (c) => {
    const res = c.json(await createSession({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201);
    purgeCache(res.headers, "/public/");
    return res;
  })
  .openapi(sessionPeople, async (c) => c.json(await sessionRegistrations(c.var.db, c.var.ctx, c.req.valid("param").id), 200, noStore));
