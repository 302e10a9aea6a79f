/**
 * The demonstration accents (db/seed/data/identity-demo.json), checked as the API checks them
 * (@communa/contracts/colour, dark variant computed the same way). Set only when the tenant has no
 * identity yet: what agents choose in the back office (espace/identite/) survives later seeds.
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { checkAccent } from "@communa/contracts/colour";
import * as schema from "../schema/index.ts";
import type { OwnerTx } from "../onboard/apply.ts";

export interface DemoIdentity {
  tenant: string;
  accent: string;
}

export const IDENTITY_DEMO_FILE = new URL("../../seed/data/identity-demo.json", import.meta.url);

export function identityDemo(): DemoIdentity[] {
  return (JSON.parse(readFileSync(IDENTITY_DEMO_FILE, "utf8")) as { identities: DemoIdentity[] }).identities;
}

export async function seedIdentityDemo(tx: OwnerTx): Promise<void> {
  for (const { tenant: slug, accent } of identityDemo()) {
    const checked = checkAccent(accent);
    if (!checked.ok) throw new Error(`Identité de démonstration de « ${slug} » : la couleur ${accent} ne tient pas le contraste (${checked.pair}).`);
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, slug)).limit(1);
    if (!tenant) throw new Error(`Identité de démonstration : collectivité inconnue « ${slug} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    await tx.insert(schema.tenantIdentities).values({ tenantId: tenant.id, accent: checked.accent, accentDark: checked.dark }).onConflictDoNothing();
  }
}
