import { z } from "@hono/zod-openapi";
import { defineRoute, createRouter, PUBLIC } from "@communa/core";
import { communeSchema, inseeSchema } from "../schemas.ts";
import { boundary, getCommune, listCommunes, type Commune } from "../services/communes.ts";
import type { TerritoryBindings } from "../env.ts";

const PUBLIC_CACHE = { "cache-control": "public, max-age=300" };

const present = (c: Commune, withGeometry: boolean) => ({
  insee: c.insee,
  name: c.name,
  slug: c.tenantSlug,
  postcode: c.postcode,
  siren: c.siren,
  epciSiren: c.epciSiren,
  population: c.population,
  populationTotal: c.populationTotal,
  populationYear: c.populationYear,
  bbox: c.bbox,
  ...(withGeometry ? { boundary: c.boundary } : {}),
});

const list = defineRoute({
  method: "get",
  path: "/communes",
  operationId: "listCommunes",
  summary: "Communes de la collectivité",
  description: "Pour un EPCI : ses communes membres. Pour une commune : elle-même. Contours GeoJSON inclus sauf `geometry=false`.",
  requires: PUBLIC,
  request: {
    query: z.object({
      geometry: z.enum(["true", "false"]).default("true").openapi({ description: "Inclure les contours" }),
    }),
  },
  responses: {
    200: { description: "Liste des communes", content: { "application/json": { schema: z.object({ communes: z.array(communeSchema) }) } } },
  },
});

const one = defineRoute({
  method: "get",
  path: "/communes/{insee}",
  operationId: "getCommune",
  summary: "Une commune du territoire",
  requires: PUBLIC,
  request: { params: z.object({ insee: inseeSchema }) },
  responses: { 200: { description: "La commune", content: { "application/json": { schema: communeSchema } } } },
});

const outline = defineRoute({
  method: "get",
  path: "/boundary",
  operationId: "getBoundary",
  summary: "Contour de la collectivité",
  description: "Pour un EPCI, l’union des contours de ses communes membres.",
  requires: PUBLIC,
  responses: {
    200: {
      description: "Entité GeoJSON",
      content: { "application/geo+json": { schema: z.object({ type: z.literal("Feature"), geometry: z.any(), properties: z.any() }) } },
    },
  },
});

export const communesRoutes = createRouter<TerritoryBindings>()
  .openapi(list, async (c) => {
    const { geometry } = c.req.valid("query");
    const withGeometry = geometry === "true";
    const rows = await listCommunes({ db: c.var.db, tenant: c.var.ctx.tenant, withGeometry });
    return c.json({ communes: rows.map((r) => present(r, withGeometry)) }, 200, PUBLIC_CACHE);
  })
  .openapi(one, async (c) => {
    const commune = await getCommune({ db: c.var.db, tenant: c.var.ctx.tenant, insee: c.req.valid("param").insee });
    return c.json(present(commune, true), 200, PUBLIC_CACHE);
  })
  .openapi(outline, async (c) => {
    const f = await boundary({ db: c.var.db, tenant: c.var.ctx.tenant });
    // GeoJSON has its own media type (RFC 7946); the typed helpers only know application/json.
    return c.body(JSON.stringify(f), 200, { ...PUBLIC_CACHE, "content-type": "application/geo+json" }) as never;
  });
