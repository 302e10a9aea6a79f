import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { FranceServicesBindings } from "../env.ts";
import { correctAccompaniment, dayList, formChoices, recordAccompaniment } from "../services/accompaniments.ts";
import { accompanimentBody, accompanimentSchema, day, idParam, json, ok } from "./schemas.ts";

const daySchema = z
  .object({ day: z.string(), accompaniments: z.array(accompanimentSchema), last: accompanimentSchema.nullable() })
  .openapi("JourneeFranceServices");

const form = defineRoute({
  method: "get",
  path: "/form",
  operationId: "franceServicesForm",
  summary: "Ce que propose la saisie : communes du territoire et partenaires locaux actifs",
  requires: "france-services:read",
  responses: ok(
    "Choix",
    z.object({
      communes: z.array(z.object({ insee: z.string(), name: z.string() })),
      localOperators: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
});
const record = defineRoute({
  method: "post",
  path: "/accompaniments",
  operationId: "recordAccompaniment",
  summary: "Enregistrer un accompagnement (des codes seulement : aucun texte libre, aucun document)",
  requires: "france-services:write",
  request: { body: json(accompanimentBody) },
  responses: ok("Accompagnement enregistré", accompanimentSchema, 201),
});
const mine = defineRoute({
  method: "get",
  path: "/accompaniments/mine",
  operationId: "myAccompaniments",
  summary: "Mes accompagnements d’un jour, et ma dernière saisie (valeurs par défaut du formulaire)",
  requires: "france-services:read",
  request: { query: z.object({ day }) },
  responses: ok("Journée", daySchema),
});
const all = defineRoute({
  method: "get",
  path: "/accompaniments",
  operationId: "listAccompaniments",
  summary: "Les accompagnements d’un jour, tous conseillers (référent)",
  requires: "france-services:correct",
  request: { query: z.object({ day }) },
  responses: ok("Journée", daySchema),
});
const correct = defineRoute({
  method: "put",
  path: "/accompaniments/{id}",
  operationId: "correctAccompaniment",
  summary: "Corriger un accompagnement (référent ; la correction est journalisée)",
  requires: "france-services:correct",
  request: { params: idParam, body: json(accompanimentBody) },
  responses: ok("Accompagnement corrigé", accompanimentSchema),
});

const noStore = { "cache-control": "no-store" };

export const accompanimentRoutes = createRouter<FranceServicesBindings>()
  .openapi(form, async (c) => c.json(await formChoices(c.var.db, c.var.ctx), 200, noStore))
  .openapi(record, async (c) => c.json(await recordAccompaniment({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(mine, async (c) => c.json(await dayList({ db: c.var.db, ctx: c.var.ctx, day: c.req.valid("query").day, mine: true }), 200, noStore))
  .openapi(all, async (c) => c.json(await dayList({ db: c.var.db, ctx: c.var.ctx, day: c.req.valid("query").day, mine: false }), 200, noStore))
  .openapi(correct, async (c) =>
    c.json(await correctAccompaniment({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
