/**
 * API keys for integrations. A key is `cmn_<prefix>_<secret>`: the prefix finds it, the SHA-256 of
 * the whole key proves it. Shown once at creation; never stored, never logged.
 *
 * A key is a person's delegation, never more (ADR 0008, "Keys act for a person"):
 * - it acts for the person who created it (a key created by a key acts for that key's person);
 * - at each use its permissions are its own ∩ what its person holds in the tenant now (roles as
 *   sessions compute them) ∩ what its parent key may do — so a person who loses a role loses it
 *   in their keys at once, and a key of no person can do nothing;
 * - one level of delegation: a key created with a session may create keys; those may not. A
 *   child never outlives its parent (expiry capped at the parent's), is refused once its parent is
 *   revoked or expired, and is revoked with it.
 */
import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { apiKeys } from "@communa/db";
import { sha256 } from "@communa/core/hash";
import { sameBytes, toBase64Url } from "@communa/core/bytes";
import { actorForPerson } from "./members.ts";
import { keyText } from "../messages.fr.ts";
import { AppError, assertGrantable, notFound, type Actor, type Db, type Journal, type Tenant, type TrustedContext, type Tx, type WriteTx } from "@communa/core";
import { isUuid } from "@communa/core/ids";

const KEY = /^cmn_([a-z2-7]{10})_([A-Za-z0-9_-]{43})$/;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
/** Longest life of a key; integrations rotate at least yearly. */
export const MAX_DAYS = 366;
/** Last use is recorded at most this often per key (each record is a journal entry). */
const TOUCH_EVERY_MS = 60_000;
/**
 * How far up the parent chain a check walks. New keys are one level deep at most; chains made
 * before that rule (migration 0035) may be deeper, and are still checked link by link.
 */
const MAX_CHAIN = 8;

type KeyRow = typeof apiKeys.$inferSelect;

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const live = (k: KeyRow, now: number) => !k.revokedAt && new Date(k.expiresAt).getTime() > now;

export interface NewKeyInput {
  name: string;
  permissions: string[];
  expiresInDays: number;
}

const present = (r: KeyRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  permissions: r.permissions,
  createdBy: r.createdBy,
  personId: r.personId,
  parentKeyId: r.parentKeyId,
  createdAt: new Date(r.createdAt).toISOString(),
  expiresAt: new Date(r.expiresAt).toISOString(),
  revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
  lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt).toISOString() : null,
});

/**
 * Who a new key acts for and what bounds it: a person creates a top-level key for themself; a
 * top-level key creates a child for its own person, living no longer than itself.
 */
async function delegation(tx: WriteTx, actor: Actor): Promise<{ personId: string | null; parent: KeyRow | null }> {
  if (actor.kind === "person") return { personId: isUuid(actor.id) ? actor.id : null, parent: null };
  if (actor.kind !== "api-key") throw new AppError("forbidden", keyText.creatorNotPerson);
  // Locked: a revocation of the parent running now either precedes this (and we refuse) or waits
  // and then revokes the child with it.
  const [parent] = await tx.select().from(apiKeys).where(eq(apiKeys.id, actor.id)).for("update");
  if (!parent || !live(parent, Date.now())) throw new AppError("forbidden", keyText.creatorNotPerson);
  if (parent.parentKeyId) throw new AppError("forbidden", keyText.tooDeep);
  return { personId: parent.personId, parent };
}

export async function createApiKey({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: NewKeyInput }) {
  // The caller's permissions are already their effective ones (a key's are narrowed at use).
  assertGrantable(ctx.actor.kind === "anonymous" ? [] : ctx.actor.permissions, input.permissions);
  const prefix = Array.from(random(10), (b) => BASE32[b & 31]).join("");
  const key = `cmn_${prefix}_${toBase64Url(random(32))}`;
  const [row, capped] = await db.write(ctx, async (tx, journal) => {
    const { personId, parent } = await delegation(tx, ctx.actor);
    const asked = Date.now() + input.expiresInDays * 86_400_000;
    const parentEnd = parent ? new Date(parent.expiresAt).getTime() : Infinity;
    const expiresAt = new Date(Math.min(asked, parentEnd));
    const rows = await tx
      .insert(apiKeys)
      .values({
        tenantId: ctx.tenant.id,
        name: input.name,
        prefix,
        hash: await sha256(key),
        permissions: [...new Set(input.permissions)].sort(),
        createdBy: ctx.actor.kind === "anonymous" ? "anonymous" : ctx.actor.id,
        personId,
        parentKeyId: parent?.id ?? null,
        expiresAt,
      })
      .returning();
    await journal({
      action: "identity.apikey.create",
      target: `api_keys/${rows[0].id}`,
      summary: {
        name: input.name,
        prefix,
        permissions: rows[0].permissions,
        expiresAt: expiresAt.toISOString(),
        personId,
        ...(parent ? { parentKeyId: parent.id, cappedToParent: asked > parentEnd } : {}),
      },
    });
    return [rows[0], asked > parentEnd] as const;
  });
  return { ...present(row), key, ...(capped ? { notice: keyText.capped } : {}) };
}

