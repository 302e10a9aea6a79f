/**
 * Listings: agents create and moderate; merchants edit their own (after a claim); the public sees
 * published listings only. Every write is journalled; a published listing's every change too.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { businesses, claims, communes, products, tenants } from "@communa/db";
import type { DirectoryIdentityService } from "@communa/contracts/rpc";
import {
  AppError,
  can,
  conflict,
  forbidden,
  invalid,
  likeContains,
  notFound,
  parisMonth,
  rpcValue,
  type Db,
  type FieldError,
  type TrustedContext,
  type WriteTx,
} from "@communa/core";
import { CATEGORIES, type Category } from "@communa/contracts/directory";
import { hoursError, openState } from "@communa/core/hours";
import { isSiret, normaliseSiret } from "@communa/core";
import { photosOf, photoView, type PhotoRow } from "./photos.ts";

export type BusinessRow = typeof businesses.$inferSelect;
export type ProductRow = typeof products.$inferSelect;

export interface BusinessInput {
  name: string;
  siret: string;
  category: Category;
  description?: string;
  address: string;
  lon: number;
  lat: number;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  openingHours?: string | null;
  labels?: string[];
  languages?: string[];
  sameAs?: string[];
  products?: Array<{ name: string; months?: number[]; channels?: string[] }>;
}

export { slugify } from "@communa/core/slug";
import { slugify } from "@communa/core/slug";
import { m } from "../messages.fr.ts";

/**
 * The communes this tenant's directory covers (itself, or an EPCI's members) — a listing must
 * lie inside one of them.
 */
async function tenantCommunes(db: Db, ctx: TrustedContext) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ insee: communes.insee, name: communes.name, boundary: communes.boundary, bbox: communes.bbox })
      .from(communes)
      .innerJoin(tenants, sql`${tenants.insee} = ${communes.insee} OR (${tenants.kind} = 'epci' AND ${tenants.siren} = ${communes.epciSiren})`)
      .where(eq(tenants.id, ctx.tenant.id)),
  );
  return rows;
}

/** Checks a listing; the cleaned values or the field errors. */
async function check(db: Db, ctx: TrustedContext, input: BusinessInput) {
  const errors: FieldError[] = [];
  const siret = normaliseSiret(input.siret);
  if (!isSiret(siret)) errors.push({ path: "body/siret", message: m.siret });
  if (input.openingHours) {
    const why = hoursError(input.openingHours);
    if (why) errors.push({ path: "body/openingHours", message: m.openingHours(why) });
  }
  const places = await tenantCommunes(db, ctx);
  const commune = places.find(
    (c) =>
      input.lon >= c.bbox[0] &&
      input.lon <= c.bbox[2] &&
      input.lat >= c.bbox[1] &&
      input.lat <= c.bbox[3] &&
      booleanPointInPolygon([input.lon, input.lat], c.boundary),
  );
  if (!commune) errors.push({ path: "body/lon", message: m.positionOutside(ctx.tenant.name) });
  if (errors.length) throw invalid(undefined, errors);
  return { siret, commune: commune! };
}

/** The month (1–12) a product's season is read in: Paris's (on 1 December at 00:30, UTC still says November). */
export const seasonMonth = (at: Date = new Date()) => Number(parisMonth(at).slice(5, 7));

