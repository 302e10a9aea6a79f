/**
 * The public layers as OGC API – Features (Part 1: Core, GeoJSON), so the regional geo portal
 * (geo2france) and desktop GIS (QGIS) can read or harvest them, and a DCAT catalogue (JSON-LD) for
 * the national open-data portal. Same visibility rules as the rest of the API.
 */
import { z } from "@hono/zod-openapi";
import { sql, inArray } from "drizzle-orm";
import { mapFeatures } from "@communa/db";
import { PUBLIC, createRouter, defineRoute, notFound, type Db, type TrustedContext } from "@communa/core";
import type { MapBindings } from "../env.ts";
import { listLayers, type LayerView } from "../services/layers.ts";
import { layerFeatures, oneFeature } from "../services/features.ts";
import { cacheFor, featureQuerySchema, parseDatetime, parseQuery } from "./http.ts";
import { queryText } from "../messages.fr.ts";

const CONFORMANCE = ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"];
// Not "conf/oas30": the API document is OpenAPI 3.1 (the landing page's service-desc says so), and
// Part 1 defines a conformance class for 3.0 only.
const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

const base = (ctx: TrustedContext) => `${ctx.baseUrl ?? ""}/api/map/ogc`;
const json = z.record(z.string(), z.any());

async function extents(db: Db, ctx: TrustedContext, layers: LayerView[]) {
  if (!layers.length) return new Map<string, number[]>();
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ layerId: mapFeatures.layerId, w: sql<number>`min(west)`, s: sql<number>`min(south)`, e: sql<number>`max(east)`, n: sql<number>`max(north)` })
      .from(mapFeatures)
      .where(
        inArray(
          mapFeatures.layerId,
          layers.map((l) => l.id),
        ),
      )
      .groupBy(mapFeatures.layerId),
  );
  return new Map(rows.map((r) => [r.layerId, [r.w, r.s, r.e, r.n].map(Number)]));
}

function collection(ctx: TrustedContext, l: LayerView, bbox: number[] | undefined) {
  const self = `${base(ctx)}/collections/${l.id}`;
  return {
    id: l.id,
    title: l.name,
    description: l.description,
    keywords: [l.category],
    license: l.licence,
    updated: l.updatedAt,
    itemType: "feature",
    crs: [CRS84],
    extent: { spatial: { bbox: [bbox ?? [-180, -90, 180, 90]], crs: CRS84 } },
    links: [
      { href: self, rel: "self", type: "application/json", title: l.name },
      { href: `${self}/items`, rel: "items", type: "application/geo+json", title: `Objets : ${l.name}` },
      { href: `${ctx.baseUrl ?? ""}/api/map/layers/${l.id}/export?format=csv`, rel: "alternate", type: "text/csv", title: "CSV" },
    ],
  };
}

