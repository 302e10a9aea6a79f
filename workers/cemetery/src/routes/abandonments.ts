import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import { ABANDONMENT_STEPS } from "@communa/contracts/cemetery";
import type { CemeteryBindings } from "../env.ts";
import { abandonmentsCsv, getAbandonment, listAbandonments, openAbandonment, recordStep } from "../services/abandonments.ts";
import { isoDay, json, noStore, ok, optText, text } from "./schemas.ts";

const step = z.enum(ABANDONMENT_STEPS);
const procedureOut = z
  .object({
    id: z.string(),
    concessionId: z.string(),
    status: z.enum(["open", "repossessed", "dropped"]),
    openedOn: z.string(),
    next: step.nullable(),
    schedule: z.array(
      z.object({
        step,
        doneOn: z.string().nullable(),
        earliest: z.string().nullable(),
        latest: z.string().nullable(),
        rule: z.string().nullable(),
        source: z.string().nullable(),
        evidence: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
  })
  .openapi("ProcedureReprise");
const param = z.object({ abandonmentId: z.uuid() });
const photo = z.object({ file: text(300), takenAt: z.iso.datetime({ offset: true }) }).strict();

/** Evidence per step (R2223-13 to -18): what the file must hold to prove the step was done right. */
const evidence = z.discriminatedUnion("step", [
  z
    .object({
      step: z.literal("notice"),
      doneOn: isoDay,
      evidence: z
        .object({
          method: z.enum(["registered_letter", "posting"]),
          letterNumbers: z.array(text(40)).max(50).optional(),
          receiptOn: isoDay.optional(),
          postingPhotos: z.array(photo).max(20).optional(),
          inspectionAt: z.iso.datetime({ offset: true }),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      step: z.literal("first_report"),
      doneOn: isoDay,
      evidence: z.object({ reportRef: text(100), description: text(4000), officials: text(300), photos: z.array(photo).max(20).optional() }).strict(),
    })
    .strict(),
  z
    .object({
      step: z.literal("first_notification"),
      doneOn: isoDay,
      evidence: z.object({ letterNumbers: z.array(text(40)).max(50), postedOn: isoDay, postingPhotos: z.array(photo).max(20).optional() }).strict(),
    })
    .strict(),
  z
    .object({
      step: z.literal("second_report"),
      doneOn: isoDay,
      evidence: z.object({ reportRef: text(100), description: text(4000), officials: text(300), photos: z.array(photo).max(20).optional() }).strict(),
    })
    .strict(),
  z
    .object({
      step: z.literal("second_notification"),
      doneOn: isoDay,
      evidence: z.object({ letterNumbers: z.array(text(40)).max(50), postedOn: isoDay }).strict(),
    })
    .strict(),
  z.object({ step: z.literal("council_decision"), doneOn: isoDay, evidence: z.object({ deliberation: text(100), note: optText(1000) }).strict() }).strict(),
  z.object({ step: z.literal("order"), doneOn: isoDay, evidence: z.object({ orderNumber: text(40), postedOn: isoDay }).strict() }).strict(),
]);

const open = defineRoute({
  method: "post",
  path: "/concessions/{concessionId}/abandonment",
  operationId: "openAbandonment",
  summary: "Ouvrir une procédure de reprise pour abandon (concession de plus de 30 ans, sans inhumation depuis 10 ans)",
  requires: "cemetery:write",
  request: { params: z.object({ concessionId: z.uuid() }) },
  responses: { 201: ok("Procédure ouverte", z.object({ id: z.string() })) },
});

const one = defineRoute({
  method: "get",
  path: "/abandonments/{abandonmentId}",
  operationId: "getAbandonment",
  summary: "Une procédure de reprise : étapes faites, dates possibles des suivantes (paramètres légaux et sources)",
  requires: "cemetery:read",
  request: { params: param },
  responses: { 200: ok("Procédure", procedureOut) },
});

const record = defineRoute({
  method: "post",
  path: "/abandonments/{abandonmentId}/steps",
  operationId: "recordAbandonmentStep",
  summary: "Enregistrer l’étape suivante avec ses pièces (lettres recommandées, affichage, procès-verbal, délibération, arrêté)",
  requires: "cemetery:write",
  request: { params: param, body: json(evidence) },
  responses: { 200: ok("Procédure", procedureOut) },
});

const list = defineRoute({
  method: "get",
  path: "/abandonments",
  operationId: "listAbandonments",
  summary: "Concessions en procédure de reprise (liste tenue à la mairie ; CSV pour la préfecture)",
  requires: "cemetery:read",
  request: { query: z.object({ format: z.enum(["json", "csv"]).default("json") }) },
  responses: {
    200: {
      description: "Liste",
      content: {
        "application/json": {
          schema: z.object({
            abandonments: z.array(
              z.object({
                id: z.string(),
                concessionId: z.string(),
                status: z.string(),
                openedOn: z.string(),
                actNumber: z.string(),
                actDate: z.string(),
                cemetery: z.string(),
                place: z.string(),
                next: step.nullable(),
                firstReport: z.string().nullable(),
                secondReport: z.string().nullable(),
              }),
            ),
          }),
        },
        "text/csv": { schema: z.string() },
      },
    },
  },
});

export const abandonmentRoutes = createRouter<CemeteryBindings>()
  .openapi(open, async (c) => c.json(await openAbandonment({ db: c.var.db, ctx: c.var.ctx, concessionId: c.req.valid("param").concessionId }), 201))
  .openapi(one, async (c) => c.json(await getAbandonment({ db: c.var.db, ctx: c.var.ctx, abandonmentId: c.req.valid("param").abandonmentId }), 200, noStore))
  .openapi(record, async (c) => {
    const body = c.req.valid("json");
    return c.json(
      await recordStep({
        db: c.var.db,
        ctx: c.var.ctx,
        abandonmentId: c.req.valid("param").abandonmentId,
        step: body.step,
        doneOn: body.doneOn,
        evidence: body.evidence,
      }),
      200,
    );
  })
  .openapi(list, async (c) => {
    if (c.req.valid("query").format === "csv")
      return new Response(await abandonmentsCsv({ db: c.var.db, ctx: c.var.ctx }), {
        headers: {
          ...noStore,
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="reprises-${c.var.ctx.tenant.slug}.csv"`,
        },
      }) as never;
    return c.json({ abandonments: await listAbandonments({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore);
  });