const present = (
  b: BusinessRow,
  list: ProductRow[],
  pictures: PhotoRow[],
  apiBase: string,
  slugs: Map<string, string>,
  postcodes: Map<string, string>,
  at = new Date(),
) => ({
  id: b.id,
  /** The tenant that holds the listing: claims and edits are made there (its back office). */
  tenantSlug: slugs.get(b.tenantId) ?? null,
  slug: b.slug,
  name: b.name,
  siret: b.siret,
  category: b.category,
  categoryLabel: CATEGORIES[b.category as Category]?.label ?? b.category,
  schemaType: CATEGORIES[b.category as Category]?.schema ?? "LocalBusiness",
  description: b.description,
  address: b.address,
  // The postcode from the national division (search engines read it in the JSON-LD address).
  commune: { insee: b.communeInsee, name: b.communeName, postcode: postcodes.get(b.communeInsee) ?? null },
  lon: b.lon,
  lat: b.lat,
  phone: b.phone,
  email: b.email,
  website: b.website,
  openingHours: b.openingHours,
  openNow: b.openingHours ? openState(b.openingHours, at).open : null,
  labels: b.labels,
  languages: b.languages,
  sameAs: b.sameAs,
  products: list.filter((p) => p.businessId === b.id).map((p) => ({ name: p.name, months: p.months, channels: p.channels })),
  photos: pictures.filter((p) => p.businessId === b.id).map((p) => photoView(p, apiBase)),
  status: b.status,
  moderationNote: b.moderationNote,
  owned: b.ownerPersonId !== null,
  publishedAt: b.publishedAt ? new Date(b.publishedAt).toISOString() : null,
  updatedAt: new Date(b.updatedAt).toISOString(),
});
export type BusinessView = ReturnType<typeof present>;

async function withProducts(db: Db, ctx: TrustedContext, rows: BusinessRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const holders = [...new Set(rows.map((r) => r.tenantId))];
  const [list, pictures, slugs, postcodes] = await Promise.all([
    db.withTenant(ctx.tenant.id, (tx) => tx.select().from(products).where(inArray(products.businessId, ids)).orderBy(asc(products.name))),
    photosOf(db, ctx, ids),
    db.withTenant(ctx.tenant.id, (tx) => tx.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(inArray(tenants.id, holders))),
    db.withTenant(ctx.tenant.id, (tx) =>
      tx
        .select({ insee: communes.insee, postcode: communes.postcode })
        .from(communes)
        .where(inArray(communes.insee, [...new Set(rows.map((r) => r.communeInsee))])),
    ),
  ]);
  const bySlug = new Map(slugs.map((t) => [t.id, t.slug]));
  const byInsee = new Map(postcodes.map((c) => [c.insee, c.postcode]));
  return rows.map((r) => present(r, list, pictures, ctx.baseUrl ?? "", bySlug, byInsee));
}

export interface BusinessQuery {
  q?: string;
  commune?: string;
  category?: string;
  label?: string;
  /** Only those open at this instant. */
  openAt?: Date;
  /** Only producers with this product in season this month. */
  inSeason?: string;
  status?: BusinessRow["status"];
  limit: number;
  offset: number;
}

/** Agents (and admins) see every listing; the public, published ones only. */
const seesAll = (ctx: TrustedContext) => can(ctx.actor, "directory:read");

export async function searchBusinesses({ db, ctx, query }: { db: Db; ctx: TrustedContext; query: BusinessQuery }) {
  const where: SQL[] = [];
  if (!seesAll(ctx)) where.push(eq(businesses.status, "published"));
  else if (query.status) where.push(eq(businesses.status, query.status));
  if (query.commune) where.push(eq(businesses.communeInsee, query.commune));
  if (query.category) where.push(eq(businesses.category, query.category));
  if (query.label) where.push(sql`${query.label} = ANY(${businesses.labels})`);
  const words =
    query.q
      ?.split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .slice(0, 8) ?? [];
  const ts = words.length ? words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ") : null;
  if (query.q && !ts) throw invalid(undefined, [{ path: "query/q", message: m.searchEmpty }]);
  if (ts) where.push(sql`search @@ to_tsquery('app.fr', ${ts})`);
  if (query.inSeason) {
    const month = seasonMonth();
    where.push(
      sql`EXISTS (SELECT 1 FROM ${products} p WHERE p.business_id = ${businesses.id} AND unaccent(lower(p.name)) LIKE unaccent(lower(${likeContains(query.inSeason)})) AND (cardinality(p.months) = 0 OR ${month} = ANY(p.months)))`,
    );
  }
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(businesses)
      .where(where.length ? and(...where) : undefined)
      .orderBy(...(ts ? [desc(sql`ts_rank(search, to_tsquery('app.fr', ${ts}))`)] : []), asc(businesses.name))
      .limit(query.openAt ? 5000 : query.limit)
      .offset(query.openAt ? 0 : query.offset),
  );
  // "Open now" is evaluated from each listing's rules, in Paris time, not stored.
  const kept = query.openAt
    ? rows.filter((r) => r.openingHours && openState(r.openingHours, query.openAt).open).slice(query.offset, query.offset + query.limit)
    : rows;
  return withProducts(db, ctx, kept);
}

