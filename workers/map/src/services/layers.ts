/**
 * Layers of a tenant's map. Who sees what: row-level security gives the tenant's own layers, its
 * EPCI's and (for an EPCI) its communes' ('shared'); among those, a layer for agents only is shown
 * to callers holding `map:read`, never to the public.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { mapFeatures, mapLayers, tenants, type LayerField, type LayerStyle } from "@communa/db";
import { can, conflict, invalid, notFound, type Actor, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { layerText, queryText } from "../messages.fr.ts";

export type LayerRow = typeof mapLayers.$inferSelect;

export interface LayerInput {
  slug: string;
  name: string;
  description?: string;
  category: string;
  kind?: "features" | "trails";
  style: LayerStyle;
  visibility?: "public" | "agents";
  fields?: LayerField[];
  licence?: string;
  sourceInsee?: string | null;
}

/** Agents see layers kept for agents; everyone else sees public layers only. */
export const seesAgentLayers = (actor: Actor) => can(actor, "map:read");

export function checkFields(fields: LayerField[]) {
  const seen = new Set<string>();
  const errors = fields.flatMap((f, i) => {
    const out: Array<{ path: string; message: string }> = [];
    if (seen.has(f.key)) out.push({ path: `body/fields/${i}/key`, message: layerText.fieldTwice(f.key) });
    seen.add(f.key);
    if (f.type === "enum" && !f.options?.length) out.push({ path: `body/fields/${i}/options`, message: layerText.optionsNeeded });
    return out;
  });
  if (errors.length) throw invalid(undefined, errors);
}

const present = (l: LayerRow & { tenantSlug: string; count: number }) => ({
  id: l.id,
  slug: l.slug,
  tenant: l.tenantSlug,
  name: l.name,
  description: l.description,
  category: l.category,
  kind: l.kind,
  style: l.style,
  visibility: l.visibility,
  fields: l.fields,
  licence: l.licence,
  sourceInsee: l.sourceInsee,
  count: l.count,
  updatedAt: new Date(l.updatedAt).toISOString(),
});
export type LayerView = ReturnType<typeof present>;

/** The layers this caller may see on this tenant's map, with their feature counts. */
export async function listLayers({ db, ctx }: { db: Db; ctx: TrustedContext }): Promise<LayerView[]> {
  const agents = seesAgentLayers(ctx.actor);
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        layer: mapLayers,
        tenantSlug: tenants.slug,
        count: sql<number>`(SELECT count(*)::int FROM ${mapFeatures} f WHERE f.layer_id = ${mapLayers.id})`,
      })
      .from(mapLayers)
      .innerJoin(tenants, eq(tenants.id, mapLayers.tenantId))
      .where(agents ? undefined : eq(mapLayers.visibility, "public"))
      .orderBy(asc(mapLayers.category), asc(mapLayers.name)),
  );
  const fr = new Intl.Collator("fr");
  return rows
    .map((r) => present({ ...r.layer, tenantSlug: r.tenantSlug, count: r.count }))
    .sort((a, b) => fr.compare(a.category, b.category) || fr.compare(a.name, b.name));
}

/** One layer this caller may see (404 otherwise, without saying whether it exists). */
export async function findLayer({ db, ctx, id, count = true }: { db: Db; ctx: TrustedContext; id: string; count?: boolean }): Promise<LayerView> {
  const agents = seesAgentLayers(ctx.actor);
  const [row] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({
        layer: mapLayers,
        tenantSlug: tenants.slug,
        count: count ? sql<number>`(SELECT count(*)::int FROM ${mapFeatures} f WHERE f.layer_id = ${mapLayers.id})` : sql<number>`0`,
      })
      .from(mapLayers)
      .innerJoin(tenants, eq(tenants.id, mapLayers.tenantId))
      .where(and(eq(mapLayers.id, id), agents ? undefined : eq(mapLayers.visibility, "public")))
      .limit(1),
  );
  if (!row) throw notFound(queryText.noVisibleLayer);
  return present({ ...row.layer, tenantSlug: row.tenantSlug, count: row.count });
}

/** A layer of the caller's own tenant, for writing (another tenant's layer is read-only here). */
export async function ownLayer(tx: WriteTx, ctx: TrustedContext, id: string): Promise<LayerRow> {
  const [row] = await tx
    .select()
    .from(mapLayers)
    .where(and(eq(mapLayers.id, id), eq(mapLayers.tenantId, ctx.tenant.id)))
    .limit(1);
  if (!row) throw notFound(queryText.noLayer);
  return row;
}

export async function createLayer({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: LayerInput }) {
  checkFields(input.fields ?? []);
  const id = await db.write(ctx, async (tx, journal) => {
    const taken = await tx
      .select({ id: mapLayers.id })
      .from(mapLayers)
      .where(and(eq(mapLayers.slug, input.slug), eq(mapLayers.tenantId, ctx.tenant.id)))
      .limit(1);
    if (taken.length) throw conflict(layerText.slugTaken(input.slug));
    const [row] = await tx
      .insert(mapLayers)
      .values({ ...input, tenantId: ctx.tenant.id, fields: input.fields ?? [], sourceInsee: input.sourceInsee ?? null })
      .returning({ id: mapLayers.id });
    await journal({
      action: "map.layer.create",
      target: `map-layers/${row.id}`,
      summary: { slug: input.slug, name: input.name, visibility: input.visibility ?? "public" },
    });
    return row.id;
  });
  return findLayer({ db, ctx, id });
}

export async function updateLayer({ db, ctx, id, changes }: { db: Db; ctx: TrustedContext; id: string; changes: Partial<Omit<LayerInput, "slug" | "kind">> }) {
  if (changes.fields) checkFields(changes.fields);
  await db.write(ctx, async (tx, journal) => {
    const layer = await ownLayer(tx, ctx, id);
    if (changes.fields) {
      // Removing or retyping a field would leave features with values the layer no longer allows.
      const kept = new Map(changes.fields.map((f) => [f.key, f.type]));
      const dropped = layer.fields.filter((f) => kept.get(f.key) !== f.type).map((f) => f.key);
      if (dropped.length) {
        const [{ n }] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(mapFeatures)
          .where(
            and(
              eq(mapFeatures.layerId, id),
              sql`${mapFeatures.properties} ?| ${sql.raw(`array[${dropped.map((k) => `'${k.replace(/'/g, "''")}'`).join(",")}]`)}`,
            ),
          );
        if (n > 0) throw conflict(layerText.fieldsStillUsed(dropped));
      }
    }
    await tx
      .update(mapLayers)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(mapLayers.id, id));
    await journal({ action: "map.layer.update", target: `map-layers/${id}`, summary: { fields: Object.keys(changes) } });
  });
  return findLayer({ db, ctx, id });
}

export async function deleteLayer({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  await db.write(ctx, async (tx, journal) => {
    const layer = await ownLayer(tx, ctx, id);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(mapFeatures).where(eq(mapFeatures.layerId, id));
    await tx.delete(mapLayers).where(eq(mapLayers.id, id));
    await journal({ action: "map.layer.delete", target: `map-layers/${id}`, summary: { slug: layer.slug, features: n } });
  });
}
