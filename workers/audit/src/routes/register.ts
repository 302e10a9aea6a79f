import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { AuditBindings } from "../env.ts";
import { saveNote, tenantRegister } from "../services/register.ts";
import { json, moduleName, noStore, ok, optText } from "./schemas.ts";

const note = z.object({ purpose: z.string(), recipients: z.string(), legalBasis: z.string() });

const list = defineRoute({
  method: "get",
  path: "/register",
  operationId: "getProcessingRegister",
  summary: "Registre des traitements (RGPD art. 30) généré depuis le code : traitement par module, données, finalité, base légale, durée",
  requires: "security:read",
  responses: {
    200: ok(
      "Registre",
      z.object({
        processings: z.array(
          z
            .object({
              module: moduleName,
              label: z.string(),
              tables: z.array(
                z.object({
                  table: z.string(),
                  holds: z.string(),
                  purpose: z.string(),
                  basis: z.string(),
                  period: z.string(),
                  purgedAutomatically: z.boolean(),
                }),
              ),
              note: note.nullable(),
            })
            .openapi("TraitementRgpd"),
        ),
      }),
    ),
  },
});

const save = defineRoute({
  method: "put",
  path: "/register/{module}",
  operationId: "saveProcessingNote",
  summary: "Compléter un traitement du registre : finalité, destinataires, base légale dans les mots de la collectivité",
  requires: "security:write",
  request: {
    params: z.object({ module: moduleName }),
    body: json(
      z
        .object({ purpose: optText(2000), recipients: optText(2000), legalBasis: optText(1000) })
        .strict()
        .openapi("TraitementRgpdSaisie"),
    ),
  },
  responses: { 200: ok("Traitement complété", note.extend({ module: moduleName })) },
});

export const registerRoutes = createRouter<AuditBindings>()
  .openapi(list, async (c) => c.json(await tenantRegister({ db: c.var.db, ctx: c.var.ctx }), 200, noStore))
  .openapi(save, async (c) => c.json(await saveNote({ db: c.var.db, ctx: c.var.ctx, module: c.req.valid("param").module, input: c.req.valid("json") }), 200));