const landing = defineRoute({
  method: "get",
  path: "/ogc",
  operationId: "ogcLanding",
  summary: "OGC API – Features : page d’accueil",
  requires: PUBLIC,
  responses: { 200: { description: "Page d’accueil", content: { "application/json": { schema: json } } } },
});
const conformance = defineRoute({
  method: "get",
  path: "/ogc/conformance",
  operationId: "ogcConformance",
  summary: "OGC API – Features : classes de conformité",
  requires: PUBLIC,
  responses: { 200: { description: "Conformité", content: { "application/json": { schema: z.object({ conformsTo: z.array(z.string()) }) } } } },
});
const collections = defineRoute({
  method: "get",
  path: "/ogc/collections",
  operationId: "ogcCollections",
  summary: "OGC API – Features : collections (une par couche publique)",
  requires: PUBLIC,
  responses: { 200: { description: "Collections", content: { "application/json": { schema: json } } } },
});
const oneCollection = defineRoute({
  method: "get",
  path: "/ogc/collections/{collectionId}",
  operationId: "ogcCollection",
  summary: "OGC API – Features : une collection",
  requires: PUBLIC,
  request: { params: z.object({ collectionId: z.uuid() }) },
  responses: { 200: { description: "Collection", content: { "application/json": { schema: json } } } },
});
const items = defineRoute({
  method: "get",
  path: "/ogc/collections/{collectionId}/items",
  operationId: "ogcItems",
  summary: "OGC API – Features : objets d’une collection (bbox, datetime, limit, offset)",
  requires: PUBLIC,
  request: {
    params: z.object({ collectionId: z.uuid() }),
    query: featureQuerySchema.pick({ bbox: true, limit: true, offset: true }).extend({
      datetime: z.string().max(80).optional().openapi({
        description: "Dernière modification de l’objet : un instant ou un intervalle début/fin (« .. » pour ouvert), RFC 3339",
        example: "2026-01-01T00:00:00Z/..",
      }),
    }),
  },
  responses: { 200: { description: "Objets", content: { "application/geo+json": { schema: json } } } },
});
const item = defineRoute({
  method: "get",
  path: "/ogc/collections/{collectionId}/items/{featureId}",
  operationId: "ogcItem",
  summary: "OGC API – Features : un objet",
  requires: PUBLIC,
  request: { params: z.object({ collectionId: z.uuid(), featureId: z.uuid() }) },
  responses: { 200: { description: "Objet", content: { "application/geo+json": { schema: json } } } },
});
const dcat = defineRoute({
  method: "get",
  path: "/dcat",
  operationId: "dcatCatalog",
  summary: "Catalogue DCAT (JSON-LD) des couches publiques, pour data.gouv.fr",
  requires: PUBLIC,
  responses: { 200: { description: "Catalogue DCAT-AP", content: { "application/ld+json": { schema: json } } } },
});

const geo = (body: unknown, ctx: TrustedContext) =>
  new Response(JSON.stringify(body), { status: 200, headers: { ...cacheFor(ctx), "content-type": "application/geo+json; charset=utf-8" } });

