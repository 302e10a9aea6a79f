import { z } from "@hono/zod-openapi";
import { PUBLIC, createRouter, defineRoute, invalid, purgeCache } from "@communa/core";
import type { MapBindings } from "../env.ts";
import { createFeature, deleteFeature, importFeatures, layerFeatures, oneFeature, searchFeatures, updateFeature } from "../services/features.ts";
import { findLayer } from "../services/layers.ts";
import { rowsFromCsv, rowsFromGeoJson, toCsv, toGeoJson, toGpxExport } from "../services/formats.ts";
import { cacheFor, featureQuerySchema, parseQuery } from "./http.ts";
import { queryText } from "../messages.fr.ts";

const featureOut = z.object({ type: z.literal("Feature"), id: z.string(), geometry: z.any(), properties: z.record(z.string(), z.any()) }).openapi("Objet");
const featureCollection = z
  .object({ type: z.literal("FeatureCollection"), numberMatched: z.number().int(), numberReturned: z.number().int(), features: z.array(featureOut) })
  .openapi("CollectionObjets");

const trailInput = z
  .object({
    description: z.string().max(5000).optional(),
    practice: z.enum(["pédestre", "trail", "VTT", "cyclo", "équestre"]).optional(),
    startName: z.string().max(200).optional(),
    endName: z.string().max(200).optional(),
    instructions: z.string().max(5000).optional(),
    pointsOfInterest: z
      .array(
        z
          .object({ name: z.string().min(1).max(200), description: z.string().max(2000).optional(), lon: z.number().optional(), lat: z.number().optional() })
          .strict(),
      )
      .max(100)
      .optional(),
    sensitiveAreas: z
      .array(z.object({ name: z.string().min(1).max(200), instructions: z.string().min(1).max(2000) }).strict())
      .max(50)
      .optional(),
  })
  .strict();

const featureInput = z
  .object({
    name: z.string().min(1).max(200),
    geometry: z
      .object({ type: z.string(), coordinates: z.any() })
      .openapi({ description: "Géométrie GeoJSON (WGS84) : Point, LineString, MultiLineString, Polygon ou MultiPolygon" }),
    properties: z.record(z.string(), z.any()).optional(),
    address: z.string().max(300).nullable().optional(),
    trail: trailInput.optional(),
  })
  .strict()
  .openapi("ObjetSaisie");

const layerParam = z.object({ layerId: z.uuid() });
const featureParam = z.object({ featureId: z.uuid() });
const formatQuery = z.object({ format: z.enum(["geojson", "csv", "gpx"]).default("geojson") });

const list = defineRoute({
  method: "get",
  path: "/layers/{layerId}/features",
  operationId: "layerFeatures",
  summary: "Objets d’une couche (emprise, filtres, recherche)",
  description: "Filtres sur les champs de la couche : `f.<champ>=<valeur>`. Réponse GeoJSON paginée (`limit`, `offset`).",
  requires: PUBLIC,
  request: { params: layerParam, query: featureQuerySchema },
  responses: { 200: { description: "Objets", content: { "application/geo+json": { schema: featureCollection } } } },
});

const search = defineRoute({
  method: "get",
  path: "/search",
  operationId: "searchFeatures",
  summary: "Recherche dans toutes les couches (nom, adresse, commune)",
  requires: PUBLIC,
  request: {
    query: featureQuerySchema.extend({
      layers: z
        .string()
        .regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,49}$/)
        .optional(),
    }),
  },
  responses: { 200: { description: "Objets trouvés, les plus pertinents d’abord", content: { "application/geo+json": { schema: featureCollection } } } },
});

const one = defineRoute({
  method: "get",
  path: "/features/{featureId}",
  operationId: "getFeature",
  summary: "Un objet",
  requires: PUBLIC,
  request: { params: featureParam },
  responses: { 200: { description: "L’objet", content: { "application/geo+json": { schema: featureOut } } } },
});