export async function listApiKeys({ db, tenant }: { db: Db; tenant: Tenant }) {
  const rows = await db.withTenant(tenant.id, (tx) => tx.select().from(apiKeys).orderBy(desc(apiKeys.createdAt)));
  return rows.map(present);
}

/** Revokes a key and every key it created (each journalled, with the cause). */
export async function revokeApiKey({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  const row = await db.write(ctx, async (tx, journal) => {
    const [r] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!r) throw notFound(keyText.noActiveKey);
    await journal({ action: "identity.apikey.revoke", target: `api_keys/${id}`, summary: { prefix: r.prefix, name: r.name } });
    let frontier = [r.id];
    for (let depth = 0; frontier.length && depth < MAX_CHAIN; depth++) {
      const children = await tx.select().from(apiKeys).where(inArray(apiKeys.parentKeyId, frontier));
      const open = children.filter((c) => !c.revokedAt).map((c) => c.id);
      if (open.length) {
        const revoked = await tx
          .update(apiKeys)
          .set({ revokedAt: sql`now()` })
          .where(and(inArray(apiKeys.id, open), isNull(apiKeys.revokedAt)))
          .returning();
        for (const c of revoked) {
          await journal({
            action: "identity.apikey.revoke",
            target: `api_keys/${c.id}`,
            summary: { prefix: c.prefix, name: c.name, cause: "parentRevoked", parentKeyId: c.parentKeyId },
          });
        }
      }
      frontier = children.map((c) => c.id);
    }
    return r;
  });
  return present(row);
}

/**
 * After a person's permissions in the tenant changed (roles set or removed): journals, for each of
 * their live keys, what the key can no longer do, or can do again (it is narrowed at each use).
 */
export async function journalKeyScope(
  tx: WriteTx,
  journal: Journal,
  { personId, before, after }: { personId: string; before: readonly string[]; after: readonly string[] },
): Promise<void> {
  const lostAll = before.filter((p) => !after.includes(p));
  const gainedAll = after.filter((p) => !before.includes(p));
  if (!lostAll.length && !gainedAll.length) return;
  const keys = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.personId, personId), isNull(apiKeys.revokedAt), gt(apiKeys.expiresAt, sql`now()`)));
  for (const k of keys) {
    const lost = k.permissions.filter((p) => lostAll.includes(p));
    const regained = k.permissions.filter((p) => gainedAll.includes(p));
    if (!lost.length && !regained.length) continue;
    await journal({ action: "identity.apikey.scope", target: `api_keys/${k.id}`, summary: { prefix: k.prefix, lost, regained, cause: "personRoles" } });
  }
}

/** The key and its ancestors, nearest first (stops at a missing link: the chain is then broken). */
async function chainOf(tx: Tx, key: KeyRow): Promise<{ ancestors: KeyRow[]; broken: boolean }> {
  const ancestors: KeyRow[] = [];
  let next = key.parentKeyId;
  while (next) {
    if (ancestors.length >= MAX_CHAIN) return { ancestors, broken: true };
    const [p] = await tx.select().from(apiKeys).where(eq(apiKeys.id, next)).limit(1);
    if (!p) return { ancestors, broken: true };
    ancestors.push(p);
    next = p.parentKeyId;
  }
  return { ancestors, broken: false };
}

export type KeyCheck = { ok: true; actor: Actor } | { ok: false; detail: string };

/** Who a presented key stands for in `tenant`, with what it may do now, or why it is refused. */
export async function authenticateApiKey({ db, tenant, key, requestId }: { db: Db; tenant: Tenant; key: string; requestId: string }): Promise<KeyCheck> {
  const m = KEY.exec(key);
  const refused = { ok: false as const, detail: keyText.refused };
  if (!m) return refused;
  const now = Date.now();
  const found = await db.withTenant(tenant.id, async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.prefix, m[1])).limit(1);
    if (!row || !sameBytes(new Uint8Array(row.hash), await sha256(key))) return null;
    return { row, ...(await chainOf(tx, row)) };
  });
  if (!found || !live(found.row, now)) return refused;
  if (found.broken || found.ancestors.some((a) => !live(a, now))) return { ok: false, detail: keyText.parentEnded };
  const { row, ancestors } = found;
  const held = row.personId ? (await actorForPerson({ db, tenant, personId: row.personId })).permissions : [];
  const permissions = [row, ...ancestors].reduce<string[]>((acc, k) => acc.filter((p) => k.permissions.includes(p)), [...held]).sort();
  const actor: Actor = { kind: "api-key", id: row.id, permissions, personId: row.personId };
  if (!row.lastUsedAt || now - new Date(row.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
    await db.write({ tenant, actor, requestId }, async (tx, journal) => {
      await tx.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.id));
      await journal({ action: "identity.apikey.use", target: `api_keys/${row.id}`, summary: { prefix: row.prefix } });
    });
  }
  return { ok: true, actor };
}
