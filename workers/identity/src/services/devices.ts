/**
 * Devices of a tenant: registration, key rotation with overlap, revocation, and the check of a
 * signed request (clock window ±5 min, nonce never seen in the window, key valid, device active).
 */
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { deviceKeys, devices } from "@communa/db";
import { assertGrantable, notFound, type Actor, type Db, type SignedDeviceRequest, type Tenant, type TrustedContext } from "@communa/core";
import { SecretBox, deviceCanonical, verifyDeviceSignature } from "@communa/core";
export { SecretBox };
import { WINDOW_SECONDS } from "../device-nonces.ts";
import type { RegisteredDevice } from "@communa/contracts/rpc";
import { toBase64 } from "@communa/core/bytes";
import { isUuid } from "@communa/core/ids";
import { grantText } from "../messages.fr.ts";

export type DeviceKind = (typeof devices.$inferSelect)["kind"];

const present = (d: typeof devices.$inferSelect) => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  permissions: d.permissions,
  createdAt: new Date(d.createdAt).toISOString(),
  revokedAt: d.revokedAt ? new Date(d.revokedAt).toISOString() : null,
  lastSeenAt: d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : null,
});

async function newKey(tx: Parameters<Parameters<Db["write"]>[1]>[0], box: SecretBox, tenantId: string, deviceId: string) {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const [row] = await tx
    .insert(deviceKeys)
    .values({ tenantId, deviceId, secretCipher: new Uint8Array(), secretIv: new Uint8Array(12) })
    .returning({ id: deviceKeys.id });
  // The key id is bound into the ciphertext: a sealed secret moved to another row fails to open.
  const sealed = await box.seal(secret, row.id);
  await tx.update(deviceKeys).set({ secretCipher: sealed.cipher, secretIv: sealed.iv }).where(eq(deviceKeys.id, row.id));
  return { keyId: row.id, secret: toBase64(secret) };
}

export async function registerDevice({
  db,
  ctx,
  box,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  box: SecretBox;
  input: { kind: DeviceKind; name: string; permissions: string[] };
}) {
  assertGrantable(ctx.actor.kind === "anonymous" ? [] : ctx.actor.permissions, input.permissions);
  return db.write(ctx, async (tx, journal) => {
    const [device] = await tx
      .insert(devices)
      .values({ tenantId: ctx.tenant.id, kind: input.kind, name: input.name, permissions: [...new Set(input.permissions)].sort() })
      .returning();
    const key = await newKey(tx, box, ctx.tenant.id, device.id);
    await journal({
      action: "identity.device.register",
      target: `devices/${device.id}`,
      summary: { kind: input.kind, name: input.name, permissions: device.permissions, keyId: key.keyId },
    });
    return { ...present(device), ...key };
  });
}

export async function listDevices({ db, tenant }: { db: Db; tenant: Tenant }) {
  const rows = await db.withTenant(tenant.id, (tx) => tx.select().from(devices).orderBy(desc(devices.createdAt)));
  return rows.map(present);
}

/** A new key, valid at once; the current keys stay valid `overlapHours` longer. */
export async function rotateDeviceKey({ db, ctx, box, id, overlapHours }: { db: Db; ctx: TrustedContext; box: SecretBox; id: string; overlapHours: number }) {
  return db.write(ctx, async (tx, journal) => {
    const [device] = await tx
      .select()
      .from(devices)
      .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
      .limit(1);
    if (!device) throw notFound(grantText.deviceNotFound);
    await tx
      .update(deviceKeys)
      .set({ validUntil: sql`now() + make_interval(hours => ${overlapHours})` })
      .where(
        and(eq(deviceKeys.deviceId, id), or(isNull(deviceKeys.validUntil), gt(deviceKeys.validUntil, sql`now() + make_interval(hours => ${overlapHours})`))),
      );
    const key = await newKey(tx, box, ctx.tenant.id, id);
    await journal({ action: "identity.device.rotate", target: `devices/${id}`, summary: { keyId: key.keyId, overlapHours } });
    return key;
  });
}

