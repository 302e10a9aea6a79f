/** A tenant's public contact card. */
import { eq, sql } from "drizzle-orm";
import { tenantProfiles } from "@communa/db";
import { invalid, type Db, type Tenant, type TrustedContext } from "@communa/core";
import { hoursError } from "@communa/core/hours";
import { fieldText } from "../messages.fr.ts";

export interface ProfileInput {
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  openingHours?: string | null;
}

const EMPTY = { address: null, phone: null, email: null, website: null, openingHours: null, updatedAt: null };

export async function getProfile({ db, tenant }: { db: Db; tenant: Tenant }) {
  const [row] = await db.withTenant(tenant.id, (tx) => tx.select().from(tenantProfiles).where(eq(tenantProfiles.tenantId, tenant.id)).limit(1));
  const { tenantId: _ignored, ...rest } = row ?? { tenantId: tenant.id, ...EMPTY };
  return { ...rest, updatedAt: rest.updatedAt ? new Date(rest.updatedAt).toISOString() : null };
}

export async function saveProfile({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: ProfileInput }) {
  const { tenant } = ctx;
  // The home page shows the hours as a week (TenantCard.astro): only a rule the library reads.
  const why = input.openingHours ? hoursError(input.openingHours) : null;
  if (why) throw invalid(undefined, [{ path: "body/openingHours", message: fieldText.openingHours(why) }]);
  await db.write(ctx, async (tx, journal) => {
    await tx
      .insert(tenantProfiles)
      .values({ tenantId: tenant.id, ...input })
      .onConflictDoUpdate({ target: tenantProfiles.tenantId, set: { ...input, updatedAt: sql`now()` } });
    await journal({ action: "territory.profile.update", target: `tenant_profiles/${tenant.id}`, summary: { ...input } });
  });
  return getProfile({ db, tenant });
}
