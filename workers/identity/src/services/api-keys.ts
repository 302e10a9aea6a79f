/**
 * API keys for integrations. A key is `cmn_<prefix>_<secret>`: the prefix finds it, the SHA-256 of
 * the whole key proves it. Shown once at creation; never stored, never logged.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "@communa/db";
import { b64url, sameBytes, sha256 } from "./tokens.ts";
import { assertGrantable, notFound, type Actor, type Db, type Tenant, type TrustedContext } from "@communa/core";

const KEY = /^cmn_([a-z2-7]{10})_([A-Za-z0-9_-]{43})$/;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
/** Longest life of a key; integrations rotate at least yearly. */
export const MAX_DAYS = 366;
/** Last use is recorded at most this often per key (each record is a journal entry). */
const TOUCH_EVERY_MS = 60_000;

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export interface NewKeyInput {
  name: string;
  permissions: string[];
  expiresInDays: number;
}

const present = (r: typeof apiKeys.$inferSelect) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  permissions: r.permissions,
  createdBy: r.createdBy,
  createdAt: new Date(r.createdAt).toISOString(),
  expiresAt: new Date(r.expiresAt).toISOString(),
  revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
  lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt).toISOString() : null,
});

export async function createApiKey({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: NewKeyInput }) {
  assertGrantable(ctx.actor.kind === "anonymous" ? [] : ctx.actor.permissions, input.permissions);
  const prefix = Array.from(random(10), (b) => BASE32[b & 31]).join("");
  const key = `cmn_${prefix}_${b64url(random(32))}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const [row] = await db.write(ctx, async (tx, journal) => {
    const rows = await tx
      .insert(apiKeys)
      .values({
        tenantId: ctx.tenant.id,
        name: input.name,
        prefix,
        hash: await sha256(key),
        permissions: [...new Set(input.permissions)].sort(),
        createdBy: ctx.actor.kind === "anonymous" ? "anonymous" : ctx.actor.id,
        expiresAt,
      })
      .returning();
    await journal({
      action: "identity.apikey.create",
      target: `api_keys/${rows[0].id}`,
      summary: { name: input.name, prefix, permissions: rows[0].permissions, expiresAt: expiresAt.toISOString() },
    });
    return rows;
  });
  return { ...present(row), key };
}

export async function listApiKeys({ db, tenant }: { db: Db; tenant: Tenant }) {
  const rows = await db.withTenant(tenant.id, (tx) => tx.select().from(apiKeys).orderBy(desc(apiKeys.createdAt)));
  return rows.map(present);
}

export async function revokeApiKey({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  const row = await db.write(ctx, async (tx, journal) => {
    const [r] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!r) throw notFound("Aucune clé active ne porte cet identifiant.");
    await journal({ action: "identity.apikey.revoke", target: `api_keys/${id}`, summary: { prefix: r.prefix, name: r.name } });
    return r;
  });
  return present(row);
}

export type KeyCheck = { ok: true; actor: Actor } | { ok: false; detail: string };

/** Who a presented key stands for in `tenant`, or why it is refused. */
export async function authenticateApiKey({ db, tenant, key, requestId }: { db: Db; tenant: Tenant; key: string; requestId: string }): Promise<KeyCheck> {
  const m = KEY.exec(key);
  const refused = { ok: false as const, detail: "Clé d’API invalide, expirée ou révoquée." };
  if (!m) return refused;
  const [row] = await db.withTenant(tenant.id, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.prefix, m[1])).limit(1));
  if (!row || !sameBytes(new Uint8Array(row.hash), await sha256(key))) return refused;
  if (row.revokedAt || new Date(row.expiresAt).getTime() <= Date.now()) return refused;
  const actor: Actor = { kind: "api-key", id: row.id, permissions: row.permissions };
  if (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
    await db.write({ tenant, actor, requestId }, async (tx, journal) => {
      await tx.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
      await journal({ action: "identity.apikey.use", target: `api_keys/${row.id}`, summary: { prefix: row.prefix } });
    });
  }
  return { ok: true, actor };
}
