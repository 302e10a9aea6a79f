/**
 * The citizen relations module's demonstration data (db/seed/data/citizen-demo.json): Rantigny's
 * mairie (a desk motif, a call-back motif, two request types) and the CCLVD's housing advice (a
 * visio motif) — fictional, and said so in the file. Each agent is a demonstration account, found
 * by e-mail, so that signing in as one shows their agenda and their visio banner. Loaded only when
 * the tenant has no citizen service yet, so what agents change survives later seeds.
 */
import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";

type Tx = Parameters<Parameters<NodePgDatabase<typeof schema>["transaction"]>[0]>[0];
type Motif = Omit<typeof schema.citizenMotifs.$inferInsert, "id" | "tenantId" | "serviceId" | "createdAt">;
type RequestType = Omit<typeof schema.citizenRequestTypes.$inferInsert, "id" | "tenantId" | "serviceId">;

interface DemoFile {
  tenants: Array<{
    tenant: string;
    service: { name: string; description: string; contactEmail: string; contactPhone: string; contactAddress: string };
    place: { name: string; address: string; communeInsee: string | null; desks: string[] };
    agents: Array<{ email: string; displayName: string; ranges: Array<{ weekdays: number[]; start: string; end: string }> }>;
    motifs: Motif[];
    requestTypes: RequestType[];
  }>;
}

export const CITIZEN_DEMO_FILE = new URL("../../seed/data/citizen-demo.json", import.meta.url);

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export async function seedCitizenDemo(tx: Tx): Promise<void> {
  const data = JSON.parse(readFileSync(CITIZEN_DEMO_FILE, "utf8")) as DemoFile;
  for (const t of data.tenants) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, t.tenant)).limit(1);
    if (!tenant) throw new Error(`Données de démonstration accueil : collectivité inconnue « ${t.tenant} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    const [{ n }] = await tx.select({ n: count() }).from(schema.citizenServices).where(eq(schema.citizenServices.tenantId, tenant.id));
    if (n > 0) continue;
    const [service] = await tx
      .insert(schema.citizenServices)
      .values({ ...t.service, tenantId: tenant.id })
      .returning({ id: schema.citizenServices.id });
    const { desks, ...place } = t.place;
    const [p] = await tx
      .insert(schema.citizenPlaces)
      .values({ ...place, tenantId: tenant.id })
      .returning({ id: schema.citizenPlaces.id });
    if (desks.length) await tx.insert(schema.citizenDesks).values(desks.map((label) => ({ tenantId: tenant.id, placeId: p.id, label })));
    for (const a of t.agents) {
      const [person] = await tx.select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.email, a.email)).limit(1);
      if (!person) throw new Error(`Données de démonstration accueil : aucun compte de démonstration « ${a.email} »`);
      const [agent] = await tx
        .insert(schema.citizenAgents)
        .values({ tenantId: tenant.id, serviceId: service.id, personId: person.id, displayName: a.displayName })
        .returning({ id: schema.citizenAgents.id });
      for (const r of a.ranges)
        for (const weekday of r.weekdays)
          await tx.insert(schema.citizenOpeningRules).values({
            tenantId: tenant.id,
            agentId: agent.id,
            placeId: p.id,
            weekday,
            startMinute: minutes(r.start),
            endMinute: minutes(r.end),
            validFrom: "2026-01-01",
          });
    }
    for (const motif of t.motifs) await tx.insert(schema.citizenMotifs).values({ ...motif, tenantId: tenant.id, serviceId: service.id });
    for (const type of t.requestTypes) await tx.insert(schema.citizenRequestTypes).values({ ...type, tenantId: tenant.id, serviceId: service.id });
  }
}
