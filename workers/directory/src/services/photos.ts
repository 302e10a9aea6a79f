/**
 * Listing photos: an upload is read and re-encoded by the Images binding (WebP, at most two widths;
 * the original — and its metadata, such as a GPS position — is not kept), stored in R2 and listed
 * with its alternative text. The public reads published listings' photos only.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { businesses, photos } from "@communa/db";
import { can, conflict, forbidden, invalid, notFound, unavailable, uuidv7, type Db, type TrustedContext } from "@communa/core";
import type { DirectoryBindings } from "../env.ts";
import { m } from "../messages.fr.ts";

/** Widths stored (a variant wider than the original is not made). */
export const PHOTO_WIDTHS = [480, 1200] as const;
export const MAX_PHOTOS = 8;
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
const ACCEPTED = ["image/jpeg", "image/png", "image/webp"];
const MIN_SIDE = 200;

export type PhotoRow = typeof photos.$inferSelect;

export interface PhotoView {
  id: string;
  alt: string;
  width: number;
  height: number;
  /** One URL per stored width, narrowest first. */
  variants: Array<{ width: number; url: string }>;
}

const widthsOf = (row: Pick<PhotoRow, "width">) => {
  const ws = PHOTO_WIDTHS.filter((w) => w < row.width);
  return [...ws, row.width];
};

export function photoView(row: PhotoRow, apiBase: string): PhotoView {
  return {
    id: row.id,
    alt: row.alt,
    width: row.width,
    height: row.height,
    variants: widthsOf(row).map((w) => ({ width: w, url: `${apiBase}/api/directory/photos/${row.id}/${w}.webp` })),
  };
}

/** Photos of these listings, in order. */
export async function photosOf(db: Db, ctx: TrustedContext, ids: string[]): Promise<PhotoRow[]> {
  if (!ids.length) return [];
  return db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(photos).where(inArray(photos.businessId, ids)).orderBy(asc(photos.position), asc(photos.createdAt)),
  );
}

async function editable(db: Db, ctx: TrustedContext, businessId: string, asOwner: boolean) {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ id: businesses.id, owner: businesses.ownerPersonId, status: businesses.status })
      .from(businesses)
      .where(and(eq(businesses.id, businessId), eq(businesses.tenantId, ctx.tenant.id)))
      .limit(1),
  );
  if (!row) throw notFound(m.noListing);
  if (asOwner && (ctx.actor.kind !== "person" || row.owner !== ctx.actor.id)) throw forbidden(m.notYours);
  return row;
}

/**
 * Adds a photo: checks it is a JPEG, PNG or WebP image of a sensible size, re-encodes it at the
 * stored widths, writes the variants to R2, then records it (journalled). Nothing is recorded if
 * any step fails; variants already written are removed.
 */
