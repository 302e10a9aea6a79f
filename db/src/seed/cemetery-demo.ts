/**
 * Bailleval's FICTIONAL test cemetery (db/seed/data/cemetery-demo.json, issue #20): plots on the
 * plan, concessions of each category with dates relative to the day the seed runs (one in its
 * renewal window, one past it, one old enough for the abandonment procedure), a few deceased, the
 * council's grid, and the public grave search opened. Loaded once: if the tenant already has the
 * cemetery, nothing is touched (what agents change survives later seeds).
 */
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PlotType } from "@communa/contracts/cemetery";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];

interface DemoPlot {
  section: string;
  row: string;
  number: string;
  type: PlotType;
  capacity: number;
  surfaceM2?: number;
  x: number;
  y: number;
  concession?: {
    category: "temporary" | "thirty" | "fifty" | "perpetual";
    durationYears: number | null;
    yearsAgo: number;
    act: string;
    holder: string;
    heir?: [string, string, string];
  };
  /** [name, first name, buried N years ago] */
  deceased?: Array<[string, string, number]>;
}

export const CEMETERY_DEMO_FILE = new URL("../../seed/data/cemetery-demo.json", import.meta.url);

const yearsAgo = (n: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.toISOString().slice(0, 10);
};

export async function seedCemeteryDemo(tx: Tx): Promise<void> {
  const data = JSON.parse(readFileSync(CEMETERY_DEMO_FILE, "utf8")) as {
    tenant: string;
    cemetery: { name: string; address: string; planWidth: number; planHeight: number };
    publicSearch: boolean;
    tariffs: Array<typeof schema.tariffs.$inferInsert>;
    plots: DemoPlot[];
  };
  const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, data.tenant)).limit(1);
  if (!tenant) throw new Error(`Cimetière de démonstration : collectivité inconnue « ${data.tenant} »`);
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
  const [exists] = await tx
    .select({ id: schema.cemeteries.id })
    .from(schema.cemeteries)
    .where(and(eq(schema.cemeteries.tenantId, tenant.id), eq(schema.cemeteries.name, data.cemetery.name)))
    .limit(1);
  if (exists) return;
  const tenantId = tenant.id;
  await tx.insert(schema.cemeterySettings).values({ tenantId, publicSearch: data.publicSearch }).onConflictDoNothing();
  await tx
    .insert(schema.tariffs)
    .values(data.tariffs.map((t) => ({ ...t, tenantId })))
    .onConflictDoNothing();
  const [cem] = await tx
    .insert(schema.cemeteries)
    .values({ ...data.cemetery, tenantId, fictional: true })
    .returning({ id: schema.cemeteries.id });
  for (const p of data.plots) {
    const [plot] = await tx
      .insert(schema.plots)
      .values({
        tenantId,
        cemeteryId: cem.id,
        section: p.section,
        row: p.row,
        number: p.number,
        type: p.type,
        capacityTenths: Math.round(p.capacity * 10),
        surfaceM2: p.surfaceM2 ?? null,
        x: p.x,
        y: p.y,
      })
      .returning({ id: schema.plots.id });
    if (p.concession) {
      const c = p.concession;
      const tariff = data.tariffs.find((t) => t.category === c.category && (t.durationYears ?? null) === c.durationYears)!;
      const actDate = yearsAgo(c.yearsAgo);
      const [con] = await tx
        .insert(schema.concessions)
        .values({
          tenantId,
          plotId: plot.id,
          category: c.category,
          durationYears: c.durationYears,
          actNumber: c.act,
          actDate,
          startsOn: actDate,
          priceCents: tariff.priceCents,
          deliberation: tariff.deliberation,
        })
        .returning({ id: schema.concessions.id });
      const people: Array<typeof schema.concessionPeople.$inferInsert> = [
        { tenantId, concessionId: con.id, role: "holder", name: c.holder, address: "Adresse fictive" },
      ];
      if (c.heir)
        people.push({
          tenantId,
          concessionId: con.id,
          role: "heir",
          name: c.heir[0],
          firstName: c.heir[1],
          relationship: c.heir[2],
          address: "Adresse fictive",
        });
      await tx.insert(schema.concessionPeople).values(people);
    }
    for (const [name, firstName, ago] of p.deceased ?? [])
      await tx
        .insert(schema.deceased)
        .values({ tenantId, plotId: plot.id, name, firstName, deathDate: yearsAgo(ago), burialDate: yearsAgo(ago), remains: "coffin" });
  }
}
