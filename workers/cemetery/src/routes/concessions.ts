import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { CemeteryBindings } from "../env.ts";
import { createConcession, getConcession, listConcessions, renewConcession } from "../services/concessions.ts";
import { category, clocks, isoDay, json, noStore, ok, optText, places, plotType, text } from "./schemas.ts";

const concessionParam = z.object({ concessionId: z.uuid() });
const personInput = z
  .object({ role: z.enum(["holder", "heir"]), name: text(120), firstName: optText(120), relationship: optText(60), address: optText(300) })
  .strict()
  .openapi("AyantDroitSaisie");

const grant = defineRoute({
  method: "post",
  path: "/concessions",
  operationId: "grantConcession",
  summary: "Enregistrer une concession (acte, catégorie ouverte par le conseil, titulaires et ayants droit ; tarif de la grille)",
  requires: "cemetery:write",
  request: {
    body: json(
      z
        .object({
          plotId: z.uuid(),
          category,
          durationYears: z.number().int().min(1).max(50).nullable(),
          actNumber: text(40),
          actDate: isoDay,
          people: z.array(personInput).max(30),
        })
        .strict()
        .openapi("ConcessionSaisie"),
    ),
  },
  responses: { 201: ok("Concession enregistrée", z.object({ id: z.string(), priceCents: z.number().int(), deliberation: z.string() })) },
});

const list = defineRoute({
  method: "get",
  path: "/concessions",
  operationId: "listConcessions",
  summary: "Concessions en cours et leurs échéances",
  requires: "cemetery:read",
  responses: {
    200: ok(
      "Concessions",
      z.object({
        concessions: z.array(
          z.object({
            id: z.string(),
            actNumber: z.string(),
            category,
            durationYears: z.number().int().nullable(),
            startsOn: z.string(),
            plot: z.object({ id: z.string(), cemeteryId: z.string(), section: z.string(), row: z.string(), number: z.string() }),
            clocks,
          }),
        ),
      }),
    ),
  },
});

const sheet = defineRoute({
  method: "get",
  path: "/concessions/{concessionId}",
  operationId: "getConcession",
  summary: "Fiche de concession : acte, titulaires et ayants droit, occupation, délais légaux",
  requires: "cemetery:read",
  request: { params: concessionParam },
  responses: {
    200: ok(
      "Concession",
      z
        .object({
          id: z.string(),
          plotId: z.string(),
          plot: z.object({ section: z.string(), row: z.string(), number: z.string(), type: plotType, cemeteryId: z.string() }),
          category,
          durationYears: z.number().int().nullable(),
          actNumber: z.string(),
          actDate: z.string(),
          startsOn: z.string(),
          priceCents: z.number().int(),
          deliberation: z.string(),
          status: z.enum(["active", "renewed", "repossessed"]),
          people: z.array(
            z.object({
              id: z.string(),
              role: z.enum(["holder", "heir"]),
              name: z.string(),
              firstName: z.string(),
              relationship: z.string(),
              address: z.string(),
            }),
          ),
          places,
          clocks: clocks.extend({ repossessionFrom: z.string().nullable() }),
          lastBurial: z.string().nullable(),
          abandonment: z.object({ eligible: z.boolean(), reasons: z.array(z.string()), from: z.string() }),
          history: z.array(z.object({ id: z.string(), actNumber: z.string(), startsOn: z.string(), status: z.string(), renewsId: z.string().nullable() })),
        })
        .openapi("FicheConcession"),
    ),
  },
});

const renew = defineRoute({
  method: "post",
  path: "/concessions/{concessionId}/renewal",
  operationId: "renewConcession",
  summary: "Renouveler une concession (année d’échéance et deux suivantes, CGCT L2223-15 ; tarif en vigueur)",
  requires: "cemetery:write",
  request: {
    params: concessionParam,
    body: json(z.object({ actNumber: text(40), durationYears: z.number().int().min(1).max(50).nullable().optional() }).strict()),
  },
  responses: {
    201: ok(
      "Concession renouvelée",
      z.object({ id: z.string(), startsOn: z.string(), expiresOn: z.string().nullable(), priceCents: z.number().int(), deliberation: z.string() }),
    ),
  },
});

export const concessionRoutes = createRouter<CemeteryBindings>()
  .openapi(grant, async (c) => c.json(await createConcession({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(list, async (c) => c.json({ concessions: await listConcessions({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore))
  .openapi(sheet, async (c) => c.json(await getConcession({ db: c.var.db, ctx: c.var.ctx, concessionId: c.req.valid("param").concessionId }), 200, noStore))
  .openapi(renew, async (c) => {
    const { actNumber, durationYears } = c.req.valid("json");
    return c.json(await renewConcession({ db: c.var.db, ctx: c.var.ctx, concessionId: c.req.valid("param").concessionId, actNumber, durationYears }), 201);
  });
