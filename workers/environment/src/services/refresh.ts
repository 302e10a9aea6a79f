/**
 * The nightly refresh (cron, wrangler.toml; ADR 0035): what the service follows is kept up to date
 * without an agent — the validated levels of each Hub'Eau station over the last 30 days (Hub'Eau
 * validates with a delay and corrects past days: the import is idempotent and updates a changed
 * day) and its raw real-time levels (`chroniques_tr`) of the last 10 days, and, for a territory that has already imported its water, the networks of the year and
 * the results of the last 90 days. Journalled under the system. A tenant that follows nothing asks
 * Hub'Eau nothing; a failure (Hub'Eau down after its retries) is reported and the next step runs.
 */
import { and, count, eq } from "drizzle-orm";
import { envPiezoStations, envWaterSamples } from "@communa/db";
import { addDays, log, parisDay, parisYear, type Db, type Tenant } from "@communa/core";
import { allTenants, systemContext } from "./jobs.ts";
import type { HubeauDeps, HubeauLimits } from "./hubeau.ts";
import { importChroniques, importRawChroniques } from "./groundwater.ts";
import { importWater } from "./water-import.ts";
import { territoryCommunes } from "./water.ts";

/** Days looked back at each refresh: levels (validated late), water results (published late). */
export const REFRESH_DAYS = { groundwater: 30, raw: 10, water: 90 } as const;

export interface RefreshReport {
  stations: { code: string; inserted: number; raw: number }[];
  water: { samples: number; results: number } | null;
  failures: string[];
}

/** One tenant's refresh at `now`. */
export async function refreshTenant(
  { db, hubeau, limits }: { db: Db; hubeau: HubeauDeps; limits?: HubeauLimits },
  tenant: Tenant,
  now = new Date(),
): Promise<RefreshReport> {
  const ctx = systemContext(tenant, "actualisation-hubeau");
  const today = parisDay(now);
  const report: RefreshReport = { stations: [], water: null, failures: [] };
  const { stations, samples } = await db.withTenant(tenant.id, async (tx) => ({
    stations: await tx
      .select({ id: envPiezoStations.id, code: envPiezoStations.code })
      .from(envPiezoStations)
      .where(and(eq(envPiezoStations.tenantId, tenant.id), eq(envPiezoStations.kind, "hubeau"))),
    samples: (
      await tx
        .select({ n: count() })
        .from(envWaterSamples)
        .where(and(eq(envWaterSamples.tenantId, tenant.id), eq(envWaterSamples.source, "ars")))
    )[0].n,
  }));
  for (const s of stations) {
    try {
      const r = await importChroniques({ db, ctx, hubeau, limits }, { stationId: s.id, from: addDays(today, -REFRESH_DAYS.groundwater), to: today });
      // The raw real-time levels of the last days, until the validated ones replace them.
      const raw = await importRawChroniques({ db, ctx, hubeau, limits }, { stationId: s.id, from: addDays(today, -REFRESH_DAYS.raw), to: today });
      report.stations.push({ code: s.code, inserted: r.inserted, raw: raw.inserted });
    } catch (err) {
      report.failures.push(`station ${s.code} : ${(err as Error).message}`);
    }
  }
  if (samples > 0) {
    try {
      const r = await importWater(
        { db, ctx, hubeau, limits },
        { communes: await territoryCommunes(db, ctx), year: parisYear(now), from: addDays(today, -REFRESH_DAYS.water), to: today },
      );
      report.water = { samples: r.samples.inserted + r.samples.updated, results: r.results.inserted + r.results.updated };
    } catch (err) {
      report.failures.push(`eau potable : ${(err as Error).message}`);
    }
  }
  return report;
}

/** Every tenant in turn; what each did is logged (no personal data: codes and counts). */
export async function refreshAll(deps: { db: Db; hubeau: HubeauDeps }, now = new Date()): Promise<void> {
  for (const t of await allTenants(deps.db)) {
    const r = await refreshTenant(deps, t, now);
    if (r.stations.length || r.water || r.failures.length) log(r.failures.length ? "warn" : "info", "actualisation Hub'Eau", { tenant: t.slug, ...r });
  }
}
