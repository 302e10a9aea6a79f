/**
 * Hiking trails: one trail's GPX (track and points of interest), a trails layer in the national
 * exchange schema (PnX-SI "Itinéraires de randonnée"), and GPX import by agents.
 */
import { z } from "@hono/zod-openapi";
import { AppError, PUBLIC, createRouter, defineRoute, invalid, purgeCache, type TrustedContext } from "@communa/core";
import type { MapBindings } from "../env.ts";
import { communeShapes, createFeature, layerFeatures, oneFeature, type TrailDetails } from "../services/features.ts";
import { findLayer } from "../services/layers.ts";
import { communesCrossed } from "../services/geometry.ts";
import { GpxError, parseGpx, toGpx } from "../services/gpx.ts";
import { toPnx, type TrailRecord } from "../services/pnx.ts";
import type { Difficulty, TrailFigures } from "../services/trails.ts";
import { cacheFor } from "./http.ts";
import { slugify } from "@communa/core/slug";
import { layerText } from "../messages.fr.ts";

type Line = GeoJSON.LineString | GeoJSON.MultiLineString;
interface StoredTrail extends TrailDetails {
  figures: TrailFigures;
  difficulty: Difficulty;
}

const trailPage = (ctx: TrustedContext, id: string) => `${ctx.siteUrl ?? ""}/sentiers/?id=${id}`;

const gpx = defineRoute({
  method: "get",
  path: "/trails/{featureId}/gpx",
  operationId: "trailGpx",
  summary: "Trace GPX d’un sentier (GPX 1.1, avec les points d’intérêt)",
  requires: PUBLIC,
  request: { params: z.object({ featureId: z.uuid() }) },
  responses: { 200: { description: "Fichier GPX", content: { "application/gpx+xml": { schema: z.string() } } } },
});

const pnx = defineRoute({
  method: "get",
  path: "/layers/{layerId}/pnx",
  operationId: "trailsPnx",
  summary: "Sentiers au schéma national « Itinéraires de randonnée » (PnX-SI, GeoJSON)",
  requires: PUBLIC,
  request: { params: z.object({ layerId: z.uuid() }) },
  responses: { 200: { description: "FeatureCollection conforme au schéma", content: { "application/geo+json": { schema: z.any() } } } },
});

const importGpx = defineRoute({
  method: "post",
  path: "/layers/{layerId}/trails/gpx",
  operationId: "importTrailGpx",
  summary: "Créer un sentier à partir d’un fichier GPX",
  description:
    "La trace (ou à défaut la route) devient le sentier ; ses points de passage nommés deviennent des points d’intérêt. Distance, dénivelé et durée sont calculés.",
  requires: "map:write",
  request: {
    params: z.object({ layerId: z.uuid() }),
    query: z.object({ nom: z.string().min(1).max(200).optional(), pratique: z.enum(["pédestre", "trail", "VTT", "cyclo", "équestre"]).default("pédestre") }),
    body: { required: true, content: { "text/plain": { schema: z.string() } } },
  },
  responses: { 201: { description: "Sentier créé", content: { "application/geo+json": { schema: z.any() } } } },
});

export const trailRoutes = createRouter<MapBindings>()
  .openapi(gpx, async (c) => {
    const ctx = c.var.ctx;
    const { layer, feature } = await oneFeature({ db: c.var.db, ctx, id: c.req.valid("param").featureId });
    if (layer.kind !== "trails") throw new AppError("notFound", layerText.notTrail);
    const p = feature.properties as { name: string; trail: StoredTrail };
    const body = toGpx({
      name: p.name,
      description: p.trail.description,
      creator: "Communa",
      link: trailPage(ctx, String(feature.id)),
      time: new Date(),
      tracks: [{ name: p.name, description: p.trail.description, geometry: feature.geometry as Line }],
      waypoints: (p.trail.pointsOfInterest ?? [])
        .filter((w) => w.lon !== undefined && w.lat !== undefined)
        .map((w) => ({ name: w.name, lon: w.lon!, lat: w.lat!, description: w.description })),
    });
    // "Boucle de la Brèche" → boucle-de-la-breche.gpx (accents dropped, not made into dashes).
    const file = slugify(p.name, "sentier");
    return new Response(body, {
      headers: { ...cacheFor(ctx), "content-type": "application/gpx+xml; charset=utf-8", "content-disposition": `attachment; filename="${file}.gpx"` },
    }) as never;
  })
  .openapi(pnx, async (c) => {
    const ctx = c.var.ctx;
    const { layer, features } = await layerFeatures({
      db: c.var.db,
      ctx,
      layerId: c.req.valid("param").layerId,
      query: { limit: 10_000, offset: 0 },
      full: true,
    });
    if (layer.kind !== "trails") throw new AppError("notFound", layerText.notTrailsLayer);
    const shapes = await communeShapes(c.var.db);
    const records: TrailRecord[] = features.map((f) => {
      const p = f.properties as { name: string; trail: StoredTrail; updatedAt: string };
      const t = p.trail;
      return {
        id: String(f.id),
        name: p.name,
        description: t.description ?? "",
        practice: t.practice ?? "pédestre",
        figures: t.figures,
        difficulty: t.difficulty,
        communes: communesCrossed(f.geometry as Line, shapes).map((s) => ({ insee: s.insee, name: s.name })),
        startName: t.startName ?? "",
        endName: t.endName ?? t.startName ?? "",
        instructions: t.instructions ?? "",
        url: trailPage(ctx, String(f.id)),
        geometry: f.geometry as Line,
        updatedAt: p.updatedAt,
        pointsOfInterest: t.pointsOfInterest,
        sensitiveAreas: t.sensitiveAreas,
      };
    });
    return new Response(JSON.stringify(toPnx(records, { name: ctx.tenant.name })), {
      headers: {
        ...cacheFor(ctx),
        "content-type": "application/geo+json; charset=utf-8",
        "content-disposition": `attachment; filename="${layer.slug}-randonnee.geojson"`,
      },
    }) as never;
  })
  .openapi(importGpx, async (c) => {
    const ctx = c.var.ctx;
    const { layerId } = c.req.valid("param");
    const { nom, pratique } = c.req.valid("query");
    const layer = await findLayer({ db: c.var.db, ctx, id: layerId });
    if (layer.kind !== "trails") throw invalid(layerText.notTrailsLayer);
    let parsed: ReturnType<typeof parseGpx>;
    try {
      parsed = parseGpx(await c.req.text());
    } catch (err) {
      if (err instanceof GpxError) throw invalid(err.message, [{ path: "fichier", message: err.message }]);
      throw err;
    }
    const name = nom ?? parsed.name;
    if (!name) throw invalid(undefined, [{ path: "query/nom", message: layerText.trailUnnamed }]);
    const { feature } = await createFeature({
      db: c.var.db,
      ctx,
      layerId,
      input: {
        name,
        geometry: parsed.geometry,
        trail: {
          description: parsed.description ?? undefined,
          practice: pratique,
          pointsOfInterest: parsed.waypoints.filter((w) => w.name).map((w) => ({ name: w.name, description: w.description, lon: w.lon, lat: w.lat })),
        },
      },
    });
    const res = c.body(JSON.stringify(feature), 201, { "content-type": "application/geo+json; charset=utf-8" });
    purgeCache(res.headers, "/");
    return res as never;
  });