export async function revokeDevice({ db, ctx, id }: { db: Db; ctx: TrustedContext; id: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [d] = await tx
      .update(devices)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
      .returning();
    if (!d) throw notFound(grantText.deviceNotFound);
    await journal({ action: "identity.device.revoke", target: `devices/${id}`, summary: { name: d.name } });
    return present(d);
  });
}

export type SignedRequest = SignedDeviceRequest;

export type DeviceCheck = { ok: true; actor: Actor } | { ok: false; detail: string };

export async function authenticateDevice({
  db,
  tenant,
  box,
  claimNonce,
  req,
  now = Date.now(),
}: {
  db: Db;
  tenant: Tenant;
  box: SecretBox;
  /** Records the nonce for this device; false if it was already used in the window. */
  claimNonce: (deviceId: string, nonce: string, nowSeconds: number) => Promise<boolean>;
  req: SignedRequest;
  now?: number;
}): Promise<DeviceCheck> {
  const refused = (detail: string) => ({ ok: false as const, detail });
  if (!isUuid(req.deviceId) || !isUuid(req.keyId) || !/^[A-Za-z0-9_-]{16,128}$/.test(req.nonce) || !/^\d{1,12}$/.test(req.timestamp)) {
    return refused("Signature d’équipement incomplète ou mal formée.");
  }
  const nowSeconds = Math.floor(now / 1000);
  if (Math.abs(nowSeconds - Number(req.timestamp)) > WINDOW_SECONDS)
    return refused("Horodatage hors de la fenêtre de ±5 minutes : vérifiez l’horloge de l’équipement.");
  const found = await db.withTenant(tenant.id, (tx) =>
    tx
      .select({ device: devices, key: deviceKeys })
      .from(deviceKeys)
      .innerJoin(devices, eq(devices.id, deviceKeys.deviceId))
      .where(and(eq(deviceKeys.id, req.keyId), eq(devices.id, req.deviceId)))
      .limit(1),
  );
  const row = found[0];
  if (!row) return refused("Équipement ou clé inconnus pour cette collectivité.");
  if (row.device.revokedAt) return refused("Équipement révoqué.");
  if (row.key.validUntil && new Date(row.key.validUntil).getTime() <= now) return refused("Clé d’équipement expirée (remplacée).");
  const secret = await box.open(new Uint8Array(row.key.secretCipher), new Uint8Array(row.key.secretIv), row.key.id);
  const text = deviceCanonical(req.method, req.pathAndQuery, req.timestamp, req.nonce, req.bodyDigest);
  if (!(await verifyDeviceSignature(secret, text, req.signature))) return refused("Signature d’équipement invalide.");
  // Only a correctly signed request may consume a nonce (otherwise anyone could burn them).
  if (!(await claimNonce(req.deviceId, req.nonce, nowSeconds))) return refused("Requête rejouée : ce nonce a déjà été utilisé.");
  return { ok: true, actor: { kind: "device", id: row.device.id, permissions: row.device.permissions } };
}

/**
 * The registry as the devices Worker reads it (over RPC, ADR 0025): active devices only, with
 * what it shows agents and uses to route events (kind, name, registration date).
 */
export async function activeDevices({ db, tenantId, id }: { db: Db; tenantId: string; id?: string }): Promise<RegisteredDevice[]> {
  const rows = await db.withTenant(tenantId, (tx) =>
    tx
      .select({ id: devices.id, kind: devices.kind, name: devices.name, createdAt: devices.createdAt })
      .from(devices)
      .where(id ? and(eq(devices.id, id), isNull(devices.revokedAt)) : isNull(devices.revokedAt))
      .orderBy(desc(devices.createdAt)),
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, registeredAt: new Date(r.createdAt).toISOString() }));
}