const exportLayer = defineRoute({
  method: "get",
  path: "/layers/{layerId}/export",
  operationId: "exportLayer",
  summary: "Exporter une couche (GeoJSON, CSV ou GPX)",
  description: "Mêmes filtres que la liste. GPX : points et lignes seulement (les surfaces n’ont pas d’équivalent GPX : réponse 422).",
  requires: PUBLIC,
  request: { params: layerParam, query: featureQuerySchema.extend(formatQuery.shape) },
  responses: {
    200: {
      description: "Le fichier",
      content: { "application/geo+json": { schema: z.string() }, "text/csv": { schema: z.string() }, "application/gpx+xml": { schema: z.string() } },
    },
  },
});

const exportSearch = defineRoute({
  method: "get",
  path: "/search/export",
  operationId: "exportSearch",
  summary: "Exporter le résultat d’une recherche (GeoJSON, CSV ou GPX)",
  requires: PUBLIC,
  request: { query: featureQuerySchema.extend(formatQuery.shape) },
  responses: {
    200: {
      description: "Le fichier",
      content: { "application/geo+json": { schema: z.string() }, "text/csv": { schema: z.string() }, "application/gpx+xml": { schema: z.string() } },
    },
  },
});

const create = defineRoute({
  method: "post",
  path: "/layers/{layerId}/features",
  operationId: "createFeature",
  summary: "Ajouter un objet à une couche",
  requires: "map:write",
  request: { params: layerParam, body: { required: true, content: { "application/json": { schema: featureInput } } } },
  responses: { 201: { description: "Objet créé", content: { "application/geo+json": { schema: featureOut } } } },
});

const put = defineRoute({
  method: "put",
  path: "/features/{featureId}",
  operationId: "updateFeature",
  summary: "Modifier un objet",
  requires: "map:write",
  request: { params: featureParam, body: { required: true, content: { "application/json": { schema: featureInput } } } },
  responses: { 200: { description: "Objet modifié", content: { "application/geo+json": { schema: featureOut } } } },
});

const remove = defineRoute({
  method: "delete",
  path: "/features/{featureId}",
  operationId: "deleteFeature",
  summary: "Supprimer un objet",
  requires: "map:write",
  request: { params: featureParam },
  responses: { 204: { description: "Objet supprimé" } },
});

const importRoute = defineRoute({
  method: "post",
  path: "/layers/{layerId}/import",
  operationId: "importFeatures",
  summary: "Importer des objets (GeoJSON ou CSV avec colonnes lon et lat)",
  description:
    "Tout ou rien : chaque objet est vérifié avant enregistrement ; une seule erreur refuse le fichier et la réponse liste les lignes (CSV) ou objets (GeoJSON) en cause. `mode=replace` remplace le contenu de la couche.",
  requires: "map:write",
  request: {
    params: layerParam,
    query: z.object({ format: z.enum(["geojson", "csv"]), mode: z.enum(["append", "replace"]).default("append") }),
    body: { required: true, content: { "text/plain": { schema: z.string() } } },
  },
  responses: {
    200: { description: "Objets importés", content: { "application/json": { schema: z.object({ imported: z.number().int(), removed: z.number().int() }) } } },
  },
});

const TYPES = { geojson: "application/geo+json; charset=utf-8", csv: "text/csv; charset=utf-8", gpx: "application/gpx+xml; charset=utf-8" } as const;

function fileResponse(format: keyof typeof TYPES, name: string, body: string, headers: Record<string, string>) {
  return new Response(body, {
    status: 200,
    headers: {
      ...headers,
      "content-type": TYPES[format],
      "content-disposition": `attachment; filename="${name}.${format === "geojson" ? "geojson" : format}"`,
    },
  });
}

