/** The resident's own waste data (citizen:self): their premises only. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { WasteBindings } from "../env.ts";
import { statement } from "../services/billing.ts";
import { requestIntervention } from "../services/interventions.ts";
import { assertMine, residentOverview } from "../services/resident.ts";
import { personIdOf } from "../services/registry.ts";
import { statementPdf } from "../services/statement-pdf.ts";
import { pdfResponse } from "./billing.ts";
import { idempotencyHeader } from "./operations.ts";
import { json, residentOut, residentRequestOut } from "./schemas.ts";

const mine = defineRoute({
  method: "get",
  path: "/my/premises",
  operationId: "myWastePremises",
  summary: "Mes locaux : bacs, levées de l’année, retours sur le tri, part incitative estimée, relevés",
  requires: "citizen:self",
  responses: { 200: json("Mes locaux", residentOut) },
});
const myStatement = defineRoute({
  method: "get",
  path: "/my/premises/{premisesId}/statements/{runId}",
  operationId: "myWasteStatement",
  summary: "Mon relevé détaillé (PDF)",
  requires: "citizen:self",
  request: { params: z.object({ premisesId: z.uuid(), runId: z.uuid() }) },
  responses: { 200: { description: "Relevé", content: { "application/pdf": { schema: z.string() } } } },
});
const ask = defineRoute({
  method: "post",
  path: "/my/interventions",
  operationId: "requestMyWasteIntervention",
  summary: "Demander une intervention sur mon bac (livraison, réparation, remplacement, retrait)",
  requires: "citizen:self",
  request: {
    headers: idempotencyHeader,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              premisesId: z.uuid(),
              kind: z.enum(["deliver", "repair", "replace", "remove"]),
              binId: z.uuid().nullable().optional(),
              description: z.string().trim().min(3).max(1000),
            })
            .strict(),
        },
      },
    },
  },
  responses: { 201: json("Demande enregistrée", residentRequestOut) },
});

export const residentRoutes = createRouter<WasteBindings>()
  .openapi(mine, async (c) => c.json(await residentOverview({ db: c.var.db, ctx: c.var.ctx }), 200, { "cache-control": "no-store" }))
  .openapi(myStatement, async (c) => {
    const { premisesId, runId } = c.req.valid("param");
    await assertMine(c.var.db, c.var.ctx, premisesId);
    const s = await statement({ db: c.var.db, ctx: c.var.ctx, runId, premisesId, ownerOnly: personIdOf(c.var.ctx) ?? "" });
    return pdfResponse(await statementPdf(s), `releve-${s.year}-${s.premises.reference}.pdf`) as never;
  })
  .openapi(ask, async (c) => {
    const body = c.req.valid("json");
    const res = await requestIntervention({
      db: c.var.db,
      ctx: c.var.ctx,
      identity: c.env.IDENTITY,
      input: body,
      asResident: true,
      key: c.req.valid("header")["idempotency-key"],
    });
    return c.json({ reference: res.reference, kind: res.kind, status: res.status }, 201);
  });
