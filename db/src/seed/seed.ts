/**
 * Idempotent seed of the territory from the open data in db/seed/data: the competence catalogue,
 * then each EPCI of epcis.json onboarded with its communes (tenants, commune rows, transferred
 * competences) through the onboarding writer, then the demonstration accounts and layers.
 * Running it twice changes nothing; a changed source file updates the rows it describes.
 */
import type pg from "pg";
import { and, eq, sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";
import { loadTerritoryData, type CompetenceRecord, type EpciRecord, type TerritoryData } from "./territory-data.ts";
import { seedWasteDemo } from "./waste-demo.ts";
import { seedBookingDemo } from "./booking-demo.ts";
import { seedDirectoryDemo } from "./directory-demo.ts";
import { seedProfileDemo } from "./profile-demo.ts";
import { seedIdentityDemo } from "./identity-demo.ts";
import { seedCouncilDemo } from "./council-demo.ts";
import { seedCemeteryDemo } from "./cemetery-demo.ts";
import { seedStaffDemo } from "./staff-demo.ts";
import { seedCitizenDemo } from "./citizen-demo.ts";
import { seedRecruitmentDemo } from "./recruitment-demo.ts";
import { seedFranceServicesDemo } from "./france-services-demo.ts";
import { seedEconomyDemo } from "./economy-demo.ts";
import { seedSignageDemo } from "./signage-demo.ts";
import { applyPlan, type OwnerTx } from "../onboard/apply.ts";
import type { OnboardingPlan } from "../onboard/plan.ts";

/** Year of the INSEE legal populations in communes.csv. */
const POPULATION_YEAR = 2023;

export async function seedTerritory(pool: pg.Pool): Promise<{ tenants: number; communes: number }> {
  const data = loadTerritoryData();
  const db = drizzle(pool, { schema });
  return db.transaction(async (tx) => {
    await upsertCompetences(tx, data.competences);
    // Each EPCI of epcis.json is onboarded by the same code as `npm run tenant:add` (ADR 0023);
    // only the source of the facts differs (the repository's files).
    for (const e of data.epcis) {
      await applyPlan(tx, planFromSeedData(data, e));
      // The short name people use ("CCLVD"): a fact of the seed files, not of the national division.
      // Given once: an operator's own (`tenant:add --nom-court`) stays.
      await tx
        .update(schema.tenants)
        .set({ shortName: e.shortName })
        .where(and(eq(schema.tenants.siren, e.siren), sql`${schema.tenants.shortName} IS NULL`));
    }
    await seedDemoAccounts(tx);
    await seedMapDemo(tx);
    await seedWasteDemo(tx);
    await seedDirectoryDemo(tx);
    await seedProfileDemo(tx);
    await seedIdentityDemo(tx);
    await seedCouncilDemo(tx);
    await seedBookingDemo(tx);
    await seedCemeteryDemo(tx);
    await seedStaffDemo(tx);
    await seedCitizenDemo(tx);
    await seedRecruitmentDemo(tx);
    await seedEconomyDemo(tx);
    await seedFranceServicesDemo(tx);
    await seedSignageDemo(tx);
    await tx.execute(sql`SELECT set_config('app.tenant_id', '', true)`);
    return { tenants: data.epcis.length + data.communes.length, communes: data.communes.length };
  });
}

/** The onboarding plan of one EPCI of the seed files: its communes of communes.csv (all of them, or some when `partial`). */
export function planFromSeedData(data: TerritoryData, e: EpciRecord): OnboardingPlan {
  return {
    epci: { siren: e.siren, legalName: e.legalName, name: e.usageName, slug: e.slug, competences: e.transferredCompetences },
    communes: data.communes
      .filter((c) => c.epciSiren === e.siren)
      .map((c) => ({
        insee: c.insee,
        name: c.name,
        siren: c.siren,
        postcode: c.postcode,
        departement: c.insee.slice(0, 2),
        population: c.population,
        populationTotal: c.populationTotal,
        populationTotalFirm: true,
        populationYear: POPULATION_YEAR,
        boundary: c.boundary,
        slug: c.slug,
      })),
  };
}

/** The competence catalogue (reference data); returns how many entries were added or changed. */
export async function upsertCompetences(tx: OwnerTx, list: CompetenceRecord[]): Promise<number> {
  const current = new Map((await tx.select().from(schema.competences)).map((c) => [c.code, c]));
  let changes = 0;
  for (const c of list) {
    const had = current.get(c.code);
    if (had && had.label === c.label && had.mandatoryForEpci === c.mandatoryForEpci) continue;
    await tx
      .insert(schema.competences)
      .values(c)
      .onConflictDoUpdate({ target: schema.competences.code, set: { label: c.label, mandatoryForEpci: c.mandatoryForEpci } });
    changes++;
  }
  return changes;
}

interface DemoAccount {
  email: string;
  name: string;
  memberships: Array<{ tenant: string; roles: string[] }>;
}

/** Fictional people with roles, so sign-in can be tried locally (db/seed/demo-accounts.json). */
async function seedDemoAccounts(tx: OwnerTx) {
  const { accounts } = JSON.parse(readFileSync(new URL("../../seed/demo-accounts.json", import.meta.url), "utf8")) as { accounts: DemoAccount[] };
  for (const a of accounts) {
    const existing = await tx.select({ id: schema.people.id }).from(schema.people).where(eq(schema.people.email, a.email)).limit(1);
    const personId =
      existing[0]?.id ?? (await tx.insert(schema.people).values({ displayName: a.name, email: a.email }).returning({ id: schema.people.id }))[0].id;
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
  layers: Array<
    Omit<typeof schema.mapLayers.$inferInsert, "tenantId"> & {
      tenant: string;
      features: Array<Omit<typeof schema.mapFeatures.$inferInsert, "tenantId" | "layerId">>;
    }
  >;
}

/**
 * The map's demonstration layers (db/seed/data/map-demo.json, `npm run map:demo`). A layer is
 * loaded only when the tenant does not have it yet: it is a starting point, and what agents change
 * afterwards survives restarts and later seeds.
 */
async function seedMapDemo(tx: OwnerTx) {
  const file = new URL("../../seed/data/map-demo.json", import.meta.url);
  const { layers } = JSON.parse(readFileSync(file, "utf8")) as DemoLayerFile;
  for (const { tenant: slug, features, ...layer } of layers) {
    const [tenant] = await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.slug, slug)).limit(1);
    if (!tenant) throw new Error(`Couche de démonstration : collectivité inconnue « ${slug} »`);
    await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenant.id}, true)`);
    const [created] = await tx
      .insert(schema.mapLayers)
      .values({ ...layer, tenantId: tenant.id })
      .onConflictDoNothing()
      .returning({ id: schema.mapLayers.id });
    if (!created) continue;
    for (let i = 0; i < features.length; i += 200) {
      await tx.insert(schema.mapFeatures).values(features.slice(i, i + 200).map((f) => ({ ...f, tenantId: tenant.id, layerId: created.id })));
    }
  }
}
