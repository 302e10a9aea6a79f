/**
 * The fleet as agents see it: the tenant's registered devices (identity's registry) with each one's
 * live session (its Durable Object), and the configuration an agent pushes to a device.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { devices } from "@communa/db";
import { notFound, type Db, type TrustedContext } from "@communa/core";
import type { DevicesBindings } from "../env.ts";
import type { DeviceStatus } from "../session.ts";
import type { DeviceConfig } from "./config.ts";
import { texts } from "../messages.fr.ts";

/** The Durable Object of one device of one tenant. */
export function sessionOf(env: DevicesBindings, tenantId: string, deviceId: string) {
  return env.DEVICE_SESSIONS.get(env.DEVICE_SESSIONS.idFromName(`${tenantId}:${deviceId}`));
}

export type FleetEntry = DeviceStatus & { kind: string; name: string; registeredAt: string };

export async function listFleet({ db, env, ctx }: { db: Db; env: DevicesBindings; ctx: TrustedContext }): Promise<FleetEntry[]> {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select({ id: devices.id, kind: devices.kind, name: devices.name, createdAt: devices.createdAt }).from(devices).where(isNull(devices.revokedAt)).orderBy(desc(devices.createdAt)),
  );
  // One call per device, in parallel: a tenant's fleet is tens of devices, not thousands.
  const statuses = await Promise.all(rows.map((r) => sessionOf(env, ctx.tenant.id, r.id).status(ctx.tenant.id, r.id)));
  return rows.map((r, i) => ({ ...statuses[i], kind: r.kind, name: r.name, registeredAt: new Date(r.createdAt).toISOString() }));
}

async function activeDevice(db: Db, tenantId: string, id: string) {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx.select({ id: devices.id, kind: devices.kind, name: devices.name, createdAt: devices.createdAt }).from(devices).where(and(eq(devices.id, id), isNull(devices.revokedAt))).limit(1),
  );
  if (!row) throw notFound(texts.deviceNotFound);
  return row;
}

export async function oneDevice({ db, env, ctx, id }: { db: Db; env: DevicesBindings; ctx: TrustedContext; id: string }): Promise<FleetEntry> {
  const row = await activeDevice(db, ctx.tenant.id, id);
  const status = await sessionOf(env, ctx.tenant.id, id).status(ctx.tenant.id, id);
  return { ...status, kind: row.kind, name: row.name, registeredAt: new Date(row.createdAt).toISOString() };
}

/** Pushes a configuration (next version) to a device; journalled with the agent who did it. */
export async function pushConfig({ db, env, ctx, id, config }: { db: Db; env: DevicesBindings; ctx: TrustedContext; id: string; config: DeviceConfig }): Promise<FleetEntry> {
  const row = await activeDevice(db, ctx.tenant.id, id);
  const by = ctx.actor.kind === "anonymous" ? "anonyme" : ctx.actor.id;
  return db.write(ctx, async (_tx, journal) => {
    const status = await sessionOf(env, ctx.tenant.id, id).setConfig(ctx.tenant.id, id, config, by);
    await journal({ action: "devices.config.push", target: `devices/${id}`, summary: { version: status.config.version, ...config } });
    return { ...status, kind: row.kind, name: row.name, registeredAt: new Date(row.createdAt).toISOString() };
  });
}
