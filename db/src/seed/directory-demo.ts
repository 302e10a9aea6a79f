/**
 * The directory's demonstration listings (db/seed/data/directory-demo.json): farms, craftsmen, a
 * bakery and a market of the CCLVD, published, so that the directory, its listing pages and the
 * "in season" search show something on a fresh `npm run dev`. A listing is loaded only when the
 * tenant has none with its address (commune and slug): what agents and merchants change survives
 * later seeds, and a listing they delete is not brought back while another one holds its address.
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];

export interface DemoListing {
  slug: string;
  name: string;
  category: string;
  siret: string;
  description: string;
  address: string;
  communeInsee: string;
  communeName: string;
  lon: number;
  lat: number;
  phone: string;
  openingHours: string;
  labels: string[];
  products: Array<{ name: string; months: number[]; channels: string[] }>;
}

export const DIRECTORY_DEMO_FILE = new URL("../../seed/data/directory-demo.json", import.meta.url);

export function directoryDemo(): { tenant: string; listings: DemoListing[] } {
  return JSON.parse(readFileSync(DIRECTORY_DEMO_FILE, "utf8")) as { tenant: string; listings: DemoListing[] };
}

export async function seedDirectoryDemo(tx: Tx): Promise<void> {
  const data = directoryDemo();
  const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, data.tenant)).limit(1);
  if (!tenant) throw new Error(`Annuaire de démonstration : collectivité inconnue « ${data.tenant} »`);
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
  for (const { products, ...listing } of data.listings) {
    const [created] = await tx
      .insert(schema.businesses)
      .values({ ...listing, tenantId: tenant.id, status: "published", publishedAt: sql`now()` })
      .onConflictDoNothing()
      .returning({ id: schema.businesses.id });
    if (created && products.length) await tx.insert(schema.products).values(products.map((p) => ({ ...p, tenantId: tenant.id, businessId: created.id })));
  }
}
