/** Drinking water: the public page's data per commune, and the Hub'Eau import (agents). */
import { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { communes } from "@communa/db";
import { cacheFor, createRouter, defineRoute, invalid, unavailable, type Db, type TrustedContext } from "@communa/core";
import type { EnvironmentBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { communeWater } from "../services/water.ts";
import { HubeauError } from "../services/hubeau.ts";
import { importWater } from "../services/water-import.ts";

const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/);
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

const flag = z.object({ code: z.string(), label: z.string() }).nullable();
const waterOut = z
  .object({
    insee: z.string(),
    year: z.number().int(),
    networkYear: z.number().int().nullable(),
    networks: z.array(z.object({ code: z.string(), name: z.string() })),
    latest: z
      .object({
        sampleCode: z.string(),
        sampledAt: z.string(),
        conclusion: z.string().nullable(),
        bacteriologicalLimits: flag,
        chemicalLimits: flag,
        bacteriologicalReferences: flag,
        chemicalReferences: flag,
        distributor: z.string().nullable(),
      })
      .nullable(),
    conformityCodes: z.array(z.object({ code: z.string(), label: z.string() })),
    history: z.array(
      z.object({
        key: z.string(),
        unit: z.string(),
        limit: z.number().nullable(),
        limitSource: z.string().nullable(),
        points: z.array(
          z.object({
            at: z.string(),
            source: z.string(),
            parameter: z.string(),
            value: z.number().nullable(),
            valueText: z.string().nullable(),
            unit: z.string().nullable(),
          }),
        ),
      }),
    ),
    samples: z.number().int(),
  })
  .openapi("EauPotableCommune");

const reportOut = z
  .object({
    networks: z.number().int(),
    samples: z.object({ inserted: z.number().int(), updated: z.number().int() }),
    results: z.object({ inserted: z.number().int(), updated: z.number().int() }),
    requests: z.number().int(),
  })
  .openapi("ImportEauPotable");

const commune = defineRoute({
  method: "get",
  path: "/water/communes/{insee}",
  operationId: "communeDrinkingWater",
  summary: "Eau potable d’une commune : réseau de l’année, dernier contrôle, historique des paramètres clés",
  tags: ["Eau potable"],
  requires: "public",
  request: { params: z.object({ insee }) },
  responses: { 200: json("Qualité de l’eau", waterOut) },
});

const day = z.iso.date();
const importRoute = defineRoute({
  method: "post",
  path: "/water/imports",
  operationId: "importDrinkingWater",
  summary: "Importer de Hub'Eau les réseaux d’une année et les résultats d’une période pour les communes du territoire",
  tags: ["Eau potable"],
  requires: "environment:write",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ year: z.number().int().min(2000).max(2200), from: day, to: day, communes: z.array(insee).min(1).max(200).optional() })
            .strict()
            .openapi("ImportEauPotableSaisie"),
        },
      },
    },
  },
  responses: { 200: json("Compte rendu de l’import", reportOut) },
});

/** The communes of the caller's territory: an EPCI's members, or the commune itself. */
export async function territoryCommunes(db: Db, ctx: TrustedContext): Promise<string[]> {
  if (ctx.tenant.insee) return [ctx.tenant.insee];
  if (!ctx.tenant.siren) return [];
  const rows = await db.reference((tx) => tx.select({ insee: communes.insee }).from(communes).where(eq(communes.epciSiren, ctx.tenant.siren!)));
  return rows.map((r) => r.insee);
}

export const waterRoutes = createRouter<EnvironmentBindings>()
  .openapi(commune, async (c) => c.json(await communeWater({ db: c.var.db, ctx: c.var.ctx, insee: c.req.valid("param").insee }), 200, cacheFor(c.var.ctx)))
  .openapi(importRoute, async (c) => {
    const body = c.req.valid("json");
    if (body.to < body.from) throw invalid(undefined, [{ path: "body/to", message: m.periodOrder }]);
    if (Date.parse(body.to) - Date.parse(body.from) > 10 * 366 * 86_400_000) throw invalid(undefined, [{ path: "body/to", message: m.periodTooLong }]);
    const list = body.communes ?? (await territoryCommunes(c.var.db, c.var.ctx));
    const own = new Set(await territoryCommunes(c.var.db, c.var.ctx));
    const outside = list.findIndex((i) => !own.has(i));
    if (outside >= 0) throw invalid(undefined, [{ path: `body/communes/${outside}`, message: m.noCommune(list[outside]) }]);
    try {
      const report = await importWater(
        { db: c.var.db, ctx: c.var.ctx, hubeau: { baseUrl: c.env.HUBEAU_BASE_URL, fetch: (r) => fetch(r) } },
        { communes: list, year: body.year, from: body.from, to: body.to },
      );
      return c.json(report, 200, { "cache-control": "no-store" });
    } catch (err) {
      if (err instanceof HubeauError) throw unavailable(m.hubeauFailed(err.message), err);
      throw err;
    }
  });