/** The listings a merchant manages here. */
export async function myBusinesses({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  if (ctx.actor.kind !== "person") return [];
  const personId = ctx.actor.id;
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(businesses).where(eq(businesses.ownerPersonId, personId)).orderBy(asc(businesses.name)),
  );
  return withProducts(db, ctx, rows);
}

export async function oneBusiness({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(businesses).where(eq(businesses.id, id)).limit(1));
  const mine = row && ctx.actor.kind === "person" && row.ownerPersonId === ctx.actor.id;
  if (!row || (row.status !== "published" && !seesAll(ctx) && !mine)) throw notFound(m.noPublishedListing);
  return (await withProducts(db, ctx, [row]))[0];
}

async function writeProducts(tx: WriteTx, ctx: TrustedContext, businessId: string, list: BusinessInput["products"]) {
  if (list === undefined) return;
  await tx.delete(products).where(eq(products.businessId, businessId));
  if (list.length) {
    await tx.insert(products).values(
      list.map((p) => ({
        tenantId: ctx.tenant.id,
        businessId,
        name: p.name,
        months: [...new Set(p.months ?? [])].sort((a, b) => a - b),
        channels: p.channels ?? [],
      })),
    );
  }
}

function values(input: BusinessInput, siret: string, commune: { insee: string; name: string }) {
  return {
    name: input.name.trim(),
    siret,
    category: input.category,
    description: input.description?.trim() ?? "",
    address: input.address.trim(),
    communeInsee: commune.insee,
    communeName: commune.name,
    lon: input.lon,
    lat: input.lat,
    phone: input.phone ?? null,
    email: input.email?.toLowerCase() ?? null,
    website: input.website ?? null,
    openingHours: input.openingHours?.trim() || null,
    labels: [...new Set(input.labels ?? [])],
    languages: [...new Set(input.languages ?? ["fr"])],
    sameAs: input.sameAs ?? [],
  };
}

/** Agents create listings (draft, or published at once). */
export async function createBusiness({ db, ctx, input, publish }: { db: Db; ctx: TrustedContext; input: BusinessInput; publish: boolean }) {
  const { siret, commune } = await check(db, ctx, input);
  const id = await db.write(ctx, async (tx, journal) => {
    let slug = slugify(input.name);
    const taken = await tx
      .select({ slug: businesses.slug })
      .from(businesses)
      .where(and(eq(businesses.tenantId, ctx.tenant.id), eq(businesses.communeInsee, commune.insee), sql`${businesses.slug} LIKE ${`${slug}%`}`));
    if (taken.some((t) => t.slug === slug)) slug = `${slug}-${taken.length + 1}`;
    const [row] = await tx
      .insert(businesses)
      .values({
        ...values(input, siret, commune),
        tenantId: ctx.tenant.id,
        slug,
        status: publish ? "published" : "draft",
        publishedAt: publish ? new Date() : null,
      })
      .returning({ id: businesses.id });
    await writeProducts(tx, ctx, row.id, input.products);
    await journal({
      action: "directory.business.create",
      target: `businesses/${row.id}`,
      summary: { name: input.name, siret, commune: commune.name, published: publish },
    });
    return row.id;
  });
  return oneBusiness({ db, ctx, id });
}

/**
 * Edits a listing: agents any of the tenant's, a merchant only their own. A merchant's change to a
 * published listing goes live (and is journalled, with what changed); agents can unpublish.
 */
