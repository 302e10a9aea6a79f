import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { AuditBindings } from "../env.ts";
import { checklist, setMeasure } from "../services/measures.ts";
import { controlOut, isoDay, json, maturityOut, measureStatus, noStore, ok, optText, themeCode } from "./schemas.ts";

const list = defineRoute({
  method: "get",
  path: "/measures",
  operationId: "listSecurityMeasures",
  summary: "Mesures d’hygiène de l’ANSSI : état, preuve, responsable, prochaine revue ; maturité par thème ; contrôles de la plateforme",
  requires: "security:read",
  responses: {
    200: ok(
      "Mesures et maturité",
      z.object({
        guide: z.object({
          title: z.string(),
          published: z.string(),
          measureCount: z.number().int(),
          source: z.string(),
          known: z.number().int(),
          missing: z.number().int(),
        }),
        themes: z.array(z.object({ code: themeCode, title: z.string() })),
        measures: z.array(
          z
            .object({
              number: z.number().int(),
              theme: themeCode,
              level: z.enum(["standard", "renforcé"]).nullable(),
              title: z.string(),
              status: measureStatus,
              evidence: z.string(),
              owner: z.string(),
              nextReview: z.string().nullable(),
              platformEvidence: z.array(controlOut),
            })
            .openapi("MesureHygiene"),
        ),
        maturity: maturityOut,
        controls: z.array(controlOut),
      }),
    ),
  },
});

const set = defineRoute({
  method: "put",
  path: "/measures/{number}",
  operationId: "setSecurityMeasure",
  summary: "Enregistrer l’état d’une mesure (état, preuve, fonction responsable, prochaine revue)",
  requires: "security:write",
  request: {
    params: z.object({ number: z.coerce.number().int().min(1).max(42) }),
    body: json(
      z
        .object({ status: measureStatus, evidence: optText(2000), owner: optText(200), nextReview: isoDay.nullable() })
        .strict()
        .openapi("MesureHygieneSaisie"),
    ),
  },
  responses: {
    200: ok(
      "Mesure enregistrée",
      z.object({ number: z.number().int(), status: measureStatus, evidence: z.string(), owner: z.string(), nextReview: z.string().nullable() }),
    ),
  },
});

export const measureRoutes = createRouter<AuditBindings>()
  .openapi(list, async (c) => c.json(await checklist({ db: c.var.db, ctx: c.var.ctx, env: c.env }), 200, noStore))
  .openapi(set, async (c) => c.json(await setMeasure({ db: c.var.db, ctx: c.var.ctx, number: c.req.valid("param").number, input: c.req.valid("json") }), 200));
