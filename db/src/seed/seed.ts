/**
 * Idempotent seed of the territory from the open data in db/seed/data: competences, communes,
 * tenants (EPCIs, then communes under them) and the EPCIs' transferred competences.
 * Running it twice changes nothing; a changed source file updates the rows it describes.
 */
import type pg from "pg";
import { eq, sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";
import { loadTerritoryData } from "./territory-data.ts";
import { seedWasteDemo } from "./waste-demo.ts";
import { bboxOf } from "../geo.ts";

/** Year of the INSEE legal populations in communes.csv. */
const POPULATION_YEAR = 2023;

export async function seedTerritory(pool: pg.Pool): Promise<{ tenants: number; communes: number }> {
  const data = loadTerritoryData();
  const db = drizzle(pool, { schema });
  return db.transaction(async (tx) => {
    for (const c of data.competences) {
      await tx
        .insert(schema.competences)
        .values(c)
        .onConflictDoUpdate({ target: schema.competences.code, set: { label: c.label, mandatoryForEpci: c.mandatoryForEpci } });
    }
    for (const c of data.communes) {
      const row = {
        insee: c.insee,
        name: c.name,
        postcode: c.postcode,
        siren: c.siren,
        epciSiren: c.epciSiren,
        population: c.population,
        populationTotal: c.populationTotal,
        populationYear: POPULATION_YEAR,
        boundary: c.boundary,
        bbox: bboxOf(c.boundary),
      };
      await tx.insert(schema.communes).values(row).onConflictDoUpdate({ target: schema.communes.insee, set: row });
    }
    const epciIds = new Map<string, string>();
    for (const e of data.epcis) {
      const [row] = await tx
        .insert(schema.tenants)
        .values({ slug: e.slug, kind: "epci", name: e.usageName, legalName: e.legalName, siren: e.siren })
        .onConflictDoUpdate({ target: schema.tenants.siren, set: { slug: e.slug, name: e.usageName, legalName: e.legalName } })
        .returning({ id: schema.tenants.id });
      epciIds.set(e.siren, row.id);
      // Tenant-owned rows are written under that tenant, as the application would (RLS applies to
      // a non-superuser owner such as Neon's).
      await tx.execute(sql`SELECT set_config('app.tenant_id', ${row.id}, true)`);
      for (const code of e.transferredCompetences) {
        await tx
          .insert(schema.competenceTransfers)
          .values({ tenantId: row.id, competenceCode: code })
          .onConflictDoNothing();
      }
    }
    for (const c of data.communes) {
      const values = {
        slug: c.slug,
        kind: "commune" as const,
        name: c.name,
        legalName: c.name,
        siren: c.siren,
        insee: c.insee,
        parentId: epciIds.get(c.epciSiren) ?? null,
      };
      await tx
        .insert(schema.tenants)
        .values(values)
        .onConflictDoUpdate({ target: schema.tenants.siren, set: values });
    }
    await seedDemoAccounts(tx);
    await seedMapDemo(tx);
    await seedWasteDemo(tx);
    await tx.execute(sql`SELECT set_config('app.tenant_id', '', true)`);
    return { tenants: data.epcis.length + data.communes.length, communes: data.communes.length };
  });
}

interface DemoAccount {
  email: string;
  name: string;
  memberships: Array<{ tenant: string; roles: string[] }>;
}

/** Fictional people with roles, so sign-in can be tried locally (db/seed/demo-accounts.json). */
async function seedDemoAccounts(tx: Parameters<Parameters<ReturnType<typeof drizzle<typeof schema>>["transaction"]>[0]>[0]) {
  const { accounts } = JSON.parse(readFileSync(new URL("../../seed/demo-accounts.json", import.meta.url), "utf8")) as { accounts: DemoAccount[] };
  for (const a of accounts) {
    const existing = await tx.select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.email, a.email)).limit(1);
    const personId = existing[0]?.id ?? (await tx.insert(schema.people).values({ displayName: a.name, email: a.email }).returning({ id: schema.people.id }))[0].id;
    for (const m of a.memberships) {
      const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, m.tenant)).limit(1);
      if (!tenant) throw new Error(`Compte de démonstration : collectivité inconnue « ${m.tenant} »`);
      await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
      for (const role of m.roles) {
        await tx.insert(schema.memberships).values({ tenantId: tenant.id, personId, role, grantedBy: "seed" }).onConflictDoNothing();
      }
    }
  }
}

interface DemoLayerFile {
  layers: Array<Omit<typeof schema.mapLayers.$inferInsert, "tenantId"> & { tenant: string; features: Array<Omit<typeof schema.mapFeatures.$inferInsert, "tenantId" | "layerId">> }>;
}

/**
 * The map's demonstration layers (db/seed/data/map-demo.json, `npm run map:demo`). A layer is
 * loaded only when the tenant does not have it yet: it is a starting point, and what agents change
 * afterwards survives restarts and later seeds.
 */
async function seedMapDemo(tx: Parameters<Parameters<ReturnType<typeof drizzle<typeof schema>>["transaction"]>[0]>[0]) {
  const file = new URL("../../seed/data/map-demo.json", import.meta.url);
  const { layers } = JSON.parse(readFileSync(file, "utf8")) as DemoLayerFile;
  for (const { tenant: slug, features, ...layer } of layers) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, slug)).limit(1);
    if (!tenant) throw new Error(`Couche de démonstration : collectivité inconnue « ${slug} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    const [created] = await tx.insert(schema.mapLayers).values({ ...layer, tenantId: tenant.id }).onConflictDoNothing().returning({ id: schema.mapLayers.id });
    if (!created) continue;
    for (let i = 0; i < features.length; i += 200) {
      await tx.insert(schema.mapFeatures).values(features.slice(i, i + 200).map((f) => ({ ...f, tenantId: tenant.id, layerId: created.id })));
    }
  }
}
