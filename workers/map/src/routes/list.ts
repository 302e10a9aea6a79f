/**
 * The map's accessible alternative (RGAA): the same content as an HTML list with the same filters
 * (layers, commune, search), usable without JavaScript and without the map. Server-rendered: a plain
 * GET form, links to each place's sheet and to directions.
 */
import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute } from "@communa/core";
import type { MapBindings } from "../env.ts";
import { listLayers } from "../services/layers.ts";
import { communeShapes, searchFeatures } from "../services/features.ts";
import { renderList, styleHash } from "../html/list-page.ts";
import { cacheFor } from "./http.ts";

const PAGE = 50;

const page = defineRoute({
  method: "get",
  path: "/liste",
  operationId: "mapListPage",
  summary: "Liste accessible des lieux de la carte (HTML, sans JavaScript)",
  requires: PUBLIC,
  request: {
    query: z.object({
      couche: z.union([z.uuid(), z.array(z.uuid()).max(50)]).optional(),
      commune: z
        .string()
        .regex(/^[0-9][0-9AB][0-9]{3}$/)
        .optional()
        .or(z.literal("")),
      q: z.string().max(200).optional(),
      page: z.coerce.number().int().min(1).max(1000).default(1),
    }),
  },
  responses: { 200: { description: "Page HTML", content: { "text/html": { schema: z.string() } } } },
});

export const listRoutes = createRouter<MapBindings>().openapi(page, async (c) => {
  const ctx = c.var.ctx;
  const valid = c.req.valid("query");
  const chosen = valid.couche ? (Array.isArray(valid.couche) ? valid.couche : [valid.couche]) : [];
  const [layers, shapes] = await Promise.all([listLayers({ db: c.var.db, ctx }), communeShapes(c.var.db)]);
  const q = valid.q?.trim() || undefined;
  const result = await searchFeatures({
    db: c.var.db,
    ctx,
    layerIds: chosen,
    query: { q: q && /[\p{L}\p{N}]/u.test(q) ? q : undefined, commune: valid.commune || undefined, limit: PAGE, offset: (valid.page - 1) * PAGE },
  });
  const html = renderList({
    tenant: ctx.tenant.name,
    siteUrl: ctx.siteUrl ?? "",
    action: `${ctx.baseUrl ?? ""}/api/map/liste`,
    layers,
    communes: shapes.map((s) => ({ insee: s.insee, name: s.name })).sort((a, b) => a.name.localeCompare(b.name, "fr")),
    chosen,
    commune: valid.commune || "",
    q: valid.q ?? "",
    page: valid.page,
    pageSize: PAGE,
    result,
  });
  // A page, not an API answer: its own stylesheet and its form to itself, nothing else.
  return c.html(html, 200, {
    ...cacheFor(ctx),
    "content-security-policy": `default-src 'none'; style-src ${await styleHash()}; form-action 'self'; frame-ancestors 'self'; base-uri 'none'`,
  }) as never;
});
