/**
 * The booking module's demonstration data (db/seed/data/booking-demo.json): Rantigny's hall, room
 * and loanable equipment, the CCLVD third place's room, machines and repair café — fictional, and
 * marked so (`fictional`). Tariff lines carry the (made-up) deliberation of each tenant. Loaded
 * only when the tenant has no resources yet, so what agents change survives later seeds.
 */
import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];
type RenterKind = (typeof schema.RENTER_KINDS)[number];

interface DemoFile {
  tenants: Array<{
    tenant: string;
    deliberation: { number: string; date: string };
    resources: Array<{
      kind: (typeof schema.RESOURCE_KINDS)[number];
      name: string;
      description?: string;
      capacity?: number;
      quantity?: number;
      stepFree?: boolean;
      accessibility?: string;
      equipment?: string[];
      rules?: string;
      requiresTraining?: boolean;
      tariffs: Array<{ renterKind: RenterKind; unit: "hour" | "day" | "booking"; amountCents: number }>;
    }>;
  }>;
}

export const BOOKING_DEMO_FILE = new URL("../../seed/data/booking-demo.json", import.meta.url);

export async function seedBookingDemo(tx: Tx): Promise<void> {
  const data = JSON.parse(readFileSync(BOOKING_DEMO_FILE, "utf8")) as DemoFile;
  for (const t of data.tenants) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, t.tenant)).limit(1);
    if (!tenant) throw new Error(`Données de démonstration réservations : collectivité inconnue « ${t.tenant} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    const [{ n }] = await tx.select({ n: count() }).from(schema.bookingResources).where(eq(schema.bookingResources.tenantId, tenant.id));
    if (n > 0) continue;
    for (const { tariffs, ...r } of t.resources) {
      const [row] = await tx
        .insert(schema.bookingResources)
        .values({ ...r, tenantId: tenant.id, fictional: true })
        .returning({ id: schema.bookingResources.id });
      for (const line of tariffs)
        await tx.insert(schema.bookingTariffs).values({
          ...line,
          tenantId: tenant.id,
          resourceId: row.id,
          deliberationNumber: t.deliberation.number,
          deliberationDate: t.deliberation.date,
          validFrom: t.deliberation.date,
        });
    }
  }
}
