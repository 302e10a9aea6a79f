/** A tenant's public contact card. */
import { eq, sql } from "drizzle-orm";
import { tenantProfiles } from "@communa/db";
import type { Db, Tenant } from "@communa/core";

export interface ProfileInput {
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  openingHours?: string | null;
}

const EMPTY = { address: null, phone: null, email: null, website: null, openingHours: null, updatedAt: null };

export async function getProfile({ db, tenant }: { db: Db; tenant: Tenant }) {
  const [row] = await db.withTenant(tenant.id, (tx) =>
    tx.select().from(tenantProfiles).where(eq(tenantProfiles.tenantId, tenant.id)).limit(1),
  );
  const { tenantId: _ignored, ...rest } = row ?? { tenantId: tenant.id, ...EMPTY };
  return { ...rest, updatedAt: rest.updatedAt ? new Date(rest.updatedAt).toISOString() : null };
}

export async function saveProfile({ db, tenant, input }: { db: Db; tenant: Tenant; input: ProfileInput }) {
  await db.withTenant(tenant.id, (tx) =>
    tx
      .insert(tenantProfiles)
      .values({ tenantId: tenant.id, ...input })
      .onConflictDoUpdate({ target: tenantProfiles.tenantId, set: { ...input, updatedAt: sql`now()` } }),
  );
  return getProfile({ db, tenant });
}
