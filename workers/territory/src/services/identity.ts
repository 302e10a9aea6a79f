/**
 * A tenant's identity on its pages (issue #26): its accent colour, accepted only when it reads at
 * 4.5:1 (WCAG AA) on the light page and surface and under white button text, with the dark-mode
 * variant computed from it (@communa/contracts/colour); and its logo or coat of arms, read and
 * re-encoded by the Images binding as the directory's photos are (WebP, at most 240 px high and
 * 960 px wide; the upload and its metadata are not kept), stored in R2 under its content hash and
 * served at a URL that never changes. Every change is journalled in its transaction.
 */
import { eq, sql } from "drizzle-orm";
import { tenantIdentities } from "@communa/db";
import { invalid, notFound, unavailable, type Db, type Tenant, type TrustedContext } from "@communa/core";
import { sha256Hex } from "@communa/core/hash";
import { checkAccent, ratioText } from "@communa/contracts/colour";
import type { TerritoryBindings } from "../env.ts";
import { identityText as m } from "../messages.fr.ts";

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_MAX_HEIGHT = 240;
export const LOGO_MAX_WIDTH = 960;
export const LOGO_ALT_MAX = 120;
const ACCEPTED = ["image/png", "image/jpeg", "image/webp"];

type Row = typeof tenantIdentities.$inferSelect;

export interface LogoView {
  /** Root-relative: the tenant's API through the gateway, on any of the platform's hosts. */
  src: string;
  alt: string;
  width: number;
  height: number;
}

export interface IdentityView {
  accent: string | null;
  accentDark: string | null;
  logo: LogoView | null;
  updatedAt: string | null;
}

export const logoSrc = (slug: string, hash: string) => `/t/${slug}/api/territory/logos/${hash}.webp`;
const logoKey = (tenantId: string, hash: string) => `${tenantId}/${hash}.webp`;

/** The public view of a row (none: no accent, no logo). */
export function identityView(slug: string, row: Row | undefined): IdentityView {
  return {
    accent: row?.accent ?? null,
    accentDark: row?.accentDark ?? null,
    logo:
      row?.logoHash && row.logoAlt && row.logoWidth && row.logoHeight
        ? { src: logoSrc(slug, row.logoHash), alt: row.logoAlt, width: row.logoWidth, height: row.logoHeight }
        : null,
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
  };
}

async function row(db: Db, tenant: Tenant): Promise<Row | undefined> {
  const [r] = await db.withTenant(tenant.id, (tx) => tx.select().from(tenantIdentities).where(eq(tenantIdentities.tenantId, tenant.id)).limit(1));
  return r;
}

export async function getIdentity({ db, tenant }: { db: Db; tenant: Tenant }): Promise<IdentityView> {
  return identityView(tenant.slug, await row(db, tenant));
}

/** Sets (or clears, with null) the accent colour: refused with its measured ratio when it does not read. */
export async function saveAccent({ db, ctx, accent }: { db: Db; ctx: TrustedContext; accent: string | null }): Promise<IdentityView> {
  let values: { accent: string | null; accentDark: string | null } = { accent: null, accentDark: null };
  if (accent !== null) {
    const checked = checkAccent(accent);
    if (!checked.ok) {
      const message = checked.pair === "format" ? m.accentFormat : m.accentContrast(checked.pair, ratioText(checked.ratio));
      throw invalid(undefined, [{ path: "body/accent", message }]);
    }
    values = { accent: checked.accent, accentDark: checked.dark };
  }
  const { tenant } = ctx;
  await db.write(ctx, async (tx, journal) => {
    await tx
      .insert(tenantIdentities)
      .values({ tenantId: tenant.id, ...values })
      .onConflictDoUpdate({ target: tenantIdentities.tenantId, set: { ...values, updatedAt: sql`now()` } });
    await journal({ action: "territory.identity.accent", target: `tenant_identities/${tenant.id}`, summary: values });
  });
  return getIdentity({ db, tenant });
}

/**
 * Sets the logo: checks the alt text, the size and — by its content, not its name — that it is a
 * PNG, JPEG or WebP image; re-encodes it; stores it under its hash; records it (journalled). The
 * logo it replaces leaves storage once the new one is recorded; nothing is kept if a step fails.
 */
