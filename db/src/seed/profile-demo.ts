/**
 * The demonstration cards (db/seed/data/profile-demo.json): the address, contacts and opening
 * hours the CCLVD's and Liancourt's home pages show on a fresh `npm run dev`. A card is loaded only
 * when the tenant has none: what agents change in the back office (espace/fiche/) survives later seeds.
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import * as schema from "../schema/index.ts";
import type { OwnerTx } from "../onboard/apply.ts";

export interface DemoProfile {
  tenant: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
}

export const PROFILE_DEMO_FILE = new URL("../../seed/data/profile-demo.json", import.meta.url);

export function profileDemo(): DemoProfile[] {
  return (JSON.parse(readFileSync(PROFILE_DEMO_FILE, "utf8")) as { profiles: DemoProfile[] }).profiles;
}

export async function seedProfileDemo(tx: OwnerTx): Promise<void> {
  for (const { tenant: slug, ...card } of profileDemo()) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, slug)).limit(1);
    if (!tenant) throw new Error(`Fiche de démonstration : collectivité inconnue « ${slug} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    await tx
      .insert(schema.tenantProfiles)
      .values({ ...card, tenantId: tenant.id })
      .onConflictDoNothing();
  }
}
