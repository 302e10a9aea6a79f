import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { AuditBindings } from "../env.ts";
import { listHomologations, saveHomologation } from "../services/homologations.ts";
import { decision, isoDay, json, moduleName, noStore, ok, optText } from "./schemas.ts";

const fields = {
  description: z.string(),
  hosting: z.string(),
  extraMeasures: z.string(),
  decision,
  authority: z.string(),
  decidedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
};

const list = defineRoute({
  method: "get",
  path: "/homologations",
  operationId: "listHomologations",
  summary: "Dossier d’homologation de chaque service en ligne (données, exposition, hébergement, mesures) et décision",
  requires: "security:read",
  responses: {
    200: ok(
      "Dossiers d’homologation",
      z.object({
        platformMeasures: z.array(z.object({ measure: z.string(), proof: z.string() })),
        services: z.array(
          z
            .object({ module: moduleName, label: z.string(), exposure: z.string(), dataHandled: z.array(z.string()), expired: z.boolean(), ...fields })
            .openapi("DossierHomologation"),
        ),
      }),
    ),
  },
});

const save = defineRoute({
  method: "put",
  path: "/homologations/{module}",
  operationId: "saveHomologation",
  summary: "Compléter le dossier d’un service et enregistrer la décision de l’autorité d’homologation et son échéance",
  requires: "security:write",
  request: {
    params: z.object({ module: moduleName }),
    body: json(
      z
        .object({
          description: optText(4000),
          hosting: optText(1000),
          extraMeasures: optText(4000),
          decision,
          authority: optText(200),
          decidedOn: isoDay.nullable(),
          expiresOn: isoDay.nullable(),
        })
        .strict()
        .openapi("HomologationSaisie"),
    ),
  },
  responses: { 200: ok("Dossier enregistré", z.object({ module: moduleName, ...fields })) },
});

export const homologationRoutes = createRouter<AuditBindings>()
  .openapi(list, async (c) => c.json(await listHomologations({ db: c.var.db, ctx: c.var.ctx, now: new Date() }), 200, noStore))
  .openapi(save, async (c) =>
    c.json(await saveHomologation({ db: c.var.db, ctx: c.var.ctx, module: c.req.valid("param").module, input: c.req.valid("json") }), 200),
  );