export async function addPhoto({
  db,
  ctx,
  env,
  businessId,
  file,
  alt,
  asOwner,
}: {
  db: Db;
  ctx: TrustedContext;
  env: DirectoryBindings;
  businessId: string;
  file: File;
  alt: string;
  asOwner: boolean;
}) {
  const images = env.IMAGES;
  if (!images) throw unavailable(m.noResizing);
  const business = await editable(db, ctx, businessId, asOwner);
  const text = alt.trim();
  const errors = [];
  if (text.length < 3 || text.length > 250) errors.push({ path: "body/alt", message: m.photoAlt });
  if (file.size === 0 || file.size > MAX_PHOTO_BYTES) errors.push({ path: "body/photo", message: m.photoSize(MAX_PHOTO_BYTES) });
  if (errors.length) throw invalid(undefined, errors);
  const [{ n }] = await db.withTenant(ctx.tenant.id, (tx) => tx.select({ n: count() }).from(photos).where(eq(photos.businessId, businessId)));
  if (n >= MAX_PHOTOS) throw conflict(m.photoCount(MAX_PHOTOS));

  let info: ImageInfoResponse;
  try {
    info = await images.info(file.stream());
  } catch {
    throw invalid(undefined, [{ path: "body/photo", message: m.photoType }]);
  }
  if (!ACCEPTED.includes(info.format) || !("width" in info)) throw invalid(undefined, [{ path: "body/photo", message: m.photoType }]);
  if (Math.min(info.width, info.height) < MIN_SIDE) throw invalid(undefined, [{ path: "body/photo", message: m.photoSmall(MIN_SIDE) }]);

  const id = uuidv7();
  const key = `${ctx.tenant.id}/${businessId}/${id}`;
  const largest = Math.min(info.width, PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1]);
  const widths = widthsOf({ width: largest });
  const written: string[] = [];
  let bytes = 0;
  let height = 0;
  try {
    for (const w of widths) {
      const out = await images.input(file.stream()).transform({ width: w, fit: "scale-down" }).output({ format: "image/webp", quality: 80 });
      const data = await out.response().arrayBuffer();
      await env.PHOTOS.put(`${key}-${w}.webp`, data, { httpMetadata: { contentType: "image/webp" } });
      written.push(`${key}-${w}.webp`);
      if (w === largest) {
        bytes = data.byteLength;
        const measured = await images.info(new Blob([data]).stream());
        height = "height" in measured ? measured.height : Math.round((info.height * w) / info.width);
      }
    }
    await db.write(ctx, async (tx, journal) => {
      await tx.insert(photos).values({ id, tenantId: ctx.tenant.id, businessId, key, alt: text, width: largest, height, bytes, position: n });
      await journal({
        action: "directory.photo.add",
        target: `businesses/${businessId}`,
        summary: { photo: id, bytes, width: largest, status: business.status, by: asOwner ? "merchant" : "agent" },
      });
    });
  } catch (err) {
    if (written.length) await env.PHOTOS.delete(written);
    throw err;
  }
  const [row] = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(photos).where(eq(photos.id, id)).limit(1));
  return { photo: photoView(row, ctx.baseUrl ?? ""), status: business.status };
}

export async function removePhoto({
  db,
  ctx,
  env,
  businessId,
  photoId,
  asOwner,
}: {
  db: Db;
  ctx: TrustedContext;
  env: DirectoryBindings;
  businessId: string;
  photoId: string;
  asOwner: boolean;
}) {
  const business = await editable(db, ctx, businessId, asOwner);
  const row = await db.write(ctx, async (tx, journal) => {
    const [gone] = await tx
      .delete(photos)
      .where(and(eq(photos.id, photoId), eq(photos.businessId, businessId)))
      .returning();
    if (!gone) throw notFound(m.noPhoto);
    await journal({
      action: "directory.photo.remove",
      target: `businesses/${businessId}`,
      summary: { photo: photoId, status: business.status, by: asOwner ? "merchant" : "agent" },
    });
    return gone;
  });
  await env.PHOTOS.delete(widthsOf(row).map((w) => `${row.key}-${w}.webp`));
  return { status: business.status };
}

/**
 * One stored variant. The public gets photos of published listings only; agents and the listing's
 * manager see the others (for the preview).
 */
export async function readPhoto({ db, ctx, env, photoId, width }: { db: Db; ctx: TrustedContext; env: DirectoryBindings; photoId: string; width: number }) {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ photo: photos, status: businesses.status, owner: businesses.ownerPersonId })
      .from(photos)
      .innerJoin(businesses, eq(businesses.id, photos.businessId))
      .where(eq(photos.id, photoId))
      .limit(1),
  );
  const allowed = row && (row.status === "published" || can(ctx.actor, "directory:read") || (ctx.actor.kind === "person" && row.owner === ctx.actor.id));
  if (!allowed || !widthsOf(row.photo).includes(width)) throw notFound(m.noPhoto);
  const object = await env.PHOTOS.get(`${row.photo.key}-${width}.webp`);
  if (!object) throw notFound(m.noPhoto);
  return { object, published: row.status === "published" };
}
