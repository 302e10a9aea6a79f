/**
 * Public doors: the zones with land still for sale and their contact (businesses looking to settle),
 * and the open CNIG data package, validated at both levels before it is served (a package that
 * breaks the standard is refused, not published).
 */
import { z } from "@hono/zod-openapi";
import { AppError, PUBLIC, cacheFor, createRouter, defineRoute, parisDay } from "@communa/core";
import type { EconomyBindings } from "../env.ts";
import { publicZones } from "../services/zones.ts";
import { cnigPackage, datapackageJson } from "../services/cnig-export.ts";
import { validatePackage, type ResourceName } from "../services/cnig-validate.ts";
import { m } from "../messages.fr.ts";
import { ok } from "./schemas.ts";

const FILES = ["datapackage.json", "pole-eco.csv", "site-eco.csv", "terrain-eco.csv", "etablissement.csv", "sites.geojson"] as const;

const zones = defineRoute({
  method: "get",
  path: "/public/zones",
  operationId: "listPublicActivityZones",
  summary: "Zones d’activité et leur foncier disponible, avec le contact du service économique",
  requires: PUBLIC,
  responses: {
    200: ok(
      "Zones et foncier disponible",
      z.object({
        zones: z.array(
          z
            .object({
              id: z.string(),
              code: z.string(),
              name: z.string(),
              commune: z.string(),
              vocation: z.string(),
              grossHa: z.number(),
              availableHa: z.number(),
              flags: z.record(z.string(), z.string()),
              access: z.record(z.string(), z.union([z.string(), z.number()])),
              contact: z.object({ service: z.string(), email: z.string(), phone: z.string() }),
              geometry: z.any(),
              plots: z.array(
                z.object({
                  code: z.string(),
                  grossHa: z.number(),
                  saleStage: z.string(),
                  developmentStage: z.string(),
                  priceM2Cents: z.number().int().nullable(),
                  turnkey: z.boolean().nullable(),
                }),
              ),
            })
            .openapi("ZonePublique"),
        ),
      }),
    ),
  },
});

const openData = defineRoute({
  method: "get",
  path: "/open-data/{file}",
  operationId: "getCnigOpenData",
  summary: "Données ouvertes au standard CNIG « sites économiques » v1.0.1 (datapackage.json, 4 CSV, GeoJSON), sans donnée personnelle",
  description:
    "Géométries des CSV en Lambert-93 (EPSG:2154), points « longitude, latitude » et GeoJSON en WGS84. Validé contre les schémas du standard et les règles de Communa avant d’être servi.",
  requires: PUBLIC,
  request: { params: z.object({ file: z.enum(FILES) }) },
  responses: {
    200: {
      description: "Fichier du paquet de données",
      content: { "application/json": { schema: z.any() }, "text/csv": { schema: z.string() }, "application/geo+json": { schema: z.any() } },
    },
  },
});

export const openDataRoutes = createRouter<EconomyBindings>()
  .openapi(zones, async (c) => c.json({ zones: await publicZones({ db: c.var.db, ctx: c.var.ctx }) }, 200, cacheFor(c.var.ctx)))
  .openapi(openData, async (c) => {
    const file = c.req.valid("param").file;
    const on = parisDay();
    const headers = cacheFor(c.var.ctx);
    if (file === "datapackage.json") return c.json(datapackageJson(c.var.ctx, on), 200, headers);
    const pkg = await cnigPackage({ db: c.var.db, ctx: c.var.ctx, on });
    const errors = validatePackage(pkg.csv);
    if (errors.length)
      throw new AppError("unprocessable", m.exportInvalid(errors.length), {
        errors: errors.slice(0, 50).map((e) => ({ path: `${e.resource}/${e.row}/${e.field}`, message: e.message })),
      });
    if (file === "sites.geojson")
      return new Response(JSON.stringify(pkg.geojson), { headers: { ...headers, "content-type": "application/geo+json; charset=utf-8" } }) as never;
    const resource = file.replace(/\.csv$/, "") as ResourceName;
    return new Response(pkg.csv[resource], {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `inline; filename="${resource}.csv"` },
    }) as never;
  });
