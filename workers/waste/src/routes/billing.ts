import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "@communa/core";
import type { WasteBindings } from "../env.ts";
import { STREAMS } from "../services/billing-core.ts";
import { listRuns, runBilling, runLines, statement, taxRoleCsv } from "../services/billing.ts";
import { statementPdf } from "../services/statement-pdf.ts";
import { checkTariff, getTariff, listTariffs, saveTariff } from "../services/tariffs.ts";
import { json, runLinesOut, runOut, tariffCheckOut, tariffOut } from "./schemas.ts";

const obj = z.record(z.string(), z.any());
const noStore = { "cache-control": "no-store" };
const year = z.coerce.number().int().min(2000).max(2100);
const price = z.number().int().min(0).max(1_000_000_000);

const tariffInput = z
  .object({
    regime: z.enum(["teomi", "reomi"]),
    basis: z.enum(["lifts", "volume", "weight"]),
    fixedRateMillionths: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .nullable()
      .optional()
      .openapi({ description: "TEOMi : taux de la part fixe en millionièmes (12,5 % = 125000)" }),
    fixedFeeCents: z.number().int().min(0).max(10_000_000).nullable().optional().openapi({ description: "REOMi : part fixe par local, en centimes" }),
    rates: z.partialRecord(z.enum(STREAMS), price).openapi({ description: "Prix unitaire par flux en micro-euros, par levée, par litre ou par kg" }),
    deliberation: z.string().max(200).nullable().optional(),
    votedOn: z.iso.date().nullable().optional(),
  })
  .strict()
  .openapi("TarifSaisie");

const list = defineRoute({
  method: "get",
  path: "/tariffs",
  operationId: "listWasteTariffs",
  summary: "Tarifs votés, par année",
  requires: "waste:read",
  responses: { 200: json("Tarifs", z.object({ tariffs: z.array(tariffOut) })) },
});
const one = defineRoute({
  method: "get",
  path: "/tariffs/{year}",
  operationId: "getWasteTariff",
  summary: "Tarif d’une année",
  requires: "waste:read",
  request: { params: z.object({ year }) },
  responses: { 200: json("Tarif", tariffOut) },
});
const put = defineRoute({
  method: "put",
  path: "/tariffs/{year}",
  operationId: "saveWasteTariff",
  summary: "Enregistrer les tarifs votés pour une année (TEOMi ou REOMi)",
  requires: "waste:write",
  request: { params: z.object({ year }), body: { required: true, content: { "application/json": { schema: tariffInput } } } },
  responses: { 200: json("Tarif", tariffOut) },
});
const check = defineRoute({
  method: "get",
  path: "/tariffs/{year}/check",
  operationId: "checkWasteTariff",
  summary: "Produit attendu et contrôle 10–45 % de la part incitative (sur les levées de l’année précédente)",
  requires: "waste:read",
  request: { params: z.object({ year }) },
  responses: { 200: json("Contrôle", tariffCheckOut) },
});
const run = defineRoute({
  method: "post",
  path: "/billing/runs",
  operationId: "runWasteBilling",
  summary: "Lancer la facturation d’une année (figée, avec le détail par local)",
  requires: "waste:write",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              year: z.number().int().min(2000).max(2100),
              derogation: z
                .object({ deliberation: z.string().trim().min(1).max(200), votedOn: z.iso.date() })
                .strict()
                .optional()
                .openapi({ description: "Hors des 10 à 45 % (CGI, art. 1522 bis) : la délibération qui en décide autrement (numéro, date du vote)" }),
            })
            .strict(),
        },
      },
    },
  },
  responses: { 201: json("Facturation", runOut) },
});
const runs = defineRoute({
  method: "get",
  path: "/billing/runs",
  operationId: "listWasteBillingRuns",
  summary: "Facturations lancées",
  requires: "waste:read",
  responses: { 200: json("Facturations", z.object({ runs: z.array(runOut) })) },
});
const lines = defineRoute({
  method: "get",
  path: "/billing/runs/{runId}",
  operationId: "getWasteBillingRun",
  summary: "Une facturation et ses lignes",
  requires: "waste:read",
  request: {
    params: z.object({ runId: z.uuid() }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) }),
  },
  responses: { 200: json("Facturation", runLinesOut) },
});
const pdf = defineRoute({
  method: "get",
  path: "/billing/runs/{runId}/statements/{premisesId}",
  operationId: "wasteStatementPdf",
  summary: "Relevé détaillé d’un local (PDF : parts fixe et incitative, levées comptées)",
  requires: "waste:read",
  request: { params: z.object({ runId: z.uuid(), premisesId: z.uuid() }), query: z.object({ format: z.enum(["pdf", "json"]).default("pdf") }) },
  responses: { 200: { description: "Relevé", content: { "application/pdf": { schema: z.string() }, "application/json": { schema: obj } } } },
});
const csv = defineRoute({
  method: "get",
  path: "/billing/runs/{runId}/role.csv",
  operationId: "wasteTaxRoleCsv",
  summary: "Rôle pour les services fiscaux (CSV ; liste des redevables en REOMi)",
  requires: "waste:read",
  request: { params: z.object({ runId: z.uuid() }) },
  responses: { 200: { description: "Rôle", content: { "text/csv": { schema: z.string() } } } },
});

export const pdfResponse = (bytes: Uint8Array, filename: string) =>
  new Response(bytes, { headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${filename}"`, "cache-control": "no-store" } });

export const billingRoutes = createRouter<WasteBindings>()
  .openapi(list, async (c) => c.json({ tariffs: await listTariffs({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore))
  .openapi(one, async (c) => c.json(await getTariff(c.var.db, c.var.ctx, c.req.valid("param").year), 200, noStore))
  .openapi(put, async (c) => c.json(await saveTariff({ db: c.var.db, ctx: c.var.ctx, year: c.req.valid("param").year, input: c.req.valid("json") }), 200))
  .openapi(check, async (c) => c.json(await checkTariff({ db: c.var.db, ctx: c.var.ctx, year: c.req.valid("param").year }), 200, noStore))
  .openapi(run, async (c) => {
    const { year, derogation } = c.req.valid("json");
    return c.json(await runBilling({ db: c.var.db, ctx: c.var.ctx, year, derogation }), 201);
  })
  .openapi(runs, async (c) => c.json({ runs: await listRuns({ db: c.var.db, ctx: c.var.ctx }) }, 200, noStore))
  .openapi(lines, async (c) =>
    c.json(await runLines({ db: c.var.db, ctx: c.var.ctx, runId: c.req.valid("param").runId, ...c.req.valid("query") }), 200, noStore),
  )
  .openapi(pdf, async (c) => {
    const { runId, premisesId } = c.req.valid("param");
    const s = await statement({ db: c.var.db, ctx: c.var.ctx, runId, premisesId });
    if (c.req.valid("query").format === "json") return c.json(s, 200, noStore);
    return pdfResponse(await statementPdf(s), `releve-${s.year}-${s.premises.reference}.pdf`) as never;
  })
  .openapi(csv, async (c) => {
    const { year: y, csv: text } = await taxRoleCsv({ db: c.var.db, ctx: c.var.ctx, runId: c.req.valid("param").runId });
    return new Response(text, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="role-dechets-${y}.csv"`,
        "cache-control": "no-store",
      },
    }) as never;
  });
