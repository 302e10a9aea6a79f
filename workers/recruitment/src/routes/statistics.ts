import { z } from "@hono/zod-openapi";
import { boundedPeriod, createRouter, defineRoute } from "@communa/core";
import type { RecruitmentBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { statistics, statisticsCsv } from "../services/statistics.ts";
import { day } from "./schemas.ts";

const period = z.object({ from: day, to: day });
const figure = z.object({ key: z.string(), applications: z.number(), hired: z.number() });
const statisticsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    applications: z.number(),
    vacancies: z.number(),
    hired: z.number(),
    medianDaysToHire: z.number().nullable(),
    byChannel: z.array(figure),
    byCategory: z.array(figure),
    byGender: z.array(figure),
    byOutcome: z.array(z.object({ key: z.string(), applications: z.number() })),
    stages: z.array(z.object({ rank: z.number(), reached: z.number() })),
    byMonth: z.array(z.object({ month: z.string(), applications: z.number(), hired: z.number() })),
  })
  .openapi("StatistiquesRecrutement");

/** A period of at most 3 years, its first day before its last. */
const checked = <Q extends { from: string; to: string }>(q: Q) => boundedPeriod(q, m.period);

const json = defineRoute({
  method: "get",
  path: "/statistics",
  operationId: "recruitmentStatistics",
  summary: "Statistiques du recrutement sur une période : délai de recrutement, canaux, catégories, étapes, égalité (anonymes)",
  requires: "hr:read",
  request: { query: period },
  responses: { 200: { description: "Statistiques", content: { "application/json": { schema: statisticsSchema } } } },
});
const csv = defineRoute({
  method: "get",
  path: "/statistics.csv",
  operationId: "recruitmentStatisticsCsv",
  summary: "Les mêmes statistiques en CSV (pour le rapport social unique)",
  requires: "hr:read",
  request: { query: period },
  responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
});

export const statisticsRoutes = createRouter<RecruitmentBindings>()
  .openapi(json, async (c) =>
    c.json(await statistics({ db: c.var.db, ctx: c.var.ctx, ...checked(c.req.valid("query")) }), 200, { "cache-control": "no-store" }),
  )
  .openapi(
    csv,
    async (c) =>
      c.body(statisticsCsv(await statistics({ db: c.var.db, ctx: c.var.ctx, ...checked(c.req.valid("query")) })), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="statistiques-recrutement.csv"',
        "cache-control": "no-store",
      }) as never,
  );