export async function updateBusiness({ db, ctx, id, input, asOwner }: { db: Db; ctx: TrustedContext; id: string; input: BusinessInput; asOwner: boolean }) {
  const { siret, commune } = await check(db, ctx, input);
  await db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .select()
      .from(businesses)
      .where(and(eq(businesses.id, id), eq(businesses.tenantId, ctx.tenant.id)))
      .limit(1);
    if (!row) throw notFound(m.noListing);
    if (asOwner && (ctx.actor.kind !== "person" || row.ownerPersonId !== ctx.actor.id)) throw forbidden(m.notYours);
    const next = values(input, siret, commune);
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(row[k]));
    await tx
      .update(businesses)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(businesses.id, id));
    await writeProducts(tx, ctx, id, input.products);
    await journal({
      action: "directory.business.update",
      target: `businesses/${id}`,
      summary: { changed, status: row.status, by: asOwner ? "merchant" : "agent" },
    });
  });
  return oneBusiness({ db, ctx, id });
}

/** A merchant asks for their draft (or rejected) listing to be published. */
export async function submitBusiness({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  await db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .select()
      .from(businesses)
      .where(and(eq(businesses.id, id), eq(businesses.tenantId, ctx.tenant.id)))
      .limit(1);
    if (!row || ctx.actor.kind !== "person" || row.ownerPersonId !== ctx.actor.id) throw notFound(m.noListingOfYours);
    if (!["draft", "rejected", "unpublished"].includes(row.status)) throw conflict(m.alreadySubmitted);
    await tx.update(businesses).set({ status: "pending", moderationNote: null, updatedAt: new Date() }).where(eq(businesses.id, id));
    await journal({ action: "directory.business.submit", target: `businesses/${id}` });
  });
  return oneBusiness({ db, ctx, id });
}

/** Agents approve, reject (with a reason the merchant reads) or unpublish. */
export async function moderate({
  db,
  ctx,
  id,
  action,
  reason,
}: {
  db: Db;
  ctx: TrustedContext;
  id: string;
  action: "approve" | "reject" | "unpublish";
  reason?: string;
}) {
  if (action !== "approve" && !reason?.trim()) throw invalid(undefined, [{ path: "body/reason", message: m.reasonNeeded }]);
  await db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .select()
      .from(businesses)
      .where(and(eq(businesses.id, id), eq(businesses.tenantId, ctx.tenant.id)))
      .limit(1);
    if (!row) throw notFound(m.noListing);
    const allowed = { approve: ["pending", "draft", "rejected", "unpublished"], reject: ["pending"], unpublish: ["published"] }[action];
    if (!allowed.includes(row.status)) throw conflict(m.notFromStatus(row.status));
    const status = action === "approve" ? "published" : action === "reject" ? "rejected" : "unpublished";
    await tx
      .update(businesses)
      .set({
        status,
        moderationNote: action === "approve" ? null : reason!.trim(),
        publishedAt: action === "approve" ? new Date() : row.publishedAt,
        updatedAt: new Date(),
      })
      .where(eq(businesses.id, id));
    await journal({
      action: `directory.business.${action}`,
      target: `businesses/${id}`,
      summary: { from: row.status, to: status, ...(reason ? { reason } : {}) },
    });
  });
  return oneBusiness({ db, ctx, id });
}

/**
 * A merchant's claim granted: they manage the listing and hold the merchant role here. The role is
 * identity's to grant (ADR 0025): asked over RPC inside this transaction, so a refusal rolls the
 * claim back; the grant is idempotent, so a retry after a failed commit grants nothing twice.
 */
export async function grantClaim(tx: WriteTx, ctx: TrustedContext, identity: DirectoryIdentityService, claimId: string, businessId: string, personId: string) {
  await tx.update(claims).set({ status: "granted" }).where(eq(claims.id, claimId));
  await tx.update(businesses).set({ ownerPersonId: personId, updatedAt: new Date() }).where(eq(businesses.id, businessId));
  rpcValue(await identity.grantRole(ctx.tenant, { personId, role: "merchant", reason: `claim:${claimId}` }, ctx.actor, ctx.requestId));
}

export { AppError };