export const ogcRoutes = createRouter<MapBindings>()
  .openapi(landing, async (c) => {
    const ctx = c.var.ctx;
    return c.json(
      {
        title: `Carte de ${ctx.tenant.name}`,
        description: `Couches publiques de la carte du territoire de ${ctx.tenant.name} (OGC API – Features).`,
        links: [
          { href: base(ctx), rel: "self", type: "application/json", title: "Cette page" },
          {
            href: `${ctx.baseUrl ?? ""}/api/openapi.json`,
            rel: "service-desc",
            type: "application/vnd.oai.openapi+json;version=3.1",
            title: "Définition de l’API",
          },
          { href: `${ctx.baseUrl ?? ""}/api/docs`, rel: "service-doc", type: "text/html", title: "Documentation de l’API" },
          { href: `${base(ctx)}/conformance`, rel: "conformance", type: "application/json", title: "Conformité" },
          { href: `${base(ctx)}/collections`, rel: "data", type: "application/json", title: "Collections" },
        ],
      },
      200,
      cacheFor(ctx),
    );
  })
  .openapi(conformance, async (c) => c.json({ conformsTo: CONFORMANCE }, 200, cacheFor(c.var.ctx)))
  .openapi(collections, async (c) => {
    const ctx = c.var.ctx;
    const layers = await listLayers({ db: c.var.db, ctx });
    const ext = await extents(c.var.db, ctx, layers);
    return c.json(
      {
        links: [{ href: `${base(ctx)}/collections`, rel: "self", type: "application/json", title: "Collections" }],
        collections: layers.map((l) => collection(ctx, l, ext.get(l.id))),
      },
      200,
      cacheFor(ctx),
    );
  })
  .openapi(oneCollection, async (c) => {
    const ctx = c.var.ctx;
    const layer = (await listLayers({ db: c.var.db, ctx })).find((l) => l.id === c.req.valid("param").collectionId);
    if (!layer) throw notFound(queryText.collectionUnknown);
    const ext = await extents(c.var.db, ctx, [layer]);
    return c.json(collection(ctx, layer, ext.get(layer.id)), 200, cacheFor(ctx));
  })
  .openapi(items, async (c) => {
    const ctx = c.var.ctx;
    const id = c.req.valid("param").collectionId;
    const valid = c.req.valid("query");
    const query = { ...parseQuery(valid, c.req.url), updated: parseDatetime(valid.datetime) };
    const page = await layerFeatures({ db: c.var.db, ctx, layerId: id, query, full: true });
    const self = new URL(`${base(ctx)}/collections/${id}/items`);
    for (const [k, v] of new URL(c.req.url).searchParams) self.searchParams.set(k, v);
    const at = (offset: number) => {
      const u = new URL(self);
      u.searchParams.set("offset", String(offset));
      u.searchParams.set("limit", String(query.limit));
      return u.href;
    };
    const links = [
      { href: self.href, rel: "self", type: "application/geo+json", title: "Cette page" },
      { href: `${base(ctx)}/collections/${id}`, rel: "collection", type: "application/json", title: page.layer.name },
      ...(query.offset + page.numberReturned < page.numberMatched
        ? [{ href: at(query.offset + query.limit), rel: "next", type: "application/geo+json", title: "Page suivante" }]
        : []),
      ...(query.offset > 0 ? [{ href: at(Math.max(0, query.offset - query.limit)), rel: "prev", type: "application/geo+json", title: "Page précédente" }] : []),
    ];
    return geo(
      {
        type: "FeatureCollection",
        timeStamp: new Date().toISOString(),
        numberMatched: page.numberMatched,
        numberReturned: page.numberReturned,
        links,
        features: page.features,
      },
      ctx,
    ) as never;
  })
  .openapi(item, async (c) => {
    const ctx = c.var.ctx;
    const { collectionId, featureId } = c.req.valid("param");
    const { layer, feature } = await oneFeature({ db: c.var.db, ctx, id: featureId });
    if (layer.id !== collectionId) throw notFound(queryText.itemNotInCollection);
    return geo(
      {
        ...feature,
        links: [
          { href: `${base(ctx)}/collections/${collectionId}/items/${featureId}`, rel: "self", type: "application/geo+json" },
          { href: `${base(ctx)}/collections/${collectionId}`, rel: "collection", type: "application/json" },
        ],
      },
      ctx,
    ) as never;
  })
  .openapi(dcat, async (c) => {
    const ctx = c.var.ctx;
    const layers = (await listLayers({ db: c.var.db, ctx })).filter((l) => l.visibility === "public");
    const api = `${ctx.baseUrl ?? ""}/api/map`;
    const body = {
      "@context": { dcat: "http://www.w3.org/ns/dcat#", dct: "http://purl.org/dc/terms/", foaf: "http://xmlns.com/foaf/0.1/" },
      "@type": "dcat:Catalog",
      "dct:title": `Données cartographiques de ${ctx.tenant.name}`,
      "dct:publisher": { "@type": "foaf:Organization", "foaf:name": ctx.tenant.name },
      "dcat:dataset": layers.map((l) => ({
        "@id": `${api}/ogc/collections/${l.id}`,
        "@type": "dcat:Dataset",
        "dct:title": l.name,
        "dct:description": l.description,
        "dct:modified": l.updatedAt,
        "dct:license": l.licence,
        "dcat:keyword": [l.category],
        "dct:spatial": ctx.tenant.name,
        "dcat:distribution": [
          {
            "@type": "dcat:Distribution",
            "dct:format": "GeoJSON",
            "dcat:mediaType": "application/geo+json",
            "dcat:downloadURL": `${api}/layers/${l.id}/export?format=geojson`,
            "dct:license": l.licence,
          },
          {
            "@type": "dcat:Distribution",
            "dct:format": "CSV",
            "dcat:mediaType": "text/csv",
            "dcat:downloadURL": `${api}/layers/${l.id}/export?format=csv`,
            // data.gouv.fr reads the licence on the distribution (resource), not on the dataset.
            "dct:license": l.licence,
          },
          {
            "@type": "dcat:Distribution",
            "dct:format": "OGC API - Features",
            "dcat:accessURL": `${api}/ogc/collections/${l.id}/items`,
            "dct:license": l.licence,
          },
        ],
      })),
    };
    return new Response(JSON.stringify(body), { headers: { ...cacheFor(ctx), "content-type": "application/ld+json; charset=utf-8" } }) as never;
  });
