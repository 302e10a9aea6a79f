/**
 * Features of the map: queries (bounding box, property filters, commune, full-text search),
 * writes checked against the layer's fields, and transactional imports (a bad row changes nothing).
 */
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { communes, mapFeatures, mapLayers } from "@communa/db";
import { AppError, invalid, notFound, type Db, type FieldError, type TrustedContext, type WriteTx } from "@communa/core";
import { checkProperties } from "./fields.ts";
import { bboxOf, checkGeometry, communeOf, territoryOf, withinTerritory, type CommuneShape, type MapGeometry } from "./geometry.ts";
import { findLayer, listLayers, ownLayer, type LayerRow, type LayerView } from "./layers.ts";
import { trailFigures, difficultyOf } from "./trails.ts";
import { layerText, queryText } from "../messages.fr.ts";

export type FeatureRow = typeof mapFeatures.$inferSelect;

export interface FeatureQuery {
  bbox?: [number, number, number, number];
  q?: string;
  commune?: string;
  /** Property equality filters (`f.<key>=<value>`). */
  filters?: Record<string, string>;
  /** Last modification within [from, to] (OGC API `datetime`; either end open). */
  updated?: { from?: Date; to?: Date };
  limit: number;
  offset: number;
}

export interface FeaturePage {
  features: GeoJSON.Feature[];
  numberMatched: number;
  numberReturned: number;
}

let communeCache: { at: number; shapes: CommuneShape[] } | undefined;

/** Communes' boundaries (reference data), kept 10 minutes in the isolate. */
export async function communeShapes(db: Db): Promise<CommuneShape[]> {
  if (communeCache && Date.now() - communeCache.at < 600_000) return communeCache.shapes;
  const rows = await db.reference((tx) =>
    tx.select({ insee: communes.insee, name: communes.name, epciSiren: communes.epciSiren, boundary: communes.boundary, bbox: communes.bbox }).from(communes),
  );
  communeCache = { at: Date.now(), shapes: rows };
  return rows;
}

/**
 * The communes of the tenant's territory (see territoryOf), read at each write rather than from the
 * isolate's cache: a write is rare, and a territory's reference data may just have been loaded.
 */
export async function tenantTerritory(db: Db, tenant: TrustedContext["tenant"]): Promise<CommuneShape[]> {
  const cols = { insee: communes.insee, name: communes.name, epciSiren: communes.epciSiren, boundary: communes.boundary, bbox: communes.bbox };
  const rows = await db.reference((tx) =>
    tenant.kind === "epci"
      ? tx.select(cols).from(communes).where(eq(communes.epciSiren, tenant.siren))
      : tenant.insee
        ? tx.select(cols).from(communes).where(eq(communes.insee, tenant.insee))
        : Promise.resolve([]),
  );
  return territoryOf(tenant, rows);
}

/**
 * A French full-text query: words (letters and digits only) joined by AND, the last one as a prefix
 * so results come while typing. Null when nothing searchable is left.
 */
export function tsQuery(q: string): string | null {
  const words = q
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (!words.length) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ");
}

/**
 * A feature as the API gives it. Kept lean (maps load thousands at once): empty values are left
 * out, and the layer is named by its id (its name and fields are in the layer's own answer).
 */
export function toFeature(r: FeatureRow, { withLayer = true, withDate = true } = {}): GeoJSON.Feature {
  const properties: Record<string, unknown> = { name: r.name, ...r.properties };
  if (withLayer) properties.layer = r.layerId;
  if (withDate) properties.updatedAt = new Date(r.updatedAt).toISOString();
  if (r.address) properties.address = r.address;
  if (r.communeName) properties.commune = r.communeName;
  if (r.communeInsee) properties.insee = r.communeInsee;
  if (r.trail) properties.trail = r.trail;
  return { type: "Feature", id: r.id, geometry: r.geometry, properties };
}

function conditions(layerIds: string[], query: Omit<FeatureQuery, "limit" | "offset">, fields: Set<string>): SQL[] {
  const where: SQL[] = [inArray(mapFeatures.layerId, layerIds)];
  if (query.bbox) {
    const [w, s, e, n] = query.bbox;
    where.push(lte(mapFeatures.west, e), gte(mapFeatures.east, w), lte(mapFeatures.south, n), gte(mapFeatures.north, s));
  }
  if (query.commune) where.push(eq(mapFeatures.communeInsee, query.commune));
  if (query.updated?.from) where.push(gte(mapFeatures.updatedAt, query.updated.from));
  if (query.updated?.to) where.push(lte(mapFeatures.updatedAt, query.updated.to));
  const ts = query.q ? tsQuery(query.q) : null;
  if (query.q && !ts) throw invalid(undefined, [{ path: "query/q", message: queryText.searchNoWord }]);
  if (ts) where.push(sql`search @@ to_tsquery('app.fr', ${ts})`);
  for (const [key, value] of Object.entries(query.filters ?? {})) {
    if (!fields.has(key)) throw invalid(undefined, [{ path: `query/f.${key}`, message: queryText.unknownFilterField(key) }]);
    where.push(sql`${mapFeatures.properties}->>${key} = ${value}`);
  }
  return where;
}

