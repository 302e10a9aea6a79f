import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { AuditBindings } from "../env.ts";
import { createFinding, listAssessments, listFindings, recordAssessment, updateFinding } from "../services/findings.ts";
import { findingOut, findingStatus, isoDay, json, noStore, ok, optText, severity, source, text } from "./schemas.ts";

const list = defineRoute({
  method: "get",
  path: "/findings",
  operationId: "listSecurityFindings",
  summary: "Registre des constats et plan d’action (actions en retard signalées)",
  requires: "security:read",
  responses: {
    200: ok(
      "Constats",
      z.object({
        findings: z.array(findingOut),
        plan: z.object({ open: z.number().int(), overdue: z.number().int(), closed: z.number().int() }).openapi("PlanAction"),
      }),
    ),
  },
});

const create = defineRoute({
  method: "post",
  path: "/findings",
  operationId: "createSecurityFinding",
  summary: "Enregistrer un constat (audit commandé, diagnostic MonAideCyber, auto-évaluation) et son action corrective",
  requires: "security:write",
  request: {
    body: json(
      z
        .object({
          source,
          title: text(300),
          severity,
          asset: text(200),
          action: text(2000),
          owner: text(200),
          dueOn: isoDay,
          measure: z.number().int().min(1).max(42).nullable().optional(),
        })
        .strict()
        .openapi("ConstatSecuriteSaisie"),
    ),
  },
  responses: { 201: ok("Constat enregistré", findingOut) },
});

const update = defineRoute({
  method: "patch",
  path: "/findings/{findingId}",
  operationId: "updateSecurityFinding",
  summary: "Faire avancer une action corrective ; la clore avec sa preuve",
  requires: "security:write",
  request: {
    params: z.object({ findingId: z.uuid() }),
    body: json(
      z
        .object({
          status: findingStatus.optional(),
          evidence: optText(2000).optional(),
          owner: text(200).optional(),
          dueOn: isoDay.optional(),
          action: text(2000).optional(),
        })
        .strict()
        .openapi("ConstatSecuriteSuivi"),
    ),
  },
  responses: { 200: ok("Constat mis à jour", findingOut) },
});

const assessmentOut = z
  .object({
    id: z.string(),
    on: z.string(),
    source,
    label: z.string(),
    percent: z.number().int().nullable(),
    openFindings: z.number().int(),
    overdueFindings: z.number().int(),
  })
  .openapi("ReevaluationSecurite");

const assessments = defineRoute({
  method: "get",
  path: "/assessments",
  operationId: "listSecurityAssessments",
  summary: "Réévaluations successives et leur tendance (amélioration continue)",
  requires: "security:read",
  responses: {
    200: ok(
      "Réévaluations",
      z.object({ assessments: z.array(assessmentOut.extend({ change: z.number().int().nullable(), openChange: z.number().int().nullable() })) }),
    ),
  },
});

const assess = defineRoute({
  method: "post",
  path: "/assessments",
  operationId: "recordSecurityAssessment",
  summary: "Enregistrer une réévaluation : la maturité et les constats ouverts de ce jour",
  requires: "security:write",
  request: {
    body: json(
      z
        .object({ source, label: text(200), on: isoDay })
        .strict()
        .openapi("ReevaluationSecuriteSaisie"),
    ),
  },
  responses: { 201: ok("Réévaluation enregistrée", assessmentOut) },
});

export const findingRoutes = createRouter<AuditBindings>()
  .openapi(list, async (c) => c.json(await listFindings({ db: c.var.db, ctx: c.var.ctx, now: new Date() }), 200, noStore))
  .openapi(create, async (c) => c.json(await createFinding({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json"), now: new Date() }), 201))
  .openapi(update, async (c) =>
    c.json(await updateFinding({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").findingId, input: c.req.valid("json"), now: new Date() }), 200),
  )
  .openapi(assessments, async (c) => c.json(await listAssessments({ db: c.var.db, ctx: c.var.ctx }), 200, noStore))
  .openapi(assess, async (c) => c.json(await recordAssessment({ db: c.var.db, ctx: c.var.ctx, input: c.req.valid("json"), now: new Date() }), 201));