export const featureRoutes = createRouter<MapBindings>()
  .openapi(list, async (c) => {
    const { layer, ...page } = await layerFeatures({
      db: c.var.db,
      ctx: c.var.ctx,
      layerId: c.req.valid("param").layerId,
      query: parseQuery(c.req.valid("query"), c.req.url),
    });
    return c.body(toGeoJson(page.features, { numberMatched: page.numberMatched, numberReturned: page.numberReturned, layer: layer.id }), 200, {
      ...cacheFor(c.var.ctx),
      "content-type": "application/geo+json; charset=utf-8",
    }) as never;
  })
  .openapi(search, async (c) => {
    const valid = c.req.valid("query");
    if (!valid.q) throw invalid(undefined, [{ path: "query/q", message: queryText.searchEmpty }]);
    const page = await searchFeatures({ db: c.var.db, ctx: c.var.ctx, layerIds: valid.layers?.split(","), query: parseQuery(valid, c.req.url) });
    return c.body(toGeoJson(page.features, { numberMatched: page.numberMatched, numberReturned: page.numberReturned }), 200, {
      ...cacheFor(c.var.ctx),
      "content-type": "application/geo+json; charset=utf-8",
    }) as never;
  })
  .openapi(one, async (c) => {
    const { feature } = await oneFeature({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").featureId });
    return c.body(JSON.stringify(feature), 200, { ...cacheFor(c.var.ctx), "content-type": "application/geo+json; charset=utf-8" }) as never;
  })
  .openapi(exportLayer, async (c) => {
    const valid = c.req.valid("query");
    const query = { ...parseQuery(valid, c.req.url), limit: 100_000, offset: 0 };
    const { layer, features } = await layerFeatures({ db: c.var.db, ctx: c.var.ctx, layerId: c.req.valid("param").layerId, query, full: true });
    const body =
      valid.format === "csv"
        ? toCsv(features, layer.fields)
        : valid.format === "gpx"
          ? toGpxExport(features, layer.name, `${c.var.ctx.siteUrl ?? ""}/carte/`)
          : toGeoJson(features, { name: layer.name, licence: layer.licence });
    return fileResponse(valid.format, layer.slug, body, cacheFor(c.var.ctx)) as never;
  })
  .openapi(exportSearch, async (c) => {
    const valid = c.req.valid("query");
    if (!valid.q) throw invalid(undefined, [{ path: "query/q", message: queryText.searchEmpty }]);
    const page = await searchFeatures({ db: c.var.db, ctx: c.var.ctx, query: { ...parseQuery(valid, c.req.url), limit: 100_000, offset: 0 } });
    const body =
      valid.format === "csv"
        ? toCsv(page.features, [])
        : valid.format === "gpx"
          ? toGpxExport(page.features, `Recherche « ${valid.q} »`, `${c.var.ctx.siteUrl ?? ""}/carte/`)
          : toGeoJson(page.features);
    return fileResponse(valid.format, "recherche", body, cacheFor(c.var.ctx)) as never;
  })
  .openapi(create, async (c) => {
    const { feature } = await createFeature({ db: c.var.db, ctx: c.var.ctx, layerId: c.req.valid("param").layerId, input: c.req.valid("json") });
    const res = c.body(JSON.stringify(feature), 201, { "content-type": "application/geo+json; charset=utf-8" });
    purgeCache(res.headers, "/");
    return res as never;
  })
  .openapi(put, async (c) => {
    const { feature } = await updateFeature({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").featureId, input: c.req.valid("json") });
    const res = c.body(JSON.stringify(feature), 200, { "content-type": "application/geo+json; charset=utf-8" });
    purgeCache(res.headers, "/");
    return res as never;
  })
  .openapi(remove, async (c) => {
    await deleteFeature({ db: c.var.db, ctx: c.var.ctx, id: c.req.valid("param").featureId });
    const res = c.body(null, 204);
    purgeCache(res.headers, "/");
    return res as never;
  })
  .openapi(importRoute, async (c) => {
    const { format, mode } = c.req.valid("query");
    const layerId = c.req.valid("param").layerId;
    const layer = await findLayer({ db: c.var.db, ctx: c.var.ctx, id: layerId });
    const text = await c.req.text();
    const rows = format === "csv" ? rowsFromCsv(text, layer.fields) : rowsFromGeoJson(text, layer.fields);
    const res = c.json(await importFeatures({ db: c.var.db, ctx: c.var.ctx, layerId, rows, mode }), 200);
    purgeCache(res.headers, "/");
    return res;
  });
