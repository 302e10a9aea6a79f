/** Tenant registry look-ups (reference data: no tenant scope needed). */
import { eq, or } from "drizzle-orm";
import { tenants } from "@communa/db";
import type { Db, Tenant, Tx } from "@communa/core";

const columns = {
  id: tenants.id,
  slug: tenants.slug,
  kind: tenants.kind,
  name: tenants.name,
  siren: tenants.siren,
  insee: tenants.insee,
  parentId: tenants.parentId,
};

export async function tenantBySlug({ db, slug }: { db: Db; slug: string }): Promise<Tenant | null> {
  const rows = await db.reference((tx) => tx.select(columns).from(tenants).where(eq(tenants.slug, slug)).limit(1));
  return rows[0] ?? null;
}

/** The tenant, its EPCI and its member communes (what the tenant's sites show). */
export async function family(tx: Tx, tenant: Tenant) {
  const rows = await tx
    .select({ ...columns, legalName: tenants.legalName })
    .from(tenants)
    .where(tenant.parentId ? or(eq(tenants.id, tenant.id), eq(tenants.id, tenant.parentId)) : or(eq(tenants.id, tenant.id), eq(tenants.parentId, tenant.id)));
  return {
    self: rows.find((r) => r.id === tenant.id)!,
    parent: rows.find((r) => r.id === tenant.parentId) ?? null,
    members: rows.filter((r) => r.parentId === tenant.id),
  };
}
