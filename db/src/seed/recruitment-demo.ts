/**
 * The recruitment's demonstration notices (db/seed/data/recruitment-demo.json, fictional), so the
 * public job pages and the HR back office show something on a fresh platform: published on the
 * tenant's site on the day of the seed, the deadline 45 days later and the vacancy 60 days later.
 * Loaded only when the tenant has no notice yet: what HR does afterwards survives later seeds.
 * No declaration and no application are seeded: those go through the Worker (the back office).
 */
import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { addDays, parisDay } from "@communa/core/time";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];
type Vacancy = typeof schema.recruitmentVacancies.$inferInsert;

export const RECRUITMENT_DEMO_FILE = new URL("../../seed/data/recruitment-demo.json", import.meta.url);

export interface RecruitmentDemo {
  tenants: Array<{ tenant: string; vacancies: Array<Omit<Vacancy, "id" | "tenantId" | "reference" | "status" | "vacancyDate" | "applicationDeadline">> }>;
}

export const recruitmentDemo = (): RecruitmentDemo => JSON.parse(readFileSync(RECRUITMENT_DEMO_FILE, "utf8")) as RecruitmentDemo;

export async function seedRecruitmentDemo(tx: Tx, now = new Date()): Promise<void> {
  const today = parisDay(now);
  for (const t of recruitmentDemo().tenants) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, t.tenant)).limit(1);
    if (!tenant) throw new Error(`Offres de démonstration : collectivité inconnue « ${t.tenant} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    const [{ n }] = await tx.select({ n: count() }).from(schema.recruitmentVacancies).where(eq(schema.recruitmentVacancies.tenantId, tenant.id));
    if (n > 0) continue;
    const year = today.slice(0, 4);
    for (const [i, v] of t.vacancies.entries()) {
      const [row] = await tx
        .insert(schema.recruitmentVacancies)
        .values({
          ...v,
          tenantId: tenant.id,
          reference: `EMP-${year}-${String(i + 1).padStart(4, "0")}`,
          status: "published",
          vacancyDate: addDays(today, 60),
          applicationDeadline: addDays(today, 45),
        })
        .returning({ id: schema.recruitmentVacancies.id });
      await tx.insert(schema.recruitmentPublications).values({ tenantId: tenant.id, vacancyId: row.id, channel: "site", publishedAt: now });
    }
  }
}
