import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute, parisDay } from "@communa/core";
import type { EconomyBindings } from "../env.ts";
import { createPole, createSite, listZones, recordVacancy, zoneSheet } from "../services/zones.ts";
import {
  access,
  constraint,
  contact,
  flags,
  hectares,
  insee,
  isoDay,
  jobs,
  json,
  moaType,
  noStore,
  ok,
  onQuery,
  optText,
  poleReach,
  poleVocation,
  siteParam,
  siteState,
  siteType,
  siteVocation,
  surface,
  text,
  urbanEvolution,
} from "./schemas.ts";

const created = ok("Créé", z.object({ id: z.string(), code: z.string() }));
const vacancyOut = z
  .object({
    taxYear: z.number().int(),
    delayYears: z.number().int(),
    source: z.string(),
    total: z.number().int(),
    vacant: z.number().int(),
    ratePercent: z.number().int().nullable(),
    units: z.array(
      z.object({
        unitId: z.string(),
        code: z.string(),
        vacant: z.boolean(),
        since: z.string().nullable(),
        reason: z.string().nullable(),
        evidence: z.string(),
        evidenceOn: z.string().nullable(),
      }),
    ),
  })
  .openapi("VacanceZone");

const addPole = defineRoute({
  method: "post",
  path: "/poles",
  operationId: "createEconomicPole",
  summary: "Créer un pôle économique (identifiant CNIG attribué s’il n’est pas donné)",
  requires: "economy:write",
  request: {
    body: json(
      z
        .object({
          code: z.string().max(20).optional(),
          communeInsee: insee,
          name: text(200),
          vocation: poleVocation,
          reach: poleReach.optional(),
          identifiedOn: isoDay,
          point: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
        })
        .strict()
        .openapi("PoleSaisie"),
    ),
  },
  responses: { 201: created },
});

const addSite = defineRoute({
  method: "post",
  path: "/zones",
  operationId: "createActivityZone",
  summary: "Créer une zone d’activité (site économique CNIG) dans un pôle",
  requires: "economy:write",
  request: {
    body: json(
      z
        .object({
          code: z.string().max(20).optional(),
          poleId: z.uuid(),
          name: text(200),
          type: siteType,
          vocation: siteVocation,
          state: siteState,
          urbanEvolution: urbanEvolution.optional(),
          grossHa: hectares,
          usefulHa: hectares,
          creationYear: z.number().int().min(1800).max(2200).optional(),
          identifiedOn: isoDay,
          communeInsee: insee,
          moaType,
          moaName: optText(200),
          description: optText(2000),
          flags: flags.optional(),
          access: access.optional(),
          constraints: z.array(constraint).max(30).optional(),
          contact,
          geometry: surface,
        })
        .strict()
        .openapi("ZoneSaisie"),
    ),
  },
  responses: { 201: created },
});

const list = defineRoute({
  method: "get",
  path: "/zones",
  operationId: "listActivityZones",
  summary: "Zones d’activité : unités foncières, vacance de l’année d’imposition, établissements, emplois (fourchette), foncier disponible",
  requires: "economy:read",
  request: { query: onQuery },
  responses: {
    200: ok(
      "Zones",
      z.object({
        zones: z.array(
          z.object({
            id: z.string(),
            code: z.string(),
            name: z.string(),
            pole: z.object({ id: z.string(), code: z.string(), name: z.string() }),
            commune: z.string(),
            vocation: z.string(),
            state: z.string(),
            grossHa: z.number(),
            availableHa: z.number(),
            geometry: z.any(),
            vacancy: z.object({ taxYear: z.number().int(), total: z.number().int(), vacant: z.number().int(), ratePercent: z.number().int().nullable() }),
            establishments: z.number().int(),
            jobs,
          }),
        ),
      }),
    ),
  },
});

const sheet = defineRoute({
  method: "get",
  path: "/zones/{siteId}",
  operationId: "getActivityZone",
  summary: "Fiche de zone : unités foncières et leur occupation, vacance, établissements, contraintes, inventaires (jamais les propriétaires)",
  requires: "economy:read",
  request: { params: siteParam, query: onQuery },
  responses: { 200: ok("Fiche de zone", z.record(z.string(), z.any()).openapi("FicheZone")) },
});

const snapshot = defineRoute({
  method: "post",
  path: "/zones/{siteId}/vacancy",
  operationId: "recordZoneVacancy",
  summary: "Arrêter le taux de vacance de la zone pour une année d’imposition (L318-8-2), avec la justification par unité",
  requires: "economy:write",
  request: { params: siteParam, body: json(z.object({ taxYear: z.number().int().min(2000).max(2200), computedOn: isoDay.optional() }).strict()) },
  responses: { 201: ok("Vacance arrêtée", vacancyOut.extend({ id: z.string(), computedOn: z.string() })) },
});

export const zoneRoutes = createRouter<EconomyBindings>()
  .openapi(addPole, async (c) => c.json(await createPole({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(addSite, async (c) => c.json(await createSite({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(list, async (c) => c.json({ zones: await listZones({ db: c.var.db, ctx: c.var.ctx, on: c.req.valid("query").on }) }, 200, noStore))
  .openapi(sheet, async (c) =>
    c.json(await zoneSheet({ db: c.var.db, ctx: c.var.ctx, siteId: c.req.valid("param").siteId, on: c.req.valid("query").on }), 200, noStore),
  )
  .openapi(snapshot, async (c) => {
    const body = c.req.valid("json");
    return c.json(
      await recordVacancy({ db: c.var.db, ctx: c.var.ctx, siteId: c.req.valid("param").siteId, taxYear: body.taxYear, on: body.computedOn ?? parisDay() }),
      201,
    );
  });
