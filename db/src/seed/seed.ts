/**
 * Idempotent seed of the territory from the open data in db/seed/data: competences, communes,
 * tenants (EPCIs, then communes under them) and the EPCIs' transferred competences.
 * Running it twice changes nothing; a changed source file updates the rows it describes.
 */
import type pg from "pg";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "../schema/index.ts";
import { loadTerritoryData } from "./territory-data.ts";
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
    await tx.execute(sql`SELECT set_config('app.tenant_id', '', true)`);
    return { tenants: data.epcis.length + data.communes.length, communes: data.communes.length };
  });
}