async function page(db: Db, ctx: TrustedContext, layers: LayerView[], query: FeatureQuery, oneLayer = false): Promise<FeaturePage> {
  if (!layers.length) return { features: [], numberMatched: 0, numberReturned: 0 };
  const fields = new Set(layers.flatMap((l) => l.fields.map((f) => f.key)));
  const where = and(
    ...conditions(
      layers.map((l) => l.id),
      query,
      fields,
    ),
  );
  const ts = query.q ? tsQuery(query.q) : null;
  const [rows, [{ n }]] = await Promise.all([
    db.withTenant(ctx.tenant.id, (tx) =>
      tx
        .select()
        .from(mapFeatures)
        .where(where)
        .orderBy(...(ts ? [desc(sql`ts_rank(search, to_tsquery('app.fr', ${ts}))`)] : []), asc(mapFeatures.name), asc(mapFeatures.id))
        .limit(query.limit)
        .offset(query.offset),
    ),
    db.withTenant(ctx.tenant.id, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(mapFeatures).where(where)),
  ]);
  // One layer's features: the layer is the collection's, and dates are in each feature's own answer.
  return { features: rows.map((r) => toFeature(r, oneLayer ? { withLayer: false, withDate: false } : {})), numberMatched: n, numberReturned: rows.length };
}

/** Features of one visible layer. */
/** Features of one visible layer; `full` keeps each feature's date (exports, harvesting). */
export async function layerFeatures({
  db,
  ctx,
  layerId,
  query,
  full = false,
}: {
  db: Db;
  ctx: TrustedContext;
  layerId: string;
  query: FeatureQuery;
  full?: boolean;
}) {
  const layer = await findLayer({ db, ctx, id: layerId, count: false });
  return { layer, ...(await page(db, ctx, [layer], query, !full)) };
}

/** Search across every layer the caller may see (or the ones named). */
export async function searchFeatures({ db, ctx, layerIds, query }: { db: Db; ctx: TrustedContext; layerIds?: string[]; query: FeatureQuery }) {
  const layers = (await listLayers({ db, ctx })).filter((l) => !layerIds?.length || layerIds.includes(l.id));
  return page(db, ctx, layers, query);
}

export async function oneFeature({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(mapFeatures).where(eq(mapFeatures.id, id)).limit(1));
  const hidden = () => notFound(queryText.noVisibleFeature);
  if (!row) throw hidden();
  // Its layer, if this caller may see it (one lookup, not every layer with its count).
  const layer = await findLayer({ db, ctx, id: row.layerId, count: false }).catch((err) => {
    throw err instanceof AppError && err.kind === "notFound" ? hidden() : err;
  });
  return { layer, feature: toFeature(row) };
}

export interface FeatureInput {
  name: string;
  geometry: unknown;
  properties?: Record<string, unknown>;
  address?: string | null;
  trail?: TrailDetails;
}

/** What agents say of a trail; the figures (length, climb, duration…) are computed. */
export interface TrailDetails {
  description?: string;
  practice?: "pédestre" | "trail" | "VTT" | "cyclo" | "équestre";
  startName?: string;
  endName?: string;
  instructions?: string;
  pointsOfInterest?: Array<{ name: string; description?: string; lon?: number; lat?: number }>;
  sensitiveAreas?: Array<{ name: string; instructions: string }>;
}

/**
 * Checks one feature against its layer and the tenant's territory (`territory`, see territoryOf:
 * a point placed in Lyon by a slip of the map is refused, naming the field); the row to store, or
 * the errors (paths under `path`).
 */
export function prepareFeature(layer: LayerRow, input: FeatureInput, shapes: CommuneShape[], territory: CommuneShape[], path = "body") {
  const errors: FieldError[] = [];
  const name = typeof input.name === "string" ? input.name.trim() : "";
  if (!name || name.length > 200) errors.push({ path: `${path}/name`, message: layerText.featureName });
  const geo = checkGeometry(input.geometry, `${path}/geometry`);
  if (!geo.ok) errors.push(...geo.errors);
  else if (!withinTerritory(geo.geometry, territory)) {
    errors.push({ path: `${path}/geometry`, message: layerText.pointOutside });
  }
  const props = checkProperties(layer.fields, input.properties ?? {}, `${path}/properties`);
  if (!props.ok) errors.push(...props.errors);
  let trail: Record<string, unknown> | null = null;
  if (geo.ok && layer.kind === "trails") {
    if (geo.geometry.type !== "LineString" && geo.geometry.type !== "MultiLineString") {
      errors.push({ path: `${path}/geometry/type`, message: layerText.trailIsLine });
    } else {
      const figures = trailFigures(geo.geometry);
      trail = { ...(input.trail ?? {}), figures, difficulty: difficultyOf(figures) };
    }
  }
  if (errors.length || !geo.ok || !props.ok) return { ok: false as const, errors };
  const commune = communeOf(geo.geometry, shapes);
  return {
    ok: true as const,
    row: {
      name,
      geometry: geo.geometry,
      geomType: geo.geometry.type,
      ...bboxOf(geo.geometry),
      properties: props.properties,
      address: input.address?.trim() || null,
      communeInsee: commune?.insee ?? null,
      communeName: commune?.name ?? null,
      trail,
    },
  };
}

