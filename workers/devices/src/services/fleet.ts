/**
 * The fleet as agents see it: the tenant's registered devices (identity's registry, asked over RPC) with each one's
 * live session (its Durable Object), and the configuration an agent pushes to a device.
 */
import { notFound, rpcValue, type Db, type TrustedContext } from "@communa/core";
import type { DevicesBindings } from "../env.ts";
import type { DeviceStatus } from "../session.ts";
import type { DeviceConfig } from "./config.ts";
import { texts } from "../messages.fr.ts";

/** The Durable Object of one device of one tenant. */
export function sessionOf(env: DevicesBindings, tenantId: string, deviceId: string) {
  return env.DEVICE_SESSIONS.get(env.DEVICE_SESSIONS.idFromName(`${tenantId}:${deviceId}`));
}

export type FleetEntry = DeviceStatus & { kind: string; name: string; registeredAt: string };

export async function listFleet({ env, ctx, kinds }: { env: DevicesBindings; ctx: TrustedContext; kinds?: ReadonlySet<string> }): Promise<FleetEntry[]> {
  // Only the kinds asked for reach their Durable Objects (France services' view asks kiosks and screens).
  const rows = rpcValue(await env.IDENTITY.activeDevices({ id: ctx.tenant.id })).filter((r) => !kinds || kinds.has(r.kind));
  // One call per device, in parallel: a tenant's fleet is tens of devices, not thousands.
  const statuses = await Promise.all(rows.map((r) => sessionOf(env, ctx.tenant.id, r.id).status(ctx.tenant.id, r.id)));
  return rows.map((r, i) => ({ ...statuses[i], kind: r.kind, name: r.name, registeredAt: r.registeredAt }));
}

/** An active device of the tenant, from identity's registry (404 if unknown or revoked). */
async function activeDevice(env: DevicesBindings, tenantId: string, id: string) {
  const found = await env.IDENTITY.activeDevice({ id: tenantId }, id);
  if (!found.ok && found.problem.status === 404) throw notFound(texts.deviceNotFound);
  return rpcValue(found);
}

export async function oneDevice({ env, ctx, id }: { env: DevicesBindings; ctx: TrustedContext; id: string }): Promise<FleetEntry> {
  const row = await activeDevice(env, ctx.tenant.id, id);
  const status = await sessionOf(env, ctx.tenant.id, id).status(ctx.tenant.id, id);
  return { ...status, kind: row.kind, name: row.name, registeredAt: row.registeredAt };
}

/** Pushes a configuration (next version) to a device; journalled with the agent who did it. */
export async function pushConfig({
  db,
  env,
  ctx,
  id,
  config,
}: {
  db: Db;
  env: DevicesBindings;
  ctx: TrustedContext;
  id: string;
  config: DeviceConfig;
}): Promise<FleetEntry> {
  const row = await activeDevice(env, ctx.tenant.id, id);
  const by = ctx.actor.kind === "anonymous" ? "anonyme" : ctx.actor.id;
  return db.write(ctx, async (_tx, journal) => {
    const status = await sessionOf(env, ctx.tenant.id, id).setConfig(ctx.tenant.id, id, config, by);
    await journal({ action: "devices.config.push", target: `devices/${id}`, summary: { version: status.config.version, ...config } });
    return { ...status, kind: row.kind, name: row.name, registeredAt: row.registeredAt };
  });
}
