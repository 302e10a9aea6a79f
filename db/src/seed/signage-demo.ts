/**
 * The demonstration display boards (db/seed/data/signage-demo.json, ADR 0046): which public-service
 * links the CCLVD's and Rantigny's kiosks offer (Oise Mobilité among them) and the desks their
 * screens show. Loaded only when the tenant has no board: what agents publish survives later seeds.
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { boardSchema } from "@communa/contracts/signage";
import * as schema from "../schema/index.ts";
import type { OwnerTx } from "../onboard/apply.ts";

const FILE = new URL("../../seed/data/signage-demo.json", import.meta.url);

export async function seedSignageDemo(tx: OwnerTx): Promise<void> {
  const { boards } = JSON.parse(readFileSync(FILE, "utf8")) as { boards: { tenant: string; content: unknown }[] };
  for (const { tenant: slug, content } of boards) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, slug)).limit(1);
    if (!tenant) throw new Error(`Affichage de démonstration : collectivité inconnue « ${slug} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    await tx
      .insert(schema.signageBoards)
      .values({ tenantId: tenant.id, content: boardSchema.parse(content) })
      .onConflictDoNothing();
  }
}
