/** What the nightly jobs share: every tenant in turn, each acting under a named system actor (journalled as such). */
import { schema } from "@communa/db";
import { requestId, type Db, type Tenant, type TrustedContext } from "@communa/core";

export const systemContext = (tenant: Tenant, job: string): TrustedContext => ({
  tenant,
  actor: { kind: "api-key", id: `systeme:${job}`, permissions: [] },
  requestId: requestId(),
});

export async function allTenants(db: Db): Promise<Tenant[]> {
  const rows = await db.reference((tx) => tx.select().from(schema.tenants));
  return rows.map((t) => ({ id: t.id, slug: t.slug, kind: t.kind, name: t.name, siren: t.siren, insee: t.insee, parentId: t.parentId }));
}
