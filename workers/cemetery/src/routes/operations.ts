import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { CemeteryBindings } from "../env.ts";
import { draftOperation, listOperations, validateOperation } from "../services/operations.ts";
import { isoDay, json, noStore, ok, operationKind, operationOut, optText, text } from "./schemas.ts";

const draft = defineRoute({
  method: "post",
  path: "/operations",
  operationId: "draftCemeteryOperation",
  summary: "Préparer une opération funéraire (inhumation, dépôt d’urne, exhumation, réduction, transfert)",
  description: "Refusée (422) si l’emplacement n’a plus la place nécessaire ; les places restantes sont dans le message.",
  requires: "cemetery:write",
  request: {
    body: json(
      z
        .object({
          kind: operationKind,
          plotId: z.uuid(),
          deceasedId: z.uuid().optional(),
          deceased: z
            .object({
              name: text(120),
              firstName: optText(120),
              usageName: optText(120),
              birthDate: isoDay.nullable().optional(),
              deathDate: isoDay,
              deathPlace: optText(120),
            })
            .strict()
            .optional(),
          targetPlotId: z.uuid().optional(),
          date: isoDay,
          funeralOperator: text(160),
          habilitation: text(40),
          official: text(120),
          requester: optText(200),
        })
        .strict()
        .openapi("OperationSaisie"),
    ),
  },
  responses: { 201: ok("Opération préparée", operationOut) },
});

const validate = defineRoute({
  method: "post",
  path: "/operations/{operationId}/validation",
  operationId: "validateCemeteryOperation",
  summary: "Valider une opération autorisée par le maire (numéro d’autorisation ; irréversible)",
  requires: "cemetery:write",
  request: { params: z.object({ operationId: z.uuid() }) },
  responses: { 200: ok("Opération validée", operationOut) },
});

const list = defineRoute({
  method: "get",
  path: "/operations",
  operationId: "listCemeteryOperations",
  summary: "Opérations funéraires (d’un emplacement, ou toutes)",
  requires: "cemetery:read",
  request: { query: z.object({ emplacement: z.uuid().optional() }) },
  responses: { 200: ok("Opérations", z.object({ operations: z.array(operationOut) })) },
});

export const operationRoutes = createRouter<CemeteryBindings>()
  .openapi(draft, async (c) => c.json(await draftOperation({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json") }), 201))
  .openapi(validate, async (c) => c.json(await validateOperation({ db: c.var.db, ctx: c.var.ctx, operationId: c.req.valid("param").operationId }), 200))
  .openapi(list, async (c) =>
    c.json({ operations: await listOperations({ db: c.var.db, ctx: c.var.ctx, plotId: c.req.valid("query").emplacement }) }, 200, noStore),
  );
