import { z } from "@hono/zod-openapi";
import { boundedPeriod, createRouter, defineRoute } from "@communa/core";
import { STAT_DIMENSIONS } from "@communa/contracts/france-services";
import type { FranceServicesBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { EXPORT_FORMATS } from "../services/parameters.ts";
import { cube, exportColumns, periodFigures, statisticsCsv, yearSummary } from "../services/statistics.ts";
import { day, ok } from "./schemas.ts";

const period = z.object({ from: day, to: day });
const figure = z.object({ key: z.string(), count: z.number(), minutes: z.number() });
const statisticsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    total: z.number(),
    minutes: z.number(),
    byMonth: z.array(z.object({ month: z.string(), count: z.number(), minutes: z.number() })),
    lines: z.array(z.object({ month: z.string(), operator: z.string(), commune: z.string(), mission: z.string(), count: z.number(), minutes: z.number() })),
    byOperator: z.array(figure),
    byMission: z.array(figure),
  })
  .openapi("StatistiquesFranceServices");
const yearSchema = z
  .object({
    year: z.number(),
    total: z.number(),
    minutes: z.number(),
    mandates: z.number(),
    byMonth: z.array(figure),
    byOperator: z.array(figure),
    byCommune: z.array(figure),
    byMission: z.array(figure),
    byFamily: z.array(figure),
    byChannel: z.array(figure),
    byOutcome: z.array(figure),
    byAutonomy: z.array(figure),
  })
  .openapi("BilanAnnuelFranceServices");

/** A period of at most 3 years, its first day before its last. */
const checked = <Q extends { from: string; to: string }>(q: Q) => boundedPeriod(q, m.period);

const json = defineRoute({
  method: "get",
  path: "/statistics",
  operationId: "franceServicesStatistics",
  summary: "Accompagnements d’une période par mois × organisme × commune × mission",
  requires: "france-services:read",
  request: { query: period },
  responses: ok("Statistiques", statisticsSchema),
});
const csv = defineRoute({
  method: "get",
  path: "/statistics.csv",
  operationId: "franceServicesStatisticsCsv",
  summary: "Export CSV configurable : un format daté (format=) ou des colonnes choisies (columns=mois,organisme…)",
  requires: "france-services:read",
  request: {
    query: period.extend({
      format: z.string().max(60).optional(),
      columns: z
        .string()
        .max(200)
        .optional()
        .openapi({ description: `Colonnes parmi ${STAT_DIMENSIONS.join(", ")}, séparées par des virgules` }),
    }),
  },
  responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
});
const year = defineRoute({
  method: "get",
  path: "/statistics/year",
  operationId: "franceServicesYear",
  summary: "Bilan annuel pour le renouvellement du label",
  requires: "france-services:read",
  request: { query: z.object({ year: z.string().regex(/^\d{4}$/, m.fields.year) }) },
  responses: ok("Bilan", yearSchema),
});
const formats = defineRoute({
  method: "get",
  path: "/export-formats",
  operationId: "franceServicesExportFormats",
  summary: "Formats d’export datés, avec leur source",
  requires: "france-services:read",
  responses: ok(
    "Formats",
    z.object({
      formats: z.array(
        z.object({ id: z.string(), validFrom: z.string(), columns: z.array(z.string()), source: z.string(), onRequest: z.boolean().optional() }),
      ),
      dimensions: z.array(z.string()),
    }),
  ),
});

const noStore = { "cache-control": "no-store" };

export const statisticsRoutes = createRouter<FranceServicesBindings>()
  .openapi(json, async (c) => {
    const q = checked(c.req.valid("query"));
    return c.json(periodFigures(await cube({ db: c.var.db, ctx: c.var.ctx, ...q }), q.from, q.to), 200, noStore);
  })
  .openapi(csv, async (c) => {
    const q = c.req.valid("query");
    checked(q);
    const columns = exportColumns(q.to, q.format, q.columns);
    const text = statisticsCsv(await cube({ db: c.var.db, ctx: c.var.ctx, from: q.from, to: q.to }), columns);
    return c.body(text, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="france-services-${q.from}-${q.to}.csv"`,
      ...noStore,
    }) as never;
  })
  .openapi(year, async (c) => {
    const y = Number(c.req.valid("query").year);
    const cells = await cube({ db: c.var.db, ctx: c.var.ctx, from: `${y}-01-01`, to: `${y}-12-31` });
    return c.json(yearSummary(cells, y), 200, noStore);
  })
  .openapi(formats, (c) => c.json({ formats: EXPORT_FORMATS.map((f) => ({ ...f, columns: [...f.columns] })), dimensions: [...STAT_DIMENSIONS] }, 200));
