/** Tenant registry look-ups (reference data: no tenant scope needed). */
import { asc, eq, getTableColumns, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { communes, tenantIdentities, tenants } from "@communa/db";
import type { Db, Tenant, Tx } from "@communa/core";
import type { TenantDirectory } from "@communa/contracts/rpc";
import { identityView } from "./identity.ts";

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

/**
 * Every tenant of the platform and the communes they cover (public reference data: what the site
 * builds its tenant pages from). A commune appears once, with the slug of its tenant; an EPCI's
 * members are the commune tenants whose parent it is. Boundaries are the bulk: only when asked for.
 */
export async function listTenants({ db, withGeometry }: { db: Db; withGeometry: boolean }): Promise<TenantDirectory> {
  const parent = alias(tenants, "parent");
  const { boundary: boundaryColumn, bbox: _bbox, ...communeColumns } = getTableColumns(communes);
  const listing = await db.reference(async (tx) => {
    const rows = await tx
      .select({
        id: tenants.id,
        parentId: tenants.parentId,
        slug: tenants.slug,
        kind: tenants.kind,
        name: tenants.name,
        legalName: tenants.legalName,
        shortName: tenants.shortName,
        siren: tenants.siren,
        insee: tenants.insee,
        parent: parent.slug,
      })
      .from(tenants)
      .leftJoin(parent, eq(parent.id, tenants.parentId))
      .orderBy(asc(tenants.slug));
    const covered = await tx
      .select({ ...communeColumns, ...(withGeometry ? { boundary: boundaryColumn } : {}), tenant: tenants.slug })
      .from(communes)
      .innerJoin(tenants, eq(tenants.insee, communes.insee))
      .orderBy(asc(communes.insee));
    return {
      rows,
      communes: covered.map((c) => ({
        insee: c.insee,
        name: c.name,
        tenant: c.tenant,
        postcode: c.postcode,
        siren: c.siren,
        epciSiren: c.epciSiren,
        population: c.population,
        populationTotal: c.populationTotal,
        populationYear: c.populationYear,
        ...("boundary" in c && c.boundary ? { boundary: c.boundary } : {}),
      })),
    };
  });
  // Identities are tenant-owned ('shared': a tenant, its EPCI and its members read them): read as
  // each tenant at the top of a family, which sees its members' too.
  const identities = new Map<string, typeof tenantIdentities.$inferSelect>();
  for (const top of listing.rows.filter((r) => !r.parentId)) {
    const found = await db.withTenant(top.id, (tx) => tx.select().from(tenantIdentities));
    for (const i of found) identities.set(i.tenantId, i);
  }
  return {
    tenants: listing.rows.map(({ id, parentId: _p, ...r }) => {
      const { accent, accentDark, logo } = identityView(r.slug, identities.get(id));
      return { ...r, insee: r.insee ?? null, parent: r.parent ?? null, accent, accentDark, logo };
    }),
    communes: listing.communes,
  };
}