export async function saveLogo({
  db,
  ctx,
  env,
  file,
  alt,
}: {
  db: Db;
  ctx: TrustedContext;
  env: TerritoryBindings;
  file: File;
  alt: string;
}): Promise<IdentityView> {
  const images = env.IMAGES;
  if (!images) throw unavailable(m.noResizing);
  const text = alt.trim();
  const errors = [];
  if (text.length < 1 || text.length > LOGO_ALT_MAX) errors.push({ path: "body/alt", message: m.logoAlt(LOGO_ALT_MAX) });
  if (file.size === 0 || file.size > LOGO_MAX_BYTES) errors.push({ path: "body/logo", message: m.logoSize(LOGO_MAX_BYTES) });
  if (errors.length) throw invalid(undefined, errors);

  let info: ImageInfoResponse;
  try {
    info = await images.info(file.stream());
  } catch {
    throw invalid(undefined, [{ path: "body/logo", message: m.logoType }]);
  }
  if (!ACCEPTED.includes(info.format) || !("width" in info)) throw invalid(undefined, [{ path: "body/logo", message: m.logoType }]);

  let data: ArrayBuffer;
  let measured: ImageInfoResponse;
  try {
    const out = await images
      .input(file.stream())
      .transform({ height: LOGO_MAX_HEIGHT, width: LOGO_MAX_WIDTH, fit: "scale-down" })
      .output({ format: "image/webp", quality: 90 });
    data = await out.response().arrayBuffer();
    measured = await images.info(new Blob([data]).stream());
  } catch {
    throw invalid(undefined, [{ path: "body/logo", message: m.logoType }]);
  }
  if (!("width" in measured)) throw invalid(undefined, [{ path: "body/logo", message: m.logoType }]);

  const { tenant } = ctx;
  const hash = await sha256Hex(data);
  const before = await row(db, tenant);
  const key = logoKey(tenant.id, hash);
  await env.LOGOS.put(key, data, { httpMetadata: { contentType: "image/webp" }, sha256: hash });
  const logo = { logoHash: hash, logoAlt: text, logoWidth: measured.width, logoHeight: measured.height, logoBytes: data.byteLength };
  try {
    await db.write(ctx, async (tx, journal) => {
      await tx
        .insert(tenantIdentities)
        .values({ tenantId: tenant.id, ...logo })
        .onConflictDoUpdate({ target: tenantIdentities.tenantId, set: { ...logo, updatedAt: sql`now()` } });
      await journal({
        action: "territory.identity.logo",
        target: `tenant_identities/${tenant.id}`,
        summary: { hash, bytes: data.byteLength, width: measured.width, height: measured.height, alt: text, replaced: before?.logoHash ?? null },
      });
    });
  } catch (err) {
    if (before?.logoHash !== hash) await env.LOGOS.delete(key);
    throw err;
  }
  if (before?.logoHash && before.logoHash !== hash) await env.LOGOS.delete(logoKey(tenant.id, before.logoHash));
  return getIdentity({ db, tenant });
}

/** Removes the logo (journalled), then its stored image. */
export async function removeLogo({ db, ctx, env }: { db: Db; ctx: TrustedContext; env: TerritoryBindings }): Promise<void> {
  const { tenant } = ctx;
  const hash = await db.write(ctx, async (tx, journal) => {
    const [current] = await tx.select({ hash: tenantIdentities.logoHash }).from(tenantIdentities).where(eq(tenantIdentities.tenantId, tenant.id)).limit(1);
    if (!current?.hash) throw notFound(m.noLogo);
    await tx
      .update(tenantIdentities)
      .set({ logoHash: null, logoAlt: null, logoWidth: null, logoHeight: null, logoBytes: null, updatedAt: sql`now()` })
      .where(eq(tenantIdentities.tenantId, tenant.id));
    await journal({ action: "territory.identity.logo.remove", target: `tenant_identities/${tenant.id}`, summary: { hash: current.hash } });
    return current.hash;
  });
  await env.LOGOS.delete(logoKey(tenant.id, hash));
}

/** The tenant's current logo's bytes (a replaced or removed logo is no longer served). */
export async function readLogo({ db, tenant, env, hash }: { db: Db; tenant: Tenant; env: TerritoryBindings; hash: string }) {
  const current = await row(db, tenant);
  if (current?.logoHash !== hash) throw notFound(m.noLogo);
  const object = await env.LOGOS.get(logoKey(tenant.id, hash));
  if (!object) throw notFound(m.noLogo);
  return object;
}
