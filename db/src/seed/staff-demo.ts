/**
 * The digital safe's demonstration staff (db/seed/data/staff-demo.json, fictional): 30 agents of the
 * CCLVD and 3 of Laigneville, with their payroll numbers; those with a demonstration account read
 * their own safe with it. No document is seeded: documents are encrypted by the staff Worker with
 * keys only it holds, so they are deposited through it (the back office, or the API).
 * Loaded only when the tenant has no agent yet: what HR changes afterwards survives later seeds.
 */
import { readFileSync } from "node:fs";
import { count, eq, inArray, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];

export const STAFF_DEMO_FILE = new URL("../../seed/data/staff-demo.json", import.meta.url);

export interface StaffDemo {
  tenants: Array<{
    tenant: string;
    agents: Array<{ payrollNumber: string; name: string; service: string; position: string; birthYear: number; email: string; accountEmail?: string }>;
  }>;
}

export const staffDemo = (): StaffDemo => JSON.parse(readFileSync(STAFF_DEMO_FILE, "utf8")) as StaffDemo;

export async function seedStaffDemo(tx: Tx): Promise<void> {
  for (const t of staffDemo().tenants) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, t.tenant)).limit(1);
    if (!tenant) throw new Error(`Coffre de démonstration : collectivité inconnue « ${t.tenant} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    const [{ n }] = await tx.select({ n: count() }).from(schema.staffAgents).where(eq(schema.staffAgents.tenantId, tenant.id));
    if (n > 0) continue;
    const emails = t.agents.flatMap((a) => (a.accountEmail ? [a.accountEmail] : []));
    const people = new Map(
      emails.length
        ? (await tx.select({ id: schema.people.id, email: schema.people.email }).from(schema.people).where(inArray(schema.people.email, emails))).map((p) => [
            p.email,
            p.id,
          ])
        : [],
    );
    await tx.insert(schema.staffAgents).values(
      t.agents.map((a) => ({
        tenantId: tenant.id,
        payrollNumber: a.payrollNumber,
        personId: (a.accountEmail && people.get(a.accountEmail)) || null,
        name: a.name,
        email: a.email,
        service: a.service,
        position: a.position,
        birthYear: a.birthYear,
      })),
    );
  }
}
