/** Communes of a tenant and its boundary. */
import { asc, eq, getTableColumns } from "drizzle-orm";
import union from "@turf/union";
import { featureCollection, feature } from "@turf/helpers";
import { communes, tenants } from "@communa/db";
import { notFound, type Db, type Tenant } from "@communa/core";
import { notFoundText } from "../messages.fr.ts";

export type Commune = Omit<typeof communes.$inferSelect, "boundary"> & {
  tenantSlug: string | null;
  boundary?: GeoJSON.Polygon | GeoJSON.MultiPolygon;
};

/**
 * The communes a tenant covers: an EPCI's members; a commune itself. Communes are INSEE reference
 * data; the tenant registry says which commune tenant stands for which INSEE code. Boundaries are
 * the bulk of the data: read only when asked for.
 */
export async function listCommunes({ db, tenant, withGeometry = true }: { db: Db; tenant: Tenant; withGeometry?: boolean }): Promise<Commune[]> {
  const { boundary: boundaryColumn, ...rest } = getTableColumns(communes);
  return db.withTenant(tenant.id, async (tx) => {
    const covered = tenant.kind === "epci" ? eq(tenants.parentId, tenant.id) : eq(tenants.id, tenant.id);
    return tx
      .select({ ...rest, ...(withGeometry ? { boundary: boundaryColumn } : {}), tenantSlug: tenants.slug })
      .from(communes)
      .innerJoin(tenants, eq(tenants.insee, communes.insee))
      .where(covered)
      .orderBy(asc(communes.name));
  });
}

export async function getCommune({ db, tenant, insee }: { db: Db; tenant: Tenant; insee: string }): Promise<Commune> {
  const all = await listCommunes({ db, tenant });
  const found = all.find((c) => c.insee === insee);
  if (!found) throw notFound(notFoundText.communeOutside(insee));
  return found;
}

/** The tenant's outline: a commune's polygon, or the union of an EPCI's member communes. */
export async function boundary({ db, tenant }: { db: Db; tenant: Tenant }): Promise<GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>> {
  const members = await listCommunes({ db, tenant });
  if (members.length === 0) throw notFound(notFoundText.noCommunes);
  const props = { tenant: tenant.slug, name: tenant.name, communes: members.map((m) => m.insee) };
  if (members.length === 1) return feature(members[0].boundary!, props);
  const merged = union(featureCollection(members.map((m) => feature(m.boundary!))));
  if (!merged) throw notFound("Contour indisponible.");
  return { ...merged, properties: props };
}