export async function createFeature({ db, ctx, layerId, input }: { db: Db; ctx: TrustedContext; layerId: string; input: FeatureInput }) {
  const [shapes, territory] = await Promise.all([communeShapes(db), tenantTerritory(db, ctx.tenant)]);
  const id = await db.write(ctx, async (tx, journal) => {
    const layer = await ownLayer(tx, ctx, layerId);
    const prepared = prepareFeature(layer, input, shapes, territory);
    if (!prepared.ok) throw invalid(undefined, prepared.errors);
    const [row] = await tx
      .insert(mapFeatures)
      .values({ ...prepared.row, tenantId: ctx.tenant.id, layerId })
      .returning({ id: mapFeatures.id });
    await touchLayer(tx, layerId);
    await journal({ action: "map.feature.create", target: `map-features/${row.id}`, summary: { layer: layer.slug, name: prepared.row.name } });
    return row.id;
  });
  return oneFeature({ db, ctx, id });
}

export async function updateFeature({ db, ctx, id, input }: { db: Db; ctx: TrustedContext; id: string; input: FeatureInput }) {
  const [shapes, territory] = await Promise.all([communeShapes(db), tenantTerritory(db, ctx.tenant)]);
  await db.write(ctx, async (tx, journal) => {
    const [current] = await tx
      .select()
      .from(mapFeatures)
      .where(and(eq(mapFeatures.id, id), eq(mapFeatures.tenantId, ctx.tenant.id)))
      .limit(1);
    if (!current) throw notFound(queryText.noFeature);
    const layer = await ownLayer(tx, ctx, current.layerId);
    const prepared = prepareFeature(layer, input, shapes, territory);
    if (!prepared.ok) throw invalid(undefined, prepared.errors);
    await tx
      .update(mapFeatures)
      .set({ ...prepared.row, updatedAt: new Date() })
      .where(eq(mapFeatures.id, id));
    await touchLayer(tx, layer.id);
    const changed = Object.keys(prepared.row).filter(
      (k) => JSON.stringify((prepared.row as Record<string, unknown>)[k]) !== JSON.stringify((current as Record<string, unknown>)[k]),
    );
    await journal({ action: "map.feature.update", target: `map-features/${id}`, summary: { layer: layer.slug, changed } });
  });
  return oneFeature({ db, ctx, id });
}

export async function deleteFeature({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  await db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .delete(mapFeatures)
      .where(and(eq(mapFeatures.id, id), eq(mapFeatures.tenantId, ctx.tenant.id)))
      .returning({ name: mapFeatures.name, layerId: mapFeatures.layerId });
    if (!row) throw notFound(queryText.noFeature);
    await touchLayer(tx, row.layerId);
    await journal({ action: "map.feature.delete", target: `map-features/${id}`, summary: { name: row.name } });
  });
}

async function touchLayer(tx: WriteTx, layerId: string) {
  await tx.update(mapLayers).set({ updatedAt: new Date() }).where(eq(mapLayers.id, layerId));
}

/** Rows inserted per statement during an import (well under Postgres' parameter limit). */
const IMPORT_BATCH = 500;

/**
 * Imports features into one of the tenant's layers in one transaction: every row is checked first
 * and any error refuses the whole file (the report names each row at fault); `replace` empties the
 * layer first. Returns how many were stored.
 */
export async function importFeatures({
  db,
  ctx,
  layerId,
  rows,
  mode,
}: {
  db: Db;
  ctx: TrustedContext;
  layerId: string;
  rows: Array<{ at: string; input: FeatureInput }>;
  mode: "append" | "replace";
}) {
  const [shapes, territory] = await Promise.all([communeShapes(db), tenantTerritory(db, ctx.tenant)]);
  return db.write(ctx, async (tx, journal) => {
    const layer = await ownLayer(tx, ctx, layerId);
    const errors: FieldError[] = [];
    const ready: Array<typeof mapFeatures.$inferInsert> = [];
    for (const { at, input } of rows) {
      const prepared = prepareFeature(layer, input, shapes, territory, at);
      if (prepared.ok) ready.push({ ...prepared.row, tenantId: ctx.tenant.id, layerId });
      else errors.push(...prepared.errors);
      if (errors.length >= 200) break;
    }
    if (errors.length) throw invalid(layerText.importRefused(errors.length), errors);
    if (!ready.length) throw invalid(layerText.importEmpty);
    let removed = 0;
    if (mode === "replace") removed = (await tx.delete(mapFeatures).where(eq(mapFeatures.layerId, layerId)).returning({ id: mapFeatures.id })).length;
    for (let i = 0; i < ready.length; i += IMPORT_BATCH) await tx.insert(mapFeatures).values(ready.slice(i, i + IMPORT_BATCH));
    await touchLayer(tx, layerId);
    await journal({ action: "map.features.import", target: `map-layers/${layerId}`, summary: { layer: layer.slug, mode, imported: ready.length, removed } });
    return { imported: ready.length, removed };
  });
}

export type { MapGeometry };
