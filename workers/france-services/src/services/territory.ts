/** The communes of the tenant's territory (itself, or an EPCI's members): reference data. */
import { eq, sql } from "drizzle-orm";
import { communes, tenants } from "@communa/db";
import type { Db, TrustedContext } from "@communa/core";

export interface Commune {
  insee: string;
  name: string;
}

export async function territoryCommunes(db: Db, ctx: TrustedContext): Promise<Commune[]> {
  return db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ insee: communes.insee, name: communes.name })
      .from(communes)
      .innerJoin(tenants, sql`${tenants.insee} = ${communes.insee} OR (${tenants.kind} = 'epci' AND ${tenants.siren} = ${communes.epciSiren})`)
      .where(eq(tenants.id, ctx.tenant.id))
      .orderBy(communes.name),
  );
}
